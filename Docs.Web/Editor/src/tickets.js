// Collaboration tickets come from Docs.Api through the gateway, which attaches the session's access
// token; the browser only proves it is this page (antiforgery header). Each (re)connection asks for a
// fresh ticket, which also says whether the user may write now; until the first one, the page's word
// (so that a page reloaded while the collaboration server is away still takes typing into its local copy).
export function ticketSource(documentId, antiforgeryToken, canWrite) {
  const source = {
    canWrite,
    onChange: () => {},
    next: async () => {
      const response = await fetch(`/api/v1.0/documents/${encodeURIComponent(documentId)}/collaboration-ticket/`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-XSRF-TOKEN': antiforgeryToken, Accept: 'application/json' },
      })
      if (!response.ok) {
        throw new Error(`No collaboration ticket (${response.status})`)
      }
      const body = await response.json()
      if (source.canWrite !== body.can_write) {
        source.canWrite = body.can_write
        source.onChange()
      }
      return body.ticket
    },
  }
  return source
}

// Image, file, audio and video blocks upload to Docs.Api through the gateway (which attaches the session's
// access token; the browser proves it is this page with the antiforgery header). The answer is the
// file's /media/ URL, which the block keeps: readers of the document are served it, nobody else.
export function attachmentUploader(documentId, antiforgeryToken) {
  return async file => {
    const body = new FormData()
    body.append('file', file)
    const response = await fetch(`/api/v1.0/documents/${encodeURIComponent(documentId)}/attachment-upload/`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-XSRF-TOKEN': antiforgeryToken, Accept: 'application/json' },
      body,
    })
    if (!response.ok) {
      // The API's problem details say why (too large, a refused type): the editor shows the message.
      const problem = await response.json().catch(() => null)
      throw new Error(problem?.detail ?? `The file could not be uploaded (${response.status}).`)
    }
    return (await response.json()).file
  }
}

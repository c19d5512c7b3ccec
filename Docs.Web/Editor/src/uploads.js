// Image, file, audio and video blocks upload to Docs.Api through the gateway (which attaches the session's
// access token; the browser proves it is this page with the antiforgery header). The answer is the
// file's /media/ URL, which the block keeps: readers of the document are served it, nobody else.
export function attachmentUploader(documentId, antiforgeryToken, onRefused) {
  return async file => {
    const body = new FormData()
    body.append('file', file)
    const response = await fetch(`/api/v1.0/documents/${encodeURIComponent(documentId)}/attachment-upload/`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-XSRF-TOKEN': antiforgeryToken, Accept: 'application/json' },
      body,
    }).catch(() => null)
    if (!response?.ok) {
      // The API's problem details say why (too large, a refused type); BlockNote itself only says "failed".
      const problem = await response?.json().catch(() => null)
      const message = `${file.name}: ${problem?.detail ?? 'the file could not be uploaded.'}`
      onRefused(message)
      throw new Error(message)
    }
    return (await response.json()).file
  }
}

// The reason an upload failed, above the editor for a few seconds (announced to screen readers).
export function showUploadError(editorElement, message) {
  const notice = document.createElement('p')
  notice.className = 'notice error upload-error'
  notice.setAttribute('role', 'alert')
  notice.textContent = message
  editorElement.before(notice)
  setTimeout(() => notice.remove(), 8000)
}

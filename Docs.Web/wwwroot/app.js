// Page-wide helpers for the Blazor UI (no inline scripts: the content security policy forbids them).
window.docsUi = {
  // Light ↔ dark, from the theme shown (the system's until the first click), so every click changes
  // something; remembered in a cookie so the server renders the page in the chosen theme. Returns the new one.
  toggleTheme() {
    const root = document.documentElement
    const next = this.effectiveTheme() === 'dark' ? 'light' : 'dark'
    root.dataset.theme = next
    document.cookie = `docs.theme=${next}; path=/; max-age=31536000; samesite=lax`
    window.dispatchEvent(new CustomEvent('docs-theme'))
    return next
  },
  // The theme actually shown: the choice, or the system's.
  effectiveTheme() {
    const chosen = document.documentElement.dataset.theme
    if (chosen === 'light' || chosen === 'dark') return chosen
    return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
  },
  // Puts this site's address for path on the clipboard; false where the browser refuses (no secure context).
  async copyLink(path) {
    try {
      await navigator.clipboard.writeText(new URL(path, location.origin).href)
      return true
    } catch {
      return false
    }
  },
  // The editor keeps each opened document in IndexedDB under such a name until the server has every change.
  localCopyPrefix: 'docs-local:',
  localCopyName(owner, documentId) {
    return `${this.localCopyPrefix}${owner}:${documentId}`
  },
  // Where on a tree row the dragged page was last over: its top quarter (before), bottom quarter (after), or
  // the middle (inside). The row shows it (data-drop) while dragging; the drop handler asks for it.
  treeDropPlace() {
    return this.lastTreeDrop ?? 'inside'
  },
  lastTreeDrop: null,
  // Set when the page reloads on its own with every change safe in the local copy: no "leave the page?" warning.
  leavingSafely: false,
}

// This browser keeps local copies for the person signed in only: on a shared computer, signing out (or
// someone else signing in) deletes the others'.
;(async () => {
  const owner = document.querySelector('meta[name="docs-user"]')?.content ?? ''
  if (!window.indexedDB?.databases) return
  const mine = window.docsUi.localCopyName(owner, '')
  const others = name => name?.startsWith(window.docsUi.localCopyPrefix) && !(owner && name.startsWith(mine))
  // The journal of unsaved changes beside each copy (the editor's local.js).
  Object.keys(localStorage).filter(others).forEach(key => localStorage.removeItem(key))
  for (const { name } of await indexedDB.databases()) {
    if (others(name)) {
      indexedDB.deleteDatabase(name)
    }
  }
})()

// Blazor's connection to the server: a banner that leaves the editor usable (what is typed goes to the
// local copy), and, when the server no longer knows this page (it restarted), a reload that the local
// copy survives.
document.addEventListener('components-reconnect-state-changed', event => {
  if (event.detail.state === 'rejected') {
    window.docsUi.leavingSafely = true
    location.reload()
  }
})
document.addEventListener('click', event => {
  if (event.target.closest?.('#components-reconnect-modal .retry')) {
    window.Blazor?.reconnect()
  }
})

// Dragging a page over the tree: which part of the row the pointer is on decides where the page goes.
document.addEventListener('dragover', event => {
  const row = event.target.closest?.('.tree-row')
  document.querySelectorAll('.tree-row[data-drop]').forEach(other => { if (other !== row) delete other.dataset.drop })
  if (!row) return
  const { top, height } = row.getBoundingClientRect()
  const ratio = (event.clientY - top) / height
  const place = ratio < 0.25 ? 'before' : ratio > 0.75 ? 'after' : 'inside'
  row.dataset.drop = place
  window.docsUi.lastTreeDrop = place
})
const endTreeDrag = () => document.querySelectorAll('.tree-row[data-drop]').forEach(row => delete row.dataset.drop)
document.addEventListener('drop', () => setTimeout(endTreeDrag))
document.addEventListener('dragend', endTreeDrag)

// The search dialog's keyboard: Ctrl+K (⌘K on a Mac) opens it from anywhere; in its field, the arrows choose a
// result instead of moving the caret.
window.docsSearch = {
  isMac: () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent),
  shortcutLabel: () => (window.docsSearch.isMac() ? '⌘K' : 'Ctrl K'),
}
document.addEventListener('keydown', event => {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
    const open = document.querySelector('[data-search-open]')
    if (open) {
      event.preventDefault()
      if (!document.getElementById('search-input')) open.click()
      else document.getElementById('search-input').focus()
    }
    return
  }
  if (event.target?.id === 'search-input' && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
    event.preventDefault()
  }
})
// Keeps the chosen result in view as the arrows move through a long list.
new MutationObserver(() => {
  const active = document.querySelector('#search-results .search-result.active')
  active?.scrollIntoView({ block: 'nearest' })
}).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['class'] })

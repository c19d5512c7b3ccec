// Page-wide helpers for the Blazor UI (no inline scripts: the content security policy forbids them).
window.docsUi = {
  // light → dark → system; remembered in a cookie so the server renders the page in the chosen theme.
  toggleTheme() {
    const root = document.documentElement
    const order = ['system', 'light', 'dark']
    const next = order[(order.indexOf(root.dataset.theme || 'system') + 1) % order.length]
    root.dataset.theme = next
    document.cookie = `docs.theme=${next}; path=/; max-age=31536000; samesite=lax`
    window.dispatchEvent(new CustomEvent('docs-theme'))
  },
  // The theme actually shown: the choice, or the system's.
  effectiveTheme() {
    const chosen = document.documentElement.dataset.theme
    if (chosen === 'light' || chosen === 'dark') return chosen
    return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
  },
}

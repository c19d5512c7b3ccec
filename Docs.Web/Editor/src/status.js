// The connection state of the page, from the provider's events: offline, connecting, saving (local
// changes the server has not confirmed, counted from SyncStatus messages) and saved; shown in the page's
// badge (an element with data-editor-status, its texts in data-labels), by this island rather than by
// Blazor, so that it stays true while the page's own connection to the server is down.
export function connectionStatus(provider, report) {
  let last = ''
  const update = (force) => {
    const status = provider.configuration.websocketProvider.status
    const next = status !== 'connected' ? (status === 'connecting' ? 'connecting' : 'offline')
      : !provider.isSynced ? 'connecting'
      : provider.hasUnsyncedChanges ? 'saving' : 'saved'
    if (next !== last || force === true) {
      last = next
      report(next)
    }
  }
  const events = ['status', 'synced', 'unsyncedChanges', 'authenticationFailed', 'disconnect', 'close']
  events.forEach(event => provider.on(event, update))
  const offline = () => update()
  window.addEventListener('offline', offline)
  window.addEventListener('online', offline)
  update()
  return {
    refresh: () => update(true),
    stop() {
      events.forEach(event => provider.off(event, update))
      window.removeEventListener('offline', offline)
      window.removeEventListener('online', offline)
    },
  }
}

/** Shows { status, canWrite, unsaved } in the badge: the state, the changes not yet saved while away, read-only. */
export function showStatus(badge, { status, canWrite, unsaved }) {
  if (!badge) return
  const labels = JSON.parse(badge.dataset.labels ?? '{}')
  const parts = [dot(), document.createTextNode(labels[status] ?? status)]
  if (unsaved > 0 && (status === 'offline' || status === 'connecting')) {
    const count = document.createElement('span')
    count.className = 'unsaved'
    count.title = labels.kept ?? ''
    count.textContent = unsaved === 1 ? labels.unsavedOne : (labels.unsavedMany ?? '{0}').replace('{0}', unsaved)
    parts.push(count)
  }
  if (!canWrite && (status === 'saved' || status === 'saving')) {
    const readOnly = document.createElement('span')
    readOnly.className = 'badge'
    readOnly.textContent = labels.readOnly
    parts.push(readOnly)
  }
  badge.className = `connection connection-${status}`
  badge.replaceChildren(...parts)
}

function dot() {
  const dot = document.createElement('span')
  dot.className = 'dot'
  dot.setAttribute('aria-hidden', 'true')
  return dot
}

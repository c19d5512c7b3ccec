// One connection state for the page, from the provider's events: offline, connecting, saving (local
// changes the server has not confirmed, counted from SyncStatus messages) and saved.
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

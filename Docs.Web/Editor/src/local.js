// The browser's copy of each opened document (IndexedDB, through y-indexeddb): what is typed while the
// server is unreachable survives a reload, a closed tab, a browser or server restart, and merges when the
// connection is back (the CRDT merges; nothing overwrites). Beside it, how many local changes the server
// has not acknowledged yet, kept in the same database so that a reloaded page still knows.
import { IndexeddbPersistence } from 'y-indexeddb'

const PENDING = 'pending'

/** Opens the local copy into doc; resolves once what it held is in doc (or after a second, if IndexedDB is unavailable). */
export async function openLocalCopy(owner, documentId, doc) {
  // Named by the page (app.js), which also deletes other people's copies.
  const local = new IndexeddbPersistence(window.docsUi.localCopyName(owner, documentId), doc)
  const loaded = await Promise.race([
    local.whenSynced.then(() => true),
    new Promise(resolve => setTimeout(() => resolve(false), 1000)),
  ])
  const pending = loaded ? Number(await local.get(PENDING)) || 0 : 0
  return { local, pending }
}

/**
 * Counts local edits (changes not from the server nor from the local copy) until the server has
 * acknowledged everything: connected, synced, nothing unconfirmed. Calls onChange(count) when it changes.
 */
export function pendingChanges(doc, provider, { local, pending }, onChange) {
  let count = pending
  const set = next => {
    if (next === count) return
    count = next
    local.set(PENDING, count).catch(() => {})
    onChange(count)
  }
  const onUpdate = (_, origin) => {
    if (origin !== provider && origin !== local) set(count + 1)
  }
  const onServer = () => {
    const connected = provider.configuration.websocketProvider.status === 'connected'
    if (connected && provider.isSynced && provider.unsyncedChanges === 0) set(0)
  }
  doc.on('update', onUpdate)
  const events = ['synced', 'unsyncedChanges', 'status']
  events.forEach(event => provider.on(event, onServer))
  return {
    get count() { return count },
    stop() {
      doc.off('update', onUpdate)
      events.forEach(event => provider.off(event, onServer))
    },
  }
}

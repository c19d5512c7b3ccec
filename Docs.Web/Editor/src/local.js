// The browser's copy of each opened document (IndexedDB, through y-indexeddb): what is typed while the
// server is unreachable survives a reload, a closed tab, a browser or server restart, and merges when the
// connection is back (the CRDT merges; nothing overwrites).
// IndexedDB writes complete asynchronously, so a tab closed right after typing could lose the last
// keystrokes: the changes the server has not acknowledged are also journaled in localStorage (written
// synchronously) with their count, until the server has them.
import * as Y from 'yjs'
import { IndexeddbPersistence } from 'y-indexeddb'
import { fromBase64, toBase64 } from 'lib0/buffer'

/** Opens the local copy into doc; resolves once what it held is in doc (or after a second, if IndexedDB is unavailable). */
export async function openLocalCopy(owner, documentId, doc) {
  // Named by the page (app.js), which also deletes other people's copies.
  const name = window.docsUi.localCopyName(owner, documentId)
  const local = new IndexeddbPersistence(name, doc)
  await Promise.race([local.whenSynced, new Promise(resolve => setTimeout(resolve, 1000))])
  const journal = unsavedJournal(name)
  const unsaved = journal.read()
  if (unsaved) Y.applyUpdate(doc, unsaved, local)
  return { local, journal }
}

/** The unacknowledged changes of one document in localStorage: one merged update, and how many changes it holds. */
function unsavedJournal(name) {
  const key = `${name}:unsaved`
  const read = () => {
    const stored = localStorage.getItem(key)
    return stored ? fromBase64(stored) : null
  }
  return {
    read,
    count: () => Number(localStorage.getItem(`${key}:count`)) || 0,
    add(update, count) {
      try {
        const before = read()
        localStorage.setItem(key, toBase64(before ? Y.mergeUpdates([before, update]) : update))
        localStorage.setItem(`${key}:count`, String(count))
      } catch {
        // Over the storage quota: IndexedDB still gets the change, a moment later.
      }
    },
    clear() {
      localStorage.removeItem(key)
      localStorage.removeItem(`${key}:count`)
    },
  }
}

/**
 * Counts local edits (changes not from the server nor from the local copy) until the server has
 * acknowledged everything: connected, synced, nothing unconfirmed. Calls onChange(count) when it changes.
 */
export function pendingChanges(doc, provider, { local, journal }, onChange) {
  let count = journal.count()
  const onUpdate = (update, origin) => {
    if (origin === provider || origin === local) return
    count++
    journal.add(update, count)
    onChange(count)
  }
  const onServer = () => {
    const connected = provider.configuration.websocketProvider.status === 'connected'
    if (count > 0 && connected && provider.isSynced && provider.unsyncedChanges === 0) {
      count = 0
      journal.clear()
      onChange(count)
    }
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

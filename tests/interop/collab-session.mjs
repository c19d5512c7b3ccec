// Real @hocuspocus/provider clients against a collaboration server: the ground truth for Docs.Collab.
// Usage: node collab-session.mjs <ws-url> <document> <ticket-a> <ticket-b> <ticket-c> <readonly-ticket>
// Three writers edit one text concurrently; C goes offline, keeps editing, comes back; a read-only client
// types too. Prints JSON: each client's text, and whether the read-only edit leaked.
import * as Y from 'yjs'
import WebSocket from 'ws'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'

const [url, name, ticketA, ticketB, ticketC, ticketRead] = process.argv.slice(2)
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

function client (label, ticket) {
  const doc = new Y.Doc()
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket, maxAttempts: 20, delay: 100, minDelay: 100, maxDelay: 500 })
  const state = { label, doc, socket, scope: null, denied: null, statuses: [] }
  state.provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token: ticket,
    onAuthenticated: ({ scope }) => { state.scope = scope },
    onAuthenticationFailed: ({ reason }) => { state.denied = reason },
  })
  state.provider.attach()
  state.provider.setAwarenessField('user', { name: label })
  return state
}

async function until (condition, what, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting for ' + what)
    await sleep(20)
  }
}

const a = client('A', ticketA)
const b = client('B', ticketB)
const c = client('C', ticketC)
await until(() => [a, b, c].every(x => x.provider.isSynced), 'the writers to sync')

// Concurrent typing.
for (let i = 0; i < 20; i++) {
  for (const x of [a, b, c]) x.doc.getText('t').insert(0, `${x.label}${i} `)
  await sleep(5)
}

// C goes offline and keeps typing; the others too.
c.socket.disconnect()
await sleep(200)
for (let i = 0; i < 10; i++) {
  c.doc.getText('t').insert(c.doc.getText('t').length, `offline${i} `)
  a.doc.getText('t').insert(0, `online${i} `)
}
await sleep(200)
c.socket.connect()

const reader = client('R', ticketRead)
await until(() => reader.provider.isSynced, 'the reader to sync')
reader.doc.getText('t').insert(0, 'READONLY-EDIT ')

await until(() => [a, b, c].every(x => x.provider.isSynced && x.provider.unsyncedChanges === 0), 'every writer to be acknowledged', 20000)
await until(() => {
  const texts = [a, b, c, reader].map(x => x.doc.getText('t').toString().replace('READONLY-EDIT ', ''))
  return texts.every(t => t === texts[0])
}, 'the texts to converge', 20000)
await sleep(300)

const result = {
  scopes: [a, b, c, reader].map(x => x.scope),
  texts: [a, b, c].map(x => x.doc.getText('t').toString()),
  readerText: reader.doc.getText('t').toString(),
  readerUnsynced: reader.provider.unsyncedChanges,
  awarenessSeenByA: [...a.provider.awareness.getStates().values()].map(s => s.user?.name).filter(Boolean).sort(),
}
console.log(JSON.stringify(result))
for (const x of [a, b, c, reader]) { x.provider.destroy(); x.socket.destroy() }
process.exit(0)

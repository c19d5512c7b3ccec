// Real y-websocket clients against the plain y-websocket endpoint of a collaboration server.
// Usage: node yws-session.mjs <base-url, e.g. ws://host/collaboration/yws> <document> <ticket-a> <ticket-b>
// Both type concurrently; prints JSON with both texts once they converge.
import * as Y from 'yjs'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'

const [base, name, ticketA, ticketB] = process.argv.slice(2)
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

function client (label, ticket) {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(base, name, doc, { WebSocketPolyfill: WebSocket, params: { ticket }, disableBc: true })
  provider.awareness.setLocalStateField('user', { name: label })
  return { label, doc, provider }
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
await until(() => a.provider.synced && b.provider.synced, 'both to sync')
for (let i = 0; i < 15; i++) {
  a.doc.getText('t').insert(0, `a${i} `)
  b.doc.getText('t').insert(b.doc.getText('t').length, `b${i} `)
  await sleep(3)
}
await until(() => a.doc.getText('t').toString() === b.doc.getText('t').toString() && a.doc.getText('t').toString().includes('b14') && b.doc.getText('t').toString().includes('a14'), 'convergence')
await until(() => [...a.provider.awareness.getStates().values()].some(s => s.user?.name === 'B'), 'awareness')
await sleep(300)
console.log(JSON.stringify({ texts: [a.doc.getText('t').toString(), b.doc.getText('t').toString()] }))
a.provider.destroy()
b.provider.destroy()
process.exit(0)

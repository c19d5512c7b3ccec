// A real @hocuspocus/provider client that types, waits for the server's acknowledgement and stays connected.
// Usage: node edit-and-hold.mjs <ws-url> <document> <ticket> <text>
// Prints "acknowledged" once the server confirmed the edit (no unsynced changes left), then keeps the
// connection open until its standard input closes: the caller reads the document meanwhile.
import * as Y from 'yjs'
import WebSocket from 'ws'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'

const [url, name, ticket, text] = process.argv.slice(2)
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

async function until (condition, what, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting for ' + what)
    await sleep(10)
  }
}

const doc = new Y.Doc()
const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket })
const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc, token: ticket })
provider.attach()
await until(() => provider.isSynced, 'the first sync')
doc.getText('t').insert(doc.getText('t').length, text)
await until(() => provider.unsyncedChanges === 0, 'the acknowledgement')
console.log('acknowledged')

process.stdin.resume()
await new Promise(resolve => process.stdin.on('end', resolve))
provider.destroy()
socket.destroy()
process.exit(0)

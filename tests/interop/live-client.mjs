// A real @hocuspocus/provider client, driven line by line on its standard input, that stays connected
// (and reconnects by itself) between commands:
//   type <text>   appends text to the Y.Text 't', waits for the server's acknowledgement, prints "acknowledged"
//   text          prints the text as this client sees it
// It ends when its standard input closes.
// Usage: node live-client.mjs <ws-url> <document> <ticket>
import * as Y from 'yjs'
import WebSocket from 'ws'
import readline from 'node:readline'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'

const [url, name, ticket] = process.argv.slice(2)
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

async function until (condition, what, timeoutMs = 60000) {
  const end = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting for ' + what)
    await sleep(10)
  }
}

const doc = new Y.Doc()
const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket, delay: 100, minDelay: 100, maxDelay: 1000, maxAttempts: 0 })
const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc, token: ticket })
provider.attach()
const text = doc.getText('t')
// Acknowledged: connected, synced, and nothing the server has not confirmed.
const acknowledged = () => socket.status === 'connected' && provider.isSynced && provider.unsyncedChanges === 0

for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line.startsWith('type ')) {
    await until(() => provider.isSynced, 'the first sync')
    text.insert(text.length, line.slice(5))
    await until(acknowledged, 'the acknowledgement')
    console.log('acknowledged')
  } else if (line === 'text') {
    console.log(text.toString())
  }
}
provider.destroy()
socket.destroy()
process.exit(0)

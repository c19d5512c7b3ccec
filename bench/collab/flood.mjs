// A hostile client for one document: sockets that pump Yjs updates as fast as the server reads them, and sockets
// that flood awareness, for a fixed time. Sends are paced by the socket (at most 4 MiB in flight on each), so what it
// achieves is what the server lets it send.
// usage: node flood.mjs --url ws://…/collaboration/ws/ --name <document> --token <ticket> [--seconds 30]
//          [--update-sockets 3] [--update-kib 256] [--distinct-mib 16] [--awareness-sockets 2] [--awareness-kib 4]
// Each update socket sends new text until the sockets together have sent --distinct-mib (the document stays under its
// size limit), then sends its earlier updates again (they bring nothing new, but are read and decoded all the same).
// Prints one JSON line.
import * as Y from 'yjs'
import * as sync from 'y-protocols/sync'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'

const option = (name, fallback) => {
  const index = process.argv.indexOf('--' + name)
  return index > 0 ? process.argv[index + 1] : fallback
}
const url = option('url')
const name = option('name')
const token = option('token')
const seconds = +option('seconds', 30)
const updateSockets = +option('update-sockets', 3)
const updateBytes = +option('update-kib', 256) * 1024
const awarenessSockets = +option('awareness-sockets', 2)
const awarenessBytes = +option('awareness-kib', 4) * 1024
let distinctLeft = +option('distinct-mib', 16) * 1024 * 1024

const SYNC = 0, AWARENESS = 1, AUTH = 2, SYNC_STATUS = 8
const inFlightLimit = 4 * 1024 * 1024
const frame = write => {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, name)
  write(e)
  return encoding.toUint8Array(e)
}

const totals = { updateBytes: 0, updates: 0, distinctUpdates: 0, awarenessBytes: 0, awarenessMessages: 0, acknowledged: 0, refused: 0, closes: [] }

/** Opens the document; resolves once the server's sync step 2 came. */
function open () {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url)
    socket.binaryType = 'arraybuffer'
    const doc = new Y.Doc()
    socket.on('open', () => {
      socket.send(frame(e => { encoding.writeVarUint(e, AUTH); encoding.writeVarUint(e, 0); encoding.writeVarString(e, token) }))
      socket.send(frame(e => { encoding.writeVarUint(e, SYNC); sync.writeSyncStep1(e, doc) }))
    })
    socket.on('error', reject)
    socket.on('close', code => totals.closes.push(code))
    socket.on('message', data => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      decoding.readVarString(decoder)
      const type = decoding.readVarUint(decoder)
      if (type === SYNC_STATUS) {
        if (decoding.readVarUint(decoder) === 1) totals.acknowledged++
        else totals.refused++
      } else if (type === SYNC && decoding.readVarUint(decoder) === 1) {
        resolve({ socket, doc })
      }
    })
  })
}

/** Sends frames made by next() until the time is up, never more than inFlightLimit bytes waiting in the socket. */
async function pump (socket, next, stopAt) {
  let inFlight = 0
  let wake = null
  while (performance.now() < stopAt && socket.readyState === WebSocket.OPEN) {
    if (inFlight >= inFlightLimit) {
      await new Promise(resolve => { wake = resolve; setTimeout(resolve, 100) })
      continue
    }
    const data = next()
    inFlight += data.length
    socket.send(data, () => { inFlight -= data.length; wake?.() })
    await new Promise(resolve => setImmediate(resolve))
  }
}

const updaters = await Promise.all(Array.from({ length: updateSockets }, open))
const flooders = await Promise.all(Array.from({ length: awarenessSockets }, open))
const started = performance.now()
const stopAt = started + seconds * 1000
const padding = 'x'.repeat(updateBytes)
await Promise.all([
  ...updaters.map(({ socket, doc }) => {
    const sent = []
    let last = null
    doc.on('update', update => { last = update })
    return pump(socket, () => {
      let update
      if (distinctLeft > 0 || sent.length === 0) {
        doc.getText('t').insert(doc.getText('t').length, padding)
        update = last
        sent.push(update)
        distinctLeft -= update.length
        totals.distinctUpdates++
      } else {
        update = sent[totals.updates % sent.length]
      }
      totals.updates++
      totals.updateBytes += update.length
      return frame(e => { encoding.writeVarUint(e, SYNC); sync.writeUpdate(e, update) })
    }, stopAt)
  }),
  ...flooders.map(({ socket, doc }) => {
    const awareness = new awarenessProtocol.Awareness(doc)
    const cursor = 'c'.repeat(awarenessBytes)
    return pump(socket, () => {
      awareness.setLocalState({ user: { name: 'flood', color: cursor }, n: totals.awarenessMessages })
      const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])
      totals.awarenessMessages++
      totals.awarenessBytes += update.length
      return frame(e => { encoding.writeVarUint(e, AWARENESS); encoding.writeVarUint8Array(e, update) })
    }, stopAt)
  }),
])
const elapsed = (performance.now() - started) / 1000
// Acknowledgements of what was sent last still come: wait for them a little.
const ackDeadline = performance.now() + 30000
while (totals.acknowledged + totals.refused < totals.updates && performance.now() < ackDeadline) {
  await new Promise(resolve => setTimeout(resolve, 100))
}
const mib = bytes => Math.round(bytes / 1024 / 1024 * 10) / 10
console.log(JSON.stringify({
  seconds: elapsed,
  updates: totals.updates,
  distinctUpdates: totals.distinctUpdates,
  updateMiB: mib(totals.updateBytes),
  updateMiBPerSecond: mib(totals.updateBytes / elapsed),
  acknowledged: totals.acknowledged,
  refused: totals.refused,
  awarenessMessages: totals.awarenessMessages,
  awarenessMiB: mib(totals.awarenessBytes),
  awarenessMiBPerSecond: mib(totals.awarenessBytes / elapsed),
  closes: totals.closes,
}))
for (const { socket } of [...updaters, ...flooders]) socket.terminate()
process.exit(0)

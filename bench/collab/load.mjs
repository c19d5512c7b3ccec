// Simulated editors for a Hocuspocus-protocol server. Each client is a real Y.Doc; writers type into
// the text "t" at a fixed rate; every client measures how long each writer's edit took to reach it.
// usage: node load.mjs --url ws://127.0.0.1:8080/collaboration/ws/ --manifest docs.json
//          [--clients 25] [--writers 2] [--rate 10] [--seconds 10] [--pid <server pid>]
// The manifest is {"documents": [{"name": "...", "token": "..."}]}. Prints one JSON line.
import * as Y from 'yjs'
import * as sync from 'y-protocols/sync'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import { readFileSync } from 'node:fs'

const option = (name, fallback) => {
  const index = process.argv.indexOf('--' + name)
  return index > 0 ? process.argv[index + 1] : fallback
}
const url = option('url')
const manifest = JSON.parse(readFileSync(option('manifest'), 'utf8'))
const clientsPerDoc = +option('clients', 25)
const writersPerDoc = +option('writers', 2)
const rate = +option('rate', 10)
const seconds = +option('seconds', 10)
const pid = option('pid') ? +option('pid') : null

const SYNC = 0, AUTH = 2, SYNC_STATUS = 8
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))
const percentile = (sorted, q) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : null

function processStats () {
  if (!pid) return null
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    const rss = +readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]
    return { cpuSeconds: (+stat[11] + +stat[12]) / 100, rssKiB: rss }
  } catch { return null }
}

// (writer client id, clock after its edit) → time of the edit, shared by every simulated client.
const editTimes = new Map()
const latencies = []
let acknowledgements = 0, edits = 0, failures = 0
// Update frames received after sync, over every client: a server that merges sends fewer per edit.
let updateFrames = 0

class Editor {
  constructor (name, token) {
    this.name = name
    this.token = token
    this.doc = new Y.Doc()
    this.covered = new Map()
    this.doc.on('update', (update, origin) => {
      if (origin !== 'remote') this.send(e => { encoding.writeVarUint(e, SYNC); sync.writeUpdate(e, update) })
    })
  }

  send (write) {
    if (this.socket?.readyState !== WebSocket.OPEN) return
    const e = encoding.createEncoder()
    encoding.writeVarString(e, this.name)
    write(e)
    this.socket.send(encoding.toUint8Array(e))
  }

  open () {
    return new Promise((resolve, reject) => {
      const started = performance.now()
      this.socket = new WebSocket(url)
      this.socket.binaryType = 'arraybuffer'
      const timer = setTimeout(() => reject(new Error('no sync within 60 s')), 60000)
      this.socket.on('open', () => {
        this.send(e => { encoding.writeVarUint(e, AUTH); encoding.writeVarUint(e, 0); encoding.writeVarString(e, this.token) })
        this.send(e => { encoding.writeVarUint(e, SYNC); sync.writeSyncStep1(e, this.doc) })
      })
      this.socket.on('error', error => { failures++; clearTimeout(timer); reject(error) })
      this.socket.on('message', data => {
        const decoder = decoding.createDecoder(new Uint8Array(data))
        decoding.readVarString(decoder)
        const type = decoding.readVarUint(decoder)
        if (type === AUTH) {
          if (decoding.readVarUint(decoder) !== 2) { failures++; clearTimeout(timer); reject(new Error('denied')) }
          return
        }
        if (type === SYNC_STATUS) { acknowledgements++; return }
        if (type !== SYNC) return
        const kind = decoding.peekVarUint(decoder)
        const reply = encoding.createEncoder()
        encoding.writeVarString(reply, this.name)
        encoding.writeVarUint(reply, SYNC)
        const empty = encoding.length(reply)
        const copy = decoding.clone(decoder)
        sync.readSyncMessage(decoder, reply, this.doc, 'remote')
        if (encoding.length(reply) > empty) this.socket.send(encoding.toUint8Array(reply))
        if (kind === 1 && !this.synced) { this.synced = true; clearTimeout(timer); resolve(performance.now() - started) }
        if (kind === 2 && this.synced) updateFrames++
        if (kind !== 0) { decoding.readVarUint(copy); this.measure(decoding.readVarUint8Array(copy)) }
      })
    })
  }

  /** Credits every writer edit this update brings (by the clock range it covers, per client). */
  measure (update) {
    const arrived = performance.now()
    for (const [client, clock] of Y.parseUpdateMeta(update).to) {
      const before = this.covered.get(client) ?? 0
      if (clock <= before || client === this.doc.clientID) continue
      this.covered.set(client, clock)
      for (let c = before + 1; c <= clock; c++) {
        const at = editTimes.get(client + ':' + c)
        if (at !== undefined) latencies.push(arrived - at)
      }
    }
  }

  type () {
    const text = this.doc.getText('t')
    text.insert(Math.floor(Math.random() * (text.length + 1)), 'x')
    edits++
    editTimes.set(this.doc.clientID + ':' + Y.getState(this.doc.store, this.doc.clientID), performance.now())
  }
}

const before = processStats()
const editors = []
for (const { name, token } of manifest.documents) {
  for (let i = 0; i < clientsPerDoc; i++) editors.push(new Editor(name, token))
}
const connectStarted = performance.now()
const syncTimes = []
for (let i = 0; i < editors.length; i += 50) {
  syncTimes.push(...await Promise.all(editors.slice(i, i + 50).map(e => e.open())))
}
const connectSeconds = (performance.now() - connectStarted) / 1000
await sleep(500)
const connected = processStats()

const writers = manifest.documents.flatMap(({ name }) => editors.filter(e => e.name === name).slice(0, writersPerDoc))
const stopAt = performance.now() + seconds * 1000
if (writers.length > 0) {
  await Promise.all(writers.map(async (writer, index) => {
    await sleep((index * 1000 / rate / writers.length) % (1000 / rate))
    while (performance.now() < stopAt) {
      writer.type()
      await sleep(1000 / rate)
    }
  }))
} else {
  await sleep(seconds * 1000)
}
await sleep(1500)
const after = processStats()

latencies.sort((a, b) => a - b)
syncTimes.sort((a, b) => a - b)
const texts = new Map()
let diverged = 0
for (const editor of editors) {
  const text = editor.doc.getText('t').toString()
  if (!texts.has(editor.name)) texts.set(editor.name, text)
  else if (texts.get(editor.name) !== text) diverged++
}
const expected = edits * (clientsPerDoc - 1)
console.log(JSON.stringify({
  connections: editors.length,
  connectSeconds,
  syncP50Ms: percentile(syncTimes, 0.5),
  edits,
  deliveries: latencies.length,
  expectedDeliveries: expected,
  latencyP50Ms: percentile(latencies, 0.5),
  latencyP99Ms: percentile(latencies, 0.99),
  acknowledgements,
  updateFrames,
  diverged,
  failures,
  serverCpuSeconds: before && after ? after.cpuSeconds - connected.cpuSeconds : null,
  serverRssBeforeKiB: before?.rssKiB ?? null,
  serverRssConnectedKiB: connected?.rssKiB ?? null,
  serverRssAfterKiB: after?.rssKiB ?? null,
}))
for (const editor of editors) editor.socket.terminate()
process.exit(0)

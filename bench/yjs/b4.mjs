// The scenarios of bench/Docs.Yjs.Bench, run with npm yjs; prints one JSON line.
// Usage: node b4.mjs <a|b|c|d|d10000|d20000> <automerge-paper.json.gz>
import * as Y from 'yjs'
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'

const [scenario, tracePath] = process.argv.slice(2)
const trace = JSON.parse(gunzipSync(readFileSync(tracePath)).toString('utf8'))
const patches = trace.txns.flatMap((txn) => txn.patches)
const baseline = process.memoryUsage().rss

const replay = (updates) => {
  const doc = new Y.Doc()
  doc.clientID = 1234567
  if (updates) doc.on('update', (update) => updates.push(update))
  const text = doc.getText('text')
  for (const [position, deleteCount, insert] of patches) {
    doc.transact(() => {
      if (deleteCount > 0) text.delete(position, deleteCount)
      if (insert.length > 0) text.insert(position, insert)
    })
  }
  return doc
}
const check = (doc) => {
  if (doc.getText('text').toString() !== trace.endContent) throw new Error('wrong end content')
}

const result = { scenario }
if (scenario === 'a') {
  const start = performance.now()
  const doc = replay(null)
  result.ms = performance.now() - start
  check(doc)
} else if (scenario === 'b') {
  const updates = []
  replay(updates)
  const start = performance.now()
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, update)
  result.ms = performance.now() - start
  check(doc)
} else if (scenario === 'c') {
  const doc = replay(null)
  let start = performance.now()
  const state = Y.encodeStateAsUpdate(doc)
  result.encodeMs = performance.now() - start
  start = performance.now()
  const decoded = new Y.Doc()
  Y.applyUpdate(decoded, state)
  result.decodeMs = performance.now() - start
  result.ms = result.encodeMs + result.decodeMs
  result.bytes = state.length
  check(decoded)
} else if (scenario.startsWith('d')) {
  const updates = []
  replay(updates)
  const count = scenario === 'd' ? updates.length : Number(scenario.slice(1))
  const slice = updates.slice(0, count)
  const start = performance.now()
  const merged = Y.mergeUpdates(slice)
  result.ms = performance.now() - start
  result.bytes = merged.length
  result.updates = slice.length
} else {
  throw new Error('unknown scenario ' + scenario)
}
result.peakRssMb = process.resourceUsage().maxRSS / 1024
result.baselineRssMb = baseline / 1048576
console.log(JSON.stringify(result))

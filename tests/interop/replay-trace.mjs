// Replays an editing trace with yjs, the way tests/Docs.Yjs.Tests replays it in C#, and prints the result.
// Sequential traces: one document (client 1), one transaction per patch, delete before insert.
// Concurrent traces: one document per agent (client agent+1); before a transaction, its author's document
// receives every ancestor transaction it lacks (in trace order); at the end, everyone syncs with everyone.
// Usage: node replay-trace.mjs <trace.json.gz>
import * as Y from 'yjs'
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'

const trace = JSON.parse(gunzipSync(readFileSync(process.argv[2])).toString('utf8'))
const hex = (bytes) => Buffer.from(bytes).toString('hex')

const applyPatches = (doc, patches) => {
  const text = doc.getText('text')
  for (const [position, deleteCount, insert] of patches) {
    doc.transact(() => {
      if (deleteCount > 0) text.delete(position, deleteCount)
      if (insert.length > 0) text.insert(position, insert)
    })
  }
}

if (trace.kind !== 'concurrent') {
  const doc = new Y.Doc()
  doc.clientID = 1
  for (const txn of trace.txns) applyPatches(doc, txn.patches)
  console.log(JSON.stringify({ texts: [doc.getText('text').toString()], states: [hex(Y.encodeStateAsUpdate(doc))] }))
} else {
  const docs = Array.from({ length: trace.numAgents }, (_, agent) => {
    const doc = new Y.Doc()
    doc.clientID = agent + 1
    return doc
  })
  const applied = docs.map(() => new Set())
  const updates = []
  trace.txns.forEach((txn, index) => {
    const doc = docs[txn.agent]
    const missing = []
    const stack = [...txn.parents]
    while (stack.length > 0) {
      const p = stack.pop()
      if (applied[txn.agent].has(p)) continue
      applied[txn.agent].add(p)
      missing.push(p)
      stack.push(...trace.txns[p].parents)
    }
    missing.sort((a, b) => a - b).forEach((p) => Y.applyUpdate(doc, updates[p]))
    const before = Y.encodeStateVector(doc)
    applyPatches(doc, txn.patches)
    updates[index] = Y.encodeStateAsUpdate(doc, before)
    applied[txn.agent].add(index)
  })
  for (const from of docs) for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
  console.log(JSON.stringify({ texts: docs.map((d) => d.getText('text').toString()), states: docs.map((d) => hex(Y.encodeStateAsUpdate(d))) }))
}

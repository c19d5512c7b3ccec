// Random editing sessions run by the real yjs: several documents edit text (with formatting and
// embeds), arrays, maps and XML concurrently, exchange single updates out of order and partial syncs,
// and every update event each of them emits is recorded, with the states at checkpoints and at the end.
// Usage: node gen-sessions.mjs <seed> <sessions> <steps> <output.json>
import * as Y from 'yjs'
import { writeFileSync } from 'node:fs'
import { rng } from './random.mjs'
import { applyOp, canonical, snapshot } from './ops.mjs'
import { randomOp } from './generator.mjs'

const [seedArg = '1', countArg = '20', stepsArg = '150', output = 'sessions.json'] = process.argv.slice(2)
const hex = (bytes) => Buffer.from(bytes).toString('hex')

const session = (seed, stepCount) => {
  const r = rng(seed)
  const docCount = 2 + r.int(4)
  const specs = Array.from({ length: docCount }, (_, i) => ({
    clientId: r.chance(0.25) ? 2 ** 32 + r.int(2 ** 20) * 1000 + i : 1 + r.int(2 ** 31) * 2 + i,
    gc: r.chance(0.85)
  }))
  const docs = specs.map((spec) => {
    const doc = new Y.Doc({ gc: spec.gc })
    doc.clientID = spec.clientId
    return doc
  })
  const logs = docs.map(() => [])
  let events = []
  docs.forEach((doc, i) => doc.on('update', (update) => {
    logs[i].push(update)
    events.push([i, hex(update)])
  }))
  const steps = []
  const record = (step) => {
    step.events = events
    events = []
    steps.push(step)
  }
  for (let s = 0; s < stepCount; s++) {
    const kind = r.int(10)
    if (kind < 6) {
      const d = r.int(docCount)
      const op = randomOp(r, docs[d])
      if (applyOp(docs[d], op)) record({ kind: 'op', doc: d, op })
      else events = []
    } else if (kind < 9) {
      const from = r.int(docCount)
      const to = (from + 1 + r.int(docCount - 1)) % docCount
      if (logs[from].length === 0) continue
      const index = r.int(logs[from].length)
      Y.applyUpdate(docs[to], logs[from][index], 'remote')
      record({ kind: 'deliver', from, to, index })
    } else {
      const from = r.int(docCount)
      const to = (from + 1 + r.int(docCount - 1)) % docCount
      const payload = Y.encodeStateAsUpdate(docs[from], Y.encodeStateVector(docs[to]))
      Y.applyUpdate(docs[to], payload, 'remote')
      record({ kind: 'sync', from, to, payload: hex(payload) })
    }
    if (s % 25 === 24) steps[steps.length - 1].states = docs.map((doc) => hex(Y.encodeStateAsUpdate(doc)))
  }
  // Everyone syncs with everyone: the documents must converge.
  for (let round = 0; round < 2; round++) {
    for (let from = 0; from < docCount; from++) {
      for (let to = 0; to < docCount; to++) {
        if (from === to) continue
        const payload = Y.encodeStateAsUpdate(docs[from], Y.encodeStateVector(docs[to]))
        Y.applyUpdate(docs[to], payload, 'remote')
        record({ kind: 'sync', from, to, payload: hex(payload) })
      }
    }
  }
  const final = docs.map((doc) => ({ state: hex(Y.encodeStateAsUpdate(doc)), stateVector: hex(Y.encodeStateVector(doc)), snapshot: snapshot(doc) }))
  if (new Set(final.map((f) => canonical(f.snapshot))).size !== 1) throw new Error(`seed ${seed}: yjs documents did not converge:\n${final.map((f) => f.snapshot).join("\n")}`)
  return { seed, docs: specs, steps, final }
}

const seed = Number(seedArg)
const sessions = Array.from({ length: Number(countArg) }, (_, i) => session(seed * 1000 + i, Number(stepsArg)))
writeFileSync(output, JSON.stringify({ yjs: '13.6.33', sessions }))
console.log(`wrote ${sessions.length} sessions to ${output}`)

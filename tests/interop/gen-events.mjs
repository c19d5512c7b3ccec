// Events as observers see them: one document edits (random operations), a second receives each update,
// and every event of the second (text delta, array delta, map keys) is recorded.
// Usage: node gen-events.mjs <seed> <operations>
import * as Y from 'yjs'
import { rng } from './random.mjs'
import { applyOp } from './ops.mjs'
import { randomOp } from './generator.mjs'

const [seedArg = '1', opsArg = '200'] = process.argv.slice(2)
const r = rng(Number(seedArg))
const source = new Y.Doc()
source.clientID = 7
const target = new Y.Doc()
target.clientID = 8
const steps = []
let events = []
// Values as they are when the event fires: shared types by their kind, bytes as a list.
const plain = (value) => {
  if (value instanceof Y.AbstractType) return { type: value.constructor.name }
  if (value instanceof Uint8Array) return { bytes: Array.from(value) }
  if (Array.isArray(value)) return value.map(plain)
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
  return value
}
const record = (name) => (event) => {
  const keys = {}
  event.keys.forEach((change, key) => { keys[key] = change.action })
  events.push({ type: name, delta: plain(event.delta), keys })
}
target.getText('text').observe(record('text'))
target.getArray('array').observe(record('array'))
target.getMap('map').observe(record('map'))
source.on('update', (update) => {
  events = []
  Y.applyUpdate(target, update)
  steps[steps.length - 1].events.push(...events)
})
for (let i = 0; i < Number(opsArg); i++) {
  const op = randomOp(r, source)
  if (op.op.startsWith('xml') || op.op.startsWith('nested')) continue
  steps.push({ op, events: [] })
  applyOp(source, op)
}
console.log(JSON.stringify(steps))

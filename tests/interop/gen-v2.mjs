// Updates in yjs's v2 format, with what yjs converts them to in v1, and the v1 state they build.
// Usage: node gen-v2.mjs <seed> <documents> <operations>
import * as Y from 'yjs'
import { rng } from './random.mjs'
import { applyOp } from './ops.mjs'
import { randomOp } from './generator.mjs'

const [seedArg = '1', docsArg = '5', opsArg = '120'] = process.argv.slice(2)
const hex = (bytes) => Buffer.from(bytes).toString('hex')
const documents = []
for (let d = 0; d < Number(docsArg); d++) {
  const r = rng(Number(seedArg) * 100 + d)
  const doc = new Y.Doc({ gc: d % 3 !== 2 })
  doc.clientID = 10 + d
  const updates = []
  doc.on('updateV2', (update) => updates.push(update))
  for (let i = 0; i < Number(opsArg); i++) applyOp(doc, randomOp(r, doc))
  const full = Y.encodeStateAsUpdateV2(doc)
  documents.push({
    updates: [...updates, full].map((v2) => ({ v2: hex(v2), v1: hex(Y.convertUpdateFormatV2ToV1(v2)) })),
    gc: doc.gc,
    state: hex(Y.encodeStateAsUpdate(doc))
  })
}
console.log(JSON.stringify(documents))

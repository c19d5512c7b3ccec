// Applies updates written by C# (one hex update per line) to a fresh yjs document, in order, and prints
// what yjs makes of them. Usage: node apply-updates.mjs <updates.txt>
import * as Y from 'yjs'
import { readFileSync } from 'node:fs'
import { snapshot } from './ops.mjs'

const doc = new Y.Doc()
doc.clientID = 999999
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (line.trim().length > 0) Y.applyUpdate(doc, Buffer.from(line.trim(), 'hex'))
}
console.log(JSON.stringify({
  state: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('hex'),
  stateVector: Buffer.from(Y.encodeStateVector(doc)).toString('hex'),
  snapshot: snapshot(doc),
  pending: doc.store.pendingStructs !== null || doc.store.pendingDs !== null
}))

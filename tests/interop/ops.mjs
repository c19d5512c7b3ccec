// The operations of a session, applied to a yjs document. The C# tests apply the same JSON operations
// to Docs.Yjs documents, so every name and shape here is shared with tests/Docs.Yjs.Tests/Interop.
import * as Y from 'yjs'

/** Turns a JSON value of a script into what yjs stores: "$ymap"/"$yarray"/"$ytext"/"$bytes" make types and bytes. */
export const toYValue = (value) => {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(toYValue)
  if ('$ymap' in value) {
    const map = new Y.Map()
    for (const [k, v] of Object.entries(value.$ymap)) map.set(k, toYValue(v))
    return map
  }
  if ('$yarray' in value) {
    const array = new Y.Array()
    array.insert(0, value.$yarray.map(toYValue))
    return array
  }
  if ('$ytext' in value) return new Y.Text(value.$ytext)
  if ('$bytes' in value) return new Uint8Array(value.$bytes)
  const result = {}
  for (const [k, v] of Object.entries(value)) result[k] = toYValue(v)
  return result
}

const xmlElementAt = (doc, index) => {
  const node = doc.getXmlFragment('xml').get(index)
  return node instanceof Y.XmlElement ? node : null
}

const xmlTextOf = (element) => {
  if (element === null) return null
  const first = element.length > 0 ? element.get(0) : null
  return first instanceof Y.XmlText ? first : null
}

const nestedAt = (doc, op) => {
  const array = doc.getArray('array')
  return op.at < array.length ? array.get(op.at) : null
}

/** Applies one operation; returns false when it does not apply to the current document (skipped on both sides). */
export const applyOp = (doc, op) => {
  const text = doc.getText('text')
  // yjs fills attribute objects in (negated keys): give it copies so that the script stays as written.
  const attrs = () => op.attrs ? { ...op.attrs } : undefined
  switch (op.op) {
    case 'textInsert': text.insert(op.index, op.text, attrs()); return true
    case 'textDelete': text.delete(op.index, op.len); return true
    case 'textFormat': text.format(op.index, op.len, attrs()); return true
    case 'textEmbed': text.insertEmbed(op.index, op.embed, attrs()); return true
    case 'arrayInsert': doc.getArray('array').insert(op.index, op.values.map(toYValue)); return true
    case 'arrayDelete': doc.getArray('array').delete(op.index, op.len); return true
    case 'mapSet': doc.getMap('map').set(op.key, toYValue(op.value)); return true
    case 'mapDelete': doc.getMap('map').delete(op.key); return true
    case 'nestedMapSet': {
      const target = nestedAt(doc, op)
      if (!(target instanceof Y.Map)) return false
      target.set(op.key, toYValue(op.value)); return true
    }
    case 'nestedTextInsert': {
      const target = nestedAt(doc, op)
      if (!(target instanceof Y.Text)) return false
      target.insert(Math.min(op.index, target.length), op.text); return true
    }
    case 'xmlInsert': {
      const element = new Y.XmlElement(op.name)
      for (const [k, v] of Object.entries(op.attrs)) element.setAttribute(k, v)
      if (op.text !== null) {
        const xmlText = new Y.XmlText()
        xmlText.insert(0, op.text)
        element.insert(0, [xmlText])
      }
      doc.getXmlFragment('xml').insert(op.index, [element]); return true
    }
    case 'xmlDelete': doc.getXmlFragment('xml').delete(op.index, op.len); return true
    case 'xmlSetAttribute': {
      const element = xmlElementAt(doc, op.at)
      if (element === null) return false
      element.setAttribute(op.key, op.value); return true
    }
    case 'xmlTextInsert': {
      const xmlText = xmlTextOf(xmlElementAt(doc, op.at))
      if (xmlText === null) return false
      xmlText.insert(Math.min(op.index, xmlText.length), op.text, attrs()); return true
    }
    case 'xmlTextFormat': {
      const xmlText = xmlTextOf(xmlElementAt(doc, op.at))
      if (xmlText === null || xmlText.length === 0) return false
      const index = Math.min(op.index, xmlText.length - 1)
      xmlText.format(index, Math.min(op.len, xmlText.length - index), attrs()); return true
    }
    default: throw new Error('unknown op ' + op.op)
  }
}

/** What a document holds, as JSON text, computed the same way on both sides. */
export const snapshot = (doc) => JSON.stringify({
  text: doc.getText('text').toDelta(),
  array: doc.getArray('array').toJSON(),
  map: doc.getMap('map').toJSON(),
  xml: doc.getXmlFragment('xml').toString()
})

/** JSON with object keys sorted, to compare documents whose maps received keys in different orders. */
export const canonical = (json) => JSON.stringify(JSON.parse(json), (_, value) =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k]]))
    : value)

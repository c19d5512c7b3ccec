// Random operations for the documents of ops.mjs, drawn from a seeded generator (random.mjs).

// No astral characters: a position between the halves of a surrogate pair makes yjs peers diverge
// (yjs replaces the halves with U+FFFD on the splitting peer only).
export const words = ['a', 'b', 'hello', ' ', '\n', 'xyz', 'é', '€', 'long text run ', 'Z']
export const attributeChoices = [
  { bold: true }, { italic: true }, { bold: null }, { link: 'https://example.test/x' },
  { color: { r: 1, g: 2 } }, { bold: true, italic: true }, { italic: null, size: 12 }
]

export const randomValue = (r, depth = 0) => {
  // Shared types only as direct values of an array or map: inside plain JSON they cannot live.
  switch (r.int(depth > 1 ? 8 : depth === 1 ? 10 : 11)) {
    case 0: return r.int(100) - 50
    case 1: return r.pick([2 ** 31, -(2 ** 31) - 1, 2 ** 40, 2 ** 53 - 1, 0.1, 1.5, -0.25, 1e300])
    case 2: return r.pick(words)
    case 3: return r.chance(0.5)
    case 4: return null
    case 5: return { $bytes: [r.int(256), r.int(256)] }
    case 6: return r.pick(['', 'quote"back\\slash', 'ctrl\u0001', '日本'])
    case 7: return r.int(1000)
    case 8: return [randomValue(r, depth + 1), randomValue(r, depth + 1)]
    case 9: return { k: randomValue(r, depth + 1), [r.pick(['z', 'a', 'm'])]: randomValue(r, depth + 1) }
    default: return r.pick([{ $ymap: { inner: randomValue(r, depth + 1) } }, { $yarray: [1, 'two'] }, { $ytext: 'nested' }])
  }
}

export const randomOp = (r, doc) => {
  const text = doc.getText('text')
  const array = doc.getArray('array')
  const xml = doc.getXmlFragment('xml')
  const kind = r.int(100)
  if (kind < 30) return { op: 'textInsert', index: r.int(text.length + 1), text: r.pick(words), attrs: r.chance(0.3) ? r.pick(attributeChoices) : null }
  if (kind < 42 && text.length > 0) {
    const index = r.int(text.length)
    return { op: 'textDelete', index, len: 1 + r.int(Math.min(5, text.length - index)) }
  }
  if (kind < 50 && text.length > 0) {
    const index = r.int(text.length)
    return { op: 'textFormat', index, len: 1 + r.int(Math.min(6, text.length - index) + 1), attrs: r.pick(attributeChoices) }
  }
  if (kind < 53) return { op: 'textEmbed', index: r.int(text.length + 1), embed: { image: r.pick(['a.png', 'b.png']) }, attrs: r.chance(0.5) ? { width: 10 } : null }
  if (kind < 62) return { op: 'arrayInsert', index: r.int(array.length + 1), values: Array.from({ length: 1 + r.int(3) }, () => randomValue(r)) }
  if (kind < 67 && array.length > 0) {
    const index = r.int(array.length)
    return { op: 'arrayDelete', index, len: 1 + r.int(Math.min(3, array.length - index)) }
  }
  if (kind < 75) return { op: 'mapSet', key: r.pick(['a', 'b', 'c', 'd']), value: randomValue(r) }
  if (kind < 77) return { op: 'mapDelete', key: r.pick(['a', 'b', 'c', 'd']) }
  if (kind < 80 && array.length > 0) return { op: 'nestedMapSet', at: r.int(array.length), key: r.pick(['x', 'y']), value: randomValue(r, 2) }
  if (kind < 82 && array.length > 0) return { op: 'nestedTextInsert', at: r.int(array.length), index: r.int(5), text: r.pick(words) }
  if (kind < 88) return { op: 'xmlInsert', index: r.int(xml.length + 1), name: r.pick(['paragraph', 'heading', 'blockContainer']), attrs: r.chance(0.5) ? { level: r.int(3) + 1 } : {}, text: r.chance(0.8) ? r.pick(words) : null }
  if (kind < 90 && xml.length > 0) return { op: 'xmlDelete', index: r.int(xml.length), len: 1 }
  if (kind < 92 && xml.length > 0) return { op: 'xmlSetAttribute', at: r.int(xml.length), key: r.pick(['level', 'textColor']), value: r.pick(['red', 2, true]) }
  if (kind < 97 && xml.length > 0) return { op: 'xmlTextInsert', at: r.int(xml.length), index: r.int(6), text: r.pick(words), attrs: r.chance(0.3) ? r.pick([{ bold: {} }, { italic: {} }]) : null }
  if (xml.length > 0) return { op: 'xmlTextFormat', at: r.int(xml.length), index: r.int(6), len: 1 + r.int(4), attrs: r.pick([{ bold: {} }, { bold: null }, { italic: {} }]) }
  return { op: 'textInsert', index: r.int(text.length + 1), text: r.pick(words), attrs: null }
}


// The BlockNote side of bench/content.sh: builds the benchmark document with @blocknote/server-util, and
// times BlockNote's own conversions of it, one scenario per process.
//   node blocknote.mjs make TRACE OUT            → writes the document (one Yjs update) to OUT
//   node blocknote.mjs run SCENARIO FILE REPEAT  → {"cold_ms","warm_ms","peak_rss_bytes","output_length"}
//     (the import scenario reads FILE with .md for .bin: the document as Markdown)
import { readFileSync, writeFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { ServerBlockNoteEditor } from '@blocknote/server-util'
import * as Y from 'yjs'

const FRAGMENT = 'document-store'
const BLOCKS = 10000
const editor = ServerBlockNoteEditor.create()

/** 10,000 blocks from the lines of an editing trace's final text: headings, nested lists, styled text, links, tables. */
function documentFrom (trace) {
  const lines = JSON.parse(gunzipSync(readFileSync(trace)).toString('utf8')).endContent.split('\n').filter(line => line.trim().length > 0)
  const line = (i) => lines[i % lines.length]
  const blocks = []
  for (let i = 0; blocks.length < BLOCKS; i++) {
    const text = line(i)
    const n = blocks.length
    if (n % 250 === 0) {
      blocks.push({ type: 'table', content: { type: 'tableContent', headerRows: 1, rows: [0, 1, 2, 3].map(r => ({ cells: [0, 1, 2].map(c => line(i + r * 3 + c).slice(0, 40)) })) } })
    } else if (n % 25 === 0) {
      blocks.push({ type: 'heading', props: { level: 1 + (n / 25) % 3 }, content: text.slice(0, 80) })
    } else if (n % 10 < 3) {
      blocks.push({ type: n % 2 ? 'bulletListItem' : 'numberedListItem', content: text, children: n % 10 === 2 ? [{ type: 'checkListItem', props: { checked: n % 4 === 0 }, content: line(i + 1) }] : [] })
    } else if (n % 10 === 5) {
      const third = Math.max(1, Math.floor(text.length / 3))
      blocks.push({
        type: 'paragraph',
        content: [
          { type: 'text', text: text.slice(0, third), styles: { bold: true } },
          { type: 'link', href: `https://example.test/${n}`, content: text.slice(third, 2 * third) || 'link' },
          { type: 'text', text: text.slice(2 * third), styles: { italic: true, textColor: 'blue' } }
        ]
      })
    } else if (n % 50 === 7) {
      blocks.push({ type: 'codeBlock', props: { language: 'latex' }, content: [line(i), line(i + 1), line(i + 2)].join('\n') })
    } else {
      blocks.push({ type: 'paragraph', content: text })
    }
  }
  return blocks
}

const peakRss = () => {
  const status = readFileSync('/proc/self/status', 'utf8')
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) * 1024
}

const scenarios = {
  // Decoding the state alone (yjs), which every conversion starts with.
  load: async (update) => Y.encodeStateVector(load(update)),
  // Reading the state as blocks, which every conversion starts with.
  blocks: async (update) => JSON.stringify(editor.yDocToBlocks(load(update), FRAGMENT)),
  markdown: async (update) => editor.blocksToMarkdownLossy(editor.yDocToBlocks(load(update), FRAGMENT)),
  html: async (update) => editor.blocksToHTMLLossy(editor.yDocToBlocks(load(update), FRAGMENT)),
  // Writing blocks as a new document: the blocks are read once before timing.
  write: async (update, blocks) => Y.encodeStateAsUpdate(editor.blocksToYDoc(blocks, FRAGMENT)),
  // The input is Markdown text here (the document exported once by Docs.Content).
  import: async (markdown) => Y.encodeStateAsUpdate(editor.blocksToYDoc(await editor.tryParseMarkdownToBlocks(markdown), FRAGMENT))
}

function load (update) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc
}

const [mode, ...args] = process.argv.slice(2)
if (mode === 'make') {
  const [trace, out] = args
  writeFileSync(out, Y.encodeStateAsUpdate(editor.blocksToYDoc(documentFrom(trace), FRAGMENT)))
} else if (mode === 'run') {
  const [scenario, file, repeat] = args
  const update = scenario === 'import' ? readFileSync(file.replace(/\.bin$/, '.md'), 'utf8') : new Uint8Array(readFileSync(file))
  const blocks = scenario === 'write' ? editor.yDocToBlocks(load(update), FRAGMENT) : null
  const times = []
  let output
  for (let i = 0; i <= Number(repeat); i++) {
    const start = process.hrtime.bigint()
    output = await scenarios[scenario](update, blocks)
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  const warm = times.slice(1).sort((a, b) => a - b)
  console.log(JSON.stringify({ cold_ms: times[0], warm_ms: warm[Math.floor(warm.length / 2)] ?? times[0], peak_rss_bytes: peakRss(), output_length: output.length }))
} else {
  console.error('usage: node blocknote.mjs make TRACE OUT | run SCENARIO FILE REPEAT')
  process.exit(2)
}

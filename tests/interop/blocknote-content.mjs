// Ground truth for Docs.Content: documents written by BlockNote's own server utilities (the XML fragment
// "document-store", as the editor binds it), and BlockNote's reading of any document.
//   node blocknote-content.mjs corpus        → [{ name, update, xml, blocks }] (update base64; blocks null where BlockNote cannot read)
//   node blocknote-content.mjs read FILE     → FILE holds a JSON array of base64 updates; prints [{ xml, blocks }] for each
//   node blocknote-content.mjs markdown FILE → FILE holds a JSON array of Markdown texts; prints BlockNote's blocks for each
import { readFileSync } from 'node:fs'
import { ServerBlockNoteEditor } from '@blocknote/server-util'
import * as Y from 'yjs'

const FRAGMENT = 'document-store'
const editor = ServerBlockNoteEditor.create()
const text = (t, styles = {}) => ({ type: 'text', text: t, styles })

const everyBlockType = [
  { type: 'paragraph', content: 'A paragraph' },
  ...[1, 2, 3, 4, 5, 6].map(level => ({ type: 'heading', props: { level }, content: `Heading ${level}` })),
  { type: 'heading', props: { level: 2, isToggleable: true }, content: 'Toggle heading', children: [{ type: 'paragraph', content: 'inside the heading' }] },
  { type: 'bulletListItem', content: 'bullet' },
  { type: 'numberedListItem', content: 'first' },
  { type: 'numberedListItem', content: 'second' },
  { type: 'numberedListItem', props: { start: 7 }, content: 'seventh' },
  { type: 'checkListItem', content: 'to do' },
  { type: 'checkListItem', props: { checked: true }, content: 'done' },
  { type: 'toggleListItem', content: 'toggle', children: [{ type: 'paragraph', content: 'hidden until opened' }] },
  { type: 'quote', content: 'A quote' },
  { type: 'codeBlock', props: { language: 'javascript' }, content: 'const a = `x`;\n\tif (a) {\n  return "**not bold**"\n}' },
  { type: 'codeBlock', content: '' },
  {
    type: 'table',
    content: { type: 'tableContent', rows: [{ cells: ['a', 'b'] }, { cells: ['c', 'd'] }] }
  },
  { type: 'image', props: { url: 'https://example.test/cat.png', name: 'cat.png', caption: 'A cat', previewWidth: 320, textAlignment: 'center' } },
  { type: 'image', props: { url: '/media/abc/photo.jpg', showPreview: false } },
  { type: 'video', props: { url: 'https://example.test/clip.mp4', name: 'clip.mp4', caption: 'A clip' } },
  { type: 'audio', props: { url: 'https://example.test/song.mp3', name: 'song.mp3' } },
  { type: 'file', props: { url: 'https://example.test/report.pdf', name: 'report.pdf', caption: 'The report' } },
  { type: 'divider' },
  { type: 'paragraph' }
]

const everyStyle = [
  {
    type: 'paragraph',
    content: [
      text('plain '), text('bold', { bold: true }), text(' '), text('italic', { italic: true }), text(' '),
      text('underline', { underline: true }), text(' '), text('strike', { strike: true }), text(' '), text('code', { code: true }), text(' '),
      text('red', { textColor: 'red' }), text(' '), text('on yellow', { backgroundColor: 'yellow' }), text(' '),
      text('css colour', { textColor: '#123456' }), text(' '), text('all', { bold: true, italic: true, underline: true, strike: true, textColor: 'blue', backgroundColor: 'gray' })
    ]
  },
  {
    type: 'paragraph',
    content: [
      text('see '),
      { type: 'link', href: 'https://example.test/a', content: 'a link' },
      text(' and '),
      { type: 'link', href: 'https://example.test/b', content: [text('a '), text('styled', { bold: true }), text(' link', { italic: true })] },
      { type: 'link', href: 'https://example.test/c', content: 'next to another' },
      text('.')
    ]
  },
  { type: 'paragraph', content: [text('line one\nline two', { bold: true }), text('\nline three')] },
  { type: 'paragraph', content: [text('\n'), text('starts with a break')] },
  { type: 'paragraph', content: [{ type: 'link', href: 'https://example.test/d', content: [text('broken\nlink', { italic: true })] }] },
  { type: 'heading', props: { level: 3 }, content: [text('Styled '), text('heading', { italic: true, textColor: 'purple' })] }
]

const blockColours = [
  { type: 'paragraph', props: { textColor: 'red', backgroundColor: 'blue', textAlignment: 'center' }, content: 'coloured' },
  { type: 'paragraph', props: { textAlignment: 'right' }, content: 'right' },
  { type: 'paragraph', props: { textAlignment: 'justify' }, content: 'justified' },
  { type: 'heading', props: { textColor: 'green', level: 2 }, content: 'green heading' },
  { type: 'bulletListItem', props: { backgroundColor: 'pink' }, content: 'pink item' },
  { type: 'quote', props: { textColor: 'brown' }, content: 'brown quote' }
]

const nesting = [
  {
    type: 'bulletListItem', content: 'level 1',
    children: [{
      type: 'numberedListItem', content: 'level 2',
      children: [{
        type: 'checkListItem', props: { checked: true }, content: 'level 3',
        children: [{ type: 'toggleListItem', content: 'level 4', children: [{ type: 'paragraph', content: 'level 5' }, { type: 'bulletListItem', content: 'level 5 too' }] }]
      }, { type: 'numberedListItem', content: 'level 2, second' }]
    }]
  },
  { type: 'paragraph', content: 'A parent paragraph', children: [{ type: 'paragraph', content: 'an indented child' }, { type: 'quote', content: 'a quoted child' }] }
]

const cell = (content, props = {}) => ({ type: 'tableCell', content, props })
const tables = [
  { type: 'table', content: { type: 'tableContent', headerRows: 1, rows: [{ cells: ['Name', 'Value'] }, { cells: ['a', '1'] }, { cells: ['b', '2'] }] } },
  { type: 'table', content: { type: 'tableContent', headerCols: 1, rows: [{ cells: ['Row 1', 'x'] }, { cells: ['Row 2', 'y'] }] } },
  { type: 'table', content: { type: 'tableContent', headerRows: 1, headerCols: 1, columnWidths: [120, undefined, 200], rows: [{ cells: ['', 'B', 'C'] }, { cells: ['1', 'two', 'three'] }] } },
  {
    type: 'table',
    props: { textColor: 'blue' },
    content: {
      type: 'tableContent',
      columnWidths: [100, 150, undefined],
      rows: [
        { cells: [cell([text('spans two')], { colspan: 2, backgroundColor: 'yellow' }), cell([text('tall')], { rowspan: 2, textAlignment: 'center' })] },
        { cells: [cell([text('multi\nline', { bold: true })], { textColor: 'red' }), cell([{ type: 'link', href: 'https://example.test/cell', content: 'cell link' }])] },
        { cells: [cell([]), cell([text('pipe | and *star*')]), cell([text('right')], { textAlignment: 'right' })] }
      ]
    }
  }
]

const unicode = [
  { type: 'heading', content: 'Ünïcödé — ünd “quotes”' },
  { type: 'paragraph', content: [text('Emoji 👩‍👩‍👧‍👦 and 🧪 outside the BMP, '), text('日本語のテキスト', { bold: true }), text(', العربية, עברית, e\u0301 combining.')] },
  { type: 'paragraph', content: 'Markdown *specials* _here_ [not a link](x) `tick` # hash | pipe ~tilde~ <b>html</b> & &amp; \\ backslash' },
  { type: 'bulletListItem', content: '1. looks like a number' },
  { type: 'paragraph', content: '# not a heading' },
  { type: 'paragraph', content: '    four spaces' },
  { type: 'codeBlock', props: { language: 'python' }, content: 'print("héllo 🌍")\n```\nnested fence' }
]

const documents = {
  'every block type': everyBlockType,
  'every inline style': everyStyle,
  'block colours and alignment': blockColours,
  nesting,
  tables,
  unicode,
  'one empty paragraph': [{ type: 'paragraph' }]
}

const describe = (doc) => ({ xml: doc.getXmlFragment(FRAGMENT).toString(), blocks: editor.yDocToBlocks(doc, FRAGMENT) })
const encode = (doc) => Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64')

const corpus = []
for (const [name, blocks] of Object.entries(documents)) {
  const doc = editor.blocksToYDoc(blocks, FRAGMENT)
  corpus.push({ name, update: encode(doc), ...describe(doc) })
}

corpus.push({ name: 'empty document', update: encode(new Y.Doc()), ...describe(new Y.Doc()) })

// A document edited after it was written, by two peers whose changes merge: deleted items, formatting
// markers and concurrent insertions, as real documents have them.
{
  const first = editor.blocksToYDoc([
    { type: 'paragraph', content: 'Hello world' },
    { type: 'bulletListItem', content: 'to be removed' },
    { type: 'paragraph', content: [text('keep '), text('this', { bold: true })] }
  ], FRAGMENT)
  const second = new Y.Doc()
  Y.applyUpdate(second, Y.encodeStateAsUpdate(first))
  const group = first.getXmlFragment(FRAGMENT).get(0)
  const hello = group.get(0).get(0).get(0)
  hello.insert(5, ', dear')
  hello.format(0, 5, { italic: {} })
  group.delete(1, 1)
  const other = second.getXmlFragment(FRAGMENT).get(0).get(2).get(0).get(0)
  other.insert(other.length, ' too', { bold: {} })
  other.format(0, 4, { textColor: { stringValue: 'green' } })
  Y.applyUpdate(first, Y.encodeStateAsUpdate(second))
  corpus.push({ name: 'edited by two peers', update: encode(first), ...describe(first) })
}

// What BlockNote's default schema does not know, as other editors (or the reference's custom blocks)
// store it: an unknown block type, an inline node and an overlapping mark. BlockNote cannot read it.
{
  const doc = editor.blocksToYDoc([{ type: 'paragraph', content: 'before' }, { type: 'paragraph', content: 'commented' }], FRAGMENT)
  const group = doc.getXmlFragment(FRAGMENT).get(0)
  const container = new Y.XmlElement('blockContainer')
  container.setAttribute('id', 'custom-block')
  const callout = new Y.XmlElement('callout')
  callout.setAttribute('emoji', '💡')
  callout.setAttribute('backgroundColor', 'default')
  const calloutText = new Y.XmlText()
  callout.insert(0, [calloutText])
  container.insert(0, [callout])
  group.insert(1, [container])
  calloutText.insert(0, 'Mind the gap', { bold: {} })
  const paragraph = group.get(2).get(0)
  paragraph.get(0).format(0, 9, { 'comment--AbCd1234': { threadId: 't1', orphan: false } })
  const mention = new Y.XmlElement('mention')
  mention.setAttribute('user', 'u1')
  paragraph.insert(1, [mention])
  corpus.push({ name: 'unknown nodes', update: encode(doc), xml: doc.getXmlFragment(FRAGMENT).toString(), blocks: null })
}

const mode = process.argv[2]
if (mode === 'corpus') {
  console.log(JSON.stringify(corpus))
} else if (mode === 'read') {
  const updates = JSON.parse(readFileSync(process.argv[3], 'utf8'))
  console.log(JSON.stringify(updates.map(update => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Buffer.from(update, 'base64'))
    return describe(doc)
  })))
} else if (mode === 'markdown') {
  const texts = JSON.parse(readFileSync(process.argv[3], 'utf8'))
  const parsed = []
  for (const text of texts) {
    parsed.push(await editor.tryParseMarkdownToBlocks(text))
  }
  console.log(JSON.stringify(parsed))
} else {
  console.error('usage: node blocknote-content.mjs corpus | read FILE | markdown FILE')
  process.exit(2)
}

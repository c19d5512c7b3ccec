// A document as a BlockNote editor writes it (XmlFragment "document-store"), built by BlockNote's own
// server utilities, with what yjs reads back from it.
import { ServerBlockNoteEditor } from '@blocknote/server-util'
import * as Y from 'yjs'

const editor = ServerBlockNoteEditor.create()
const blocks = [
  { type: 'heading', props: { level: 2 }, content: [{ type: 'text', text: 'Meeting notes', styles: {} }] },
  {
    type: 'paragraph',
    content: [
      { type: 'text', text: 'Plain, ', styles: {} },
      { type: 'text', text: 'bold', styles: { bold: true } },
      { type: 'text', text: ' and ', styles: {} },
      { type: 'text', text: 'both', styles: { bold: true, italic: true } },
      { type: 'link', href: 'https://example.test', content: 'a link' }
    ]
  },
  { type: 'bulletListItem', content: 'first point', children: [{ type: 'numberedListItem', content: 'nested step' }] },
  { type: 'checkListItem', props: { checked: true }, content: 'done' }
]
const doc = editor.blocksToYDoc(blocks, 'document-store')
const fragment = doc.getXmlFragment('document-store')

const describe = (node) => {
  if (node instanceof Y.XmlText) return { text: node.toDelta() }
  return { name: node.nodeName, attributes: node.getAttributes(), children: node.toArray().map(describe) }
}

console.log(JSON.stringify({
  update: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('hex'),
  xml: fragment.toString(),
  tree: fragment.toArray().map(describe)
}))

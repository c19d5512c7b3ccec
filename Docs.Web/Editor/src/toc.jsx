// The table of contents: the document's headings (at any depth of nesting), kept current as anyone edits,
// each a button that brings its heading into view and puts the cursor there.
import { useState } from 'react'
import { useEditorChange } from '@blocknote/react'

/** The headings of a block tree, in reading order: { id, level, text }. */
export function headingsOf(blocks, found = []) {
  for (const block of blocks) {
    if (block.type === 'heading') {
      const text = (block.content ?? []).map(inline => inline.text ?? (inline.content ?? []).map(c => c.text ?? '').join('')).join('').trim()
      if (text) found.push({ id: block.id, level: block.props.level ?? 1, text })
    }
    headingsOf(block.children ?? [], found)
  }
  return found
}

export function TableOfContents({ editor, label }) {
  const [headings, setHeadings] = useState(() => headingsOf(editor.document))
  useEditorChange(() => setHeadings(headingsOf(editor.document)), editor)
  if (headings.length === 0) return null
  const jump = id => {
    const element = editor.domElement?.querySelector(`[data-node-type="blockContainer"][data-id="${CSS.escape(id)}"]`)
    element?.scrollIntoView({ block: 'start', behavior: 'smooth' })
    if (editor.isEditable) {
      editor.setTextCursorPosition(id, 'end')
      editor.focus()
    }
  }
  return (
    <nav className="toc" aria-label={label}>
      <h2 className="toc-title">{label}</h2>
      <ul>
        {headings.map(heading => (
          <li key={heading.id} className={`toc-level-${Math.min(heading.level, 3)}`}>
            <button type="button" onClick={() => jump(heading.id)}>{heading.text}</button>
          </li>
        ))}
      </ul>
    </nav>
  )
}

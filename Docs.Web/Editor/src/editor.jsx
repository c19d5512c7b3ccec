// The collaborative editor island of Docs.Web: BlockNote bound to a yjs document that
// @hocuspocus/provider keeps in sync with Docs.Collab through the gateway (/collaboration/ws/), and that
// the browser keeps a copy of until the server has every change (local.js).
// The Blazor page mounts it with mount(element, options) and unmounts it with the handle's destroy().
import { createRoot } from 'react-dom/client'
import { useEffect, useMemo } from 'react'
import * as Y from 'yjs'
import { HocuspocusProvider } from '@hocuspocus/provider'
import { useCreateBlockNote } from '@blocknote/react'
import { BlockNoteView } from '@blocknote/mantine'
import { de, en, es, fr, it, nl } from '@blocknote/core/locales'
import '@blocknote/core/fonts/inter.css'
import '@blocknote/mantine/style.css'
import { ticketSource } from './tickets.js'
import { attachmentUploader, showUploadError } from './uploads.js'
import { connectionStatus, showStatus } from './status.js'
import { openLocalCopy, pendingChanges } from './local.js'
import { cursorColors, distinctColors } from './colors.js'
import { TableOfContents } from './toc.jsx'

// BlockNote's own strings (menus, placeholders) in the UI's languages.
const dictionaries = { en, fr, de, nl, es, it }

// The shared type the server converts to and from (as the reference's front end names it).
const FRAGMENT = 'document-store'

function Editor({ provider, fragment, user, renderCursor, editable, language, theme, uploadFile, label, contentsLabel }) {
  const editor = useCreateBlockNote({
    // The editable area is a text box: assistive technology names it (the page's title field has its own name).
    domAttributes: { editor: { 'aria-label': label } },
    collaboration: { provider, fragment, user, renderCursor, showCursorLabels: 'activity' },
    dictionary: dictionaries[language] ?? en,
    uploadFile,
  }, [provider, fragment])
  useEffect(() => { editor.isEditable = editable }, [editor, editable])
  return (
    <div className="editor-layout">
      <BlockNoteView editor={editor} editable={editable} theme={theme} />
      <TableOfContents editor={editor} label={contentsLabel} />
    </div>
  )
}

// The collaboration server behind this origin's gateway.
const collaborationUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collaboration/ws/`

// The antiforgery token the page was served with (the gateway asks for it on state-changing calls).
const antiforgeryToken = () => document.querySelector('meta[name="docs-xsrf"]')?.content ?? ''

const theme = () => window.docsUi?.effectiveTheme() ?? 'light'

/**
 * options: { documentId, canWrite (until a ticket says), owner (who the local copy belongs to),
 *   user: { name, color, key, preferred (its colour's index) }, palette, language (the UI's), label (the text box's name),
 *   contentsLabel (the table of contents' title) }
 * The connection state goes to the page's badge (data-editor-status) in the same main element.
 */
export async function mount(element, options) {
  const badge = element.closest('main')?.querySelector('[data-editor-status]')
  showStatus(badge, { status: 'connecting', canWrite: options.canWrite, unsaved: 0 }) // not the previous document's state
  const doc = new Y.Doc()
  // What this browser kept of the document comes first: it shows offline, and the first sync sends it.
  const copy = await openLocalCopy(options.owner, options.documentId, doc)
  const tickets = ticketSource(options.documentId, antiforgeryToken(), options.canWrite)
  const provider = new HocuspocusProvider({
    url: collaborationUrl(),
    name: options.documentId,
    document: doc,
    token: tickets.next,
  })
  const colors = distinctColors(provider.awareness, options.user, options.palette)
  const cursors = cursorColors(provider.awareness)
  let report = null
  const unsaved = pendingChanges(doc, provider, copy, () => report?.refresh())
  report = connectionStatus(provider, status => showStatus(badge, { status, canWrite: tickets.canWrite, unsaved: unsaved.count }))
  const warnBeforeLeaving = event => {
    if (unsaved.count > 0 && !window.docsUi.leavingSafely) {
      event.preventDefault()
      event.returnValue = ''
    }
  }
  window.addEventListener('beforeunload', warnBeforeLeaving)
  const root = createRoot(element)
  const fragment = doc.getXmlFragment(FRAGMENT)
  const uploadFile = attachmentUploader(options.documentId, antiforgeryToken(), message => showUploadError(element, message))
  const render = () => root.render(
    <Editor provider={provider} fragment={fragment} user={options.user} renderCursor={cursors.render}
      editable={tickets.canWrite} language={options.language} theme={theme()} uploadFile={uploadFile} label={options.label}
      contentsLabel={options.contentsLabel} />)
  tickets.onChange = () => { render(); report.refresh() }
  window.addEventListener('docs-theme', render)
  render()
  return {
    destroy() {
      window.removeEventListener('docs-theme', render)
      window.removeEventListener('beforeunload', warnBeforeLeaving)
      report.stop()
      unsaved.stop()
      colors.stop()
      cursors.stop()
      root.unmount()
      provider.destroy()
      copy.local.destroy()
      doc.destroy()
    },
  }
}

// People present in a document get different colours. Each prefers the one the page derived from who
// they are; where several prefer the same, they take turns in the order of their presence keys, each
// taking its preferred colour if still free, otherwise the next free one in the palette. Every client
// sees the same people through awareness, so all agree; each sets only its own colour.
export function distinctColors(awareness, user, palette) {
  const assign = () => {
    const people = new Map([[user.key, user.preferred]])
    for (const state of awareness.getStates().values()) {
      if (state.user?.key && Number.isInteger(state.user.preferred)) people.set(state.user.key, state.user.preferred)
    }
    const taken = new Set()
    let mine = user.preferred
    for (const [key, preferred] of [...people].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      let index = preferred
      for (let step = 0; step < palette.length && taken.has(index); step++) index = (index + 1) % palette.length
      taken.add(index)
      if (key === user.key) mine = index
    }
    const color = palette[mine] ?? user.color
    if (awareness.getLocalState()?.user?.color !== color) {
      awareness.setLocalStateField('user', { ...user, color })
    }
  }
  awareness.on('change', assign)
  assign()
  return { stop: () => awareness.off('change', assign) }
}

/**
 * Draws others' cursors (caret and name label, with BlockNote's classes) and keeps their colours current:
 * BlockNote builds a cursor once per client and would keep the colour it first saw, while colours
 * change as people come and go.
 */
export function cursorColors(awareness) {
  const drawn = new Map() // presence key → the elements painted in that person's colour
  const paint = (element, color) => {
    element.style.backgroundColor = color
    element.style.color = isDark(color) ? 'white' : 'black'
  }
  const refresh = () => {
    for (const state of awareness.getStates().values()) {
      const { key, color } = state.user ?? {}
      for (const element of drawn.get(key) ?? []) paint(element, color)
    }
  }
  awareness.on('change', refresh)
  return {
    render(user) {
      const cursor = document.createElement('span')
      cursor.className = 'bn-collaboration-cursor__base'
      const caret = document.createElement('span')
      caret.className = 'bn-collaboration-cursor__caret'
      caret.setAttribute('contenteditable', 'false')
      const label = document.createElement('span')
      label.className = 'bn-collaboration-cursor__label'
      label.textContent = user.name
      caret.append(label)
      cursor.append('\u2060', caret, '\u2060')
      for (const element of [caret, label]) paint(element, user.color)
      drawn.set(user.key, [...(drawn.get(user.key) ?? []).filter(element => element.isConnected), caret, label])
      return cursor
    },
    stop: () => awareness.off('change', refresh),
  }
}

function isDark(color) {
  if (!/^#[0-9a-f]{6}$/i.test(color ?? '')) return true
  const [r, g, b] = [1, 3, 5].map(i => parseInt(color.slice(i, i + 2), 16))
  return 0.299 * r + 0.587 * g + 0.114 * b < 150
}

import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'

/** What differs between two responses of one rendered page: the CSP nonce, the CSRF token and who is signed in. */
export interface PagePersonalia {
  readonly nonce: string
  readonly csrf: string
  /** The signed-in user's name, as it is to appear in the page (already HTML-escaped). */
  readonly name: string
}

type Hole = keyof PagePersonalia

/** A page as rendered once: its bytes in pieces, with a hole between each two for the response's own parts. */
export interface RenderedPage {
  readonly stamp: string
  readonly pieces: readonly Buffer[]
  readonly holes: readonly Hole[]
  readonly bytes: number
}

const HOLE_LETTER: Readonly<Record<string, Hole>> = { n: 'nonce', c: 'csrf', u: 'name' }
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&#39;',
  '<': '&lt;',
  '>': '&gt;',
  '\\': '&#92;',
}

/** HTML-escapes exactly as Nunjucks' autoescape does, for the name put into a hole. */
export function escapeHtml(text: string): string {
  return text.replace(/[&"'<>\\]/g, (c) => ESCAPES[c] ?? c)
}

/**
 * The page without the templates' indentation: a run of spaces and line breaks between two tags becomes one line
 * break, which a browser shows just as it shows the run (a tenth of a county page). Not done where white space is
 * content.
 */
export function withoutIndentation(html: string): string {
  if (/<(pre|textarea)\b/i.test(html)) return html
  return html.replace(/>[ \t\r\n]*\n[ \t\r\n]*</g, '>\n<')
}

/**
 * Rendered pages, remembered by a key (what the page is for, and for whom) until the data stamp moves, within a
 * budget of bytes (the least recently used go first). A page is rendered with marks where the response's own parts
 * go; the marks carry a secret drawn at start, so no figure or commentary in the data can forge one. Pieces are
 * held as bytes, so a response is a copy, not a rendering or a UTF-8 encoding.
 */
export function createPageCache(maxBytes: number) {
  const secret = randomBytes(12).toString('hex')
  // Letters and digits only: HTML escaping leaves them as they are, wherever the template puts them.
  const marks: PagePersonalia = { nonce: `pc${secret}n`, csrf: `pc${secret}c`, name: `pc${secret}u` }
  const pattern = new RegExp(`pc${secret}([ncu])`, 'g')
  const entries = new Map<string, RenderedPage>()
  const rendering = new Map<string, Promise<RenderedPage>>()
  let held = 0

  function cut(rendered: string, stamp: string): RenderedPage {
    const html = withoutIndentation(rendered)
    const pieces: Buffer[] = []
    const holes: Hole[] = []
    let from = 0
    for (const match of html.matchAll(pattern)) {
      pieces.push(Buffer.from(html.slice(from, match.index), 'utf8'))
      holes.push(HOLE_LETTER[match[1] ?? ''] ?? 'nonce')
      from = match.index + match[0].length
    }
    pieces.push(Buffer.from(html.slice(from), 'utf8'))
    return { stamp, pieces, holes, bytes: pieces.reduce((sum, piece) => sum + piece.length, 0) }
  }

  function keep(key: string, page: RenderedPage): void {
    const old = entries.get(key)
    if (old) {
      held -= old.bytes
      entries.delete(key)
    }
    // A page bigger than a quarter of the budget would push out too much else; it is rendered each time.
    if (page.bytes > maxBytes / 4) return
    entries.set(key, page)
    held += page.bytes
    for (const [oldest, evicted] of entries) {
      if (held <= maxBytes) break
      entries.delete(oldest)
      held -= evicted.bytes
    }
  }

  /**
   * The page for `key` as of `stamp`: the one held, if rendered at that stamp, or else rendered by `render` (given
   * the marks to put where the nonce, CSRF token and name go). Requests arriving while it renders wait for it.
   */
  async function page(
    key: string,
    stamp: string,
    render: (marks: PagePersonalia) => Promise<string>,
  ): Promise<RenderedPage> {
    const found = entries.get(key)
    if (found?.stamp === stamp) {
      entries.delete(key)
      entries.set(key, found)
      return found
    }
    const pending = `${key}\u0000${stamp}`
    const waiting = rendering.get(pending)
    if (waiting) return waiting
    const work = render(marks).then((html) => cut(html, stamp))
    rendering.set(pending, work)
    try {
      const made = await work
      keep(key, made)
      return made
    } finally {
      rendering.delete(pending)
    }
  }

  /**
   * The page with this response's own parts in their holes, and its length. The held pieces go to the socket as they
   * are: copying a county dashboard into a fresh buffer for each response costs more than writing it.
   */
  function fill(rendered: RenderedPage, personalia: PagePersonalia): { body: Readable; length: number } {
    const chunks: Buffer[] = []
    let length = 0
    rendered.pieces.forEach((piece, n) => {
      chunks.push(piece)
      length += piece.length
      const hole = rendered.holes[n]
      if (hole) {
        const own = Buffer.from(personalia[hole], 'utf8')
        chunks.push(own)
        length += own.length
      }
    })
    const body = new Readable({
      read() {
        for (const chunk of chunks) this.push(chunk)
        this.push(null)
      },
    })
    return { body, length }
  }

  return { page, fill, held: () => ({ pages: entries.size, bytes: held }) }
}

export type PageCache = ReturnType<typeof createPageCache>

/**
 * Where to send someone after they sign in: the address they asked for before being sent to the sign-in page, but
 * only if it is a page on this site. Anything else (another site, a script, something a browser could read as
 * another site) goes to the plans page.
 *
 * Browsers and URL parsers are generous: "//evil.example", "/\evil.example", "/<tab>/evil.example" are other sites,
 * "/.//evil.example" and "/a/..//evil.example" become "//evil.example" once the dot-segments go, and "%2e" is a dot
 * to a parser that decodes. So the address is decoded until it stops changing, every form it takes is checked, and
 * then it is normalised with the URL parser and checked again: one leading "/", no second "/" or "\" after it, no
 * backslash, control or invisible character anywhere, and no character that looks like a slash.
 */

/** The address used when the one given is refused. */
export const DEFAULT_RETURN_TO = '/plans'

/** Longer than any page address the app makes. */
const MAX_LENGTH = 2000

/** How many layers of percent-encoding are peeled before giving up. */
const MAX_DECODES = 5

const ORIGIN = 'http://outturn.invalid'

/**
 * Control characters (C0, DEL, C1), format characters (zero-width, bidi marks, byte-order mark) and line and
 * paragraph separators: browsers drop some of them from a Location, which can join "/" and "/" into "//".
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u

/** Characters that look like, or fold to, a slash or a backslash, which no page address of ours holds. */
const LOOK_ALIKE_SLASHES = /[\u2044\u2215\u2216\u2571\u2572\u29F5\u29F8\u29F9\u3033\u3035\uFE68\uFF0F\uFF3C]/u

/**
 * One layer of percent-decoding, as the most generous decoder does it: every run of valid escapes is decoded, and a
 * stray "%" is left as it is ("%%32%65" becomes "%2e", which the next layer makes "."); bytes that are not UTF-8
 * become a NUL, which is refused.
 */
function decodeLeniently(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      // Not UTF-8: an old decoder may read "%C0%AF" (an overlong "/") as a slash, so a stray byte counts as hostile.
      return run.replace(/%([0-9a-f]{2})/gi, (_escape, hex: string) => {
        const byte = parseInt(hex, 16)
        return byte < 0x80 ? String.fromCharCode(byte) : '\u0000'
      })
    }
  })
}

/** The percent-decoded forms of an address, outermost first; null when the layers go deeper than any honest one. */
function decodedForms(value: string): string[] | null {
  const forms = [value]
  let current = value
  for (let i = 0; current.includes('%'); i += 1) {
    const next = decodeLeniently(current)
    if (next === current) break
    if (i === MAX_DECODES) return null
    forms.push(next)
    current = next
  }
  return forms
}

/** True when the text, taken as an address, could lead off this site or hides something a browser would drop. */
function hostile(text: string): boolean {
  if (!text.startsWith('/')) return true
  const second = text.charAt(1)
  if (second === '/' || second === '\\') return true
  if (text.includes('\\') || INVISIBLE.test(text) || LOOK_ALIKE_SLASHES.test(text)) return true
  // Compatibility forms (a fullwidth solidus, a small reverse solidus) fold to the ASCII character a parser acts on.
  const folded = text.normalize('NFKC')
  return folded !== text && hostile(folded)
}

/** The address normalised by the URL parser, or null if it leaves this site or starts like another site's. */
function normalised(text: string): string | null {
  let url: URL
  try {
    url = new URL(text, ORIGIN)
  } catch {
    return null
  }
  if (url.origin !== ORIGIN) return null
  const path = `${url.pathname}${url.search}${url.hash}`
  return hostile(path) ? null : path
}

/**
 * The page to go to after signing in: the given address, normalised, when it is a path on this site; otherwise
 * the plans page. Pure: the same answer for the same text, whatever the request.
 */
export function returnToPath(value: string | undefined | null): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_LENGTH) return DEFAULT_RETURN_TO
  const forms = decodedForms(value)
  if (!forms) return DEFAULT_RETURN_TO
  for (const form of forms) if (hostile(form) || normalised(form) === null) return DEFAULT_RETURN_TO
  return normalised(value) ?? DEFAULT_RETURN_TO
}

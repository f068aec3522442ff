/**
 * How wide text is in the Word report's font, so that table columns can be sized for what they hold: a ref is never
 * wrapped, and no word of a figure or a heading is ever wider than its column (Word and LibreOffice break a word that
 * does not fit mid-word: "NEW TELECA RE").
 *
 * The widths are Arial's (the same as Liberation Sans', which LibreOffice uses for it), in thousandths of the font
 * size, for the printable ASCII characters; anything else is taken as a full em, which errs on the wide side.
 */

const FIRST = 32
// prettier-ignore
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
]
// prettier-ignore
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
  975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
  333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
  611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
]
/** A few others the report prints: no-break space, pound, en dash, curly quotes, dagger, arrows. */
const OTHERS: Readonly<Record<string, number>> = {
  '\u00a0': 278,
  '£': 556,
  '–': 556,
  '’': 222,
  '‘': 222,
  '†': 556,
  '↑': 1000,
  '↓': 1000,
  '→': 1000,
  '↔': 1000,
}

/** The left and right margins of a table cell in the Word report (report.docx-blocks.ts), in twips. */
export const CELL_MARGINS = 160

/** How wide `value` is in twips (twentieths of a point) at `halfPoints` (docx's run size), in Arial. */
export function textWidth(value: string, halfPoints: number, bold = false): number {
  const table = bold ? BOLD : REGULAR
  let thousandths = 0
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0
    thousandths += table[code - FIRST] ?? OTHERS[char] ?? 1000
  }
  // A point is 20 twips and a half-point 10: thousandths of an em × half-points × 10 / 1000.
  return Math.ceil((thousandths * halfPoints) / 100)
}

/** The words a line may break between: the runs of text between ordinary spaces (a no-break space holds). */
export function wordsOf(value: string): string[] {
  return value.split(/[ \n\t]+/).filter((w) => w !== '')
}

/** The widest word of `value` in twips, the narrowest a column can be without breaking one. */
export function widestWord(value: string, halfPoints: number, bold = false): number {
  return Math.max(0, ...wordsOf(value).map((w) => textWidth(w, halfPoints, bold)))
}

/** A column as the sizing needs it: what its cells say, at what size, and how it may wrap. */
export interface ColumnText {
  readonly texts: readonly string[]
  readonly size: number
  readonly bold?: boolean
  /** Never wrapped (a ref): the column is as wide as its widest text. */
  readonly whole?: boolean
  /** Takes what is left over (a definition): its share of the spare width. 0 (the default) for a sized column. */
  readonly flex?: number
  /** A flexible column's least width: sized columns give up their `upTo` room before it is narrower. */
  readonly atLeast?: number
  /** Wider than its widest word up to this, if the text is longer (a figure with "(Est)"); default its narrowest. */
  readonly upTo?: number
  /** The column's heading, in bold at its own size: its words must fit too. */
  readonly head?: { readonly text: string; readonly size: number }
}

/**
 * Column widths in twips that add up to `total`: each sized column as wide as it must be (its widest word, or its
 * widest text if whole), and up to `upTo` to keep a figure on one line where the flexible columns keep `atLeast`;
 * the rest shared by the flexible columns. Where the sized columns alone would not fit, they are scaled down to fit
 * (and a word may then break): a report is still made, and the layout test on the demo says so.
 */
export function fitColumns(total: number, columns: readonly ColumnText[]): number[] {
  const isFlex = (c: ColumnText): boolean => (c.flex ?? 0) > 0
  const narrow = columns.map((c) =>
    isFlex(c)
      ? 0
      : CELL_MARGINS +
        20 +
        Math.max(
          c.head ? widestWord(c.head.text, c.head.size, true) : 0,
          ...c.texts.map((t) => (c.whole ? textWidth(t, c.size, c.bold) : widestWord(t, c.size, c.bold))),
        ),
  )
  const want = columns.map((c, i) => {
    const longest = CELL_MARGINS + 20 + Math.max(0, ...c.texts.map((t) => textWidth(t, c.size, c.bold)))
    return isFlex(c) ? 0 : Math.max(narrow[i] ?? 0, Math.min(longest, c.upTo ?? 0))
  })
  const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0)
  const forSized = total - sum(columns.map((c) => (isFlex(c) ? (c.atLeast ?? 0) : 0)))
  const [least, most] = [sum(narrow), sum(want)]
  const sized = columns.map((_, i) => {
    const n = narrow[i] ?? 0
    const w = want[i] ?? 0
    if (most <= forSized) return w
    if (least <= forSized) return Math.floor(n + ((w - n) * (forSized - least)) / (most - least))
    return Math.floor((n * total) / Math.max(least, total))
  })
  const spare = Math.max(0, total - sum(sized))
  const flexTotal = sum(columns.map((c) => c.flex ?? 0))
  const widths = columns.map((c, i) => (isFlex(c) ? Math.floor((spare * (c.flex ?? 0)) / flexTotal) : (sized[i] ?? 0)))
  // The rounding (or, with no flexible column, all the spare width) goes to the last flexible column, else the last.
  const last = columns.findLastIndex(isFlex)
  const into = last >= 0 ? last : widths.length - 1
  widths[into] = (widths[into] ?? 0) + total - sum(widths)
  return widths
}

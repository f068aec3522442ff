/** One line of the GOV.UK error summary: the message and the link to its field ("#actual"). */
export interface ErrorSummaryItem {
  readonly text: string
  readonly href: string
}

/**
 * The error summary's lines in the order their fields come on the page, as the GOV.UK pattern asks: a field's
 * place is where the page first gives an element its id. Lines whose field the page lacks keep their order, last.
 */
export function inPageOrder<T extends ErrorSummaryItem>(items: readonly T[], html: string): T[] {
  const place = (item: T): number => {
    if (!item.href.startsWith('#')) return Number.POSITIVE_INFINITY
    const at = html.indexOf(`id="${item.href.slice(1)}"`)
    return at === -1 ? Number.POSITIVE_INFINITY : at
  }
  return items
    .map((item, index) => ({ item, index, at: place(item) }))
    .sort((a, b) => (a.at === b.at ? a.index - b.index : a.at - b.at))
    .map(({ item }) => item)
}

/** Whether a page's context has an error summary with more than one line (only then can its order be wrong). */
export function summaryToOrder(context: Record<string, unknown>): ErrorSummaryItem[] | null {
  const list = context.errorList
  if (!Array.isArray(list) || list.length < 2) return null
  const items = list as unknown[]
  return items.every(
    (i): i is ErrorSummaryItem =>
      typeof i === 'object' && i !== null && typeof (i as ErrorSummaryItem).href === 'string',
  )
    ? items
    : null
}

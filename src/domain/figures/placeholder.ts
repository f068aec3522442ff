import type { NotReportedReason } from '../judgement/observation.ts'

/**
 * What a council writes in a figure's place when there is no figure: n/a, a dash, two dots, tbc; and x or *, as
 * published tables mark a figure withheld because the numbers are small. Each is read as no figure, for its reason.
 */
export const PLACEHOLDERS: ReadonlyMap<string, NotReportedReason> = new Map([
  ['n/a', 'not-available'],
  ['na', 'not-available'],
  ['-', 'not-available'],
  ['–', 'not-available'],
  ['..', 'not-available'],
  ['tbc', 'not-available'],
  ['x', 'suppressed'],
  ['*', 'suppressed'],
])

/** The placeholders as the README and messages list them. */
export const PLACEHOLDER_LIST = 'n/a, na, - (a hyphen), – (an en dash), .., tbc (not available), x and * (suppressed)'

/** The reason a figure cell's placeholder gives (case and surrounding spaces aside), or null for any other text. */
export function placeholderReason(text: string): NotReportedReason | null {
  // Most cells are figures: a long one is not looked up.
  if (text.length > 8) return null
  return PLACEHOLDERS.get(text.trim().toLowerCase()) ?? null
}

import { DomainError } from './errors.ts'

/**
 * The most characters each kind of text may have, wherever it arrives: a web form, an import file or a command.
 * One table, so a commentary is limited alike in observations.csv and on the entry form, and a name the import
 * accepts is one every page can show and every address can carry. Characters are counted as people count them
 * (Unicode code points): an accented letter, a Welsh ŵ or an emoji is one.
 */

/** A limit on a kind of text: what it is, in words, and how long it may be. */
export interface TextLimit {
  /** What the text is, as a message names it after "The": "commentary", "plan name". */
  readonly name: string
  /** The most characters it may have. */
  readonly max: number
  /** What to do about text over the limit, when "Shorten it." is not the advice. */
  readonly advice?: string
}

const CHOICE_ADVICE = 'Check the column holds what its header asks for: these are short.'

/**
 * Every limit, by the kind of text. Names, refs and titles are bounded so that pages, reports and web addresses
 * stay usable; narrative (commentary, notes, exception reports) may run to 10,000 characters, some four pages of a
 * committee report, and the longest in the published seeds is under 2,000.
 */
export const LIMITS = {
  planName: { name: 'plan name', max: 150 },
  themeName: { name: 'theme name', max: 150 },
  reference: { name: 'reference', max: 50 },
  title: { name: 'title', max: 500 },
  description: { name: 'description', max: 2_000 },
  owner: { name: 'owner or person responsible', max: 200 },
  unit: { name: 'unit', max: 50 },
  figure: { name: 'figure', max: 100, advice: 'Enter the figure alone, such as 12.5.' },
  choice: { name: 'period, date or choice', max: 100, advice: CHOICE_ADVICE },
  commentary: { name: 'commentary', max: 10_000 },
  reason: { name: 'reason', max: 1_000 },
  comparatorName: { name: 'comparator name', max: 100 },
  groupName: { name: 'group name', max: 200 },
  timescale: { name: 'timescale', max: 200 },
  linkedIndicators: { name: 'list of linked indicators', max: 2_000 },
  assessmentName: { name: 'assessment name', max: 200 },
  committee: { name: 'committee or meeting', max: 200 },
  personName: { name: 'name', max: 200 },
  email: { name: 'email address', max: 254 },
} as const satisfies Record<string, TextLimit>

export type LimitName = keyof typeof LIMITS

/**
 * The limits whose text becomes part of a web address, percent-encoded: plan names (through their slug), theme
 * names and references. The route parameter limit must hold the longest of each encoded at worst (12 characters
 * for a 4-byte character), which a test checks.
 */
export const ADDRESS_LIMITS: readonly TextLimit[] = [LIMITS.planName, LIMITS.themeName, LIMITS.reference]

/** How many characters a text has, counting a character outside the Basic Multilingual Plane (an emoji) as one. */
export function characterCount(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i += 1
    }
    count += 1
  }
  return count
}

/** Whether a text is within its limit; cheap for the usual short text, which needs no counting. */
export function withinLimit(text: string, limit: TextLimit): boolean {
  return text.length <= limit.max || characterCount(text) <= limit.max
}

/**
 * What is wrong with a text over its limit, and what to do, or null when it is within it: "The commentary must be
 * 10,000 characters or fewer: this one has 12,406. Shorten it."
 */
export function lengthProblem(text: string, limit: TextLimit): string | null {
  if (withinLimit(text, limit)) return null
  const count = characterCount(text).toLocaleString('en-GB')
  return `The ${limit.name} must be ${limit.max.toLocaleString('en-GB')} characters or fewer: this one has ${count}. ${limit.advice ?? 'Shorten it.'}`
}

/**
 * A form's fields over their limits, each as an error against its field, in the order given (the page's order).
 * A field the form did not send (undefined) has nothing to check.
 */
export function lengthErrors(
  fields: readonly (readonly [field: string, text: string | undefined, limit: TextLimit])[],
): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = []
  for (const [field, text, limit] of fields) {
    // Forms keep text without the spaces around it, so those do not count.
    const problem = text === undefined ? null : lengthProblem(text.trim(), limit)
    if (problem !== null) errors.push({ field, message: problem })
  }
  return errors
}

/** Refuses a text over its limit (a plan name or reason given to an import, say) with the message saying so. */
export function requireWithinLimit(text: string, limit: TextLimit): void {
  const problem = lengthProblem(text, limit)
  if (problem !== null) throw new DomainError('invalid-value', problem)
}

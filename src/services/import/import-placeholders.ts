import type { NotReportedReason } from '../../domain/judgement/observation.ts'
import { PLACEHOLDERS } from '../../domain/figures/placeholder.ts'
import type { ParsedObservation } from './import-validation.ts'

/** How an import read the placeholders in its figures: each spelling as written, what it was read as, how often. */
export interface PlaceholderRead {
  readonly text: string
  /** The reason stored for the row; none where the row gave a status or counts in place of a figure. */
  readonly readAs: NotReportedReason | 'none'
  readonly count: number
}

const READ_AS_WORDS: Readonly<Record<PlaceholderRead['readAs'], string>> = {
  'not-available': 'not available',
  suppressed: 'suppressed (withheld because the numbers are small)',
  'in-arrears': 'reported in arrears',
  annual: 'reported annually',
  new: 'new (data collection being established)',
  'not-due': 'not due',
  none: 'no figure, beside a status or counts',
}

/** The placeholders read, grouped by what they were read as, most often first (then in the order first read). */
export function countPlaceholders(observations: readonly ParsedObservation[]): PlaceholderRead[] {
  const counts = new Map<string, { text: string; readAs: PlaceholderRead['readAs']; count: number }>()
  for (const { placeholder, observation } of observations) {
    if (placeholder === undefined) continue
    const readAs = observation.notReported ?? 'none'
    const key = `${readAs}\u0000${placeholder}`
    const found = counts.get(key)
    if (found) found.count += 1
    else counts.set(key, { text: placeholder, readAs, count: 1 })
  }
  return [...counts.values()].sort((a, b) => b.count - a.count)
}

/** "3 figures read as not available: n/a (2), .. (1)." One sentence for each reason, the most read first. */
export function placeholderSentences(reads: readonly PlaceholderRead[]): string[] {
  const byReason = new Map<PlaceholderRead['readAs'], PlaceholderRead[]>()
  for (const read of reads) byReason.set(read.readAs, [...(byReason.get(read.readAs) ?? []), read])
  return [...byReason].map(([readAs, group]) => {
    const total = group.reduce((sum, read) => sum + read.count, 0)
    const list = group.map((read) => `${read.text} (${read.count})`).join(', ')
    return `${total} ${total === 1 ? 'figure' : 'figures'} read as ${READ_AS_WORDS[readAs]}: ${list}.`
  })
}

/**
 * The placeholders read, written for an address (`n/a:not-available:2|x:suppressed:1`), so the page an import leads to can say what was read;
 * and read back, keeping only known placeholders and counts, so an address cannot put other words on the page.
 */
export function placeholdersParameter(reads: readonly PlaceholderRead[]): string {
  return reads.map((read) => `${read.text}:${read.readAs}:${read.count}`).join('|')
}

const READ_AS = new Set<string>(Object.keys(READ_AS_WORDS))

export function placeholdersFromParameter(text: string): PlaceholderRead[] {
  const reads: PlaceholderRead[] = []
  for (const part of text.split('|').slice(0, 50)) {
    const [placeholder = '', readAs = '', count = ''] = part.split(':')
    if (!PLACEHOLDERS.has(placeholder.toLowerCase()) || !READ_AS.has(readAs) || !/^[1-9]\d{0,8}$/.test(count)) continue
    reads.push({ text: placeholder, readAs: readAs as PlaceholderRead['readAs'], count: Number(count) })
  }
  return reads
}

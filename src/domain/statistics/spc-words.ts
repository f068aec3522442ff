import { numberWord } from '../figures/words.ts'
import type { Frequency } from '../judgement/indicator.ts'
import type { ComparisonResult } from './comparison.ts'
import type { IndicatorSpc } from './indicator-spc.ts'
import type { SpcPoint } from './spc.ts'

/**
 * What an SPC chart says in members' words, for the committee's tables: no method names, no limits (those go to
 * the technical appendix). "Better than usual for three months running"; "Within its normal range"; "Worse than
 * usual this quarter". Then what it means for the target: "At this level it should keep meeting its target."
 */

const PERIOD_WORD: Readonly<Record<Frequency, readonly [one: string, many: string]>> = {
  monthly: ['month', 'months'],
  quarterly: ['quarter', 'quarters'],
  annual: ['year', 'years'],
}

/** How many of the latest points say the same as the latest one (the same kind, the same way). */
export function latestRunLength(points: readonly SpcPoint[]): number {
  const latest = points.at(-1)
  if (latest === undefined) return 0
  let count = 0
  for (let i = points.length - 1; i >= 0; i -= 1) {
    const point = points[i]
    if (point === undefined || point.type !== latest.type || point.side !== latest.side) break
    count += 1
  }
  return count
}

/** "Better than usual for three months running", "Worse than usual this quarter", "Within its normal range". */
export function variationWords(spc: IndicatorSpc, frequency: Frequency): string {
  const latest = spc.points.at(-1)
  if (latest === undefined || latest.type === 'common') return 'Within its normal range'
  const what =
    latest.type === 'improvement'
      ? 'Better than usual'
      : latest.type === 'concern'
        ? 'Worse than usual'
        : latest.side === 'high'
          ? 'Higher than usual'
          : 'Lower than usual'
  const run = latestRunLength(spc.points)
  const [one, many] = PERIOD_WORD[frequency]
  return run >= 2 ? `${what} for ${numberWord(run)} ${many} running` : `${what} this ${one}`
}

/** What the chart means for the target, in plain words; null where there is no target to judge against. */
export function assuranceWords(spc: IndicatorSpc, frequency: Frequency): string | null {
  const [, many] = PERIOD_WORD[frequency]
  switch (spc.assurance) {
    case 'consistent_pass':
      return 'At this level it should keep meeting its target'
    case 'consistent_fail':
      return 'At this level it will keep missing its target unless something changes'
    case 'inconsistent':
      return `At this level it will meet its target in some ${many} and miss it in others`
    case null:
      return null
  }
}

/** The chart in one or two plain sentences: "Within its normal range. At this level it should keep meeting ..." */
export function spcInWords(spc: IndicatorSpc, frequency: Frequency): string {
  const assurance = assuranceWords(spc, frequency)
  return `${variationWords(spc, frequency)}.${assurance ? ` ${assurance}.` : ''}`
}

/** A comparison with a comparator in plain words: "Better than England (40.2%)"; null where it was not compared. */
export function comparisonWords(result: ComparisonResult, comparator: string, value: string): string | null {
  switch (result) {
    case 'better':
      return `Better than ${comparator} (${value})`
    case 'worse':
      return `Worse than ${comparator} (${value})`
    case 'similar':
      return `Similar to ${comparator} (${value})`
    case 'higher':
      return `Higher than ${comparator} (${value})`
    case 'lower':
      return `Lower than ${comparator} (${value})`
    case 'not-compared':
      return null
  }
}

import { type Figure, storedFigure } from '../figures/value.ts'
import { type Period, lastMonthOf, monthOfYear, periodOrder, quarterOf } from '../periods/period.ts'
import type { Indicator } from './indicator.ts'
import { type Observation, hasResult } from './observation.ts'

/**
 * An indicator's entries indexed by period, and which entry reports a period: the engine asks these many times for
 * each judgement (the period, the one before, last year, the year's target), so they are built once per indicator.
 */

/** How many moves an insertion sort of n entries may make before a general sort is cheaper. */
function movesAllowed(length: number): number {
  return 8 * length + 16
}

/**
 * The observations in period order (a stable sort, as Array.prototype.sort is) with each one's periodOrder number.
 * Entries come nearly in order (a store lists a year after its Q4, where the engine puts the longer period first),
 * so an insertion sort on the numbers does it in one pass; anything far out of order gets a general sort.
 */
function inPeriodOrder(observations: readonly Observation[]): { keys: number[]; sorted: Observation[] } {
  const keys: number[] = []
  const sorted: Observation[] = []
  let moves = 0
  for (const observation of observations) {
    const key = periodOrder(observation.period)
    let at = keys.length
    keys.push(key)
    sorted.push(observation)
    while (at > 0 && (keys[at - 1] ?? key) > key && moves < movesAllowed(observations.length)) {
      keys[at] = keys[at - 1] ?? key
      sorted[at] = sorted[at - 1] ?? observation
      at -= 1
      moves += 1
    }
    keys[at] = key
    sorted[at] = observation
  }
  if (moves < movesAllowed(observations.length)) return { keys, sorted }
  const order = observations.map((observation, i) => ({ key: periodOrder(observation.period), i, observation }))
  order.sort((a, b) => a.key - b.key || a.i - b.i)
  return { keys: order.map((o) => o.key), sorted: order.map((o) => o.observation) }
}

/** An indicator's observations indexed by period, for repeated look-ups. */
export class ObservationIndex {
  /** The entries in period order, oldest first. */
  readonly sorted: readonly Observation[]
  /**
   * Each period's periodOrder number, ascending, and its entry (the last given, when a period has two). An
   * indicator has tens of entries, so a binary search of two small arrays is cheaper to build and ask than a Map.
   */
  private readonly keys: readonly number[]
  private readonly entries: readonly Observation[]

  constructor(observations: readonly Observation[]) {
    const { keys, sorted } = inPeriodOrder(observations)
    this.sorted = sorted
    // One entry per period: the last given, when a period has two (they sit together, in the order given).
    let unique = true
    for (let i = 1; i < keys.length && unique; i += 1) if (keys[i] === keys[i - 1]) unique = false
    if (unique) {
      this.keys = keys
      this.entries = sorted
    } else {
      const uniqueKeys: number[] = []
      const entries: Observation[] = []
      sorted.forEach((observation, i) => {
        if (uniqueKeys.at(-1) === keys[i]) entries[entries.length - 1] = observation
        else {
          uniqueKeys.push(keys[i] ?? 0)
          entries.push(observation)
        }
      })
      this.keys = uniqueKeys
      this.entries = entries
    }
  }

  at(period: Period): Observation | undefined {
    const key = periodOrder(period)
    const { keys } = this
    let low = 0
    let high = keys.length - 1
    while (low <= high) {
      const middle = (low + high) >> 1
      const found = keys[middle] ?? key
      if (found < key) low = middle + 1
      else if (found > key) high = middle - 1
      else return this.entries[middle]
    }
    return undefined
  }

  /** The entry for a period, if it says anything about performance. */
  resultAt(period: Period): Observation | undefined {
    const found = this.at(period)
    return found !== undefined && hasResult(found) ? found : undefined
  }
}

/**
 * The entry that reports performance for a period, if any: the period's own entry or, failing that, one that can
 * stand for it. A monthly indicator in a quarterly report uses the quarter's entry or, failing that, its last
 * month's; a year uses Q4 or March; a quarterly indicator in a monthly report is reported in the last month of each
 * quarter. An annual indicator is reported only when an entry for that period exists, or for the year itself.
 */
export function findResult(indicator: Indicator, index: ObservationIndex, period: Period): Observation | undefined {
  const own = index.resultAt(period)
  if (own !== undefined || indicator.frequency === 'annual') return own
  switch (period.kind) {
    case 'year':
      return (
        index.resultAt({ kind: 'quarter', year: period.year, quarter: 4 }) ??
        (indicator.frequency === 'monthly' ? index.resultAt(lastMonthOf(period)) : undefined)
      )
    case 'quarter':
      return indicator.frequency === 'monthly' ? index.resultAt(lastMonthOf(period)) : undefined
    case 'month':
      return indicator.frequency === 'quarterly' && monthOfYear(period) % 3 === 0
        ? index.resultAt(quarterOf(period))
        : undefined
  }
}

/** A stored figure as the indicator reads it, or null where there is none. */
export function figureOrNull(indicator: Indicator, text: string | null): Figure | null {
  return storedFigure(indicator.valueType, text)
}

/** The period an entry's figure relates to: its own, unless it is reported in arrears. */
export function dataPeriodOf(observation: Observation): Period {
  return observation.dataPeriod ?? observation.period
}

import { type Decimal, ZERO, add, subtract } from '../figures/decimal.ts'

/** One scheme of a capital programme for a period. */
export interface CapitalScheme {
  readonly programme: string
  readonly name: string
  /** The scheme's capital allocation for the year. */
  readonly allocation: Decimal
  /** The allocation profiled to the end of the period. */
  readonly allocationToDate: Decimal
  readonly actualToDate: Decimal
  readonly note: string
}

export interface CapitalFigures {
  readonly allocation: Decimal
  readonly allocationToDate: Decimal
  readonly actualToDate: Decimal
  /** Allocation − actual spend to date. */
  readonly allocationRemaining: Decimal
}

/** A capital programme: its schemes in order and their totals. */
export interface CapitalProgramme {
  readonly name: string
  readonly unit: string
  readonly schemes: readonly CapitalScheme[]
  readonly totals: CapitalFigures
}

export function schemeFigures(scheme: CapitalScheme): CapitalFigures {
  return {
    allocation: scheme.allocation,
    allocationToDate: scheme.allocationToDate,
    actualToDate: scheme.actualToDate,
    allocationRemaining: subtract(scheme.allocation, scheme.actualToDate),
  }
}

/** The totals of some schemes (the allocation remaining of the total is the total allocation less spend). */
export function capitalTotals(schemes: readonly CapitalScheme[]): CapitalFigures {
  let allocation = ZERO
  let toDate = ZERO
  let actual = ZERO
  for (const scheme of schemes) {
    allocation = add(allocation, scheme.allocation)
    toDate = add(toDate, scheme.allocationToDate)
    actual = add(actual, scheme.actualToDate)
  }
  return {
    allocation,
    allocationToDate: toDate,
    actualToDate: actual,
    allocationRemaining: subtract(allocation, actual),
  }
}

/** Schemes grouped into their programmes, in the order each programme first appears. */
export function capitalProgrammes(schemes: readonly CapitalScheme[], unit: string): CapitalProgramme[] {
  const byName = new Map<string, CapitalScheme[]>()
  for (const scheme of schemes) {
    const list = byName.get(scheme.programme) ?? []
    list.push(scheme)
    byName.set(scheme.programme, list)
  }
  return [...byName].map(([name, list]) => ({ name, unit, schemes: list, totals: capitalTotals(list) }))
}

import { parseDecimal } from '../../domain/figures/decimal.ts'
import {
  type BudgetFigures,
  type CapitalFigures,
  type CapitalProgramme,
  type RevenueStatement,
  statementTotals,
} from '../../domain/finance/index.ts'
import type { BudgetLineRow, CapitalSchemeRow, StoredFinancePeriod } from '../../store/finance.repository.ts'
import type { AuditRecorder } from '../audit-recorder.ts'
import { financeFromStored } from './finance.service.ts'
import { shown } from './finance-cells.ts'

/** What an import writes for one period: its lines (null when budget.csv has none) and schemes (likewise). */
export interface PeriodWrite {
  readonly period: string
  readonly lines: readonly BudgetLineRow[] | null
  readonly schemes: readonly CapitalSchemeRow[] | null
  /** The audit events of the period's changes, by their index in the recorder: [start, end). */
  readonly events: readonly [number, number]
}

/** What the files held for a period, and whether it changed what the plan held. */
export interface PeriodImported {
  readonly period: string
  readonly statements: number
  readonly lines: number
  readonly programmes: number
  readonly schemes: number
  readonly changed: boolean
}

export interface BudgetChanges {
  /** The periods whose figures changed, to write. */
  readonly writes: readonly PeriodWrite[]
  /** Every period the files held, in the order first met. */
  readonly periods: readonly PeriodImported[]
}

/** The prefix of a capital programme's audit ref, so a programme and a statement of the same name are told apart. */
export const CAPITAL_REF = 'Capital programme: '

const lineKey = (l: BudgetLineRow): string => `${l.section}\u0000${l.line}`
const lineValue = (l: BudgetLineRow): string =>
  JSON.stringify([l.unit, l.annualBudget, l.budgetToDate, l.actualToDate, l.projectedOutturn, l.note])
const schemeKey = (s: CapitalSchemeRow): string => s.scheme
const schemeValue = (s: CapitalSchemeRow): string =>
  JSON.stringify([s.allocation, s.allocationToDate, s.actualToDate, s.note])

function describeLine(l: BudgetLineRow): string {
  const parts = [
    `annual budget ${shownText(l.annualBudget)}`,
    `budget to date ${shownText(l.budgetToDate)}`,
    `actual to date ${shownText(l.actualToDate)}`,
    ...(l.projectedOutturn === null ? [] : [`projected outturn ${shownText(l.projectedOutturn)}`]),
    ...(l.note === null ? [] : [`note “${l.note}”`]),
  ]
  return parts.join('; ')
}

function describeScheme(s: CapitalSchemeRow): string {
  return [
    `allocation ${shownText(s.allocation)}`,
    `allocation to date ${shownText(s.allocationToDate)}`,
    `actual to date ${shownText(s.actualToDate)}`,
    ...(s.note === null ? [] : [`note “${s.note}”`]),
  ].join('; ')
}

/** Stored decimal text as the report prints it: "7,363", "-4,447". */
function shownText(text: string): string {
  const value = parseDecimal(text)
  return value === null ? text : shown(value)
}

const figures = (f: BudgetFigures): string =>
  `annual budget ${shown(f.annualBudget)}, budget to date ${shown(f.budgetToDate)}, actual to date ${shown(f.actualToDate)}`

function describeStatement(s: RevenueStatement): string {
  const count = s.lines.length === 1 ? '1 line' : `${s.lines.length} lines`
  return `${count} in ${s.unit}; net departmental total: ${figures(statementTotals(s).netDepartmentalTotal)}`
}

const capitalFigures = (f: CapitalFigures): string =>
  `allocation ${shown(f.allocation)}, allocation to date ${shown(f.allocationToDate)}, actual to date ${shown(f.actualToDate)}`

function describeProgramme(p: CapitalProgramme): string {
  const count = p.schemes.length === 1 ? '1 scheme' : `${p.schemes.length} schemes`
  return `${count}; total: ${capitalFigures(p.totals)}`
}

/** Rows grouped by a name, in the order each name is first met. */
function grouped<T>(rows: readonly T[], nameOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) groups.set(nameOf(row), [...(groups.get(nameOf(row)) ?? []), row])
  return groups
}

/**
 * Records the changes of one group (a statement's lines or a programme's schemes): each item added, changed or
 * removed, then the group's summary before and after. Returns whether anything changed.
 */
function recordGroup<T>(
  audit: AuditRecorder,
  ref: string,
  period: string,
  held: readonly T[],
  given: readonly T[],
  item: { key: (row: T) => string; value: (row: T) => string; field: (row: T) => string; text: (row: T) => string },
  summary: { field: string; old: string | null; new: string | null },
): boolean {
  const signature = (rows: readonly T[]) => JSON.stringify(rows.map((row) => [item.key(row), item.value(row)]))
  if (signature(held) === signature(given) && summary.old === summary.new) return false
  const before = new Map(held.map((row) => [item.key(row), row]))
  const after = new Set(given.map(item.key))
  for (const row of given) {
    const old = before.get(item.key(row))
    if (old === undefined) audit.record('budget', ref, period, item.field(row), null, item.text(row))
    else if (item.value(old) !== item.value(row))
      audit.record('budget', ref, period, item.field(row), item.text(old), item.text(row))
  }
  for (const row of held)
    if (!after.has(item.key(row))) audit.record('budget', ref, period, item.field(row), item.text(row), null)
  // The summary is recorded even when only the order changed, so that every write has its event.
  audit.record('budget', ref, period, summary.field, summary.old, summary.new)
  return true
}

const LINE = {
  key: lineKey,
  value: lineValue,
  field: (l: BudgetLineRow) => `${l.section}: ${l.line}`,
  text: describeLine,
}
const SCHEME = { key: schemeKey, value: schemeValue, field: (s: CapitalSchemeRow) => s.scheme, text: describeScheme }

/** The changes to one period's statements: each statement in the file, then each held statement it leaves out. */
function statementChanges(
  audit: AuditRecorder,
  period: string,
  held: readonly BudgetLineRow[],
  given: readonly BudgetLineRow[],
): boolean {
  const empty = { lines: [], schemes: [], commentaries: [] }
  const heldStatements = new Map(
    financeFromStored(period, { ...empty, lines: held }).statements.map((s) => [s.name, s]),
  )
  const givenStatements = new Map(
    financeFromStored(period, { ...empty, lines: given }).statements.map((s) => [s.name, s]),
  )
  const heldLines = grouped(held, (l) => l.statement)
  const givenLines = grouped(given, (l) => l.statement)
  let changed = false
  for (const name of new Set([...givenLines.keys(), ...heldLines.keys()])) {
    const before = heldStatements.get(name)
    const after = givenStatements.get(name)
    const summary = {
      field: 'statement',
      old: before ? describeStatement(before) : null,
      new: after ? describeStatement(after) : null,
    }
    const lines = [heldLines.get(name) ?? [], givenLines.get(name) ?? []] as const
    if (recordGroup(audit, name, period, lines[0], lines[1], LINE, summary)) changed = true
  }
  return changed
}

function programmeChanges(
  audit: AuditRecorder,
  period: string,
  held: readonly CapitalSchemeRow[],
  given: readonly CapitalSchemeRow[],
): boolean {
  const empty = { lines: [], schemes: [], commentaries: [] }
  const programmes = (schemes: readonly CapitalSchemeRow[]) =>
    new Map(financeFromStored(period, { ...empty, schemes }).capital.map((p) => [p.name, p]))
  const [heldProgrammes, givenProgrammes] = [programmes(held), programmes(given)]
  const heldSchemes = grouped(held, (s) => s.programme)
  const givenSchemes = grouped(given, (s) => s.programme)
  let changed = false
  for (const name of new Set([...givenSchemes.keys(), ...heldSchemes.keys()])) {
    const before = heldProgrammes.get(name)
    const after = givenProgrammes.get(name)
    const summary = {
      field: 'programme',
      old: before ? describeProgramme(before) : null,
      new: after ? describeProgramme(after) : null,
    }
    const ref = `${CAPITAL_REF}${name}`
    if (recordGroup(audit, ref, period, heldSchemes.get(name) ?? [], givenSchemes.get(name) ?? [], SCHEME, summary))
      changed = true
  }
  return changed
}

/**
 * What a budget import changes, period by period, worked out against what the plan holds: the periods to write,
 * and an audit event for each line or scheme added, changed or removed, with each statement's and programme's
 * summary (its count of lines and its totals) before and after. Periods the files leave out are not touched, nor
 * a period's capital schemes when no capital file is given. Pure: the service reads and writes.
 */
export function planBudgetChanges(
  budget: ReadonlyMap<string, readonly BudgetLineRow[]>,
  capital: ReadonlyMap<string, readonly CapitalSchemeRow[]> | null,
  held: ReadonlyMap<string, StoredFinancePeriod>,
  audit: AuditRecorder,
): BudgetChanges {
  const writes: PeriodWrite[] = []
  const periods: PeriodImported[] = []
  for (const period of new Set([...budget.keys(), ...(capital?.keys() ?? [])])) {
    const stored = held.get(period) ?? { lines: [], schemes: [], commentaries: [] }
    const lines = budget.get(period) ?? null
    const schemes = capital === null ? null : (capital.get(period) ?? null)
    const start = audit.events.length
    const linesChanged = lines !== null && statementChanges(audit, period, stored.lines, lines)
    const schemesChanged = schemes !== null && programmeChanges(audit, period, stored.schemes, schemes)
    const changed = linesChanged || schemesChanged
    if (changed)
      writes.push({
        period,
        lines: linesChanged ? lines : null,
        schemes: schemesChanged ? schemes : null,
        events: [start, audit.events.length],
      })
    periods.push({
      period,
      statements: new Set(lines?.map((l) => l.statement)).size,
      lines: lines?.length ?? 0,
      programmes: new Set(schemes?.map((s) => s.programme)).size,
      schemes: schemes?.length ?? 0,
      changed,
    })
  }
  return { writes, periods }
}

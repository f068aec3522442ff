import type { Kysely } from 'kysely'
import { type Decimal, parseDecimal } from '../../domain/figures/decimal.ts'
import {
  BUDGET_SECTIONS,
  type BudgetLine,
  type BudgetRule,
  type BudgetSection,
  type CapitalScheme,
  type FinancePeriod,
  type RevenueStatement,
  capitalProgrammes,
} from '../../domain/finance/index.ts'
import { readBudgetRule } from '../../store/budget-rule.repository.ts'
import { type StoredFinancePeriod, readFinancePeriod } from '../../store/finance.repository.ts'
import { budgetRuleOf } from './budget-rule.service.ts'
import type { Database } from '../../store/schema.ts'

/** The unit capital programmes are kept in unless their schemes say otherwise. */
const CAPITAL_UNIT = "£'000"

/** Stored decimal text as a decimal; the store only ever holds text the import checked, so a bad value is a fault. */
function amount(text: string, where: string): Decimal {
  const value = parseDecimal(text)
  if (value === null) throw new Error(`The stored amount "${text}" for ${where} is not a number.`)
  return value
}

function optionalAmount(text: string | null, where: string): Decimal | null {
  return text === null || text === '' ? null : amount(text, where)
}

function section(text: string): BudgetSection {
  const found = BUDGET_SECTIONS.find((s) => s === text)
  if (!found) throw new Error(`The stored budget section "${text}" is not one of ${BUDGET_SECTIONS.join(', ')}.`)
  return found
}

/** Turns a plan's stored finances for a period into the domain's statements (in import order) and programmes. */
export function financeFromStored(period: string, stored: StoredFinancePeriod): FinancePeriod {
  const byStatement = new Map<string, { unit: string; lines: BudgetLine[] }>()
  for (const row of stored.lines) {
    const where = `"${row.line}" in ${row.statement} (${period})`
    const entry = byStatement.get(row.statement) ?? { unit: row.unit, lines: [] }
    entry.lines.push({
      section: section(row.section),
      name: row.line,
      annualBudget: amount(row.annualBudget, where),
      budgetToDate: amount(row.budgetToDate, where),
      actualToDate: amount(row.actualToDate, where),
      projectedOutturn: optionalAmount(row.projectedOutturn, where),
      note: row.note ?? '',
    })
    byStatement.set(row.statement, entry)
  }
  const commentary = new Map(stored.commentaries.map((c) => [c.statement, c]))
  const statements: RevenueStatement[] = [...byStatement].map(([name, { unit, lines }]) => {
    const said = commentary.get(name)
    return {
      name,
      unit,
      lines,
      projectedOutturn: optionalAmount(said?.projectedOutturn ?? null, `the projected outturn of ${name}`),
      comments: said?.comments ?? '',
    }
  })
  const schemes: CapitalScheme[] = stored.schemes.map((s) => {
    const where = `the scheme "${s.scheme}" (${period})`
    return {
      programme: s.programme,
      name: s.scheme,
      allocation: amount(s.allocation, where),
      allocationToDate: amount(s.allocationToDate, where),
      actualToDate: amount(s.actualToDate, where),
      note: s.note ?? '',
    }
  })
  const unit = statements[0]?.unit ?? CAPITAL_UNIT
  return { period, statements, capital: capitalProgrammes(schemes, unit) }
}

/** Reading a plan's finances: the revenue statements, budget holders' comments and capital programmes of a period. */
export function createFinanceService(db: Kysely<Database>) {
  return {
    /** The plan's finances for a period (empty statements and programmes when it has none). */
    async financeFor(planId: number, period: string): Promise<FinancePeriod> {
      return financeFromStored(period, await readFinancePeriod(db, planId, period))
    },
    /** The rule that judges the plan's statements: its own, or the default (Red over 5% above profile). */
    async ruleFor(planId: number): Promise<BudgetRule> {
      return budgetRuleOf(await readBudgetRule(db, planId))
    },
  }
}

export type FinanceService = ReturnType<typeof createFinanceService>

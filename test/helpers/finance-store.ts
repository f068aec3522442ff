import { decimalToString } from '../../src/domain/figures/decimal.ts'
import { openDatabase } from '../../src/store/database.ts'
import { listPlanStatements } from '../../src/store/budget-holder.repository.ts'
import { type BudgetLineRow, replaceFinancePeriod } from '../../src/store/finance.repository.ts'
import { HALTON_FINANCE_PERIOD, haltonFinance } from './finance-fixture.ts'

/**
 * Stores the Halton Safer fixture's revenue statements (2012/13 Q2) for a plan of an already migrated database, as
 * the budget import would, and returns each statement's id by name: for tests of the pages that need real
 * statements in the store.
 */
export async function storeHaltonFinance(location: string, planSlug: string): Promise<Map<string, number>> {
  const database = await openDatabase(location)
  try {
    const { db } = database
    const plan = await db.selectFrom('plans').select('id').where('slug', '=', planSlug).executeTakeFirstOrThrow()
    const lines: BudgetLineRow[] = haltonFinance().statements.flatMap((s) =>
      s.lines.map((l) => ({
        statement: s.name,
        unit: s.unit,
        section: l.section,
        line: l.name,
        annualBudget: decimalToString(l.annualBudget),
        budgetToDate: decimalToString(l.budgetToDate),
        actualToDate: decimalToString(l.actualToDate),
        projectedOutturn: null,
        note: l.note === '' ? null : l.note,
      })),
    )
    await replaceFinancePeriod(db, plan.id, HALTON_FINANCE_PERIOD, lines, null)
    return new Map((await listPlanStatements(db, plan.id)).map((s) => [s.name, s.id]))
  } finally {
    await database.close()
  }
}

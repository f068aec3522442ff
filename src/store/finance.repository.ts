import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'

/** One budget line for a statement's period, amounts as the exact decimal text imported. */
export interface BudgetLineRow {
  readonly statement: string
  readonly unit: string
  readonly section: string
  readonly line: string
  readonly annualBudget: string
  readonly budgetToDate: string
  readonly actualToDate: string
  readonly projectedOutturn: string | null
  readonly note: string | null
}

/** One capital scheme for a plan's period, amounts as the exact decimal text imported. */
export interface CapitalSchemeRow {
  readonly programme: string
  readonly scheme: string
  readonly allocation: string
  readonly allocationToDate: string
  readonly actualToDate: string
  readonly note: string | null
}

/** The budget holder's comments and projected outturn for a statement's period. */
export interface CommentaryRow {
  readonly statement: string
  readonly comments: string | null
  readonly projectedOutturn: string | null
}

/** A plan's figures for a period as stored: lines in file order, schemes in file order, and the commentaries. */
export interface StoredFinancePeriod {
  readonly lines: readonly BudgetLineRow[]
  readonly schemes: readonly CapitalSchemeRow[]
  readonly commentaries: readonly CommentaryRow[]
}

type Db = Kysely<Database>

/** The id of a plan's statement, creating it (after the plan's others) when this is the first time it is seen. */
export async function statementId(db: Db, planId: number, name: string, unit: string): Promise<number> {
  const found = await db
    .selectFrom('budget_statements')
    .select(['id', 'unit'])
    .where('plan_id', '=', planId)
    .where('name', '=', name)
    .executeTakeFirst()
  if (found) {
    if (found.unit !== unit)
      await db.updateTable('budget_statements').set({ unit }).where('id', '=', found.id).execute()
    return found.id
  }
  const { count } = await db
    .selectFrom('budget_statements')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('plan_id', '=', planId)
    .executeTakeFirstOrThrow()
  const inserted = await db
    .insertInto('budget_statements')
    .values({ plan_id: planId, name, unit, position: Number(count) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return inserted.id
}

/** A plan's stored finances for one period, in the order they were imported. */
export async function readFinancePeriod(db: Db, planId: number, period: string): Promise<StoredFinancePeriod> {
  const lines = await db
    .selectFrom('budget_lines')
    .innerJoin('budget_statements', 'budget_statements.id', 'budget_lines.statement_id')
    .select([
      'budget_statements.name as statement',
      'budget_statements.unit as unit',
      'budget_lines.section as section',
      'budget_lines.line as line',
      'budget_lines.annual_budget as annualBudget',
      'budget_lines.budget_to_date as budgetToDate',
      'budget_lines.actual_to_date as actualToDate',
      'budget_lines.projected_outturn as projectedOutturn',
      'budget_lines.note as note',
    ])
    .where('budget_statements.plan_id', '=', planId)
    .where('budget_lines.period', '=', period)
    .orderBy('budget_statements.position')
    .orderBy('budget_lines.position')
    .execute()
  const schemes = await db
    .selectFrom('capital_schemes')
    .select([
      'programme',
      'scheme',
      'allocation',
      'allocation_to_date as allocationToDate',
      'actual_to_date as actualToDate',
      'note',
    ])
    .where('plan_id', '=', planId)
    .where('period', '=', period)
    .orderBy('position')
    .execute()
  const commentaries = await db
    .selectFrom('budget_commentaries')
    .innerJoin('budget_statements', 'budget_statements.id', 'budget_commentaries.statement_id')
    .select([
      'budget_statements.name as statement',
      'budget_commentaries.comments as comments',
      'budget_commentaries.projected_outturn as projectedOutturn',
    ])
    .where('budget_statements.plan_id', '=', planId)
    .where('budget_commentaries.period', '=', period)
    .execute()
  return { lines, schemes, commentaries }
}

/** Replaces a plan's budget lines (and, when given, capital schemes) for a period, in one transaction. */
export async function replaceFinancePeriod(
  db: Db,
  planId: number,
  period: string,
  lines: readonly BudgetLineRow[],
  schemes: readonly CapitalSchemeRow[] | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await writeBudgetLines(trx, planId, period, lines)
    if (schemes !== null) await writeCapitalSchemes(trx, planId, period, schemes)
  })
}

/**
 * Replaces a plan's budget lines for a period with these, in file order (statements first seen are added after
 * the plan's others). Run it in the caller's transaction: it writes in several statements.
 */
export async function writeBudgetLines(
  trx: Db,
  planId: number,
  period: string,
  lines: readonly BudgetLineRow[],
): Promise<void> {
  const statementIds = trx.selectFrom('budget_statements').select('id').where('plan_id', '=', planId)
  await trx.deleteFrom('budget_lines').where('period', '=', period).where('statement_id', 'in', statementIds).execute()
  let position = 0
  for (const line of lines) {
    const id = await statementId(trx, planId, line.statement, line.unit)
    await trx
      .insertInto('budget_lines')
      .values({
        statement_id: id,
        period,
        section: line.section,
        line: line.line,
        position: position++,
        annual_budget: line.annualBudget,
        budget_to_date: line.budgetToDate,
        actual_to_date: line.actualToDate,
        projected_outturn: line.projectedOutturn,
        note: line.note,
      })
      .execute()
  }
}

/** Replaces a plan's capital schemes for a period with these, in file order; in the caller's transaction. */
export async function writeCapitalSchemes(
  trx: Db,
  planId: number,
  period: string,
  schemes: readonly CapitalSchemeRow[],
): Promise<void> {
  await trx.deleteFrom('capital_schemes').where('plan_id', '=', planId).where('period', '=', period).execute()
  let order = 0
  for (const s of schemes) {
    await trx
      .insertInto('capital_schemes')
      .values({
        plan_id: planId,
        period,
        programme: s.programme,
        scheme: s.scheme,
        position: order++,
        allocation: s.allocation,
        allocation_to_date: s.allocationToDate,
        actual_to_date: s.actualToDate,
        note: s.note,
      })
      .execute()
  }
}

/** Records the budget holder's comments and projected outturn for a statement's period (replacing earlier ones). */
export async function saveCommentary(
  db: Db,
  statement: number,
  period: string,
  entry: { comments: string | null; projectedOutturn: string | null },
  by: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('budget_commentaries')
    .values({ statement_id: statement, period, ...toColumns(entry), updated_at: at, updated_by: by })
    .onConflict((oc) =>
      oc.columns(['statement_id', 'period']).doUpdateSet({ ...toColumns(entry), updated_at: at, updated_by: by }),
    )
    .execute()
}

const toColumns = (entry: { comments: string | null; projectedOutturn: string | null }) => ({
  comments: entry.comments,
  projected_outturn: entry.projectedOutturn,
})

/** Makes a person the budget holder of a statement (doing nothing when they already are). */
export async function assignBudgetHolder(db: Db, statement: number, userId: number, by: string, at: string) {
  await db
    .insertInto('statement_assignments')
    .values({ statement_id: statement, user_id: userId, assigned_at: at, assigned_by: by })
    .onConflict((oc) => oc.columns(['statement_id', 'user_id']).doNothing())
    .execute()
}

/** The ids of the people who hold a statement's budget. */
export async function budgetHolders(db: Db, statement: number): Promise<number[]> {
  const rows = await db
    .selectFrom('statement_assignments')
    .select('user_id')
    .where('statement_id', '=', statement)
    .orderBy('user_id')
    .execute()
  return rows.map((r) => r.user_id)
}

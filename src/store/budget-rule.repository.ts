import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'

type Db = Kysely<Database>

/** A plan's budget rule as stored: the percentage over profile beyond which a statement is Red, as typed. */
export async function readBudgetRule(db: Db, planId: number): Promise<string | null> {
  const row = await db
    .selectFrom('budget_rules')
    .select('red_over_percent')
    .where('plan_id', '=', planId)
    .executeTakeFirst()
  return row?.red_over_percent ?? null
}

/** Sets a plan's budget rule (null: the plan sets none, and the default applies). */
export async function writeBudgetRule(
  db: Db,
  planId: number,
  redOverPercent: string | null,
  by: string,
  at: string,
): Promise<void> {
  if (redOverPercent === null) {
    await db.deleteFrom('budget_rules').where('plan_id', '=', planId).execute()
    return
  }
  await db
    .insertInto('budget_rules')
    .values({ plan_id: planId, red_over_percent: redOverPercent, updated_at: at, updated_by: by })
    .onConflict((oc) =>
      oc.column('plan_id').doUpdateSet({ red_over_percent: redOverPercent, updated_at: at, updated_by: by }),
    )
    .execute()
}

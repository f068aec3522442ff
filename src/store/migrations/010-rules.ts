import type { Kysely } from 'kysely'

/**
 * Rule sets (issue 16): a plan's default rules for judging its indicators, and each indicator's own where it
 * overrides them. Every column is text and may be empty (null), which means "inherit": the plan's from the
 * indicator, the built-in default from the plan. Bands are held as written ("10%" of the target, or "2" in the
 * figure's own units). An indicator's kind is measure or data-only; accumulation ytd-rate and dot_basis both need no
 * column of their own.
 */
const PLAN_COLUMNS = ['rule_tolerance', 'rule_green_within', 'rule_green_when', 'rule_amber_also'] as const
const INDICATOR_COLUMNS = ['kind', 'tolerance', 'green_within', 'green_when', 'amber_also'] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  // One column a statement: SQLite adds only one at a time.
  for (const column of PLAN_COLUMNS) await db.schema.alterTable('plans').addColumn(column, 'text').execute()
  for (const column of INDICATOR_COLUMNS) await db.schema.alterTable('indicators').addColumn(column, 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of [...INDICATOR_COLUMNS].reverse())
    await db.schema.alterTable('indicators').dropColumn(column).execute()
  for (const column of [...PLAN_COLUMNS].reverse()) await db.schema.alterTable('plans').dropColumn(column).execute()
}

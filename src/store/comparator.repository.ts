import type { Kysely } from 'kysely'
import type { Comparator } from '../domain/statistics/comparator.ts'
import { formatPeriod, parsePeriod } from '../domain/periods/period.ts'
import { insertMany } from './bulk-insert.ts'
import type { ComparatorsTable, Database } from './schema.ts'

/** A comparator's figure as stored, with its ids. */
export interface ComparatorRecord {
  readonly id: number
  readonly indicatorId: number
  readonly comparator: Comparator
}

/** The columns that hold a comparator's figure (what the audit trail tracks); its name and period are its key. */
export type ComparatorColumns = Pick<ComparatorsTable, 'value' | 'lower' | 'upper'>

/** A comparator's figure and interval, as stored. */
export function comparatorColumns(comparator: Comparator): ComparatorColumns {
  return { value: comparator.value, lower: comparator.lower, upper: comparator.upper }
}

/** Every comparator figure of a plan, by indicator, in the order imported. */
export async function listComparators(db: Kysely<Database>, planId: number): Promise<ComparatorRecord[]> {
  const rows = await db
    .selectFrom('comparators')
    .innerJoin('indicators', 'indicators.id', 'comparators.indicator_id')
    .selectAll('comparators')
    .where('indicators.plan_id', '=', planId)
    .orderBy('comparators.indicator_id')
    .orderBy('comparators.id')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    indicatorId: row.indicator_id,
    comparator: {
      name: row.name,
      period: parsePeriod(row.period),
      value: row.value,
      lower: row.lower,
      upper: row.upper,
    },
  }))
}

export interface NewComparator {
  readonly indicatorId: number
  readonly comparator: Comparator
}

/** Inserts many comparator figures at once (see insertMany). */
export async function insertComparators(
  db: Kysely<Database>,
  rows: readonly NewComparator[],
  at: string,
  by: string,
): Promise<void> {
  const values = rows.map(({ indicatorId, comparator }) => ({
    indicator_id: indicatorId,
    period: formatPeriod(comparator.period),
    name: comparator.name,
    value: comparator.value,
    lower: comparator.lower,
    upper: comparator.upper,
    updated_at: at,
    updated_by: by,
  }))
  await insertMany(db, 'comparators', values)
}

/** Replaces a stored comparator's figure and interval. */
export async function updateComparator(
  db: Kysely<Database>,
  id: number,
  columns: ComparatorColumns,
  at: string,
  by: string,
): Promise<void> {
  await db
    .updateTable('comparators')
    .set({ ...columns, updated_at: at, updated_by: by })
    .where('id', '=', id)
    .execute()
}

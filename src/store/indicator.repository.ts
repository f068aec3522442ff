import type { Kysely } from 'kysely'
import {
  ACCUMULATIONS,
  CI_METHODS,
  DOT_BASES,
  FREQUENCIES,
  type Indicator,
  POLARITIES,
  RAG_METHODS,
  VALUE_TYPES,
  parseChoice,
} from '../domain/judgement/indicator.ts'
import { insertMany } from './bulk-insert.ts'
import type { Database, IndicatorRow } from './schema.ts'

/** An indicator as stored: its definition, with the ids and position the store keeps. */
export interface IndicatorRecord {
  readonly id: number
  readonly themeId: number
  readonly position: number
  readonly indicator: Indicator
}

/** The stored columns of a definition, for writing. */
export type IndicatorColumns = Omit<IndicatorRow, 'id' | 'plan_id'>

function toIndicator(row: IndicatorRow & { theme: string }): Indicator {
  return {
    ref: row.ref,
    title: row.title,
    theme: row.theme,
    frequency: parseChoice(FREQUENCIES, row.frequency, 'frequency'),
    polarity: parseChoice(POLARITIES, row.polarity, 'polarity'),
    valueType: parseChoice(VALUE_TYPES, row.value_type, 'value type'),
    unit: row.unit,
    accumulation: parseChoice(ACCUMULATIONS, row.accumulation, 'accumulation'),
    tolerancePct: row.tolerance_pct,
    dotBasis: parseChoice(DOT_BASES, row.dot_basis, 'direction of travel basis'),
    ragMethod: parseChoice(RAG_METHODS, row.rag_method, 'RAG method'),
    owner: row.owner,
    ciMethod: row.ci_method === null ? null : parseChoice(CI_METHODS, row.ci_method, 'confidence interval method'),
    multiplier: row.multiplier,
  }
}

/** The columns that hold an indicator's definition (theme aside). */
export function indicatorColumns(indicator: Indicator): Omit<IndicatorColumns, 'theme_id' | 'position'> {
  return {
    ref: indicator.ref,
    title: indicator.title,
    frequency: indicator.frequency,
    polarity: indicator.polarity,
    value_type: indicator.valueType,
    unit: indicator.unit,
    accumulation: indicator.accumulation,
    tolerance_pct: indicator.tolerancePct,
    dot_basis: indicator.dotBasis,
    rag_method: indicator.ragMethod,
    owner: indicator.owner,
    ci_method: indicator.ciMethod,
    multiplier: indicator.multiplier,
  }
}

/** A plan's indicators in plan order, themes in theme order. */
export async function listIndicators(db: Kysely<Database>, planId: number): Promise<IndicatorRecord[]> {
  const rows = await db
    .selectFrom('indicators')
    .innerJoin('themes', 'themes.id', 'indicators.theme_id')
    .selectAll('indicators')
    .select(['themes.name as theme'])
    .where('indicators.plan_id', '=', planId)
    .orderBy('themes.position')
    .orderBy('indicators.position')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    themeId: row.theme_id,
    position: row.position,
    indicator: toIndicator(row),
  }))
}

export async function insertIndicator(
  db: Kysely<Database>,
  planId: number,
  columns: IndicatorColumns,
): Promise<number> {
  const { id } = await db
    .insertInto('indicators')
    .values({ ...columns, plan_id: planId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Inserts many indicators of a plan at once (see insertMany); list them for their ids. */
export async function insertIndicators(
  db: Kysely<Database>,
  planId: number,
  rows: readonly IndicatorColumns[],
): Promise<void> {
  await insertMany(
    db,
    'indicators',
    rows.map((columns) => ({ ...columns, plan_id: planId })),
  )
}

export async function updateIndicator(
  db: Kysely<Database>,
  id: number,
  columns: Partial<IndicatorColumns>,
): Promise<void> {
  await db.updateTable('indicators').set(columns).where('id', '=', id).execute()
}

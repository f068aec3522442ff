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
import { type RuleOverrides, overridesFromTexts, textsFromOverrides } from '../domain/judgement/rules.ts'
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

/** The plan's rules as its row holds them (see migration 010). */
export function planRulesOf(row: {
  rule_tolerance: string | null
  rule_green_within: string | null
  rule_green_when: string | null
  rule_amber_also: string | null
}): RuleOverrides {
  return overridesFromTexts({
    tolerance: row.rule_tolerance,
    greenWithin: row.rule_green_within,
    greenWhen: row.rule_green_when,
    amberAlso: row.rule_amber_also,
  })
}

/** An indicator's own rules from its row: only those it gives, so it inherits the rest from its plan. */
function ownRules(row: IndicatorRow): RuleOverrides | undefined {
  if (row.tolerance === null && row.green_within === null && row.green_when === null && row.amber_also === null)
    return undefined
  return overridesFromTexts({
    tolerance: row.tolerance,
    greenWithin: row.green_within,
    greenWhen: row.green_when,
    amberAlso: row.amber_also,
  })
}

function toIndicator(row: IndicatorRow & { theme: string }, planRules: RuleOverrides | undefined): Indicator {
  const rules = ownRules(row)
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
    ...(row.kind === 'data-only' ? { kind: 'data-only' as const } : {}),
    ...(rules ? { rules } : {}),
    ...(planRules ? { planRules } : {}),
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
    kind: indicator.kind === 'data-only' ? 'data-only' : null,
    ...rulesColumns(indicator.rules),
  }
}

/** An indicator's own rules as its columns hold them: null where it inherits the plan's. */
function rulesColumns(
  rules: RuleOverrides | undefined,
): Pick<IndicatorColumns, 'tolerance' | 'green_within' | 'green_when' | 'amber_also'> {
  const texts = textsFromOverrides(rules)
  return {
    tolerance: texts.tolerance,
    green_within: texts.greenWithin,
    green_when: texts.greenWhen,
    amber_also: texts.amberAlso,
  }
}

/**
 * A plan's indicators in plan order, themes in theme order, each with the plan's rules it inherits (when the plan
 * sets any).
 */
export async function listIndicators(db: Kysely<Database>, planId: number): Promise<IndicatorRecord[]> {
  // One after the other: inside an import's transaction both use its one connection.
  const rows = await db
    .selectFrom('indicators')
    .innerJoin('themes', 'themes.id', 'indicators.theme_id')
    .selectAll('indicators')
    .select(['themes.name as theme'])
    .where('indicators.plan_id', '=', planId)
    .orderBy('themes.position')
    .orderBy('indicators.position')
    .execute()
  const plan = await db
    .selectFrom('plans')
    .select(['rule_tolerance', 'rule_green_within', 'rule_green_when', 'rule_amber_also'])
    .where('id', '=', planId)
    .executeTakeFirst()
  const planRules = plan ? planRulesOf(plan) : {}
  const inherited = Object.keys(planRules).length > 0 ? planRules : undefined
  return rows.map((row) => ({
    id: row.id,
    themeId: row.theme_id,
    position: row.position,
    indicator: toIndicator(row, inherited),
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

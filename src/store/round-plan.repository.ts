import type { Kysely } from 'kysely'
import type { RoundItem } from '../domain/round/obligations.ts'
import type { Database } from './schema.ts'

/**
 * What a round needs to know of a plan besides its figures: who is responsible for each indicator, delivery item and
 * risk treatment (active people only: a deactivated person owes nothing), and which items and treatments have their
 * status or review for the period.
 */
export interface RoundAssignments {
  /** Indicator ref to the ids of its owners. */
  readonly indicatorOwners: ReadonlyMap<string, readonly number[]>
  /** Indicators whose figure for the period is given as not available, with the reason. */
  readonly explained: ReadonlySet<string>
  readonly items: readonly RoundItem[]
  readonly treatments: readonly RoundItem[]
}

function group<T extends { ref: string; userId: number }>(
  rows: readonly T[],
): Map<string, { row: T; owners: number[] }> {
  const byRef = new Map<string, { row: T; owners: number[] }>()
  for (const row of rows) {
    const held = byRef.get(row.ref)
    if (held) held.owners.push(row.userId)
    else byRef.set(row.ref, { row, owners: [row.userId] })
  }
  return byRef
}

export async function roundAssignments(
  db: Kysely<Database>,
  planId: number,
  period: string,
): Promise<RoundAssignments> {
  const [indicators, explained, items, updated, treatments, reviewed] = await Promise.all([
    db
      .selectFrom('indicator_assignments')
      .innerJoin('indicators', 'indicators.id', 'indicator_assignments.indicator_id')
      .innerJoin('users', 'users.id', 'indicator_assignments.user_id')
      .select(['indicators.ref as ref', 'users.id as userId'])
      .where('indicators.plan_id', '=', planId)
      .where('users.active', '=', 1)
      .orderBy('users.id')
      .execute(),
    explainedRefs(db, planId, period),
    db
      .selectFrom('delivery_assignments')
      .innerJoin('delivery_items', 'delivery_items.id', 'delivery_assignments.item_id')
      .innerJoin('users', 'users.id', 'delivery_assignments.user_id')
      .select([
        'delivery_items.ref as ref',
        'delivery_items.title as title',
        'delivery_items.theme as theme',
        'delivery_items.group_name as groupName',
        'delivery_items.position as position',
        'users.id as userId',
      ])
      .where('delivery_items.plan_id', '=', planId)
      .where('users.active', '=', 1)
      .orderBy('delivery_items.position')
      .orderBy('users.id')
      .execute(),
    db
      .selectFrom('delivery_updates')
      .innerJoin('delivery_items', 'delivery_items.id', 'delivery_updates.item_id')
      .select('delivery_items.ref as ref')
      .where('delivery_items.plan_id', '=', planId)
      .where('delivery_updates.period', '=', period)
      .execute(),
    db
      .selectFrom('treatment_assignments')
      .innerJoin('risk_treatments', 'risk_treatments.id', 'treatment_assignments.treatment_id')
      .innerJoin('risks', 'risks.id', 'risk_treatments.risk_id')
      .innerJoin('users', 'users.id', 'treatment_assignments.user_id')
      .select([
        'risk_treatments.ref as ref',
        'risk_treatments.description as title',
        'risks.ref as riskRef',
        'users.id as userId',
      ])
      .where('risks.plan_id', '=', planId)
      .where('users.active', '=', 1)
      .orderBy('risks.position')
      .orderBy('risk_treatments.position')
      .orderBy('users.id')
      .execute(),
    db
      .selectFrom('risk_reviews')
      .innerJoin('risk_treatments', 'risk_treatments.id', 'risk_reviews.treatment_id')
      .innerJoin('risks', 'risks.id', 'risk_treatments.risk_id')
      .select('risk_treatments.ref as ref')
      .where('risks.plan_id', '=', planId)
      .where('risk_reviews.period', '=', period)
      .execute(),
  ])
  const indicatorOwners = new Map<string, number[]>()
  for (const row of indicators) indicatorOwners.set(row.ref, [...(indicatorOwners.get(row.ref) ?? []), row.userId])
  const updatedRefs = new Set(updated.map((row) => row.ref))
  const reviewedRefs = new Set(reviewed.map((row) => row.ref))
  return {
    indicatorOwners,
    explained,
    items: [...group(items).values()].map(({ row, owners }) => ({
      ref: row.ref,
      title: row.title,
      theme: row.theme ?? row.groupName ?? 'Delivery',
      owners,
      updated: updatedRefs.has(row.ref),
    })),
    treatments: [...group(treatments).values()].map(({ row, owners }) => ({
      ref: row.ref,
      title: row.title,
      theme: `Risk ${row.riskRef}`,
      owners,
      updated: reviewedRefs.has(row.ref),
    })),
  }
}

/** The indicators whose figure for a period is given as not available, with the reason (by the owner or a file). */
export async function explainedRefs(db: Kysely<Database>, planId: number, period: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('observations')
    .innerJoin('indicators', 'indicators.id', 'observations.indicator_id')
    .select('indicators.ref as ref')
    .where('indicators.plan_id', '=', planId)
    .where('observations.period', '=', period)
    .where('observations.not_reported', 'is not', null)
    .execute()
  return new Set(rows.map((row) => row.ref))
}

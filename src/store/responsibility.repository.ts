import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'

/** Something a person can be made responsible for: an indicator, a delivery item or a risk treatment, in its plan. */
export interface Responsibility {
  readonly plan: string
  readonly kind: 'indicator' | 'item' | 'treatment'
  readonly ref: string
  readonly title: string
}

const byPlanThenRef = (a: Responsibility, b: Responsibility): number =>
  a.plan.localeCompare(b.plan) || a.kind.localeCompare(b.kind) || a.ref.localeCompare(b.ref, 'en', { numeric: true })

/** Everything assignable in every plan (userId undefined), or what one person is responsible for. */
export async function responsibilities(db: Kysely<Database>, userId?: number): Promise<Responsibility[]> {
  let indicators = db
    .selectFrom('indicators')
    .innerJoin('plans', 'plans.id', 'indicators.plan_id')
    .select(['plans.name as plan', 'indicators.ref as ref', 'indicators.title as title'])
  let items = db
    .selectFrom('delivery_items')
    .innerJoin('plans', 'plans.id', 'delivery_items.plan_id')
    .select(['plans.name as plan', 'delivery_items.ref as ref', 'delivery_items.title as title'])
  let treatments = db
    .selectFrom('risk_treatments')
    .innerJoin('risks', 'risks.id', 'risk_treatments.risk_id')
    .innerJoin('plans', 'plans.id', 'risks.plan_id')
    .select(['plans.name as plan', 'risk_treatments.ref as ref', 'risk_treatments.description as title'])
  if (userId !== undefined) {
    indicators = indicators
      .innerJoin('indicator_assignments', 'indicator_assignments.indicator_id', 'indicators.id')
      .where('indicator_assignments.user_id', '=', userId)
    items = items
      .innerJoin('delivery_assignments', 'delivery_assignments.item_id', 'delivery_items.id')
      .where('delivery_assignments.user_id', '=', userId)
    treatments = treatments
      .innerJoin('treatment_assignments', 'treatment_assignments.treatment_id', 'risk_treatments.id')
      .where('treatment_assignments.user_id', '=', userId)
  }
  const [i, d, t] = await Promise.all([indicators.execute(), items.execute(), treatments.execute()])
  return [
    ...i.map((r) => ({ ...r, kind: 'indicator' as const })),
    ...d.map((r) => ({ ...r, kind: 'item' as const })),
    ...t.map((r) => ({ ...r, kind: 'treatment' as const })),
  ].sort(byPlanThenRef)
}

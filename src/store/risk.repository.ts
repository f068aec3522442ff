import type { Kysely } from 'kysely'
import { type Risk, type RiskTreatment, rateRisk } from '../domain/delivery/risk.ts'
import type { Database } from './schema.ts'

export interface StoredRisk {
  readonly id: number
  readonly risk: Risk
  /** Treatment ids by ref, and review ids by treatment ref and period. */
  readonly treatmentIds: ReadonlyMap<string, number>
  readonly reviewIds: ReadonlyMap<string, number>
}

/** A plan's risk register with treatments and reviews, in register order. */
export async function listRisks(db: Kysely<Database>, planId: number): Promise<StoredRisk[]> {
  const risks = await db.selectFrom('risks').selectAll().where('plan_id', '=', planId).orderBy('position').execute()
  const treatments = await db
    .selectFrom('risk_treatments')
    .innerJoin('risks', 'risks.id', 'risk_treatments.risk_id')
    .selectAll('risk_treatments')
    .where('risks.plan_id', '=', planId)
    .orderBy('risk_treatments.position')
    .execute()
  const reviews = await db
    .selectFrom('risk_reviews')
    .innerJoin('risk_treatments', 'risk_treatments.id', 'risk_reviews.treatment_id')
    .innerJoin('risks', 'risks.id', 'risk_treatments.risk_id')
    .selectAll('risk_reviews')
    .where('risks.plan_id', '=', planId)
    .execute()
  return risks.map((row) => {
    const own = treatments.filter((t) => t.risk_id === row.id)
    const reviewIds = new Map<string, number>()
    const list: RiskTreatment[] = own.map((t) => {
      const byPeriod = new Map<string, { progress: string; commentary: string | null }>()
      for (const review of reviews.filter((r) => r.treatment_id === t.id)) {
        byPeriod.set(review.period, { progress: review.progress, commentary: review.commentary })
        reviewIds.set(`${t.ref}\u0000${review.period}`, review.id)
      }
      return { ref: t.ref, description: t.description, owner: t.owner, dueDate: t.due_date, reviews: byPeriod }
    })
    return {
      id: row.id,
      risk: {
        ref: row.ref,
        objective: row.objective_ref,
        description: row.description,
        initial: rateRisk(row.initial_likelihood, row.initial_impact),
        residual: rateRisk(row.residual_likelihood, row.residual_impact),
        treatments: list,
      },
      treatmentIds: new Map(own.map((t) => [t.ref, t.id])),
      reviewIds,
    }
  })
}

export function riskColumns(risk: Risk) {
  return {
    ref: risk.ref,
    objective_ref: risk.objective,
    description: risk.description,
    initial_likelihood: risk.initial.likelihood,
    initial_impact: risk.initial.impact,
    residual_likelihood: risk.residual.likelihood,
    residual_impact: risk.residual.impact,
  }
}

export async function saveRisk(
  db: Kysely<Database>,
  planId: number,
  risk: Risk,
  existingId: number | null,
  position: number,
): Promise<number> {
  const columns = riskColumns(risk)
  if (existingId !== null) {
    await db.updateTable('risks').set(columns).where('id', '=', existingId).execute()
    return existingId
  }
  const { id } = await db
    .insertInto('risks')
    .values({ ...columns, plan_id: planId, position })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function saveTreatment(
  db: Kysely<Database>,
  riskId: number,
  treatment: RiskTreatment,
  existingId: number | null,
  position: number,
): Promise<number> {
  const columns = {
    ref: treatment.ref,
    description: treatment.description,
    owner: treatment.owner,
    due_date: treatment.dueDate,
  }
  if (existingId !== null) {
    await db.updateTable('risk_treatments').set(columns).where('id', '=', existingId).execute()
    return existingId
  }
  const { id } = await db
    .insertInto('risk_treatments')
    .values({ ...columns, risk_id: riskId, position })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function saveReview(
  db: Kysely<Database>,
  treatmentId: number,
  period: string,
  review: { progress: string; commentary: string | null },
  existingId: number | null,
  at: string,
  by: string,
): Promise<void> {
  const values = { progress: review.progress, commentary: review.commentary, updated_at: at, updated_by: by }
  if (existingId !== null) await db.updateTable('risk_reviews').set(values).where('id', '=', existingId).execute()
  else
    await db
      .insertInto('risk_reviews')
      .values({ ...values, treatment_id: treatmentId, period })
      .execute()
}

/** Makes a user responsible for a risk treatment, so they may record its quarterly progress. */
export async function assignTreatment(db: Kysely<Database>, treatmentId: number, userId: number): Promise<boolean> {
  const existing = await db
    .selectFrom('treatment_assignments')
    .select('user_id')
    .where('treatment_id', '=', treatmentId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (existing) return false
  await db.insertInto('treatment_assignments').values({ treatment_id: treatmentId, user_id: userId }).execute()
  return true
}

/** The refs of a plan's risk treatments a user is responsible for. */
export async function treatmentRefsAssignedTo(
  db: Kysely<Database>,
  planId: number,
  userId: number,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('treatment_assignments')
    .innerJoin('risk_treatments', 'risk_treatments.id', 'treatment_assignments.treatment_id')
    .innerJoin('risks', 'risks.id', 'risk_treatments.risk_id')
    .select('risk_treatments.ref')
    .where('risks.plan_id', '=', planId)
    .where('treatment_assignments.user_id', '=', userId)
    .execute()
  return new Set(rows.map((r) => r.ref))
}

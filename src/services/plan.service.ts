import type { Kysely } from 'kysely'
import { DomainError } from '../domain/errors.ts'
import type { Observation } from '../domain/observation.ts'
import type { Period } from '../domain/period.ts'
import { type PlanData, type PlanEvaluation, evaluatePlan } from '../domain/plan.ts'
import { type AuditEvent, listAuditEvents } from '../store/audit.repository.ts'
import { listIndicators } from '../store/indicator.repository.ts'
import { listObservations } from '../store/observation.repository.ts'
import { type PlanRecord, findPlanByName, listPlans } from '../store/plan.repository.ts'
import type { Database } from '../store/schema.ts'

/** Reading plans: their framework and figures, their judgement for a period, and their audit trail. */
export function createPlanService(db: Kysely<Database>) {
  async function requirePlan(name: string): Promise<PlanRecord> {
    const plan = await findPlanByName(db, name)
    if (!plan) {
      const names = (await listPlans(db)).map((p) => `"${p.name}"`)
      const hint = names.length > 0 ? `Plans held: ${names.join(', ')}.` : 'No plans are held yet: import one first.'
      throw new DomainError('plan-not-found', `There is no plan called "${name}". ${hint}`)
    }
    return plan
  }

  /** A plan's indicators in plan order, each with all its observations. */
  async function loadPlan(name: string): Promise<PlanData> {
    const plan = await requirePlan(name)
    const [indicators, observations] = await Promise.all([listIndicators(db, plan.id), listObservations(db, plan.id)])
    const byIndicator = new Map<number, Observation[]>()
    for (const record of observations) {
      const list = byIndicator.get(record.indicatorId) ?? []
      list.push(record.observation)
      byIndicator.set(record.indicatorId, list)
    }
    return {
      name: plan.name,
      indicators: indicators.map((record) => ({
        indicator: record.indicator,
        observations: byIndicator.get(record.id) ?? [],
      })),
    }
  }

  /** The engine's judgement of a plan for a period, optionally limited to some themes (a committee's remit). */
  async function evaluate(name: string, period: Period, themes?: readonly string[]): Promise<PlanEvaluation> {
    const data = await loadPlan(name)
    if (themes) {
      const held = new Set(data.indicators.map(({ indicator }) => indicator.theme))
      const unknown = themes.filter((theme) => !held.has(theme))
      if (unknown.length > 0) {
        throw new DomainError(
          'not-found',
          `The plan has no theme called ${unknown.map((t) => `"${t}"`).join(', ')}. Its themes are: ${[...held].join('; ')}.`,
        )
      }
    }
    return evaluatePlan(data, period, themes)
  }

  async function auditTrail(name: string, ref?: string): Promise<AuditEvent[]> {
    const plan = await requirePlan(name)
    return listAuditEvents(db, plan.id, ref)
  }

  return { loadPlan, evaluate, auditTrail, list: () => listPlans(db) }
}

export type PlanService = ReturnType<typeof createPlanService>

import type { Kysely } from 'kysely'
import type { Comparator } from '../../domain/statistics/comparator.ts'
import { DomainError } from '../../domain/errors.ts'
import { type Period, comparePeriods, formatPeriod, parsePeriod, quarterOf } from '../../domain/periods/period.ts'
import { type PlanData, type PlanEvaluation, evaluatePlan } from '../../domain/judgement/plan.ts'
import { type AuditEvent, listAuditEvents } from '../../store/audit.repository.ts'
import { listComparators } from '../../store/comparator.repository.ts'
import { listDeliveryUpdates } from '../../store/delivery.repository.ts'
import { listIndicators } from '../../store/indicator.repository.ts'
import { listReportedPeriods, observationsByIndicator } from '../../store/observation.repository.ts'
import { type PlanRecord, findPlanByName, findPlanBySlug, listPlans } from '../../store/plan.repository.ts'
import { listRisks } from '../../store/risk.repository.ts'
import { ownersOfPlan } from '../../store/user.repository.ts'
import type { Database } from '../../store/schema.ts'
import { createPlanCache } from './plan-cache.ts'

/** Reading plans: their framework and figures, their judgement for a period, and their audit trail. */
export function createPlanService(db: Kysely<Database>) {
  const cache = createPlanCache(db)

  async function requirePlan(name: string): Promise<PlanRecord> {
    const plan = await findPlanByName(db, name)
    if (!plan) {
      const names = (await listPlans(db)).map((p) => `"${p.name}"`)
      const hint = names.length > 0 ? `Plans held: ${names.join(', ')}.` : 'No plans are held yet: import one first.'
      throw new DomainError('plan-not-found', `There is no plan called "${name}". ${hint}`)
    }
    return plan
  }

  /** A plan's indicators in plan order, each with all its observations and comparators' figures. */
  async function loadPlan(name: string): Promise<PlanData> {
    const plan = await requirePlan(name)
    const [indicators, byIndicator, comparators] = await Promise.all([
      listIndicators(db, plan.id),
      observationsByIndicator(db, plan.id),
      listComparators(db, plan.id),
    ])
    const comparatorsOf = new Map<number, Comparator[]>()
    for (const record of comparators) {
      const list = comparatorsOf.get(record.indicatorId) ?? []
      list.push(record.comparator)
      comparatorsOf.set(record.indicatorId, list)
    }
    return {
      name: plan.name,
      indicators: indicators.map((record) => ({
        indicator: record.indicator,
        observations: byIndicator.get(record.id) ?? [],
        comparators: comparatorsOf.get(record.id) ?? [],
      })),
    }
  }

  /**
   * The engine's judgement of a plan for a period, optionally limited to some themes (a committee's remit). The
   * dashboard's and the report's: remembered until any data change, since judging a county's plan takes a second.
   */
  async function evaluate(name: string, period: Period, themes?: readonly string[]): Promise<PlanEvaluation> {
    const plan = await requirePlan(name)
    const key = ['evaluate', plan.id, formatPeriod(period), ...(themes ?? [])].join('\u0000')
    return cache.remember(key, async () => judge(await loadPlan(name), period, themes))
  }

  /** The same, for a plan already loaded (the report needs its observations too: one read serves both). */
  function judge(data: PlanData, period: Period, themes?: readonly string[]): PlanEvaluation {
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

  /** A plan by the slug in its web address. */
  async function bySlug(slug: string): Promise<PlanRecord> {
    const plan = await findPlanBySlug(db, slug)
    if (!plan) throw new DomainError('plan-not-found', `There is no plan at /plans/${slug}.`)
    return plan
  }

  /**
   * The periods a plan can be reported for, oldest first: every quarter and year that has a figure or status,
   * every month of a monthly indicator, and every period a delivery status or risk review was given for. `latest` is the most recent quarter with data (or period, if none).
   */
  async function reportingPeriods(slug: string): Promise<{ periods: Period[]; latest: Period | null }> {
    const plan = await bySlug(slug)
    return cache.remember(`periods\u0000${plan.id}`, () => periodsOf(plan))
  }

  async function periodsOf(plan: PlanRecord): Promise<{ periods: Period[]; latest: Period | null }> {
    const seen = new Map<string, Period>()
    for (const text of await listReportedPeriods(db, plan.id)) {
      const period = parsePeriod(text)
      seen.set(formatPeriod(period), period)
      seen.set(formatPeriod(quarterOf(period)), quarterOf(period))
    }
    // A delivery-only plan (priorities, milestones, risks) is reported for the periods its statuses were given for.
    for (const { update } of await listDeliveryUpdates(db, plan.id))
      seen.set(formatPeriod(update.period), update.period)
    for (const { risk } of await listRisks(db, plan.id))
      for (const treatment of risk.treatments)
        for (const period of treatment.reviews.keys()) if (!seen.has(period)) seen.set(period, parsePeriod(period))
    const periods = [...seen.values()].sort(comparePeriods)
    const quarters = periods.filter((p) => p.kind === 'quarter')
    return { periods, latest: quarters.at(-1) ?? periods.at(-1) ?? null }
  }

  /** Who owns each indicator of a plan (by ref), from the assignments. */
  async function owners(slug: string): Promise<Map<string, string[]>> {
    const plan = await bySlug(slug)
    const byId = await ownersOfPlan(db, plan.id)
    const byRef = new Map<string, string[]>()
    for (const record of await listIndicators(db, plan.id)) byRef.set(record.indicator.ref, byId.get(record.id) ?? [])
    return byRef
  }

  /** A plan by its name (for redirects after an import). */
  async function bySlugOrName(name: string): Promise<PlanRecord> {
    return (await findPlanByName(db, name)) ?? bySlug(name)
  }

  return {
    loadPlan,
    evaluate,
    judge,
    /** Remembers something worked out from the data until they change (the report JSON's text, say). */
    remember: cache.remember,
    /** A stamp of all plans' data and assignments: equal stamps, equal pages. Null when it cannot be trusted. */
    stamp: cache.stamp,
    auditTrail,
    bySlug,
    bySlugOrName,
    reportingPeriods,
    owners,
    list: () => listPlans(db),
  }
}

export type PlanService = ReturnType<typeof createPlanService>

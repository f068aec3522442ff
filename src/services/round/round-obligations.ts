import type { Kysely } from 'kysely'
import { type Period, formatPeriod } from '../../domain/periods/period.ts'
import { type Obligation, type RoundPlan, obligationsByPerson } from '../../domain/round/obligations.ts'
import type { PlanRecord } from '../../store/plan.repository.ts'
import { roundAssignments } from '../../store/round-plan.repository.ts'
import type { Database } from '../../store/schema.ts'
import type { PlanService } from '../plans/plan.service.ts'
import type { ExceptionService } from './exception.service.ts'

/**
 * What each person owes in a plan's period, worked out now: the plan's judgement for the period (which indicators
 * are reported, Red or Amber, with commentary), its exception reports, and who is responsible for what.
 */
export async function currentObligations(
  db: Kysely<Database>,
  services: { readonly plans: PlanService; readonly exceptions: ExceptionService },
  plan: PlanRecord,
  period: Period,
): Promise<Map<number, Obligation[]>> {
  const [evaluation, reports, assignments] = await Promise.all([
    services.plans.evaluate(plan.name, period),
    services.exceptions.forPeriod(plan.slug, period),
    roundAssignments(db, plan.id, formatPeriod(period)),
  ])
  const roundPlan: RoundPlan = {
    indicators: evaluation.evaluations
      .filter((e) => assignments.indicatorOwners.has(e.indicator.ref))
      .map((e) => ({
        ref: e.indicator.ref,
        title: e.indicator.title,
        theme: e.indicator.theme,
        owners: assignments.indicatorOwners.get(e.indicator.ref) ?? [],
        reported: e.reported || assignments.explained.has(e.indicator.ref),
        commentary: (e.commentary ?? '').trim() !== '',
        rag: e.rag,
        exceptionRequired: e.exceptionRequired,
        exceptionState: reports.get(e.indicator.ref)?.state ?? null,
      })),
    items: assignments.items,
    treatments: assignments.treatments,
  }
  return obligationsByPerson(roundPlan)
}

/** Today's date in England (the round's dates are English dates), as ISO text. */
export function englishDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at)
}

import type { Kysely } from 'kysely'
import { type Period, formatPeriod } from '../../domain/periods/period.ts'
import { STANDING_NAMES } from '../../domain/round/completion.ts'
import { OBLIGATION_NAMES } from '../../domain/round/obligations.ts'
import type { PlanRecord } from '../../store/plan.repository.ts'
import { explainedRefs } from '../../store/round-plan.repository.ts'
import type { Database } from '../../store/schema.ts'
import type { PlanService } from '../plans/plan.service.ts'
import type { ExceptionService } from '../round/exception.service.ts'
import type { RoundService } from '../round/round.service.ts'

/**
 * What is still outstanding when a period is signed off: figures missing (an indicator with nothing for the period
 * and no reason given, where one was expected: not a new measure, not an annual one, not one in arrears), exception
 * reports not submitted for Red and Amber indicators, and the round's returns not yet approved.
 */
export interface Outstanding {
  readonly figuresMissing: readonly { readonly ref: string; readonly title: string }[]
  readonly exceptionReports: readonly { readonly ref: string; readonly title: string; readonly state: string }[]
  readonly returnsNotApproved: readonly { readonly person: string; readonly what: string; readonly state: string }[]
  readonly count: number
}

export async function outstandingAt(
  db: Kysely<Database>,
  services: { readonly plans: PlanService; readonly exceptions: ExceptionService; readonly rounds: RoundService },
  plan: PlanRecord,
  period: Period,
): Promise<Outstanding> {
  const [evaluation, reports, explained, round] = await Promise.all([
    services.plans.evaluate(plan.name, period),
    services.exceptions.forPeriod(plan.slug, period),
    explainedRefs(db, plan.id, formatPeriod(period)),
    services.rounds.find(plan.slug, period),
  ])
  const figuresMissing = evaluation.evaluations
    .filter((e) => !e.reported && e.notReported === 'not-available' && !explained.has(e.indicator.ref))
    .map((e) => ({ ref: e.indicator.ref, title: e.indicator.title }))
  const exceptionReports = evaluation.evaluations
    .filter((e) => e.exceptionRequired && reports.get(e.indicator.ref)?.state !== 'submitted')
    .map((e) => ({
      ref: e.indicator.ref,
      title: e.indicator.title,
      state: reports.get(e.indicator.ref)?.state === 'draft' ? 'a draft is saved' : 'not started',
    }))
  const status = round ? await services.rounds.statusOf(plan, round) : null
  const returnsNotApproved = (status?.people ?? []).flatMap((person) =>
    person.items
      .filter((item) => item.standing !== 'approved')
      .map((item) => ({
        person: person.name,
        what: `${OBLIGATION_NAMES[item.kind]} for ${item.ref}`,
        state: STANDING_NAMES[item.standing],
      })),
  )
  return {
    figuresMissing,
    exceptionReports,
    returnsNotApproved,
    count: figuresMissing.length + exceptionReports.length + returnsNotApproved.length,
  }
}

/** "2 figures missing, 1 exception report not submitted and 9 returns not approved". */
export function outstandingSentence(outstanding: Outstanding): string {
  const parts = [
    [outstanding.figuresMissing.length, 'figure missing', 'figures missing'],
    [outstanding.exceptionReports.length, 'exception report not submitted', 'exception reports not submitted'],
    [outstanding.returnsNotApproved.length, 'return not approved', 'returns not approved'],
  ] as const
  const held = parts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
  if (held.length === 0) return 'nothing outstanding'
  return held.length === 1 ? (held[0] ?? '') : `${held.slice(0, -1).join(', ')} and ${held.at(-1) ?? ''}`
}

import type { ExceptionReport } from '../domain/exception-report.ts'
import type { Observation } from '../domain/observation.ts'
import type { Period } from '../domain/period.ts'
import type { PlanEvaluation } from '../domain/plan.ts'
import type { ExceptionService } from './exception.service.ts'
import type { PlanService } from './plan.service.ts'

/** Everything a committee report is made from, gathered in one place for the renderers. */
export interface ReportData {
  readonly evaluation: PlanEvaluation
  readonly observations: ReadonlyMap<string, readonly Observation[]>
  readonly exceptionReports: ReadonlyMap<string, ExceptionReport>
}

/** Gathering a plan's report data: its evaluation, every observation (for trends) and the exception reports. */
export function createReportService(plans: PlanService, exceptions: ExceptionService) {
  async function reportData(planName: string, period: Period, themes?: readonly string[]): Promise<ReportData> {
    const [evaluation, data, plan] = await Promise.all([
      plans.evaluate(planName, period, themes),
      plans.loadPlan(planName),
      plans.bySlugOrName(planName),
    ])
    const exceptionReports = await exceptions.forPeriod(plan.slug, period)
    return {
      evaluation,
      observations: new Map(data.indicators.map(({ indicator, observations }) => [indicator.ref, observations])),
      exceptionReports,
    }
  }
  return { reportData }
}

export type ReportService = ReturnType<typeof createReportService>

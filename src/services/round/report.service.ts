import type { DeliverySummary } from '../../domain/delivery/delivery-plan.ts'
import type { ExceptionReport } from '../../domain/judgement/exception-report.ts'
import type { HighRisk } from '../../domain/delivery/risk.ts'
import type { DeliveryService } from '../delivery/delivery.service.ts'
import type { RiskService } from '../delivery/risk.service.ts'
import type { Observation } from '../../domain/judgement/observation.ts'
import type { Period } from '../../domain/periods/period.ts'
import type { PlanEvaluation } from '../../domain/judgement/plan.ts'
import type { ExceptionService } from './exception.service.ts'
import type { PlanService } from '../plans/plan.service.ts'

/** Everything a committee report is made from, gathered in one place for the renderers. */
export interface ReportData {
  readonly evaluation: PlanEvaluation
  readonly observations: ReadonlyMap<string, readonly Observation[]>
  readonly exceptionReports: ReadonlyMap<string, ExceptionReport>
  readonly delivery: DeliverySummary
  readonly highRisks: readonly HighRisk[]
}

/** Gathering a plan's report data: its evaluation, every observation (for trends) and the exception reports. */
export function createReportService(
  plans: PlanService,
  exceptions: ExceptionService,
  delivery: DeliveryService,
  risks: RiskService,
) {
  async function reportData(planName: string, period: Period, themes?: readonly string[]): Promise<ReportData> {
    const [data, plan] = await Promise.all([plans.loadPlan(planName), plans.bySlugOrName(planName)])
    const evaluation = plans.judge(data, period, themes)
    const [exceptionReports, deliverySummary, highRisks] = await Promise.all([
      exceptions.forPeriod(plan.slug, period),
      delivery.evaluate(planName, period),
      risks.highRiskList(planName, period),
    ])
    return {
      delivery: deliverySummary,
      highRisks,
      evaluation,
      observations: new Map(data.indicators.map(({ indicator, observations }) => [indicator.ref, observations])),
      exceptionReports,
    }
  }
  /** What the report JSON needs: the judgement (remembered until data change), delivery and high risks. */
  async function reportJsonData(
    planName: string,
    period: Period,
    themes?: readonly string[],
  ): Promise<Pick<ReportData, 'evaluation' | 'delivery' | 'highRisks'>> {
    const [evaluation, deliverySummary, highRisks] = await Promise.all([
      plans.evaluate(planName, period, themes),
      delivery.evaluate(planName, period),
      risks.highRiskList(planName, period),
    ])
    return { evaluation, delivery: deliverySummary, highRisks }
  }

  return { reportData, reportJsonData }
}

export type ReportService = ReturnType<typeof createReportService>

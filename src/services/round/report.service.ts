import type { DeliverySummary } from '../../domain/delivery/delivery-plan.ts'
import type { ExceptionReport } from '../../domain/judgement/exception-report.ts'
import type { HighRisk } from '../../domain/delivery/risk.ts'
import type { DeliveryService } from '../delivery/delivery.service.ts'
import type { RiskService } from '../delivery/risk.service.ts'
import { type IndicatorResult, evaluateHistory } from '../../domain/judgement/evaluate.ts'
import type { IndicatorData } from '../../domain/judgement/plan.ts'
import { type Period, formatPeriod } from '../../domain/periods/period.ts'
import type { BudgetRule, FinancePeriod } from '../../domain/finance/index.ts'
import type { PlanEvaluation } from '../../domain/judgement/plan.ts'
import type { ExceptionService } from './exception.service.ts'
import type { PlanService } from '../plans/plan.service.ts'
import type { ReportDetails, ThemeSections } from '../../domain/round/report-details.ts'
import type { ReportDetailsService } from './report-details.service.ts'

/** Everything a committee report is made from, gathered in one place for the renderers. */
export interface ReportData {
  readonly evaluation: PlanEvaluation
  /** Each reported indicator's judgement in every period up to the report's, by ref; absent when not asked for. */
  readonly histories?: ReadonlyMap<string, readonly IndicatorResult[]>
  readonly exceptionReports: ReadonlyMap<string, ExceptionReport>
  readonly delivery: DeliverySummary
  readonly highRisks: readonly HighRisk[]
  /** The report's own details for the period (title, council, meeting, status). */
  readonly details?: ReportDetails
  /** Each theme's own sections, by theme name. */
  readonly themeSections?: ReadonlyMap<string, ThemeSections>
  /** The plan's financial statements for the period, when it has any. */
  readonly finance?: FinancePeriod
  /** The plan's rule for the budget status of its statements, where it has finances. */
  readonly budgetRule?: BudgetRule
}

/** Where a plan's finances come from: the finance service (its statements and capital programmes for a period). */
export interface FinanceSource {
  financeFor(planId: number, period: string): Promise<FinancePeriod>
  /** The plan's rule for the budget status of its statements. */
  ruleFor(planId: number): Promise<BudgetRule>
}

/** What a report needs gathered besides the period's judgement: the histories cost a judgement per period. */
export interface ReportDataOptions {
  /** Each indicator's history, for the trend charts and the spreadsheet (all but the JSON and text formats). */
  readonly histories?: boolean
}

/**
 * Each reported indicator's judgement in every period with an entry up to the report's period, as the trend charts
 * and the spreadsheet's history show it.
 */
export function reportHistories(
  evaluation: PlanEvaluation,
  indicators: readonly IndicatorData[],
): Map<string, IndicatorResult[]> {
  const observations = new Map(indicators.map(({ indicator, observations }) => [indicator.ref, observations]))
  return new Map(
    evaluation.evaluations.map((e) => [
      e.indicator.ref,
      evaluateHistory(e.indicator, observations.get(e.indicator.ref) ?? [], evaluation.period),
    ]),
  )
}

/** Gathering a plan's report data: its evaluation, every observation (for trends) and the exception reports. */
export function createReportService(
  plans: PlanService,
  exceptions: ExceptionService,
  delivery: DeliveryService,
  risks: RiskService,
  reportDetails?: ReportDetailsService,
  finance?: FinanceSource,
) {
  /** The plan's finances for the period, or nothing where it has none (or there is no finance service). */
  async function financeOf(
    planId: number,
    period: Period,
  ): Promise<{ finance?: FinancePeriod; budgetRule?: BudgetRule }> {
    const held = finance ? await finance.financeFor(planId, formatPeriod(period)) : null
    if (!finance || !held || (held.statements.length === 0 && held.capital.length === 0)) return {}
    return { finance: held, budgetRule: await finance.ruleFor(planId) }
  }

  async function reportData(
    planName: string,
    period: Period,
    themes?: readonly string[],
    options: ReportDataOptions = {},
  ): Promise<ReportData> {
    const [data, plan] = await Promise.all([plans.loadPlan(planName), plans.bySlugOrName(planName)])
    const evaluation = plans.judge(data, period, themes)
    const [exceptionReports, deliverySummary, highRisks, written, held] = await Promise.all([
      exceptions.forPeriod(plan.slug, period),
      delivery.evaluate(planName, period),
      risks.highRiskList(planName, period),
      reportDetails?.read(plan.slug, period),
      financeOf(plan.id, period),
    ])
    return {
      ...(written === undefined
        ? {}
        : { details: written.details, themeSections: new Map(written.sections.map((s) => [s.theme, s])) }),
      delivery: deliverySummary,
      highRisks,
      ...held,
      evaluation,
      ...(options.histories === false ? {} : { histories: reportHistories(evaluation, data.indicators) }),
      exceptionReports,
    }
  }
  /** What the report JSON needs: the judgement (remembered until data change), delivery and high risks. */
  async function reportJsonData(
    planName: string,
    period: Period,
    themes?: readonly string[],
  ): Promise<Pick<ReportData, 'evaluation' | 'delivery' | 'highRisks' | 'finance' | 'budgetRule'>> {
    const [evaluation, deliverySummary, highRisks, held] = await Promise.all([
      plans.evaluate(planName, period, themes),
      delivery.evaluate(planName, period),
      risks.highRiskList(planName, period),
      finance ? plans.bySlugOrName(planName).then((plan) => financeOf(plan.id, period)) : {},
    ])
    return { evaluation, delivery: deliverySummary, highRisks, ...held }
  }

  return { reportData, reportJsonData, financeOf }
}

export type ReportService = ReturnType<typeof createReportService>

import type { DeliverySummary } from '../domain/delivery/delivery-plan.ts'
import type { HighRisk } from '../domain/delivery/risk.ts'
import type { IndicatorEvaluation, IndicatorResult } from '../domain/judgement/evaluate.ts'
import type { ExceptionReport } from '../domain/judgement/exception-report.ts'
import type { PlanEvaluation } from '../domain/judgement/plan.ts'
import { type Period, describePeriod, formatPeriod, longDate, previousPeriod } from '../domain/periods/period.ts'
import type { Chart } from '../presentation/charts/index.ts'
import type { BudgetRule, FinancePeriod } from '../domain/finance/index.ts'
import { type FinanceSection, financeSection } from './report.finance.ts'
import type * as PlanCharts from '../presentation/charts/plan-charts.ts'
import type { DotView, RagView } from '../presentation/format.ts'
import { type FigureCells, indicatorPrecision } from './report.figures.ts'
import { type TechnicalNote, technicalNotes } from './report.technical.ts'
import { reportJson, withSignOff } from './report.json.ts'
import type { ReportJson } from './report.schema.ts'
import { type ReportRules, reportKey, reportRules } from './report.rules.ts'
import { indicatorChartsFor } from './report.indicator-charts.ts'
import {
  contentsOf,
  deliverySection,
  exceptionSection,
  highRiskSections,
  historyRows,
  idFor,
  indicatorLine,
  notReported,
  performanceExceptions,
  purpose,
  summaryFigures,
} from './report.sections.ts'
import type { ReportDetails, ThemeSections } from '../domain/round/report-details.ts'
import { type ReportFront, type ThemeText, reportFront, themeText } from './report.details.ts'
import { type SignOffInput, type SignOffSection, signOffSection } from './report.sign-off.ts'

/**
 * What a report is made from, as the report service gathers it: a plan's evaluation for the period, each
 * indicator's history, its exception reports, delivery and high risks, and the sign-off when there is one.
 */
export interface ReportInput {
  readonly evaluation: PlanEvaluation
  /**
   * Each indicator's judgement in every period with an entry up to the report's, by ref (the report service's
   * evaluateHistory), for the trend charts and the spreadsheet's history. Formats that show neither need none.
   */
  readonly histories?: ReadonlyMap<string, readonly IndicatorResult[]>
  readonly exceptionReports: ReadonlyMap<string, ExceptionReport>
  /** The day the report is produced, as an ISO date: the model never reads the clock. */
  readonly producedOn: string
  /** The themes a committee's remit covers, when the report is limited to them. */
  readonly themes?: readonly string[]
  /**
   * Which indicators get their own trend and dial: all (the web page and PDF), those with exception reports
   * (Word, where each chart costs a picture), or none (Excel). All by default.
   */
  readonly indicatorCharts?: 'all' | 'exceptions' | 'none'
  /**
   * What draws the charts (presentation/charts/plan-charts.ts), passed in by whoever shows them, so that a format
   * without charts (JSON, text) never loads ECharts. Without it the model has no indicator charts, and reading its
   * summary charts is an error.
   */
  readonly charts?: ReportCharts
  /** The plan's milestones, actions and priorities judged for the period. */
  readonly delivery?: DeliverySummary
  /** The high-risk list for the period. */
  readonly highRisks?: readonly HighRisk[]
  /** The plan's financial statements and capital programmes for the period, when it has any. */
  readonly finance?: FinancePeriod
  /** The plan's budget rule; the default (Red over 5% above profile) when it sets none. */
  readonly budgetRule?: BudgetRule
  /** The period's sign-off and the revisions since, when it has been signed off. */
  readonly signOff?: SignOffInput
  /** The report JSON as signed off (the stored text), for a signed-off period reported as signed off. */
  readonly snapshot?: string
  /** The report's own details for the period (title, council, meeting, status); a draft when none are set. */
  readonly details?: ReportDetails
  /** Each theme's own sections (overview, key programmes), by theme name. */
  readonly themeSections?: ReadonlyMap<string, ThemeSections>
}

/** The chart makers a report uses. */
export type ReportCharts = Pick<typeof PlanCharts, 'summaryCharts' | 'indicatorCharts' | 'indicatorSpcChart'>

export interface ReportSection {
  readonly number: string
  readonly id: string
  readonly title: string
  readonly level: 1 | 2
}

export interface IndicatorLine {
  readonly ref: string
  readonly title: string
  readonly theme: string
  readonly frequency: string
  readonly lastYear: string
  /** Last year's status, shown beside its figure as the seed does ("48.6% G"); null where it had none. */
  readonly lastYearRag: RagView | null
  readonly annualTarget: string
  readonly previous: string
  /** The previous period's status, shown beside its figure ("53.05% (Est) G"); null where it had none. */
  readonly previousRag: RagView | null
  readonly actual: string
  readonly estimated: boolean
  readonly target: string
  readonly rag: RagView
  readonly dot: DotView | null
  /** The long-term direction (against the same period last year), for an indicator whose basis is both. */
  readonly dotLongTerm: DotView | null
  /** The rule that decided the status, in words. */
  readonly ruleText: string | null
  /** The indicator's own rules in one sentence, when they differ from those in force; null otherwise. */
  readonly ownRules: string | null
  /** 'submitted' or 'draft' where an exception report exists; 'missing' where one is needed and not written. */
  readonly exception: 'submitted' | 'draft' | 'missing' | null
  readonly commentary: string | null
  /**
   * What the statistics say, in members' words ("Better than usual for three months running"; "Within its normal
   * range"), where the indicator has an SPC chart or an interval; the method and its limits are in `technical`.
   */
  readonly statistics: string | null
  /** The figures as numbers with the unit and the indicator's precision, for the spreadsheet. */
  readonly cells: FigureCells
  readonly charts: readonly Chart[]
}

export interface ExceptionSection {
  readonly number: string
  readonly id: string
  readonly ref: string
  readonly state: 'submitted' | 'draft' | 'missing'
  /** The form's rows, as in the seed reports: theme, indicator, detail, baseline, target and actual with timescales. */
  readonly facts: readonly { readonly label: string; readonly value: string }[]
  readonly questions: readonly {
    readonly question: string
    readonly prompts: readonly string[]
    readonly answer: string
  }[]
  readonly charts: readonly Chart[]
}

/**
 * The committee report for a plan and period: what every format renders (JSON and text, the web page, Word, Excel
 * and PDF). The charts and the history, which cost the most to make, are made when a renderer first reads them.
 */
export interface ReportModel {
  /** The judgement the report is made from, as the text report prints it. */
  readonly evaluation: PlanEvaluation
  /** The report as data, in the JSON contract (report.schema.ts): the signed-off text, where there is one. */
  readonly data: ReportJson
  readonly title: string
  /** The title page's account of the report: council, committee, meeting date, author, "(Final)" or "(Draft)". */
  readonly front: ReportFront
  readonly planName: string
  readonly period: string
  readonly periodLabel: string
  readonly previousLabel: string
  readonly producedOn: string
  readonly themesCovered: readonly string[]
  readonly limitedToThemes: boolean
  readonly contents: readonly ReportSection[]
  readonly purpose: readonly string[]
  /** The rules in force in words, the indicators judged by their own, and whether any shows two directions. */
  readonly rules: ReportRules
  readonly key: {
    readonly rag: readonly { readonly rag: RagView; readonly meaning: string }[]
    readonly dot: readonly { readonly dot: DotView; readonly meaning: string }[]
    readonly other: readonly string[]
  }
  readonly figures: readonly { readonly label: string; readonly value: string; readonly modifier: string }[]
  readonly summaryText: string
  readonly charts: readonly Chart[]
  readonly dashboard: readonly IndicatorLine[]
  readonly themes: readonly {
    readonly number: string
    readonly id: string
    readonly name: string
    readonly lines: readonly IndicatorLine[]
    /** Whether any indicator in the theme has its own charts. */
    readonly hasCharts: boolean
    /** The theme's own sections as the officer wrote them (overview, key programmes); empty where none. */
    readonly sections: readonly ThemeText[]
  }[]
  readonly exceptions: readonly ExceptionSection[]
  /**
   * The performance exceptions list, as the seed prints it after the summary: every Red and Amber indicator with its
   * theme, status and direction, and the exception report it points to (its section's number and id).
   */
  readonly performanceExceptions: readonly PerformanceException[]
  readonly notReported: readonly {
    readonly ref: string
    readonly title: string
    readonly theme: string
    readonly reason: string
  }[]
  /** Partnership priorities, milestones and areas of concern with their status and narrative; null where none. */
  readonly delivery: DeliverySection | null
  /** Risks whose residual rating is High, each treatment with its progress this period; empty where none. */
  readonly highRisks: readonly {
    readonly ref: string
    readonly description: string
    readonly initial: string
    readonly residual: string
    readonly treatments: readonly {
      readonly ref: string
      readonly description: string
      readonly owner: string
      readonly due: string
      readonly progress: string
    }[]
  }[]
  /** The financial statements (section 9): each revenue statement and capital programme; null where none. */
  readonly finance: FinanceSection | null
  /** Every indicator's judgement in every period with an entry up to the report's period, for the spreadsheet. */
  readonly history: readonly HistoryRow[]
  /** The period's sign-off and the revisions made since; null when it is not signed off. */
  readonly signOff: SignOffSection | null
  /**
   * The technical appendix: each indicator's statistics in the method's own terms (special-cause variation, the
   * mean and process limits, confidence intervals), which the committee's tables give in plain words; empty where
   * no indicator has statistics.
   */
  readonly technical: readonly TechnicalNote[]
}

export interface PerformanceException {
  readonly ref: string
  readonly title: string
  readonly theme: string
  readonly rag: RagView
  readonly dot: DotView | null
  /** The exception report's section number and id ("5.1", "exception-stp-13"); null where none is in the report. */
  readonly report: { readonly number: string; readonly id: string } | null
}

export interface DeliveryRow {
  readonly ref: string
  readonly title: string
  readonly status: { readonly label: string; readonly modifier: string }
  readonly statusNote: string | null
  readonly narrative: string
  readonly due: string
  readonly responsible: string
  readonly overdue: boolean
}

export interface DeliverySection {
  readonly sentence: string | null
  /** Priorities and areas of concern by owning group (or theme), as Chorley's tables. */
  readonly groups: readonly { readonly name: string; readonly rows: readonly DeliveryRow[] }[]
  readonly milestones: readonly DeliveryRow[]
}

export interface HistoryRow {
  readonly ref: string
  readonly theme: string
  readonly title: string
  readonly period: string
  readonly actual: string
  readonly target: string
  readonly estimated: boolean
  readonly dataPeriod: string
  readonly rag: RagView
  readonly ragSource: string
  readonly dot: DotView | null
  readonly commentary: string | null
  /** The figures as numbers with the unit and the indicator's precision, for the spreadsheet. */
  readonly cells: FigureCells
}

/**
 * The report as data (ReportModel.data), from just what it needs, for the API, which sends nothing else of the
 * model. A signed-off period's data is its snapshot as stored (a themed report is made again from its data), with
 * the sign-off and its revisions added as the last field.
 */
export function reportModelData(
  input: Pick<
    ReportInput,
    'evaluation' | 'themes' | 'delivery' | 'highRisks' | 'finance' | 'budgetRule' | 'signOff' | 'snapshot'
  >,
): ReportJson {
  const finance = {
    ...(input.finance ? { period: input.finance } : {}),
    ...(input.budgetRule ? { rule: input.budgetRule } : {}),
  }
  return withSignOff(
    input.snapshot !== undefined && input.themes === undefined
      ? (JSON.parse(input.snapshot) as ReportJson)
      : reportJson(input.evaluation, input.themes, input.delivery, input.highRisks ?? [], finance),
    input.signOff,
  )
}

/** The quarterly committee report for a plan and period, as sections ready for any renderer. Pure. */
export function buildReportModel(input: ReportInput): ReportModel {
  const { evaluation } = input
  const period: Period = evaluation.period
  const themeNames = [...new Set(evaluation.evaluations.map((e) => e.indicator.theme))]
  const histories = input.histories ?? new Map<string, readonly IndicatorResult[]>()
  const maker = input.charts
  const { charts: chartsFor, spc: spcCharts } =
    maker === undefined
      ? { charts: new Map<string, Chart[]>(), spc: new Map<string, Chart>() }
      : indicatorChartsFor(maker, evaluation.evaluations, histories, input.indicatorCharts ?? 'all')
  const rules = reportRules(evaluation)
  const precision = new Map(
    evaluation.evaluations.map((e) => [e.indicator.ref, indicatorPrecision(e, histories.get(e.indicator.ref))]),
  )
  const decimalsOf = (e: IndicatorEvaluation): number => precision.get(e.indicator.ref) ?? 0
  const lines = evaluation.evaluations.map((e) =>
    indicatorLine(
      e,
      input.exceptionReports.get(e.indicator.ref),
      chartsFor.get(e.indicator.ref) ?? [],
      rules,
      decimalsOf(e),
    ),
  )
  const themes = themeNames.map((name, i) => ({
    number: `4.${i + 1}`,
    id: idFor('theme', name),
    name,
    lines: lines.filter((l) => l.theme === name),
    hasCharts: lines.some((l) => l.theme === name && l.charts.length > 0),
    sections: themeText(input.themeSections?.get(name)),
  }))
  const exceptions = evaluation.summary.exceptionReports
    .map((ref) => evaluation.evaluations.find((e) => e.indicator.ref === ref))
    .filter((e) => e !== undefined)
    .map((e, i) =>
      exceptionSection(
        e,
        i,
        input.exceptionReports.get(e.indicator.ref),
        period,
        chartsFor.get(e.indicator.ref) ?? [],
        decimalsOf(e),
      ),
    )
  const delivery = deliverySection(input.delivery)
  const highRisks = input.highRisks ?? []
  const front = reportFront(input.details, evaluation.plan)
  const finance = financeSection(input.finance, input.budgetRule)
  const technical = technicalNotes(evaluation.evaluations, decimalsOf, spcCharts)
  let data: ReportJson | undefined
  let charts: readonly Chart[] | undefined
  let history: readonly HistoryRow[] | undefined
  return {
    evaluation,
    // Made on first reading: the web page and Word never read it.
    get data(): ReportJson {
      data ??= reportModelData(input)
      return data
    },
    title: front.title,
    front,
    planName: evaluation.plan,
    period: formatPeriod(period),
    periodLabel: describePeriod(period),
    previousLabel: describePeriod(previousPeriod(period)),
    producedOn: longDate(input.producedOn),
    themesCovered: themeNames,
    limitedToThemes: input.themes !== undefined,
    contents: contentsOf(themes, exceptions, {
      delivery: delivery !== null,
      highRisks: highRisks.length > 0,
      finance: finance !== null,
      signOff: input.signOff !== undefined,
      technical: technical.length > 0,
    }),
    purpose: purpose(evaluation, themeNames, input.themes !== undefined, rules),
    rules,
    key: reportKey(rules),
    figures: summaryFigures(evaluation.summary),
    summaryText: evaluation.text,
    get charts(): readonly Chart[] {
      if (maker === undefined) throw new Error('This report model was built without its charts (ReportInput.charts)')
      charts ??= maker.summaryCharts(evaluation)
      return charts
    },
    dashboard: lines,
    themes,
    exceptions,
    performanceExceptions: performanceExceptions(lines, exceptions),
    notReported: notReported(evaluation),
    delivery,
    highRisks: highRiskSections(highRisks),
    finance,
    get history(): readonly HistoryRow[] {
      history ??= historyRows(evaluation.evaluations, histories)
      return history
    },
    signOff: signOffSection(input.signOff),
    technical,
  }
}

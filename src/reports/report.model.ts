import { statisticsSentence } from '../domain/statistics/indicator-spc.ts'
import { intervalSentence } from '../domain/statistics/interval-text.ts'
import { decimalToString } from '../domain/figures/decimal.ts'
import { DELIVERY_LABELS, type DeliveryStatus, parseDeliveryStatus } from '../domain/delivery/delivery.ts'
import type { DeliverySummary } from '../domain/delivery/delivery-plan.ts'
import type { HighRisk } from '../domain/delivery/risk.ts'
import { type IndicatorEvaluation, evaluateHistory } from '../domain/judgement/evaluate.ts'
import { EXCEPTION_QUESTIONS, type ExceptionReport } from '../domain/judgement/exception-report.ts'
import type { Observation } from '../domain/judgement/observation.ts'
import {
  type Period,
  describePeriod,
  formatPeriod,
  longDate,
  periodEndDate,
  periodStartDate,
  previousPeriod,
} from '../domain/periods/period.ts'
import type { PlanEvaluation } from '../domain/judgement/plan.ts'
import type { Chart } from '../presentation/charts/index.ts'
import { type SignOffInput, type SignOffSection, signOffSection } from './report.sign-off.ts'
import { indicatorCharts, indicatorSpcChart, summaryCharts } from '../presentation/charts/plan-charts.ts'
import {
  type DotView,
  NOT_REPORTED_TEXT,
  type RagView,
  actualText,
  dotView,
  figureText,
  ragView,
} from '../presentation/format.ts'

/** What a report is made from: a plan's evaluation, its observations (for trends) and its exception reports. */
export interface ReportInput {
  readonly evaluation: PlanEvaluation
  /** Every observation of each indicator, by ref, for the trend charts. */
  readonly observations: ReadonlyMap<string, readonly Observation[]>
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
  /** The plan's milestones, actions and priorities judged for the period. */
  readonly delivery?: DeliverySummary
  /** The high-risk list for the period. */
  readonly highRisks?: readonly HighRisk[]
  /** The period's sign-off and the revisions since, when it has been signed off. */
  readonly signOff?: SignOffInput
}

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
  readonly annualTarget: string
  readonly previous: string
  readonly actual: string
  readonly estimated: boolean
  readonly target: string
  readonly rag: RagView
  readonly dot: DotView | null
  /** 'submitted' or 'draft' where an exception report exists; 'missing' where one is needed and not written. */
  readonly exception: 'submitted' | 'draft' | 'missing' | null
  readonly commentary: string | null
  /** What the statistics say (SPC beside the RAG status), where the indicator has an SPC chart. */
  readonly statistics: string | null
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

export interface ReportModel {
  readonly title: string
  readonly planName: string
  readonly period: string
  readonly periodLabel: string
  readonly previousLabel: string
  readonly producedOn: string
  readonly themesCovered: readonly string[]
  readonly limitedToThemes: boolean
  readonly contents: readonly ReportSection[]
  readonly purpose: readonly string[]
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
  }[]
  readonly exceptions: readonly ExceptionSection[]
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
  /** Every indicator's judgement in every period with an entry up to the report's period, for the spreadsheet. */
  readonly history: readonly HistoryRow[]
  /** The period's sign-off and the revisions made since; null when it is not signed off. */
  readonly signOff: SignOffSection | null
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
}

const FREQUENCY_LETTER = { monthly: 'M', quarterly: 'Q', annual: 'A' } as const

function idFor(prefix: string, text: string): string {
  return `${prefix}-${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`
}

function line(e: IndicatorEvaluation, report: ExceptionReport | undefined, charts: readonly Chart[]): IndicatorLine {
  const unit = e.indicator.unit
  return {
    ref: e.indicator.ref,
    title: e.indicator.title,
    theme: e.indicator.theme,
    frequency: FREQUENCY_LETTER[e.indicator.frequency],
    lastYear: e.lastYear.reported ? actualText(e.lastYear) : '–',
    annualTarget: figureText(e.annualTarget, unit),
    previous: e.previous.reported ? actualText(e.previous) : '–',
    actual: actualText(e),
    estimated: e.estimated,
    target: figureText(e.target, unit),
    rag: ragView(e.rag, e.ragSource === 'assessment'),
    dot: dotView(e.dot),
    exception: report ? report.state : e.exceptionRequired ? 'missing' : null,
    commentary: e.commentary,
    statistics:
      [
        e.statistics.spc ? statisticsSentence(e.rag, e.statistics.spc) : null,
        e.interval ? intervalSentence(e.interval, unit) : null,
      ]
        .filter((t) => t !== null)
        .join(' ') || null,
    charts,
  }
}

/** ", worse than Quarter 1 2013/14": the direction of travel in words, for the exception report. */
function travel(e: IndicatorEvaluation, period: Period): string {
  const previous = e.comparedWith ? describePeriod(e.comparedWith.period) : describePeriod(previousPeriod(period))
  if (e.dot === 'improved') return `, improved since ${previous}`
  if (e.dot === 'worse') return `, worse than ${previous}`
  if (e.dot === 'same') return `, the same as ${previous}`
  return ''
}

const STATUS_LABEL = DELIVERY_LABELS
const STATUS_MODIFIER: Readonly<Record<DeliveryStatus, string>> = {
  green: 'G',
  amber: 'A',
  red: 'R',
  'not-started': 'none',
  complete: 'G',
}

function deliverySection(delivery: DeliverySummary | undefined): DeliverySection | null {
  if (!delivery || delivery.results.length === 0) return null
  const row = (r: DeliverySummary['results'][number]): DeliveryRow => ({
    ref: r.item.ref,
    title: r.item.title,
    status: r.status
      ? { label: STATUS_LABEL[r.status], modifier: STATUS_MODIFIER[r.status] }
      : { label: 'No status', modifier: 'none' },
    statusNote:
      r.statusSource === 'override'
        ? `Set by an officer; the actions roll up to ${r.rolledUp ? STATUS_LABEL[r.rolledUp].toLowerCase() : 'no status'}`
        : r.statusSource === 'rolled-up'
          ? 'Rolled up from its actions'
          : null,
    narrative: [r.childSentence, r.commentary].filter((t): t is string => t !== null).join(' '),
    due: r.item.dueDate ?? '',
    responsible: r.item.responsible ?? '',
    overdue: r.overdue,
  })
  const heads = delivery.results.filter(
    (r) => r.item.kind === 'priority' || r.item.kind === 'area-of-concern' || r.item.kind === 'objective',
  )
  const names = [...new Set(heads.map((r) => r.item.group ?? r.item.theme ?? 'Priorities'))]
  return {
    sentence: delivery.prioritiesSentence,
    groups: names.map((name) => ({
      name,
      rows: heads.filter((r) => (r.item.group ?? r.item.theme ?? 'Priorities') === name).map(row),
    })),
    milestones: delivery.results.filter((r) => r.item.kind === 'milestone').map(row),
  }
}

function purpose(evaluation: PlanEvaluation, themes: readonly string[], limited: boolean): string[] {
  const period = evaluation.period
  const tolerances = [...new Set(evaluation.evaluations.map((e) => e.indicator.tolerancePct))]
  const tolerance = tolerances.length === 1 ? `${tolerances[0] ?? ''}%` : 'the tolerance agreed for each indicator'
  return [
    `This report summarises performance against the ${evaluation.plan} for the period ${longDate(periodStartDate(period))} to ${longDate(periodEndDate(period))} (${describePeriod(period)}).`,
    `It covers ${limited ? 'these themes of the plan' : `the plan's ${themes.length === 1 ? 'theme' : `${themes.length} themes`}`}: ${themes.join('; ')}.`,
    'Figures and direction of travel are given where data is available. Each indicator has a Red, Amber or Green status based on its actual figure against the target for the period, or on a management assessment where one has been made, which is marked.',
    `Amber means the figure is worse than the target by no more than ${tolerance} of the target; Red means it is worse by more. An exception report is included for every Red or Amber indicator.`,
  ]
}

/** The quarterly committee report for a plan and period, as sections ready for any renderer. Pure. */
export function buildReportModel(input: ReportInput): ReportModel {
  const { evaluation } = input
  const period: Period = evaluation.period
  const s = evaluation.summary
  const themeNames = [...new Set(evaluation.evaluations.map((e) => e.indicator.theme))]
  const history = (e: IndicatorEvaluation) =>
    evaluateHistory(e.indicator, input.observations.get(e.indicator.ref) ?? [], period)
  const histories = new Map(evaluation.evaluations.map((e) => [e.indicator.ref, history(e)]))
  const wanted = input.indicatorCharts ?? 'all'
  const chartsFor = new Map(
    evaluation.evaluations
      .filter((e) => wanted === 'all' || (wanted === 'exceptions' && e.exceptionRequired))
      .map((e) => [
        e.indicator.ref,
        [
          ...indicatorCharts(idFor('chart', e.indicator.ref), e, histories.get(e.indicator.ref) ?? []),
          ...[indicatorSpcChart(idFor('chart-spc', e.indicator.ref), e)].filter((c) => c !== null),
        ],
      ]),
  )
  const lines = evaluation.evaluations.map((e) =>
    line(e, input.exceptionReports.get(e.indicator.ref), chartsFor.get(e.indicator.ref) ?? []),
  )

  const themes = themeNames.map((name, i) => ({
    number: `4.${i + 1}`,
    id: idFor('theme', name),
    name,
    lines: lines.filter((l) => l.theme === name),
    hasCharts: lines.some((l) => l.theme === name && l.charts.length > 0),
  }))
  const needing = s.exceptionReports
    .map((ref) => evaluation.evaluations.find((e) => e.indicator.ref === ref))
    .filter((e) => e !== undefined)
  const exceptions: ExceptionSection[] = needing.map((e, i) => {
    const report = input.exceptionReports.get(e.indicator.ref)
    const unit = e.indicator.unit
    const label = describePeriod(period)
    const amber = e.amberLimit
      ? ` (amber limit ${figureText({ kind: 'number', text: decimalToString(e.amberLimit), value: e.amberLimit }, unit)})`
      : ''
    return {
      number: `5.${i + 1}`,
      id: idFor('exception', e.indicator.ref),
      ref: e.indicator.ref,
      state: report?.state ?? 'missing',
      facts: [
        { label: 'Theme / priority', value: e.indicator.theme },
        { label: 'Indicator / measure', value: e.indicator.ref },
        { label: 'Indicator / measure detail', value: e.indicator.title },
        { label: 'Baseline', value: report?.baseline ?? '' },
        { label: 'Target and timescale', value: `${figureText(e.target, unit)}${amber}, ${label}` },
        {
          label: 'Actual and timescale',
          value: `${actualText(e)}, ${e.dataPeriod ? describePeriod(e.dataPeriod) : label}`,
        },
        { label: 'Status', value: `${ragView(e.rag, e.ragSource === 'assessment').label}${travel(e, period)}` },
      ],
      questions: EXCEPTION_QUESTIONS.map((q) => ({
        question: q.question,
        prompts: q.prompts,
        answer: report?.[q.field] ?? (report ? '' : 'Not yet provided by the indicator owner.'),
      })),
      charts: chartsFor.get(e.indicator.ref) ?? [],
    }
  })

  const delivery = deliverySection(input.delivery)
  const contents: ReportSection[] = [
    { number: '1', id: 'purpose', title: 'Purpose and scope of the report', level: 1 },
    { number: '2', id: 'key', title: 'Performance key', level: 1 },
    { number: '3', id: 'results', title: 'Performance results', level: 1 },
    { number: '3.1', id: 'summary', title: 'Performance summary', level: 2 },
    { number: '3.2', id: 'charts', title: 'Charts', level: 2 },
    { number: '3.3', id: 'dashboard', title: 'Summary dashboard', level: 2 },
    { number: '4', id: 'themes', title: 'Performance by theme', level: 1 },
    ...themes.map((t) => ({ number: t.number, id: t.id, title: t.name, level: 2 as const })),
    { number: '5', id: 'exceptions', title: 'Exception reports', level: 1 },
    ...exceptions.map((x) => ({ number: x.number, id: x.id, title: x.ref, level: 2 as const })),
    { number: '6', id: 'not-reported', title: 'Indicators not reported', level: 1 },
    ...(delivery ? [{ number: '7', id: 'delivery', title: 'Priorities and milestones', level: 1 as const }] : []),
    ...((input.highRisks ?? []).length > 0
      ? [{ number: '8', id: 'high-risks', title: 'High risks', level: 1 as const }]
      : []),
    ...(input.signOff ? [{ number: '9', id: 'revisions', title: 'Revisions since sign-off', level: 1 as const }] : []),
  ]

  return {
    title: `${evaluation.plan}: performance report`,
    planName: evaluation.plan,
    period: formatPeriod(period),
    periodLabel: describePeriod(period),
    previousLabel: describePeriod(previousPeriod(period)),
    producedOn: longDate(input.producedOn),
    themesCovered: themeNames,
    limitedToThemes: input.themes !== undefined,
    contents,
    purpose: purpose(evaluation, themeNames, input.themes !== undefined),
    key: {
      rag: [
        { rag: ragView('G'), meaning: 'Performance meets or exceeds the target' },
        { rag: ragView('A'), meaning: 'Performance is worse than the target, but within the tolerance' },
        { rag: ragView('R'), meaning: 'Performance is worse than the target by more than the tolerance' },
        { rag: ragView(null), meaning: 'No status: no target set, or not reported' },
      ],
      dot: [
        {
          dot: { symbol: '↑', label: 'Improved' },
          meaning: 'Performance has improved compared with the previous period',
        },
        { dot: { symbol: '↔', label: 'Same' }, meaning: 'Performance is the same as the previous period' },
        { dot: { symbol: '↓', label: 'Worse' }, meaning: 'Performance has worsened compared with the previous period' },
      ],
      other: [
        '(Est) marks an estimated figure; estimated figures are also shaded.',
        'A status followed by “(management assessment)” was set by an officer rather than computed from the figures.',
        'A figure followed by a period in brackets relates to that earlier period: it is reported in arrears.',
      ],
    },
    figures: [
      { label: 'Indicators', value: String(s.indicators), modifier: '' },
      { label: 'Reported', value: String(s.reported), modifier: '' },
      { label: 'Green', value: String(s.rag.G), modifier: 'G' },
      { label: 'Amber', value: String(s.rag.A), modifier: 'A' },
      { label: 'Red', value: String(s.rag.R), modifier: 'R' },
      { label: 'Improved', value: String(s.dot.improved), modifier: '' },
      { label: 'Worse', value: String(s.dot.worse), modifier: '' },
      { label: 'Not reported', value: String(s.indicators - s.reported), modifier: '' },
    ],
    summaryText: evaluation.text,
    charts: summaryCharts(evaluation),
    dashboard: lines,
    themes,
    exceptions,
    notReported: evaluation.evaluations
      .filter((e) => !e.reported)
      .map((e) => ({
        ref: e.indicator.ref,
        title: e.indicator.title,
        theme: e.indicator.theme,
        reason: NOT_REPORTED_TEXT[e.notReported ?? 'not-available'],
      })),
    delivery,
    highRisks: (input.highRisks ?? []).map(({ risk, treatments }) => ({
      ref: risk.ref,
      description: risk.description,
      initial: `${risk.initial.level} (${risk.initial.likelihood} × ${risk.initial.impact} = ${risk.initial.score})`,
      residual: `${risk.residual.level} (${risk.residual.likelihood} × ${risk.residual.impact} = ${risk.residual.score})`,
      treatments: treatments.map(({ treatment, review }) => ({
        ref: treatment.ref,
        description: treatment.description,
        owner: treatment.owner ?? '',
        due: treatment.dueDate ?? '',
        progress: review
          ? `${STATUS_LABEL[parseDeliveryStatus(review.progress)]}${review.commentary ? `: ${review.commentary}` : ''}`
          : 'Not reviewed this period',
      })),
    })),
    history: evaluation.evaluations.flatMap((e) =>
      (histories.get(e.indicator.ref) ?? []).map((r) => ({
        ref: e.indicator.ref,
        theme: e.indicator.theme,
        title: e.indicator.title,
        period: formatPeriod(r.period),
        // A year still in progress holds only its annual target: nothing is missing yet.
        actual: !r.reported && r.period.kind === 'year' ? '–' : actualText(r),
        target: figureText(r.target, e.indicator.unit),
        estimated: r.estimated,
        dataPeriod: r.inArrears && r.dataPeriod ? formatPeriod(r.dataPeriod) : '',
        rag: ragView(r.rag),
        ragSource: r.ragSource ?? '',
        dot: dotView(r.dot),
        commentary: r.commentary,
      })),
    ),
    signOff: signOffSection(input.signOff),
  }
}

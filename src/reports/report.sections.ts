import { toNumber } from '../domain/figures/decimal.ts'
import { roundedText } from '../domain/figures/precision.ts'
import { DELIVERY_LABELS, type DeliveryStatus, parseDeliveryStatus } from '../domain/delivery/delivery.ts'
import type { DeliverySummary } from '../domain/delivery/delivery-plan.ts'
import type { HighRisk } from '../domain/delivery/risk.ts'
import type { IndicatorEvaluation, IndicatorResult } from '../domain/judgement/evaluate.ts'
import { EXCEPTION_QUESTIONS, type ExceptionReport } from '../domain/judgement/exception-report.ts'
import type { PlanEvaluation } from '../domain/judgement/plan.ts'
import type { PlanSummary } from '../domain/judgement/summary.ts'
import {
  type Period,
  describePeriod,
  formatPeriod,
  longDate,
  periodEndDate,
  periodStartDate,
  previousPeriod,
} from '../domain/periods/period.ts'
import type { Chart } from '../presentation/charts/index.ts'
import {
  FOR_INFORMATION,
  NOT_REPORTED_TEXT,
  actualText,
  dotView,
  figureText,
  type RagView,
  ragView,
  statusView,
} from '../presentation/format.ts'
import { figureCells, indicatorPrecision } from './report.figures.ts'
import { statisticsInWords } from './report.technical.ts'
import { type ReportRules, rulesParagraph } from './report.rules.ts'
import type {
  DeliveryRow,
  DeliverySection,
  ExceptionSection,
  HistoryRow,
  IndicatorLine,
  PerformanceException,
  ReportModel,
  ReportSection,
} from './report.model.ts'

/** The sections of the committee report, each made from the judgement as its renderers show it. Pure. */

const FREQUENCY_LETTER = { monthly: 'M', quarterly: 'Q', annual: 'A' } as const

export function idFor(prefix: string, text: string): string {
  return `${prefix}-${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`
}

export function indicatorLine(
  e: IndicatorEvaluation,
  report: ExceptionReport | undefined,
  charts: readonly Chart[],
  rules?: ReportRules,
  decimals = indicatorPrecision(e),
): IndicatorLine {
  const unit = e.indicator.unit
  return {
    ref: e.indicator.ref,
    title: e.indicator.title,
    theme: e.indicator.theme,
    frequency: FREQUENCY_LETTER[e.indicator.frequency],
    lastYear: e.lastYear.reported ? actualText(e.lastYear) : '–',
    lastYearRag: pastStatus(e.lastYear),
    annualTarget: figureText(e.annualTarget, unit),
    previous: e.previous.reported ? actualText(e.previous) : '–',
    previousRag: pastStatus(e.previous),
    actual: actualText(e),
    estimated: e.estimated,
    target: figureText(e.target, unit),
    rag: statusView(e),
    dot: dotView(e.dot),
    dotLongTerm: e.indicator.dotBasis === 'both' ? dotView(e.dotLongTerm) : null,
    ruleText: e.ruleText,
    ownRules: rules?.own.get(e.indicator.ref) ?? null,
    exception: report ? report.state : e.exceptionRequired ? 'missing' : null,
    commentary: e.commentary,
    statistics: statisticsInWords(e),
    cells: figureCells(e, decimals),
    charts,
  }
}

/** A past period's status beside its figure, as the seed prints "48.6% G"; null where it had none to show. */
export function pastStatus(result: IndicatorResult): RagView | null {
  if (!result.reported || result.rag === null || result.rule === 'data-only') return null
  return statusView(result)
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

export function deliverySection(delivery: DeliverySummary | undefined): DeliverySection | null {
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

export function purpose(
  evaluation: PlanEvaluation,
  themes: readonly string[],
  limited: boolean,
  rules: ReportRules,
): string[] {
  const period = evaluation.period
  return [
    `This report summarises performance against the ${evaluation.plan} for the period ${longDate(periodStartDate(period))} to ${longDate(periodEndDate(period))} (${describePeriod(period)}).`,
    `It covers ${limited ? 'these themes of the plan' : `the plan's ${themes.length === 1 ? 'theme' : `${themes.length} themes`}`}: ${themes.join('; ')}.`,
    'Figures and direction of travel are given where data is available. Each indicator has a Red, Amber or Green status based on its actual figure against the target for the period, or on a management assessment where one has been made, which is marked.',
    rulesParagraph(rules),
  ]
}

/** One exception report in the seed reports' two-column form: the facts, then the three questions answered. */
export function exceptionSection(
  e: IndicatorEvaluation,
  index: number,
  report: ExceptionReport | undefined,
  period: Period,
  charts: readonly Chart[],
  decimals = indicatorPrecision(e),
): ExceptionSection {
  const unit = e.indicator.unit
  const label = describePeriod(period)
  // The limit is worked out from the target and can run to many places: shown as the indicator's figures are.
  const amber = e.amberLimit ? ` (amber limit ${roundedText(toNumber(e.amberLimit), unit, decimals)})` : ''
  return {
    number: `5.${index + 1}`,
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
    charts,
  }
}

/** The report's contents: its numbered sections, with a heading per theme and per exception report. */
export function contentsOf(
  themes: readonly { readonly number: string; readonly id: string; readonly name: string }[],
  exceptions: readonly ExceptionSection[],
  has: {
    readonly delivery: boolean
    readonly highRisks: boolean
    readonly finance: boolean
    readonly signOff: boolean
    readonly technical?: boolean
  },
): ReportSection[] {
  return [
    { number: '1', id: 'purpose', title: 'Purpose and scope of the report', level: 1 },
    { number: '2', id: 'key', title: 'Performance key', level: 1 },
    { number: '3', id: 'results', title: 'Performance results', level: 1 },
    { number: '3.1', id: 'summary', title: 'Performance summary', level: 2 },
    { number: '3.2', id: 'charts', title: 'Charts', level: 2 },
    { number: '3.3', id: 'dashboard', title: 'Summary dashboard', level: 2 },
    { number: '3.4', id: 'performance-exceptions', title: 'Performance exceptions', level: 2 },
    { number: '4', id: 'themes', title: 'Performance by theme', level: 1 },
    ...themes.map((t) => ({ number: t.number, id: t.id, title: t.name, level: 2 as const })),
    { number: '5', id: 'exceptions', title: 'Exception reports', level: 1 },
    ...exceptions.map((x) => ({ number: x.number, id: x.id, title: x.ref, level: 2 as const })),
    { number: '6', id: 'not-reported', title: 'Indicators not reported', level: 1 },
    ...(has.delivery ? [{ number: '7', id: 'delivery', title: 'Priorities and milestones', level: 1 as const }] : []),
    ...(has.highRisks ? [{ number: '8', id: 'high-risks', title: 'High risks', level: 1 as const }] : []),
    ...(has.finance ? [{ number: '9', id: 'finance', title: 'Financial statements', level: 1 as const }] : []),
    ...(has.signOff ? [{ number: '10', id: 'revisions', title: 'Revisions since sign-off', level: 1 as const }] : []),
    ...(has.technical
      ? [{ number: 'A', id: 'technical', title: 'Technical appendix: the statistics', level: 1 as const }]
      : []),
  ]
}

/** The summary in numbers, as the report's row of figures. */
export function summaryFigures(s: PlanSummary): ReportModel['figures'] {
  return [
    { label: 'Indicators', value: String(s.indicators), modifier: '' },
    { label: 'Reported', value: String(s.reported), modifier: '' },
    { label: 'Green', value: String(s.rag.G), modifier: 'G' },
    { label: 'Amber', value: String(s.rag.A), modifier: 'A' },
    { label: 'Red', value: String(s.rag.R), modifier: 'R' },
    { label: 'Improved', value: String(s.dot.improved), modifier: '' },
    { label: 'Worse', value: String(s.dot.worse), modifier: '' },
    { label: 'Not reported', value: String(s.indicators - s.reported), modifier: '' },
    ...(s.forInformation > 0 ? [{ label: 'For information', value: String(s.forInformation), modifier: '' }] : []),
  ]
}

/** Every Red, then every Amber, indicator in the plan's order, with the exception report each points to. */
export function performanceExceptions(
  lines: readonly IndicatorLine[],
  exceptions: readonly ExceptionSection[],
): PerformanceException[] {
  return ['R', 'A'].flatMap((letter) =>
    lines
      .filter((l) => l.rag.letter === letter)
      .map((l) => {
        const x = exceptions.find((e) => e.ref === l.ref)
        return {
          ref: l.ref,
          title: l.title,
          theme: l.theme,
          rag: l.rag,
          dot: l.dot,
          report: x ? { number: x.number, id: x.id } : null,
        }
      }),
  )
}

/** The indicators not reported this period, and why. */
export function notReported(evaluation: PlanEvaluation): ReportModel['notReported'] {
  return evaluation.evaluations
    .filter((e) => !e.reported)
    .map((e) => ({
      ref: e.indicator.ref,
      title: e.indicator.title,
      theme: e.indicator.theme,
      reason: NOT_REPORTED_TEXT[e.notReported ?? 'not-available'],
    }))
}

/** The high-risk list: each risk's ratings in words and figures, and each treatment's progress this period. */
export function highRiskSections(highRisks: readonly HighRisk[]): ReportModel['highRisks'] {
  return highRisks.map(({ risk, treatments }) => ({
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
  }))
}

/** Every indicator's judgement in every period up to the report's, one row each, for the spreadsheet. */
export function historyRows(
  evaluations: readonly IndicatorEvaluation[],
  histories: ReadonlyMap<string, readonly IndicatorResult[]>,
): HistoryRow[] {
  return evaluations.flatMap((e) => {
    const history = histories.get(e.indicator.ref) ?? []
    const decimals = indicatorPrecision(e, history)
    return history.map((r) => ({
      ref: e.indicator.ref,
      theme: e.indicator.theme,
      title: e.indicator.title,
      period: formatPeriod(r.period),
      // A year still in progress holds only its annual target: nothing is missing yet.
      actual: !r.reported && r.period.kind === 'year' ? '–' : actualText(r),
      target: figureText(r.target, e.indicator.unit),
      estimated: r.estimated,
      dataPeriod: r.inArrears && r.dataPeriod ? formatPeriod(r.dataPeriod) : '',
      rag: r.rule === 'data-only' ? FOR_INFORMATION : ragView(r.rag),
      ragSource: r.ragSource ?? '',
      dot: dotView(r.dot),
      commentary: r.commentary,
      cells: figureCells(r, decimals),
    }))
  })
}

import { type Decimal, toNumber } from '../domain/figures/decimal.ts'
import type { IndicatorEvaluation, IndicatorResult } from '../domain/judgement/evaluate.ts'
import { describeAssurance, describeVariation, statisticsSentence } from '../domain/statistics/indicator-spc.ts'
import { describePeriod, formatPeriod } from '../domain/periods/period.ts'
import type { PlanEvaluation } from '../domain/judgement/plan.ts'
import type { StatusCounts } from '../domain/delivery/delivery.ts'
import type { HighRisk } from '../domain/delivery/risk.ts'
import { type DeliverySummary, evaluateDelivery } from '../domain/delivery/delivery-plan.ts'
import type { Figure } from '../domain/figures/value.ts'
import type { ReportJson, SignOffJson } from './report.schema.ts'
import type { ReportModel } from './report.model.ts'
import type { SignOffInput } from './report.sign-off.ts'
import { type ReportRules, reportRules } from './report.rules.ts'
import type { BudgetRule, FinancePeriod } from '../domain/finance/index.ts'
import { financeJson } from './report.finance-json.ts'

/**
 * The report as JSON: a stable contract that other tools read (documented in the README, "Report JSON").
 * Add fields freely; never rename or remove one without raising `schemaVersion`.
 */
export const REPORT_SCHEMA_VERSION = 1
export type { ReportJson }

/** Numbers as JSON numbers; ranks and texts exactly as given ("1st", "Top"). */
function figureJson(figure: Figure | null): number | string | null {
  if (!figure) return null
  return figure.kind === 'number' ? toNumber(figure.value) : figure.text
}

function decimalJson(value: Decimal | null): number | null {
  return value === null ? null : toNumber(value)
}

function snapshot(result: IndicatorResult): ReportJson['indicators'][number]['previous'] {
  return {
    period: formatPeriod(result.period),
    actual: figureJson(result.actual),
    target: figureJson(result.target),
    rag: result.rag,
    notReported: result.notReported,
  }
}

/** The counts with the named ones left out where they are zero (reasons added later stay out of older reports). */
function countsWithout<T extends Record<string, number>>(counts: T, optional: readonly (keyof T)[]): T {
  return Object.fromEntries(
    Object.entries(counts).filter(([key, count]) => count !== 0 || !optional.includes(key)),
  ) as T
}

function indicatorJson(e: IndicatorEvaluation, rules: ReportRules): ReportJson['indicators'][number] {
  const i = e.indicator
  const own = rules.own.get(i.ref)
  return {
    ref: i.ref,
    theme: i.theme,
    title: i.title,
    owner: i.owner,
    frequency: i.frequency,
    polarity: i.polarity,
    valueType: i.valueType,
    unit: i.unit,
    accumulation: i.accumulation,
    actual: figureJson(e.actual),
    target: figureJson(e.target),
    annualTarget: figureJson(e.annualTarget),
    rag: e.rag,
    ragSource: e.ragSource,
    amberLimit: decimalJson(e.amberLimit),
    ...(i.kind === 'data-only' ? { kind: i.kind } : {}),
    rule: e.rule,
    ruleText: e.ruleText,
    ...(own === undefined ? {} : { ownRules: own }),
    dot: e.dot,
    ...(i.dotBasis === 'both' ? { dotLongTerm: e.dotLongTerm } : {}),
    noDotReason: e.noDotReason,
    dotComparedWith: e.comparedWith && {
      period: formatPeriod(e.comparedWith.period),
      value: figureJson(e.comparedWith.figure),
    },
    notReported: e.notReported,
    exceptionRequired: e.exceptionRequired,
    estimated: e.estimated,
    dataPeriod: e.dataPeriod && formatPeriod(e.dataPeriod),
    inArrears: e.inArrears,
    forecast: e.forecast && {
      projected: toNumber(e.forecast.projected),
      suggestedRag: e.forecast.suggestedRag,
      annualTarget: toNumber(e.forecast.annualTarget),
    },
    previous: snapshot(e.previous),
    lastYear: snapshot(e.lastYear),
    commentary: e.commentary,
    spc: spcJson(e),
    ci: e.interval && {
      method: e.interval.method,
      confidence: e.interval.confidence,
      value: e.interval.value,
      lower: e.interval.lower,
      upper: e.interval.upper,
      numerator: e.interval.numerator,
      denominator: e.interval.denominator,
      comparisons: e.interval.comparisons.map((c) => ({
        comparator: c.comparator,
        value: c.value,
        lower: c.lower,
        upper: c.upper,
        result: c.result,
      })),
    },
    noSpcReason: e.statistics.reason,
  }
}

function spcJson(e: IndicatorEvaluation): ReportJson['indicators'][number]['spc'] {
  const spc = e.statistics.spc
  if (!spc) return null
  const at = (index: number): string => formatPeriod(spc.periods[index] ?? e.period)
  return {
    variation: spc.variation,
    variationText: describeVariation(spc.variation),
    assurance: spc.assurance,
    assuranceText: describeAssurance(spc.assurance),
    target: spc.target,
    statement: statisticsSentence(e.rag, spc),
    limits: spc.groups.map((g) => ({
      start: at(g.start),
      end: at(g.end),
      mean: g.mean,
      lpl: g.lpl,
      upl: g.upl,
      nlpl: g.nlpl,
      nupl: g.nupl,
    })),
    points: spc.points.map((p, index) => ({
      period: at(index),
      value: p.value,
      outside: p.outside,
      close: p.close,
      rule: p.rule,
      type: p.type,
    })),
  }
}

/** The report JSON for a plan's evaluation. */
export function reportJson(
  evaluation: PlanEvaluation,
  themes?: readonly string[],
  delivery?: DeliverySummary,
  highRisks: readonly HighRisk[] = [],
  finance?: { readonly period?: FinancePeriod; readonly rule?: BudgetRule },
): ReportJson {
  const s = evaluation.summary
  const rules = reportRules(evaluation)
  const financeData = financeJson(finance?.period, finance?.rule)
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    plan: evaluation.plan,
    period: formatPeriod(evaluation.period),
    periodLabel: describePeriod(evaluation.period),
    themes: themes ? [...themes] : null,
    rules: { source: rules.source, text: [...rules.lines] },
    summary: {
      indicators: s.indicators,
      reported: s.reported,
      rag: s.rag,
      dot: s.dot,
      notReported: countsWithout(s.notReported, ['suppressed', 'notDue']),
      ...(s.forInformation > 0 ? { forInformation: s.forInformation } : {}),
      exceptionReportsRequired: s.exceptionReportsRequired,
      exceptionReports: [...s.exceptionReports],
      greenAndImproving: s.greenAndImproving,
      improvedToGreenFrom: s.improvedToGreenFrom,
      worsened: s.worsened,
      noDot: s.noDot,
      transitions: s.transitions,
      text: evaluation.text,
    },
    indicators: evaluation.evaluations.map((e) => indicatorJson(e, rules)),
    delivery: deliveryJson(delivery ?? evaluateDelivery([], [], evaluation.period)),
    highRisks: highRisks.map(highRiskJson),
    ...(financeData === undefined ? {} : { finance: financeData }),
  }
}

function highRiskJson(entry: HighRisk): ReportJson['highRisks'][number] {
  const rating = (r: HighRisk['risk']['initial']) => ({
    likelihood: r.likelihood,
    impact: r.impact,
    score: r.score,
    level: r.level,
  })
  return {
    ref: entry.risk.ref,
    objective: entry.risk.objective,
    description: entry.risk.description,
    initial: rating(entry.risk.initial),
    residual: rating(entry.risk.residual),
    treatments: entry.treatments.map(({ treatment, review }) => ({
      ref: treatment.ref,
      description: treatment.description,
      owner: treatment.owner,
      dueDate: treatment.dueDate,
      progress: review?.progress ?? null,
      commentary: review?.commentary ?? null,
    })),
  }
}

function counts(c: StatusCounts): ReportJson['delivery']['priorities'] {
  return { green: c.green, amber: c.amber, red: c.red, notStarted: c['not-started'], complete: c.complete }
}

function deliveryJson(delivery: DeliverySummary): ReportJson['delivery'] {
  return {
    priorities: counts(delivery.priorities),
    prioritiesSentence: delivery.prioritiesSentence,
    milestones: counts(delivery.milestones),
    overdueMilestones: [...delivery.overdueMilestones],
    items: delivery.results.map((r) => ({
      kind: r.item.kind,
      ref: r.item.ref,
      title: r.item.title,
      group: r.item.group,
      parent: r.item.parent,
      dueDate: r.item.dueDate,
      responsible: r.item.responsible,
      status: r.status,
      statusSource: r.statusSource,
      rolledUp: r.rolledUp,
      childSentence: r.childSentence,
      commentary: r.commentary,
      overdue: r.overdue,
    })),
  }
}

/** The report JSON's text for report data, as the API gives it and a sign-off keeps it. */
export function reportJsonText(data: {
  readonly evaluation: PlanEvaluation
  readonly delivery: DeliverySummary
  readonly highRisks: readonly HighRisk[]
  readonly finance?: FinancePeriod
  readonly budgetRule?: BudgetRule
}): string {
  return JSON.stringify(
    reportJson(data.evaluation, undefined, data.delivery, data.highRisks, {
      ...(data.finance ? { period: data.finance } : {}),
      ...(data.budgetRule ? { rule: data.budgetRule } : {}),
    }),
  )
}

/** The `signOff` field: when and by whom the period was signed off, and every revision made since. */
export function signOffJson(input: SignOffInput): SignOffJson {
  const { signOff } = input
  return {
    signedOffAt: signOff.lockedAt,
    signedOffBy: signOff.lockedBy,
    committee: signOff.committee,
    asReported: input.asReported,
    revisions: input.revisions.map((e) => ({
      entity: e.entity,
      ref: e.ref,
      period: e.period,
      field: e.field,
      oldValue: e.oldValue,
      newValue: e.newValue,
      by: e.actor,
      at: e.at,
      reason: e.reason,
    })),
  }
}

/** The report data with the `signOff` field added last, for a signed-off period; as given for one that is not. */
export function withSignOff(data: ReportJson, input: SignOffInput | undefined): ReportJson {
  return input ? { ...data, signOff: signOffJson(input) } : data
}

/** The report JSON as `outturn report --format json` prints it and the download gives it: indented, one line a field. */
export function renderReportJson(model: Pick<ReportModel, 'data'>): string {
  return `${JSON.stringify(model.data, null, 2)}\n`
}

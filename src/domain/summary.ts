import type { IndicatorEvaluation } from './evaluate.ts'
import type { Period } from './period.ts'
import type { Rag } from './value.ts'

/** A status, or 'none' for no status (no target, not reported). */
export type StatusOrNone = Rag | 'none'

/** Every count a committee report's summary states, for one plan and period. */
export interface PlanSummary {
  readonly period: Period
  readonly indicators: number
  readonly reported: number
  /** RAG of reported indicators; `none` counts those reported with no target and no assessment. */
  readonly rag: { readonly G: number; readonly A: number; readonly R: number; readonly none: number }
  /** Direction of travel of reported indicators; `none` counts those with no direction. */
  readonly dot: { readonly improved: number; readonly same: number; readonly worse: number; readonly none: number }
  /** Why reported indicators have no direction of travel. */
  readonly noDot: {
    readonly inArrears: number
    readonly statusOnly: number
    readonly noPrevious: number
    readonly notComparable: number
  }
  readonly notReported: {
    readonly annual: number
    readonly new: number
    readonly inArrears: number
    readonly notAvailable: number
  }
  readonly greenAndImproving: number
  /**
   * Moves between statuses since the previous period, for reported indicators: transitions[from][to].
   * EG 2 moving from Amber at Q1 to Green at Q2 counts in transitions.A.G.
   */
  readonly transitions: Readonly<Record<StatusOrNone, Readonly<Record<StatusOrNone, number>>>>
  /** Of the indicators that improved, how many moved to Green from Amber, Red or no status. */
  readonly improvedToGreenFrom: { readonly A: number; readonly R: number }
  /** Of the indicators that worsened, where their status went. */
  readonly worsened: {
    readonly stillGreen: number
    readonly stillAmber: number
    readonly stillRed: number
    readonly fromGreen: number
    readonly fromAmberToRed: number
    readonly other: number
  }
  readonly exceptionReportsRequired: number
  /** Refs of indicators needing an exception report (Red first, then Amber, in plan order). */
  readonly exceptionReports: readonly string[]
}

function emptyRow(): Record<StatusOrNone, number> {
  return { G: 0, A: 0, R: 0, none: 0 }
}

/** Counts a plan's judgements the way the committee report's summary states them. */
export function summarise(period: Period, evaluations: readonly IndicatorEvaluation[]): PlanSummary {
  const reported = evaluations.filter((e) => e.reported)
  const count = (
    predicate: (e: IndicatorEvaluation) => boolean,
    from: readonly IndicatorEvaluation[] = reported,
  ): number => from.filter(predicate).length
  const statusOf = (rag: Rag | null): StatusOrNone => rag ?? 'none'

  const transitions: Record<StatusOrNone, Record<StatusOrNone, number>> = {
    G: emptyRow(),
    A: emptyRow(),
    R: emptyRow(),
    none: emptyRow(),
  }
  for (const e of reported) transitions[statusOf(e.previous.rag)][statusOf(e.rag)] += 1

  const worse = reported.filter((e) => e.dot === 'worse')
  const moved = (from: StatusOrNone, to: StatusOrNone, among: readonly IndicatorEvaluation[]): number =>
    among.filter((e) => statusOf(e.previous.rag) === from && statusOf(e.rag) === to).length
  const improved = reported.filter((e) => e.dot === 'improved')
  const worsened = {
    stillGreen: moved('G', 'G', worse),
    stillAmber: moved('A', 'A', worse),
    stillRed: moved('R', 'R', worse),
    fromGreen: moved('G', 'A', worse) + moved('G', 'R', worse),
    fromAmberToRed: moved('A', 'R', worse),
    other: 0,
  }
  worsened.other =
    worse.length -
    (worsened.stillGreen + worsened.stillAmber + worsened.stillRed + worsened.fromGreen + worsened.fromAmberToRed)

  const needing = reported.filter((e) => e.exceptionRequired)
  const exceptionReports = [...needing.filter((e) => e.rag === 'R'), ...needing.filter((e) => e.rag === 'A')].map(
    (e) => e.indicator.ref,
  )

  return {
    period,
    indicators: evaluations.length,
    reported: reported.length,
    rag: {
      G: count((e) => e.rag === 'G'),
      A: count((e) => e.rag === 'A'),
      R: count((e) => e.rag === 'R'),
      none: count((e) => e.rag === null),
    },
    dot: {
      improved: improved.length,
      same: count((e) => e.dot === 'same'),
      worse: worse.length,
      none: count((e) => e.dot === null),
    },
    noDot: {
      inArrears: count((e) => e.noDotReason === 'in-arrears'),
      statusOnly: count((e) => e.noDotReason === 'status-only'),
      noPrevious: count((e) => e.noDotReason === 'no-previous'),
      notComparable: count((e) => e.noDotReason === 'not-comparable'),
    },
    notReported: {
      annual: count((e) => e.notReported === 'annual', evaluations),
      new: count((e) => e.notReported === 'new', evaluations),
      inArrears: count((e) => e.notReported === 'in-arrears', evaluations),
      notAvailable: count((e) => e.notReported === 'not-available', evaluations),
    },
    greenAndImproving: count((e) => e.rag === 'G' && e.dot === 'improved'),
    transitions,
    improvedToGreenFrom: { A: moved('A', 'G', improved), R: moved('R', 'G', improved) },
    worsened,
    exceptionReportsRequired: needing.length,
    exceptionReports,
  }
}

import type { IndicatorEvaluation } from './evaluate.ts'
import type { Period } from '../periods/period.ts'
import type { Rag } from '../figures/value.ts'

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
    readonly suppressed: number
    readonly notDue: number
  }
  readonly greenAndImproving: number
  /** Reported data-only measures: for information, with no RAG status, counted apart from those with no target. */
  readonly forInformation: number
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

/** A count of moves from each status (the previous period's) to each status (this period's). */
function emptyMoves(): Record<StatusOrNone, Record<StatusOrNone, number>> {
  return { G: emptyRow(), A: emptyRow(), R: emptyRow(), none: emptyRow() }
}

/** The worsened indicators as the summary sentence groups them, from their moves between statuses. */
function worsenedOf(moves: Record<StatusOrNone, Record<StatusOrNone, number>>, worse: number): PlanSummary['worsened'] {
  const named = {
    stillGreen: moves.G.G,
    stillAmber: moves.A.A,
    stillRed: moves.R.R,
    fromGreen: moves.G.A + moves.G.R,
    fromAmberToRed: moves.A.R,
  }
  const other = worse - (named.stillGreen + named.stillAmber + named.stillRed + named.fromGreen + named.fromAmberToRed)
  return { ...named, other }
}

/** Counts a plan's judgements the way the committee report's summary states them. */
export function summarise(period: Period, evaluations: readonly IndicatorEvaluation[]): PlanSummary {
  // One pass over the judgements: a national plan has 100,000 of them, and each count below is a filter of them.
  const rag = { G: 0, A: 0, R: 0, none: 0 }
  const dot = { improved: 0, same: 0, worse: 0, none: 0 }
  const noDot = { inArrears: 0, statusOnly: 0, noPrevious: 0, notComparable: 0 }
  const notReported = { annual: 0, new: 0, inArrears: 0, notAvailable: 0, suppressed: 0, notDue: 0 }
  const transitions = emptyMoves()
  // Moves between statuses of the indicators that improved and of those that worsened.
  const improvedMoves = emptyMoves()
  const worseMoves = emptyMoves()
  let reported = 0
  let greenAndImproving = 0
  let forInformation = 0
  let needing = 0
  const red: string[] = []
  const amber: string[] = []
  for (const e of evaluations) {
    if (e.notReported === 'annual') notReported.annual += 1
    else if (e.notReported === 'new') notReported.new += 1
    else if (e.notReported === 'in-arrears') notReported.inArrears += 1
    else if (e.notReported === 'not-available') notReported.notAvailable += 1
    else if (e.notReported === 'suppressed') notReported.suppressed += 1
    else if (e.notReported === 'not-due') notReported.notDue += 1
    if (!e.reported) continue
    reported += 1
    if (e.indicator.kind === 'data-only') {
      forInformation += 1
      continue
    }
    const from = e.previous.rag ?? 'none'
    const to = e.rag ?? 'none'
    rag[to] += 1
    transitions[from][to] += 1
    if (e.dot === null || e.dot === 'higher' || e.dot === 'lower') dot.none += 1
    else dot[e.dot] += 1
    if (e.dot === 'improved') improvedMoves[from][to] += 1
    else if (e.dot === 'worse') worseMoves[from][to] += 1
    if (e.noDotReason === 'in-arrears') noDot.inArrears += 1
    else if (e.noDotReason === 'status-only') noDot.statusOnly += 1
    else if (e.noDotReason === 'no-previous' || e.noDotReason === 'no-last-year') noDot.noPrevious += 1
    else if (e.noDotReason === 'not-comparable') noDot.notComparable += 1
    if (e.rag === 'G' && e.dot === 'improved') greenAndImproving += 1
    if (e.exceptionRequired) {
      needing += 1
      if (e.rag === 'R') red.push(e.indicator.ref)
      else if (e.rag === 'A') amber.push(e.indicator.ref)
    }
  }

  const exceptionReports = [...red, ...amber]
  return {
    period,
    indicators: evaluations.length,
    reported,
    rag,
    dot,
    noDot,
    notReported,
    greenAndImproving,
    forInformation,
    transitions,
    improvedToGreenFrom: { A: improvedMoves.A.G, R: improvedMoves.R.G },
    worsened: worsenedOf(worseMoves, dot.worse),
    exceptionReportsRequired: needing,
    exceptionReports,
  }
}

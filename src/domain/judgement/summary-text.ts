import { type Period, describePeriod, formatPeriod, previousPeriod } from '../periods/period.ts'
import type { PlanSummary } from './summary.ts'

const QUARTER_WORDS = ['first', 'second', 'third', 'fourth'] as const

/** "one" for 1 as committee papers write it, figures otherwise. */
function num(n: number): string {
  return n === 1 ? 'one' : String(n)
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function indicators(n: number): string {
  return `${num(n)} ${n === 1 ? 'indicator' : 'indicators'}`
}

/** Joins phrases as prose: "a", "a and b", "a, b and c". */
export function listInProse(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('')
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`
}

function endOf(period: Period): string {
  if (period.kind === 'quarter') return `the end of the ${QUARTER_WORDS[period.quarter - 1] ?? ''} quarter`
  return `the end of ${describePeriod(period)}`
}

/** The previous period as the summary names it: "Q1" within the year, otherwise its full form. */
function previousName(period: Period): string {
  const previous = previousPeriod(period)
  if (previous.kind === 'quarter' && previous.year === period.year) return `Q${previous.quarter}`
  return previous.kind === 'month' ? describePeriod(previous) : formatPeriod(previous)
}

function greenSentence(s: PlanSummary): string | null {
  if (s.rag.G === 0) return null
  const movedIn = [
    s.improvedToGreenFrom.A > 0 ? `${num(s.improvedToGreenFrom.A)} from amber to green` : null,
    s.improvedToGreenFrom.R > 0 ? `${num(s.improvedToGreenFrom.R)} from red to green` : null,
  ].filter((p): p is string => p !== null)
  const including = movedIn.length > 0 ? ` (including ${listInProse(movedIn)})` : ''
  if (s.rag.G === 1)
    return `The one green indicator ${s.greenAndImproving === 1 ? 'is' : 'is not'} improving${including}.`
  const improving =
    s.greenAndImproving === 0
      ? 'none are improving'
      : s.greenAndImproving === s.rag.G
        ? s.rag.G === 2
          ? 'both are improving'
          : `all ${s.rag.G} are improving`
        : `${num(s.greenAndImproving)} ${s.greenAndImproving === 1 ? 'is' : 'are'} improving`
  return `Of the ${num(s.rag.G)} green indicators, ${improving}${including}.`
}

function exceptionSentence(s: PlanSummary): string {
  if (s.rag.R + s.rag.A === 0) return 'No indicators are red or amber, so no exception reports are needed.'
  const red = s.rag.R === 0 ? 'none are red' : `${num(s.rag.R)} ${s.rag.R === 1 ? 'is' : 'are'} red`
  const amber = s.rag.A === 0 ? 'none are amber' : `${num(s.rag.A)} ${s.rag.A === 1 ? 'is' : 'are'} amber`
  const each = s.exceptionReportsRequired === 1 ? 'it needs an exception report' : 'each needs an exception report'
  return `Of the reported indicators, ${red} and ${amber}; ${each} (${listInProse(s.exceptionReports)}).`
}

function worsenedSentence(s: PlanSummary, previous: string): string | null {
  if (s.dot.worse === 0) return `No indicators have worsened since ${previous}.`
  const w = s.worsened
  const parts = [
    w.stillGreen > 0 ? `${num(w.stillGreen)} that ${w.stillGreen === 1 ? 'has' : 'have'} remained green` : null,
    w.stillAmber > 0 ? `${num(w.stillAmber)} that ${w.stillAmber === 1 ? 'has' : 'have'} remained amber` : null,
    w.stillRed > 0 ? `${num(w.stillRed)} which ${w.stillRed === 1 ? 'has' : 'have'} remained red` : null,
    w.fromGreen > 0
      ? `${num(w.fromGreen)} that ${w.fromGreen === 1 ? 'has' : 'have'} deteriorated from green in ${previous}`
      : null,
    w.fromAmberToRed > 0
      ? `${num(w.fromAmberToRed)} that ${w.fromAmberToRed === 1 ? 'has' : 'have'} moved from amber to red`
      : null,
    w.other > 0 ? `${num(w.other)} with no status in ${previous} or now` : null,
  ].filter((p): p is string => p !== null)
  const verb = s.dot.worse === 1 ? 'has' : 'have'
  return `${capitalise(indicators(s.dot.worse))} ${verb} worsened since ${previous}, including ${listInProse(parts)}.`
}

function noDotSentence(s: PlanSummary): string | null {
  if (s.dot.none === 0) return null
  const n = s.noDot
  const parts = [
    n.inArrears > 0 ? `${num(n.inArrears)} ${n.inArrears === 1 ? 'is' : 'are'} reported a period in arrears` : null,
    n.statusOnly > 0 ? `${num(n.statusOnly)} ${n.statusOnly === 1 ? 'is' : 'are'} status-only` : null,
    n.noPrevious > 0
      ? `${num(n.noPrevious)} ${n.noPrevious === 1 ? 'has' : 'have'} no figure for the comparison period`
      : null,
    n.notComparable > 0 ? `${num(n.notComparable)} cannot be compared` : null,
  ].filter((p): p is string => p !== null)
  const verb = s.dot.none === 1 ? 'has' : 'have'
  return `${capitalise(indicators(s.dot.none))} ${verb} no direction of travel: ${listInProse(parts)}.`
}

function notReportedSentence(s: PlanSummary): string | null {
  const total = s.indicators - s.reported
  if (total === 0) return null
  const r = s.notReported
  const reasons: [count: number, singular: string, plural: string, alone: string][] = [
    [r.annual, 'is annually reported', 'are annually reported', 'annually reported'],
    [r.new, 'is new', 'are new', 'new'],
    [r.inArrears, 'is reported in arrears', 'are reported in arrears', 'reported in arrears'],
    [r.notAvailable, 'has no data available', 'have no data available', 'without data available'],
    [r.suppressed, 'is suppressed (small numbers)', 'are suppressed (small numbers)', 'suppressed (small numbers)'],
    [r.notDue, 'is not due this period', 'are not due this period', 'not due this period'],
  ]
  const present = reasons.filter(([count]) => count > 0)
  const [only] = present
  if (present.length === 1 && only) {
    if (total === 1) return `One indicator has not been reported: it ${only[1]}.`
    if (total === 2) return `Both indicators that have not been reported are ${only[3]}.`
    return `The ${total} indicators that have not been reported are all ${only[3]}.`
  }
  const parts = present.map(([count, singular, plural]) => `${num(count)} ${count === 1 ? singular : plural}`)
  return `Of the ${indicators(total)} that have not been reported, ${listInProse(parts)}.`
}

/**
 * The summary paragraph in the style of a committee report: "The plan has 25 indicators. At the end of the second
 * quarter, 20 of these have been reported, and 18 are on target. ..."
 */
export function summaryText(s: PlanSummary, planNoun = 'plan'): string {
  const previous = previousName(s.period)
  const reported =
    s.reported === 0
      ? `At ${endOf(s.period)}, none of these have been reported.`
      : `At ${endOf(s.period)}, ${num(s.reported)} of these ${s.reported === 1 ? 'has' : 'have'} been reported, and ${s.rag.G === 0 ? 'none' : num(s.rag.G)} ${s.rag.G === 1 ? 'is' : 'are'} on target.`
  const sentences = [
    `The ${planNoun} has ${indicators(s.indicators)}.`,
    reported,
    s.reported > 0 ? greenSentence(s) : null,
    s.reported > 0 ? exceptionSentence(s) : null,
    s.reported > 0 ? worsenedSentence(s, previous) : null,
    s.dot.same > 0
      ? `${capitalise(indicators(s.dot.same))} ${s.dot.same === 1 ? 'is' : 'are'} the same as in ${previous}.`
      : null,
    s.rag.none > 0
      ? `${capitalise(indicators(s.rag.none))} reported ${s.rag.none === 1 ? 'has' : 'have'} no target, so no RAG status.`
      : null,
    s.forInformation > 0
      ? `${capitalise(indicators(s.forInformation))} reported ${s.forInformation === 1 ? 'is' : 'are'} for information only (data-only), with no RAG status.`
      : null,
    noDotSentence(s),
    notReportedSentence(s),
  ]
  return sentences.filter((sentence): sentence is string => sentence !== null).join(' ')
}

import type { PlanEvaluation } from '../domain/judgement/plan.ts'
import { isDataOnly } from '../domain/judgement/indicator.ts'
import { rulesInForce } from '../domain/judgement/rules-in-force.ts'
import { FOR_INFORMATION, ragView } from '../presentation/format.ts'
import type { ReportModel } from './report.model.ts'

/**
 * The rules a report states: those in force in words, generated from the plan's rules (or from those most of its
 * indicators share), each indicator judged by other rules with its own, and the key to the symbols they need. Pure.
 */

/** The mark beside an indicator judged by rules of its own. */
export const OWN_RULES_MARK = '†'

/** The report's rules: in force, in words; the indicators with their own; what else the key must explain. */
export interface ReportRules {
  /** "Green: on target or better", "Amber: …", "Red: …". */
  readonly lines: readonly string[]
  /** plan: the plan sets them; common: it sets none, and these are the ones most of its indicators share. */
  readonly source: 'plan' | 'common'
  /** Each indicator judged by other rules, by ref: its rules in one sentence. */
  readonly own: ReadonlyMap<string, string>
  /** Whether the rules are a percent tolerance alone and none differ, as every report's were before rule sets. */
  readonly plain: boolean
  /** Whether any indicator is data-only (for information), or uses a second direction of travel. */
  readonly dataOnly: boolean
  readonly longTerm: boolean
}

export function reportRules(evaluation: PlanEvaluation): ReportRules {
  const indicators = evaluation.evaluations.map((e) => e.indicator)
  const found = rulesInForce(indicators)
  return {
    lines: [found.lines.green, found.lines.amber, found.lines.red],
    source: found.source,
    own: new Map(found.differing.map((d) => [d.ref, d.text])),
    plain: found.plain,
    dataOnly: indicators.some(isDataOnly),
    longTerm: indicators.some((indicator) => indicator.dotBasis === 'both'),
  }
}

/** The purpose section's paragraph on how statuses are decided, from the rules in force. */
export function rulesParagraph(rules: ReportRules): string {
  const inForce = `${rules.source === 'plan' ? 'The plan’s rules' : 'The rules'} for each status are: ${rules.lines.join('; ')}.`
  const own =
    rules.own.size === 0
      ? ''
      : ` ${rules.own.size === 1 ? 'One indicator, marked' : `${rules.own.size} indicators, marked`} ${OWN_RULES_MARK}, ${rules.own.size === 1 ? 'is' : 'are'} judged by rules of ${rules.own.size === 1 ? 'its' : 'their'} own, given beneath ${rules.own.size === 1 ? 'it' : 'each'}.`
  const dataOnly = rules.dataOnly
    ? ' Data-only measures are reported for information, with no status; their direction of travel says only whether the figure is higher, lower or the same.'
    : ''
  return `${inForce}${own} An exception report is included for every Red or Amber indicator.${dataOnly}`
}

/** The first letter lower-cased, for a status's meaning after its name: "Green: on target" gives "On target". */
function meaning(line: string): string {
  const text = line.replace(/^(Green|Amber|Red): /, '')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** The key to the symbols, with the status meanings in the words of the rules in force. */
export function reportKey(rules: ReportRules): ReportModel['key'] {
  const [green = '', amber = '', red = ''] = rules.lines
  return {
    rag: [
      { rag: ragView('G'), meaning: meaning(green) },
      { rag: ragView('A'), meaning: meaning(amber) },
      { rag: ragView('R'), meaning: meaning(red) },
      { rag: ragView(null), meaning: 'No target set, or not reported' },
      ...(rules.dataOnly ? [{ rag: FOR_INFORMATION, meaning: 'A data-only measure, never given a status' }] : []),
    ],
    dot: [
      {
        dot: { symbol: '↑', label: 'Improved' },
        meaning: 'Performance has improved compared with the previous period',
      },
      { dot: { symbol: '↔', label: 'Same' }, meaning: 'Performance is the same as the previous period' },
      { dot: { symbol: '↓', label: 'Worse' }, meaning: 'Performance has worsened compared with the previous period' },
      ...(rules.dataOnly
        ? [
            {
              dot: { symbol: '↗', label: 'Higher' },
              meaning: 'A data-only figure is higher than the comparison period’s',
            },
            {
              dot: { symbol: '↘', label: 'Lower' },
              meaning: 'A data-only figure is lower than the comparison period’s',
            },
          ]
        : []),
    ],
    other: [
      '(Est) marks an estimated figure; estimated figures are also shaded.',
      'A status followed by “(management assessment)” was set by an officer rather than computed from the figures.',
      'A figure followed by a period in brackets relates to that earlier period: it is reported in arrears.',
      ...(rules.own.size > 0
        ? [`${OWN_RULES_MARK} marks an indicator judged by rules of its own, which are given beneath it.`]
        : []),
      ...(rules.longTerm
        ? [
            'DoT (year) is the long-term direction of travel, against the same period last year, for the indicators that show both.',
          ]
        : []),
    ],
  }
}

import { formatFigure } from '../domain/figures/format.ts'
import type { IndicatorEvaluation, IndicatorResult } from '../domain/judgement/evaluate.ts'
import { describePeriod, formatPeriod } from '../domain/periods/period.ts'
import type { PlanEvaluation } from '../domain/judgement/plan.ts'
import type { Figure } from '../domain/figures/value.ts'
import type { ReportModel } from './report.model.ts'
import { signOffText } from './report.sign-off.ts'
import type { FinanceSection } from './report.finance.ts'
import { indicatorPrecision } from './report.figures.ts'
import { statisticsInWords, technicalNotes } from './report.technical.ts'
import { OWN_RULES_MARK, type ReportRules, reportRules } from './report.rules.ts'

const DOT_SYMBOL = { improved: '↑', same: '↔', worse: '↓', higher: '↗', lower: '↘' } as const
const NOT_REPORTED_TEXT = {
  annual: 'Annual indicator',
  new: 'New: data collection being established',
  'in-arrears': 'Reported in arrears',
  'not-available': 'Data not available',
  suppressed: 'Suppressed (small numbers)',
  'not-due': 'Not due this period',
} as const

function figureText(figure: Figure | null, unit: string, estimated = false): string {
  if (!figure) return '-'
  const withUnit = formatFigure(figure, unit)
  return estimated ? `${withUnit} (Est)` : withUnit
}

function statusText(result: IndicatorResult): string {
  if (result.rule === 'data-only') return 'info'
  if (result.rag === null) return '-'
  return result.ragSource === 'assessment' ? `${result.rag}*` : result.rag
}

function pad(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => Array.from(row[column] ?? '').length))) ?? []
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  )
}

function row(e: IndicatorEvaluation, rules: ReportRules): string[] {
  const unit = e.indicator.unit
  const ref = rules.own.has(e.indicator.ref) ? `${e.indicator.ref} ${OWN_RULES_MARK}` : e.indicator.ref
  const longTerm = rules.longTerm ? [e.dotLongTerm ? DOT_SYMBOL[e.dotLongTerm] : ''] : []
  if (!e.reported) {
    return [
      ref,
      figureText(e.lastYear.actual, unit),
      figureText(e.annualTarget, unit),
      figureText(e.previous.actual, unit),
      NOT_REPORTED_TEXT[e.notReported ?? 'not-available'],
      '',
      '',
      ...longTerm.map(() => ''),
      '',
    ]
  }
  return [
    ref,
    figureText(e.lastYear.actual, unit),
    figureText(e.annualTarget, unit),
    figureText(e.previous.actual, unit),
    figureText(e.actual, unit, e.estimated) + (e.inArrears && e.dataPeriod ? ` (${formatPeriod(e.dataPeriod)})` : ''),
    figureText(e.target, unit),
    e.dot ? DOT_SYMBOL[e.dot] : '',
    ...longTerm,
    statusText(e),
  ]
}

/**
 * The rules in force in words, with each indicator judged by its own, where the rules are more than a percent
 * tolerance (a report whose rules are only that says so in its key, as it always has).
 */
function rulesLines(rules: ReportRules): string[] {
  const lines: string[] = []
  if (!rules.plain) lines.push(`Rules: ${rules.lines.join('; ')}.`)
  for (const [ref, text] of rules.own) lines.push(`  ${ref} ${OWN_RULES_MARK} is judged by rules of its own: ${text}`)
  if (rules.dataOnly)
    lines.push('info: for information (a data-only measure, never given a status); ↗ higher, ↘ lower.')
  if (rules.longTerm) lines.push('DoT (year): the direction of travel against the same period last year.')
  return lines
}

/**
 * The report as plain text for a terminal or an email: the summary paragraph, each theme's table, the key, and for a
 * signed-off period the sign-off with the revisions since.
 */
export function renderReportText(
  model: Pick<ReportModel, 'evaluation' | 'signOff'> & Partial<Pick<ReportModel, 'finance'>>,
): string {
  const finance = model.finance ? `\n${financeText(model.finance)}\n` : ''
  return `${indicatorsText(model.evaluation)}\n${finance}${model.signOff ? signOffText(model.signOff) : ''}`
}

/** The financial statements as text: each statement's table (figures right aligned), its status and comments. */
function financeText(finance: FinanceSection): string {
  const lines = ['FINANCIAL STATEMENTS']
  const table = (head: readonly string[], rows: readonly (readonly string[])[]) =>
    padRight([head, ...rows]).map((line) => `  ${line}`)
  for (const s of finance.statements) {
    lines.push(`${s.name} (${s.unit})`)
    const heads = ['', ...s.heads.map((h) => h.replace(` ${s.unit}`, ''))]
    const rows = s.rows.map((r) => ('cells' in r ? [`${r.indented ? '  ' : ''}${r.label}`, ...r.cells] : [r.label]))
    lines.push(...table(heads, rows))
    lines.push(`  Budget status: ${s.status.view.label}. ${s.status.reason}`, `  The rule: ${s.status.ruleText}`)
    for (const c of s.comments) lines.push(`  ${c}`)
    lines.push('')
  }
  for (const c of finance.capital) {
    lines.push(`Capital projects: ${c.name} (${c.unit})`)
    const heads = ['', ...c.heads.map((h) => h.replace(` ${c.unit}`, ''))]
    lines.push(...table(heads, [...c.schemes.map((s) => [s.name, ...s.cells]), ['Total Spending', ...c.totalCells]]))
    lines.push('')
  }
  return lines.join('\n').trimEnd()
}

/** Rows padded into columns: the first left aligned, the figures right aligned. */
function padRight(rows: readonly (readonly string[])[]): string[] {
  const count = Math.max(...rows.map((r) => r.length))
  const widths = Array.from({ length: count }, (_, c) => Math.max(...rows.map((r) => Array.from(r[c] ?? '').length)))
  return rows.map((row) =>
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd(),
  )
}

function indicatorsText(evaluation: PlanEvaluation): string {
  const period = evaluation.period
  const rules = reportRules(evaluation)
  const lines = [`${evaluation.plan}: performance report, ${describePeriod(period)}`, '', evaluation.text, '']
  const themes = [...new Set(evaluation.evaluations.map((e) => e.indicator.theme))]
  for (const theme of themes) {
    lines.push(theme.toUpperCase())
    const inTheme = evaluation.evaluations.filter((e) => e.indicator.theme === theme)
    const header = [
      'Ref',
      'Last year',
      'Annual target',
      'Previous',
      'Actual',
      'Target',
      'DoT',
      ...(rules.longTerm ? ['DoT (year)'] : []),
      'Status',
    ]
    lines.push(...pad([header, ...inTheme.map((e) => row(e, rules))]).map((line) => `  ${line}`))
    for (const e of inTheme.filter((item) => item.exceptionRequired)) {
      lines.push(`  ${e.indicator.ref}: exception report required (${e.rag === 'R' ? 'red' : 'amber'}).`)
    }
    for (const e of inTheme) {
      const said = statisticsInWords(e)
      if (said !== null) lines.push(`  ${e.indicator.ref}, what the statistics say: ${said}`)
    }
    lines.push('')
  }
  lines.push('Key: G meets or beats target; A within tolerance; R worse than tolerance; * management assessment;')
  lines.push('     ↑ improved, ↔ same, ↓ worsened since the comparison period; (Est) estimated figure.')
  lines.push(...rulesLines(rules))
  const notes = technicalNotes(evaluation.evaluations, (e) => indicatorPrecision(e))
  if (notes.length > 0) {
    lines.push('', 'TECHNICAL APPENDIX: THE STATISTICS')
    for (const note of notes)
      lines.push(`  ${note.ref}: ${[note.method, note.limits, note.interval].filter((t) => t !== null).join(' ')}`)
  }
  return lines.join('\n')
}

import type { BudgetImportOutcome } from './budget-import.service.ts'

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

/**
 * What a budget import did, one sentence a period, as the CLI prints it and the import page shows it: "Imported 3
 * revenue statements (75 lines) and 1 capital programme (10 schemes) for 2012/13 Q2 into Halton Safer PPB 2012/13."
 */
export function budgetImportSentences(outcome: BudgetImportOutcome): string[] {
  const sentences = outcome.periods.map((p) => {
    const parts = [
      ...(p.lines > 0
        ? [`${count(p.statements, 'revenue statement', 'revenue statements')} (${count(p.lines, 'line', 'lines')})`]
        : []),
      ...(p.schemes > 0
        ? [
            `${count(p.programmes, 'capital programme', 'capital programmes')} (${count(p.schemes, 'scheme', 'schemes')})`,
          ]
        : []),
    ]
    const unchanged = p.changed ? '' : ' The plan already held these figures: nothing changed.'
    return `Imported ${parts.join(' and ')} for ${p.period} into ${outcome.planName}.${unchanged}`
  })
  return [...sentences, `Changes recorded in the audit trail: ${outcome.auditEvents}.`]
}

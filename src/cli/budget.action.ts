import { basename } from 'node:path'
import { budgetImportSentences } from '../services/finance/budget-outcome.ts'
import { readInput } from './import.action.ts'
import type { RunWithServices } from './index.ts'

/** `outturn import-budget`: budget.csv (and capital.csv) into a plan, and what it did. budget.command.ts loads it. */
export async function runImportBudget(
  withServices: RunWithServices,
  budgetPath: string,
  capitalPath: string | undefined,
  options: { plan: string; reason?: string },
): Promise<void> {
  const budget = await readInput(budgetPath)
  const capital = capitalPath === undefined ? null : await readInput(capitalPath)
  await withServices(async (context) => {
    const outcome = await context.services.budgets.importBudget({
      planName: options.plan,
      budgetFile: { name: basename(budgetPath), content: budget },
      capitalFile: capital && capitalPath ? { name: basename(capitalPath), content: capital } : null,
      actor: context.actor,
      reason: options.reason ?? null,
    })
    context.out(budgetImportSentences(outcome).join('\n'))
  })
}

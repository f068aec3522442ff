import type { Command } from 'commander'
import type { RunWithServices } from './index.ts'

export function registerBudget(program: Command, withServices: RunWithServices): void {
  program
    .command('import-budget')
    .description(
      "Import a plan's revenue budget statements and, optionally, its capital programme for a period (all or nothing)",
    )
    .requiredOption('--plan <name>', 'the plan the budget belongs to (it must exist)')
    .argument('<budget.csv>', 'every line of every revenue statement, with the printed totals to check')
    .argument('[capital.csv]', 'the capital schemes, with the printed Total Spending to check')
    .option('--reason <text>', 'why figures of a signed-off period are being revised (needed to change them)')
    .action(async (budgetPath: string, capitalPath: string | undefined, options: { plan: string; reason?: string }) => {
      const { runImportBudget } = await import('./budget.action.ts')
      await runImportBudget(withServices, budgetPath, capitalPath, options)
    })
}

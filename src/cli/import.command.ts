import type { Command } from 'commander'
import type { RunWithServices } from './index.ts'

export function registerImport(program: Command, withServices: RunWithServices): void {
  program
    .command('import')
    .description(
      'Import a plan from indicators.csv and observations.csv, and optionally comparators.csv (all or nothing; creates the plan if new)',
    )
    .requiredOption('--plan <name>', 'the plan to import into')
    .option('--comparators <comparators.csv>', "comparators' figures per indicator and period (England, the region)")
    .option('--reason <text>', 'why figures of signed-off periods are being revised (needed to change them)')
    .argument('<indicators.csv>', 'the indicator definitions')
    .argument('<observations.csv>', 'the figures, targets and statuses per period')
    .action(
      async (
        indicatorsPath: string,
        observationsPath: string,
        options: { plan: string; comparators?: string; reason?: string },
      ) => {
        const { runImport } = await import('./import.action.ts')
        await runImport(withServices, indicatorsPath, observationsPath, options)
      },
    )
}

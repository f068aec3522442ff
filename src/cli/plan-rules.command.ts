import type { Command } from 'commander'
import type { RunWithServices } from './index.ts'

/** Registers `outturn plan rules`; its work is in plan-rules.action.ts, loaded only when it runs. */
export function registerPlanRules(program: Command, withServices: RunWithServices): void {
  const plan = program.command('plan').description("A plan's settings: the rules that judge its indicators")
  plan
    .command('rules')
    .description(
      "Show a plan's default rules in words, or change them (each indicator may give its own in indicators.csv)",
    )
    .requiredOption('--plan <name>', 'the plan')
    .option('--tolerance <band>', 'the shortfall still Amber: 10% of the target, or 2 in the figure’s units (0: none)')
    .option('--green-within <band>', 'a shortfall still Green, written like --tolerance (0: none)')
    .option('--green-when <rule>', 'meets (on target is Green) or beats (only better than target is Green)')
    .option('--amber-also <rule>', 'beyond the tolerance, also Amber when: improving, on-track-for-year, or none')
    .option(
      '--budget-red-over <percent>',
      'financial statements are Red when net spend is over profile by more than this % (empty: the default, 5%)',
    )
    .option('--reason <text>', 'why the rules change (needed for any change)')
    .action(async (options: PlanRulesOptions) => {
      const { runPlanRules } = await import('./plan-rules.action.ts')
      await runPlanRules(withServices, options)
    })
}

export interface PlanRulesOptions {
  readonly plan: string
  readonly tolerance?: string
  readonly greenWithin?: string
  readonly greenWhen?: string
  readonly amberAlso?: string
  readonly budgetRedOver?: string
  readonly reason?: string
}

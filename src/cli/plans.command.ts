import type { Command } from 'commander'
import type { RunWithServices } from './index.ts'

export function registerPlans(program: Command, withServices: RunWithServices): void {
  program
    .command('plans')
    .description('List the plans held')
    .action(async () => {
      await withServices(async (context) => {
        const plans = await context.services.plans.list()
        context.out(
          plans.length === 0 ? 'No plans are held yet. Run: npx outturn demo' : plans.map((p) => p.name).join('\n'),
        )
      })
    })

  program
    .command('audit')
    .description('Show the audit trail of a plan, or of one indicator')
    .requiredOption('--plan <name>', 'the plan')
    .option('--ref <ref>', 'one indicator')
    .action(async (options: { plan: string; ref?: string }) => {
      await withServices(async (context) => {
        const events = await context.services.plans.auditTrail(options.plan, options.ref)
        const lines = events.map((e) =>
          [
            e.at,
            e.actor,
            e.ref,
            e.period ?? '',
            e.field,
            `${e.oldValue ?? '(none)'} -> ${e.newValue ?? '(none)'}`,
            e.source,
          ].join('\t'),
        )
        context.out(lines.length === 0 ? 'No changes recorded.' : lines.join('\n'))
      })
    })
}

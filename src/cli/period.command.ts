import type { Command } from 'commander'
import type { RunWithServices } from './index.ts'

export function registerPeriod(program: Command, withServices: RunWithServices): void {
  const period = program
    .command('period')
    .description('Sign off a period as reported to committee (locking it), unlock it, or list the sign-offs')

  period
    .command('lock')
    .description('Sign off a period: keep its report as it stands and lock its figures against change')
    .requiredOption('--plan <name>', 'the plan')
    .requiredOption(
      '--period <period>',
      'the period: 2013/14, 2013/14 Q2 or 2013-09 (Q2 2013/14, Quarter 2 2013/14 and Sep 2013 are read too)',
    )
    .option('--committee <text>', 'the committee or meeting it was reported to')
    .option('--force', 'sign off even with figures missing, exception reports not submitted or returns not approved')
    .option('--reason <text>', 'with --force: why it is signed off regardless (kept with the sign-off)')
    .action(async (options: { plan: string; period: string; committee?: string; force?: boolean; reason?: string }) => {
      const { runLock } = await import('./period.action.ts')
      await runLock(withServices, options)
    })

  period
    .command('unlock')
    .description('Unlock a signed-off period, giving the reason; the sign-off is kept in its history')
    .requiredOption('--plan <name>', 'the plan')
    .requiredOption('--period <period>', 'the period, written as for lock')
    .requiredOption('--reason <text>', 'why it is being unlocked')
    .action(async (options: { plan: string; period: string; reason: string }) => {
      const { runUnlock } = await import('./period.action.ts')
      await runUnlock(withServices, options)
    })

  period
    .command('list')
    .description("List a plan's sign-offs, oldest first, with those unlocked")
    .requiredOption('--plan <name>', 'the plan')
    .action(async (options: { plan: string }) => {
      const { runList } = await import('./period.action.ts')
      await runList(withServices, options)
    })
}

import type { Command } from 'commander'
import type { RunWithServices } from './index.ts'

export function registerRound(program: Command, withServices: RunWithServices): void {
  const round = program
    .command('round')
    .description('Run a reporting round: open it with a due date, and see who has returned what')

  round
    .command('open')
    .description("Open a plan's reporting round for a period: works out what each person owes and mails them")
    .requiredOption('--plan <name>', 'the plan')
    .requiredOption('--period <period>', 'the period: 2013/14 Q2')
    .requiredOption('--due <date>', 'the date returns are due, like 2013-10-15')
    .option('--committee <date>', 'the date of the committee the report goes to, like 2013-11-20')
    .option('--publish <rule>', 'when figures are published: on-entry (the default) or on-approval', 'on-entry')
    .action(async (options: { plan: string; period: string; due: string; committee?: string; publish: string }) => {
      const { runOpen } = await import('./round.action.ts')
      await runOpen(withServices, options)
    })

  round
    .command('status')
    .description("A round's completion: by person and by theme, returned, approved, outstanding and overdue")
    .requiredOption('--plan <name>', 'the plan')
    .requiredOption('--period <period>', 'the period')
    .action(async (options: { plan: string; period: string }) => {
      const { runStatus } = await import('./round.action.ts')
      await runStatus(withServices, options)
    })

  round
    .command('remind')
    .description(
      'Queue the reminders due today (for a nightly job): a reminder from a number of working days before the due date, an overdue notice after it, at most one a day each',
    )
    .requiredOption('--plan <name>', 'the plan')
    .requiredOption('--period <period>', 'the period')
    .option('--days <n>', 'remind this many working days before the due date', '3')
    .action(async (options: { plan: string; period: string; days: string }) => {
      const { runRemind } = await import('./round.action.ts')
      await runRemind(withServices, options)
    })
}

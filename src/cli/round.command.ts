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
}

import { Command, Option } from 'commander'
import { DomainError } from '../domain/errors.ts'
import type { Services } from '../services/index.ts'
import { registerBackup } from './backup.command.ts'
import { registerBudget } from './budget.command.ts'
import { registerDelivery, registerInspection, registerRisks } from './delivery.command.ts'
import { registerDemo } from './demo.command.ts'
import { registerImport } from './import.command.ts'
import { registerPeriod } from './period.command.ts'
import { registerPlanRules } from './plan-rules.command.ts'
import { registerPlans } from './plans.command.ts'
import { registerReport } from './report.command.ts'
import { registerRound } from './round.command.ts'
import { registerStats } from './stats.command.ts'
import { registerUser } from './user.command.ts'

/*
 * Only the commands' names, options and help are read at start: each command imports what it does (its
 * *.action.ts, and the services and database through context.ts) inside its action, so `outturn --help` loads
 * commander and nothing else, and `outturn stats` never opens a database (test/cli/lazy-loading.cli.test.ts).
 */

/** What every command gets: the services on the chosen database, and where to write. */
export interface CommandContext {
  readonly services: Services
  readonly actor: string
  readonly out: (text: string) => void
  readonly progress: (text: string) => void
  /** Rewrites the current progress line in place; only when standard error is a terminal. */
  readonly redraw?: (text: string) => void
}

export type RunWithServices = (action: (context: CommandContext) => Promise<void>) => Promise<void>

const program = new Command()
  .name('outturn')
  .description('Performance management for UK councils and their partnerships.')
  .addOption(
    new Option(
      '--database <location>',
      'SQLite file or postgres:// URL (default: $OUTTURN_DATABASE or ./data/outturn.sqlite)',
    ),
  )
  .showHelpAfterError()

const withServices: RunWithServices = async (action) => {
  const { runWithServices } = await import('./context.ts')
  await runWithServices(program.opts<{ database?: string }>().database, action)
}

registerImport(program, withServices)
registerDelivery(program, withServices)
registerRisks(program, withServices)
registerInspection(program, withServices)
registerBudget(program, withServices)
registerDemo(program, withServices)
registerReport(program, withServices)
registerPlans(program, withServices)
registerPlanRules(program, withServices)
registerPeriod(program, withServices)
registerRound(program, withServices)
registerUser(program, withServices)
registerBackup(program, withServices)
registerStats(program)

try {
  await program.parseAsync(process.argv)
} catch (error) {
  if (error instanceof DomainError) {
    process.stderr.write(`${error.message}\n`)
    process.exitCode = 1
  } else {
    process.stderr.write(`outturn: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 70
  }
}

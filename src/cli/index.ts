import { Command, Option } from 'commander'
import { userInfo } from 'node:os'
import { loadConfig, resolveDatabase } from '../config.ts'
import { DomainError } from '../domain/errors.ts'
import { openServices, type Services } from '../services/index.ts'
import { registerBackup } from './backup.command.ts'
import { registerDelivery, registerInspection, registerRisks } from './delivery.command.ts'
import { registerDemo } from './demo.command.ts'
import { registerImport } from './import.command.ts'
import { registerPeriod } from './period.command.ts'
import { registerPlans } from './plans.command.ts'
import { registerReport } from './report.command.ts'
import { registerStats } from './stats.command.ts'
import { registerUser } from './user.command.ts'

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

function defaultActor(): string {
  try {
    return `cli:${userInfo().username}`
  } catch {
    return 'cli'
  }
}

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
  const options = program.opts<{ database?: string }>()
  const location = resolveDatabase(options.database ?? loadConfig().database)
  const { services, close } = await openServices(location)
  // On a terminal a progress line is redrawn in place (\r, then clear to the end of the line).
  const terminal = process.stderr.isTTY
  try {
    await action({
      services,
      actor: defaultActor(),
      out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
      progress: (text) => process.stderr.write(terminal ? `\r${text}\x1b[K\n` : `${text}\n`),
      ...(terminal ? { redraw: (text: string) => process.stderr.write(`\r${text}\x1b[K`) } : {}),
    })
  } finally {
    await close()
  }
}

registerImport(program, withServices)
registerDelivery(program, withServices)
registerRisks(program, withServices)
registerInspection(program, withServices)
registerDemo(program, withServices)
registerReport(program, withServices)
registerPlans(program, withServices)
registerPeriod(program, withServices)
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

import { userInfo } from 'node:os'
import { loadConfig, resolveDatabase } from '../config.ts'
import { openServices } from '../services/index.ts'
import type { CommandContext } from './index.ts'

function defaultActor(): string {
  try {
    return `cli:${userInfo().username}`
  } catch {
    return 'cli'
  }
}

/**
 * Opens the services on the chosen database (the --database option, else the configured one), runs one command's
 * work with them and closes them. Loaded by the first command that needs the database, never by `--help` or `stats`.
 */
export async function runWithServices(
  database: string | undefined,
  action: (context: CommandContext) => Promise<void>,
): Promise<void> {
  const config = loadConfig()
  const location = resolveDatabase(database ?? config.database)
  const { services, close } = await openServices(location, { siteUrl: config.siteUrl })
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

import type { Command } from 'commander'

/** The example in the help; stats.action.ts's messages give the same one. */
const EXAMPLE = '{"method":"wilson","x":45,"n":100}'

/** Adds `outturn stats`: statistics for a dashboard or report built elsewhere, with no database. */
export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('Compute a statistic from one JSON request on standard input: wilson, rate, dsr, compare or spc')
    .addHelpText('after', `\nExample:\n  echo '${EXAMPLE}' | npx outturn stats`)
    .action(async () => {
      const { runStats } = await import('./stats.action.ts')
      await runStats()
    })
}

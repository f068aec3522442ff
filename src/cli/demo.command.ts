import type { Command } from 'commander'
import { fileURLToPath } from 'node:url'
import type { RunWithServices } from './index.ts'
import { describeOutcome, importFiles } from './import.command.ts'

/** The demo plan: Trafford Council's Annual Delivery Plan 2013/14, as published at Quarter 2. */
export const DEMO_PLAN = 'Trafford ADP 2013/14'
const DEMO_DIR = fileURLToPath(new URL('../../demo/trafford-2013-14-q2/', import.meta.url))

export function registerDemo(program: Command, withServices: RunWithServices): void {
  program
    .command('demo')
    .description(`Load the demo plan "${DEMO_PLAN}" (safe to run again: nothing is duplicated)`)
    .action(async () => {
      await withServices(async (context) => {
        const outcome = await importFiles(
          context,
          DEMO_PLAN,
          `${DEMO_DIR}indicators.csv`,
          `${DEMO_DIR}observations.csv`,
        )
        context.out(describeOutcome(outcome))
        context.out(`Next: npx outturn report --plan "${DEMO_PLAN}" --period "2013/14 Q2" --format text`)
      })
    })
}

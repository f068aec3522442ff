import type { Command } from 'commander'
import { DEMO_PERIOD, DEMO_PLAN } from '../services/index.ts'
import type { RunWithServices } from './index.ts'
import { describeOutcome } from './import.command.ts'

export function registerDemo(program: Command, withServices: RunWithServices): void {
  program
    .command('demo')
    .description(`Load the demo plan "${DEMO_PLAN}" and its demo sign-ins (safe to run again: nothing is duplicated)`)
    .action(async () => {
      await withServices(async (context) => {
        const outcome = await context.services.demo.loadPlan(context.actor)
        context.out(describeOutcome(outcome))
        const users = await context.services.demo.createUsers()
        if (users.length > 0)
          context.out(`Demo sign-ins created: ${users.map((u) => `${u.email} / ${u.password}`).join(', ')}`)
        context.out(`Next: npx outturn report --plan "${DEMO_PLAN}" --period "${DEMO_PERIOD}" --format text`)
      })
    })
}

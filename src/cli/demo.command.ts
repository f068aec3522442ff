import type { Command } from 'commander'
import { DEMO_PLAN } from '../services/demo-plan.ts'
import type { RunWithServices } from './index.ts'

export function registerDemo(program: Command, withServices: RunWithServices): void {
  program
    .command('demo')
    .description(`Load the demo plan "${DEMO_PLAN}" and its demo sign-ins (safe to run again: nothing is duplicated)`)
    .action(async () => {
      const { runDemo } = await import('./demo.action.ts')
      await runDemo(withServices)
    })
}

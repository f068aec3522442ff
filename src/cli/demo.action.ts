import { DEMO_PERIOD, DEMO_PLAN } from '../services/demo-plan.ts'
import { describeOutcome } from './import.action.ts'
import type { RunWithServices } from './index.ts'

/** `outturn demo`: the demo plan and its sign-ins loaded, and what to run next. */
export async function runDemo(withServices: RunWithServices): Promise<void> {
  await withServices(async (context) => {
    const outcome = await context.services.demo.loadPlan(context.actor)
    context.out(describeOutcome(outcome))
    const users = await context.services.demo.createUsers()
    if (users.length > 0)
      context.out(`Demo sign-ins created: ${users.map((u) => `${u.email} / ${u.password}`).join(', ')}`)
    if (await context.services.demo.openRound(context.actor))
      context.out(`Opened the reporting round for ${DEMO_PERIOD} of "${DEMO_PLAN}": returns due 15 October 2013.`)
    context.out(`Next: npx outturn report --plan "${DEMO_PLAN}" --period "${DEMO_PERIOD}" --format text`)
  })
}

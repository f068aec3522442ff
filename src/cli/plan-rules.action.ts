import { DomainError } from '../domain/errors.ts'
import type { PlanRulesView } from '../services/index.ts'
import type { RunWithServices } from './index.ts'
import { cliActor } from './period.action.ts'
import type { PlanRulesOptions } from './plan-rules.command.ts'

/** What `outturn plan rules` does; plan-rules.command.ts loads this module when it runs. */

const FLAGS: Readonly<Record<string, string>> = {
  tolerance: '--tolerance',
  greenWithin: '--green-within',
  greenWhen: '--green-when',
  amberAlso: '--amber-also',
  redOverPercent: '--budget-red-over',
  budgetReason: '--reason',
  reason: '--reason',
}

/** The rules in force in words, as the Rules page shows them. */
export function rulesText(view: PlanRulesView): string {
  const lines = [
    `Rules of "${view.plan.name}"${view.setsRules ? '' : ' (the plan sets none of its own: these are the defaults)'}:`,
    `  ${view.lines.green}.`,
    `  ${view.lines.amber}.`,
    `  ${view.lines.red}.`,
  ]
  if (view.own.length > 0) {
    lines.push(
      `${view.own.length === 1 ? 'One indicator gives rules of its own' : `${view.own.length} indicators give rules of their own`} in indicators.csv, which the plan's do not change:`,
    )
    for (const own of view.own) lines.push(`  ${own.ref} (${own.gives}): ${own.text}`)
  }
  if (view.dataOnly.length > 0)
    lines.push(`Data-only, for information and never given a status: ${view.dataOnly.join(', ')}.`)
  return lines.join('\n')
}

export async function runPlanRules(withServices: RunWithServices, options: PlanRulesOptions): Promise<void> {
  const changing = [options.tolerance, options.greenWithin, options.greenWhen, options.amberAlso].some(
    (option) => option !== undefined,
  )
  await withServices(async (context) => {
    const before = await context.services.rules.view(options.plan)
    if (changing) {
      const given = (option: string | undefined, held: string | null): string => option ?? held ?? ''
      const result = await context.services.rules.setRules(
        cliActor(context.actor),
        before.plan.slug,
        {
          tolerance: given(options.tolerance, before.texts.tolerance),
          greenWithin: given(options.greenWithin, before.texts.greenWithin),
          greenWhen: given(options.greenWhen, before.texts.greenWhen),
          amberAlso: given(options.amberAlso, before.texts.amberAlso),
          reason: options.reason ?? '',
        },
        'cli',
      )
      if (!result.ok) {
        const named = result.errors.map((e) => `${FLAGS[e.field] ?? e.field}: ${e.message}.`)
        throw new DomainError('invalid-value', named.join('\n'))
      }
      context.out(
        result.changes === 0
          ? 'The rules are as given already: nothing changed.'
          : `Saved ${result.changes === 1 ? 'one change' : `${result.changes} changes`} to the rules, recorded in the audit trail.`,
      )
    }
    if (options.budgetRedOver !== undefined) {
      const result = await context.services.budgetRules.setRule(
        cliActor(context.actor),
        before.plan.slug,
        { redOverPercent: options.budgetRedOver, reason: options.reason ?? '' },
        'cli',
      )
      if (!result.ok) {
        const named = result.errors.map((e) => `${FLAGS[e.field] ?? e.field}: ${e.message}.`)
        throw new DomainError('invalid-value', named.join('\n'))
      }
      context.out(
        result.changes === 0
          ? 'The budget rule is as given already: nothing changed.'
          : 'Saved the budget rule, recorded in the audit trail.',
      )
    }
    context.out(rulesText(changing ? await context.services.rules.view(options.plan) : before))
    const budget = await context.services.budgetRules.view(before.plan.slug)
    context.out(`Budget status: ${budget.rule.ruleText}${budget.text === null ? ' (the default)' : ''}`)
  })
}

import type { Actor } from '../domain/access/access.ts'
import { DomainError } from '../domain/errors.ts'
import { describePeriod, formatPeriod, longDate, parsePeriod } from '../domain/periods/period.ts'
import { inForce } from '../domain/access/sign-off.ts'
import { reportJsonText } from '../reports/report.json.ts'
import type { RunWithServices } from './index.ts'

/** What `outturn period lock`, `unlock` and `list` do; period.command.ts loads this module when one runs. */

/** The command line acts with a performance officer's rights, as it does for imports, under its own name. */
export function cliActor(name: string): Actor {
  return { id: 0, email: name, name, role: 'officer' }
}

export async function runLock(
  withServices: RunWithServices,
  options: { plan: string; period: string; committee?: string },
): Promise<void> {
  const chosen = parsePeriod(options.period)
  await withServices(async (context) => {
    const plan = await context.services.plans.bySlugOrName(options.plan)
    const signOff = await context.services.signOffs.lock(
      cliActor(context.actor),
      plan.slug,
      chosen,
      { committee: options.committee ?? null },
      reportJsonText,
    )
    context.out(
      `Signed off ${describePeriod(chosen)} of "${plan.name}"${signOff.committee ? `, as reported to ${signOff.committee}` : ''}. Its report is kept as it stands; changes now need a reason and are listed as revisions.`,
    )
  })
}

export async function runUnlock(
  withServices: RunWithServices,
  options: { plan: string; period: string; reason: string },
): Promise<void> {
  const chosen = parsePeriod(options.period)
  await withServices(async (context) => {
    const plan = await context.services.plans.bySlugOrName(options.plan)
    const result = await context.services.signOffs.unlock(cliActor(context.actor), plan.slug, chosen, options.reason)
    if (!result.ok) throw new DomainError('invalid-value', result.errors.map((e) => e.message).join('\n'))
    context.out(`Unlocked ${describePeriod(chosen)} of "${plan.name}".`)
  })
}

export async function runList(withServices: RunWithServices, options: { plan: string }): Promise<void> {
  await withServices(async (context) => {
    const plan = await context.services.plans.bySlugOrName(options.plan)
    const history = await context.services.signOffs.history(plan.slug)
    const lines = await Promise.all(
      history.map(async (s) => {
        const revisions = inForce(s) ? (await context.services.signOffs.revisions(s)).length : null
        return [
          formatPeriod(s.period),
          inForce(s) ? 'signed off' : 'unlocked',
          `${longDate(s.lockedAt)} by ${s.lockedBy}`,
          s.committee ?? '',
          inForce(s)
            ? `${revisions ?? 0} ${revisions === 1 ? 'revision' : 'revisions'} since`
            : `unlocked ${longDate(s.unlockedAt ?? '')} by ${s.unlockedBy ?? ''}: ${s.unlockReason ?? ''}`,
        ].join('\t')
      }),
    )
    context.out(lines.length === 0 ? `No period of "${plan.name}" has been signed off.` : lines.join('\n'))
  })
}

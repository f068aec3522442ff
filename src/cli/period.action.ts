import type { Actor } from '../domain/access/access.ts'
import { DomainError } from '../domain/errors.ts'
import { describePeriod, formatPeriod, longDate, parsePeriod } from '../domain/periods/period.ts'
import { inForce } from '../domain/access/sign-off.ts'
import { reportJsonText } from '../reports/report.json.ts'
import { type Outstanding, outstandingSentence } from '../services/index.ts'
import type { RunWithServices } from './index.ts'

/** What `outturn period lock`, `unlock` and `list` do; period.command.ts loads this module when one runs. */

/** The command line acts with a performance officer's rights, as it does for imports, under its own name. */
export function cliActor(name: string): Actor {
  return { id: 0, email: name, name, role: 'officer' }
}

/** What is outstanding, a line each. */
export function outstandingLines(outstanding: Outstanding): string[] {
  return [
    ...outstanding.figuresMissing.map((f) => `  figure missing: ${f.ref} ${f.title}`),
    ...outstanding.exceptionReports.map((e) => `  exception report not submitted: ${e.ref} ${e.title} (${e.state})`),
    ...outstanding.returnsNotApproved.map(
      (r) => `  return not approved: ${r.what}, from ${r.person} (${r.state.toLowerCase()})`,
    ),
  ]
}

export async function runLock(
  withServices: RunWithServices,
  options: { plan: string; period: string; committee?: string; force?: boolean; reason?: string },
): Promise<void> {
  const chosen = parsePeriod(options.period)
  await withServices(async (context) => {
    const plan = await context.services.plans.bySlugOrName(options.plan)
    const outstanding = await context.services.signOffs.outstanding(plan.slug, chosen)
    const reason = options.reason?.trim() ?? ''
    // A period already signed off is refused as such, by the lock itself.
    const locked = (await context.services.signOffs.inForceFor(plan.slug, chosen)) !== null
    if (!locked && outstanding.count > 0 && (options.force !== true || reason === ''))
      throw new DomainError(
        'invalid-value',
        [
          `${describePeriod(chosen)} of "${plan.name}" has ${outstandingSentence(outstanding)}:`,
          ...outstandingLines(outstanding),
          'To sign it off regardless, run the command again with --force --reason "why".',
        ].join('\n'),
      )
    const signOff = await context.services.signOffs.lock(
      cliActor(context.actor),
      plan.slug,
      chosen,
      { committee: options.committee ?? null, regardless: outstanding.count > 0 ? reason : null },
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

import type { Command } from 'commander'
import type { Actor } from '../domain/access/access.ts'
import { DomainError } from '../domain/errors.ts'
import { describePeriod, formatPeriod, longDate, parsePeriod } from '../domain/periods/period.ts'
import { inForce } from '../domain/access/sign-off.ts'
import { reportJsonText } from '../reports/report.json.ts'
import type { RunWithServices } from './index.ts'

/** The command line acts with a performance officer's rights, as it does for imports, under its own name. */
export function cliActor(name: string): Actor {
  return { id: 0, email: name, name, role: 'officer' }
}

export function registerPeriod(program: Command, withServices: RunWithServices): void {
  const period = program
    .command('period')
    .description('Sign off a period as reported to committee (locking it), unlock it, or list the sign-offs')

  period
    .command('lock')
    .description('Sign off a period: keep its report as it stands and lock its figures against change')
    .requiredOption('--plan <name>', 'the plan')
    .requiredOption('--period <period>', 'the period: 2013/14, 2013/14 Q2 or 2013-09')
    .option('--committee <text>', 'the committee or meeting it was reported to')
    .action(async (options: { plan: string; period: string; committee?: string }) => {
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
    })

  period
    .command('unlock')
    .description('Unlock a signed-off period, giving the reason; the sign-off is kept in its history')
    .requiredOption('--plan <name>', 'the plan')
    .requiredOption('--period <period>', 'the period')
    .requiredOption('--reason <text>', 'why it is being unlocked')
    .action(async (options: { plan: string; period: string; reason: string }) => {
      const chosen = parsePeriod(options.period)
      await withServices(async (context) => {
        const plan = await context.services.plans.bySlugOrName(options.plan)
        const result = await context.services.signOffs.unlock(
          cliActor(context.actor),
          plan.slug,
          chosen,
          options.reason,
        )
        if (!result.ok) throw new DomainError('invalid-value', result.errors.map((e) => e.message).join('\n'))
        context.out(`Unlocked ${describePeriod(chosen)} of "${plan.name}".`)
      })
    })

  period
    .command('list')
    .description("List a plan's sign-offs, oldest first, with those unlocked")
    .requiredOption('--plan <name>', 'the plan')
    .action(async (options: { plan: string }) => {
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
    })
}

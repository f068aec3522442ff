import { DomainError } from '../domain/errors.ts'
import { describePeriod, longDate, parsePeriod } from '../domain/periods/period.ts'
import type { Tally } from '../domain/round/completion.ts'
import type { RoundStatus } from '../services/index.ts'
import type { RunWithServices } from './index.ts'
import { cliActor } from './period.action.ts'

/** What `outturn round open` and `round status` do; round.command.ts loads this module when one runs. */

export async function runOpen(
  withServices: RunWithServices,
  options: { plan: string; period: string; due: string; committee?: string; publish: string },
): Promise<void> {
  const chosen = parsePeriod(options.period)
  await withServices(async (context) => {
    const plan = await context.services.plans.bySlugOrName(options.plan)
    const result = await context.services.rounds.open(cliActor(context.actor), plan.slug, chosen, {
      due: options.due.trim(),
      committee: options.committee?.trim() || null,
      publish: options.publish.trim(),
    })
    if (!result.ok)
      throw new DomainError(
        'invalid-value',
        result.errors.map((e) => `--${e.field}: ${e.message.replace(/^./, (c) => c.toLowerCase())}`).join('\n'),
      )
    const people = result.status.people.length
    context.out(
      `Opened the reporting round for ${describePeriod(chosen)} of "${plan.name}": returns due ${longDate(options.due)}. ` +
        `${people} ${people === 1 ? 'person owes' : 'people owe'} ${result.status.total.total} ${result.status.total.total === 1 ? 'item' : 'items'}; ` +
        `${result.mailed} ${result.mailed === 1 ? 'mail' : 'mails'} queued in the outbox.`,
    )
  })
}

const columns = (t: Tally): string[] => [
  String(t.total),
  String(t.returned),
  String(t.approved),
  String(t.outstanding),
  String(t.overdue),
]

/** The round's completion as tab-separated tables, by person then by theme, with a heading line for each. */
export function statusText(status: RoundStatus): string {
  const header = ['', 'items', 'returned', 'approved', 'outstanding', 'overdue'].join('\t')
  return [
    `${status.plan.name}, ${describePeriod(status.period)}: ${status.due.text}${status.signedOff ? ' (signed off)' : ''}`,
    '',
    `By person\n${header}`,
    ...status.byPerson.map(({ person, tally }) => [`${person.name} <${person.email}>`, ...columns(tally)].join('\t')),
    '',
    `By theme\n${header}`,
    ...status.byTheme.map(({ theme, tally }) => [theme, ...columns(tally)].join('\t')),
    '',
    ['Total', ...columns(status.total)].join('\t'),
  ].join('\n')
}

export async function runStatus(withServices: RunWithServices, options: { plan: string; period: string }) {
  const chosen = parsePeriod(options.period)
  await withServices(async (context) => {
    const plan = await context.services.plans.bySlugOrName(options.plan)
    context.out(statusText(await context.services.rounds.status(plan.slug, chosen)))
  })
}

/** `outturn round remind`: queues today's reminders or overdue notices, and says how many. */
export async function runRemind(
  withServices: RunWithServices,
  options: { plan: string; period: string; days: string },
): Promise<void> {
  const chosen = parsePeriod(options.period)
  const days = Number(options.days)
  if (!Number.isInteger(days) || days < 0 || days > 60)
    throw new DomainError(
      'invalid-value',
      `--days must be a whole number of working days from 0 to 60, not "${options.days}".`,
    )
  await withServices(async (context) => {
    const plan = await context.services.plans.bySlugOrName(options.plan)
    const result = await context.services.rounds.remind(cliActor(context.actor), plan.slug, chosen, days)
    const what = result.purpose === 'overdue' ? 'overdue notice' : 'reminder'
    context.out(
      result.purpose === null
        ? `No reminders are due today for ${describePeriod(chosen)} of "${plan.name}".`
        : `${result.queued} ${what}${result.queued === 1 ? '' : 's'} queued in the outbox for ${describePeriod(chosen)} of "${plan.name}"` +
            (result.queued < result.chased.length
              ? ` (${result.chased.length - result.queued} already sent one today).`
              : '.'),
    )
  })
}

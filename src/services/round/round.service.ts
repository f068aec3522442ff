import type { Kysely } from 'kysely'
import { type Actor, can } from '../../domain/access/access.ts'
import { inForce, latestSignOff } from '../../domain/access/sign-off.ts'
import { DomainError } from '../../domain/errors.ts'
import { type Period, describePeriod, formatPeriod, longDate, parsePeriod } from '../../domain/periods/period.ts'
import {
  type Tally,
  type TrackedObligation,
  isOutstanding,
  standingOf,
  tally,
  tallyBy,
} from '../../domain/round/completion.ts'
import { isRealDate } from '../../domain/round/date-entry.ts'
import type { Obligation } from '../../domain/round/obligations.ts'
import { PUBLISH_RULES, type PublishRule } from '../../domain/round/publish-rule.ts'
import { type DueStatus, dueStatus, mailDue } from '../../domain/round/round.ts'
import { type AuditEvent, insertAuditEvents } from '../../store/audit.repository.ts'
import { enqueueMail } from '../../store/outbox.repository.ts'
import type { PlanRecord } from '../../store/plan.repository.ts'
import {
  type ReturnRecord,
  type RoundRecord,
  addDraftReturns,
  findRound,
  insertRound,
  listReturns,
  listRounds,
} from '../../store/round.repository.ts'
import type { Database } from '../../store/schema.ts'
import { listSignOffs } from '../../store/sign-off.repository.ts'
import { listUsers } from '../../store/user.repository.ts'
import type { FieldError } from './entry.service.ts'
import type { PlanService } from '../plans/plan.service.ts'
import type { ExceptionService } from './exception.service.ts'
import { currentObligations, englishDate } from './round-obligations.ts'
import { formPath } from './round-links.ts'
import { composeMail } from './round-mail.ts'
import { roundMailFor } from './round-people-mail.ts'

/** What an officer gives to open a round: ISO dates, and when figures are published. */
export interface RoundInput {
  readonly due: string
  readonly committee: string | null
  readonly publish: string
}

/** One thing owed in a round, where it stands, its return (once held) and the form that does it. */
export interface TrackedItem extends TrackedObligation {
  readonly returnId: number | null
  readonly comment: string | null
  readonly path: string
}

export interface PersonInRound {
  readonly id: number
  readonly name: string
  readonly email: string
  readonly items: readonly TrackedItem[]
}

/** A round as it stands today: who owes what, and the completion by person and by theme. */
export interface RoundStatus {
  readonly round: RoundRecord
  readonly plan: PlanRecord
  readonly period: Period
  readonly today: string
  readonly due: DueStatus
  /** The period is signed off: the round is over. */
  readonly signedOff: boolean
  readonly people: readonly PersonInRound[]
  readonly byPerson: readonly { readonly person: PersonInRound; readonly tally: Tally }[]
  readonly byTheme: readonly { readonly theme: string; readonly tally: Tally }[]
  readonly total: Tally
}

export type OpenResult =
  | { readonly ok: true; readonly status: RoundStatus; readonly mailed: number }
  | { readonly ok: false; readonly errors: readonly FieldError[] }

function checkInput(input: RoundInput): { errors: FieldError[]; publish: PublishRule } {
  const errors: FieldError[] = []
  if (!isRealDate(input.due))
    errors.push({ field: 'due', message: 'Enter the due date as a real date, like 2013-10-15' })
  if (input.committee !== null) {
    if (!isRealDate(input.committee))
      errors.push({ field: 'committee', message: 'Enter the committee date as a real date, like 2013-11-20' })
    else if (isRealDate(input.due) && input.committee < input.due)
      errors.push({ field: 'committee', message: 'The committee date must be on or after the due date' })
  }
  const publish = PUBLISH_RULES.find((rule) => rule === input.publish)
  if (!publish) errors.push({ field: 'publish', message: 'Choose when figures are published' })
  return { errors, publish: publish ?? 'on-entry' }
}

/** Opening a reporting round, what it stands at, and chasing those with something outstanding. */
export function createRoundService(
  db: Kysely<Database>,
  services: { readonly plans: PlanService; readonly exceptions: ExceptionService },
  now: () => Date,
  siteUrl: string,
) {
  function requireOfficer(actor: Actor): void {
    if (!can(actor, 'approve-returns'))
      throw new DomainError('forbidden', 'Only a performance officer can run a reporting round.')
  }

  async function find(planSlug: string, period: Period): Promise<RoundRecord | null> {
    const plan = await services.plans.bySlug(planSlug)
    return (await findRound(db, plan.id, formatPeriod(period))) ?? null
  }

  function track(
    plan: PlanRecord,
    period: Period,
    userId: number,
    owed: readonly Obligation[],
    returns: readonly ReturnRecord[],
  ): TrackedItem[] {
    return owed.map((o) => {
      const held = returns.find((r) => r.userId === userId && r.kind === o.kind && r.ref === o.ref)
      return {
        ...o,
        userId,
        standing: standingOf(o.done, held?.state ?? null),
        returnId: held?.id ?? null,
        comment: held?.state === 'returned' ? held.comment : null,
        path: formPath(o.kind, plan.slug, o.ref, period),
      }
    })
  }

  async function statusOf(plan: PlanRecord, round: RoundRecord): Promise<RoundStatus> {
    const period = parsePeriod(round.period)
    const [owed, returns, users, signOffs] = await Promise.all([
      currentObligations(db, services, plan, period),
      listReturns(db, round.id),
      listUsers(db),
      listSignOffs(db, plan.id),
    ])
    const people: PersonInRound[] = users
      .filter((user) => owed.has(user.id))
      .map((user) => ({
        id: user.id,
        name: user.name,
        email: user.email,
        items: track(plan, period, user.id, owed.get(user.id) ?? [], returns),
      }))
    const today = englishDate(now())
    const all = people.flatMap((p) => p.items)
    const latest = latestSignOff(signOffs, period)
    return {
      round,
      plan,
      period,
      today,
      due: dueStatus(today, round.due),
      signedOff: latest !== null && inForce(latest),
      people,
      byPerson: people.map((person) => ({ person, tally: tally(person.items, today, round.due) })),
      byTheme: tallyBy(all, (o) => o.theme, today, round.due).map(({ key, tally: t }) => ({ theme: key, tally: t })),
      total: tally(all, today, round.due),
    }
  }

  /** The round for a plan's period as it stands today; not found when none is open. */
  async function status(planSlug: string, period: Period): Promise<RoundStatus> {
    const plan = await services.plans.bySlug(planSlug)
    const round = await findRound(db, plan.id, formatPeriod(period))
    if (!round)
      throw new DomainError('not-found', `No reporting round is open for ${describePeriod(period)} of ${plan.name}.`)
    return statusOf(plan, round)
  }

  /** Every round whose period is not yet signed off, as it stands today, newest first. */
  async function openRounds(): Promise<RoundStatus[]> {
    const plans = await services.plans.list()
    const statuses: RoundStatus[] = []
    for (const round of await listRounds(db)) {
      const plan = plans.find((p) => p.id === round.planId)
      if (!plan) continue
      const held = await statusOf(plan, round)
      if (!held.signedOff) statuses.push(held)
    }
    return statuses
  }

  function roundEvent(actor: Actor, plan: PlanRecord, period: Period, field: string, value: string): AuditEvent {
    const key = formatPeriod(period)
    return {
      at: now().toISOString(),
      actor: actor.email,
      source: 'round',
      planId: plan.id,
      entity: 'round',
      ref: key,
      period: key,
      field,
      oldValue: null,
      newValue: value,
      reason: null,
    }
  }

  /**
   * Opens the round for a plan's period: works out what each person owes, keeps a draft return of each, and queues
   * a mail to each person with something outstanding. Audited. A second round for the same period is refused.
   */
  async function open(actor: Actor, planSlug: string, period: Period, input: RoundInput): Promise<OpenResult> {
    requireOfficer(actor)
    const plan = await services.plans.bySlug(planSlug)
    const { errors, publish } = checkInput(input)
    if (errors.length > 0) return { ok: false, errors }
    const key = formatPeriod(period)
    if (await findRound(db, plan.id, key))
      throw new DomainError(
        'conflict',
        `A reporting round is already open for ${describePeriod(period)} of ${plan.name}.`,
      )
    const at = now().toISOString()
    const round: Omit<RoundRecord, 'id'> = {
      planId: plan.id,
      period: key,
      due: input.due,
      committee: input.committee,
      publish,
      openedAt: at,
      openedBy: actor.email,
    }
    const [owed, users] = await Promise.all([currentObligations(db, services, plan, period), listUsers(db)])
    const label = describePeriod(period)
    const opening = [
      `The performance team has opened the reporting round for ${label} of ${plan.name}.`,
      `Your returns are due by ${longDate(input.due)}.`,
    ]
    const id = await db.transaction().execute(async (trx) => {
      const roundId = await insertRound(trx, round)
      const items = [...owed].flatMap(([userId, list]) => list.map((o) => ({ userId, kind: o.kind, ref: o.ref })))
      await addDraftReturns(trx, roundId, items, at, actor.email)
      const detail = `due ${longDate(input.due)}${input.committee ? `, committee ${longDate(input.committee)}` : ''}, published ${publish === 'on-entry' ? 'on entry' : 'on approval'}`
      await insertAuditEvents(trx, [roundEvent(actor, plan, period, 'opened', detail)])
      // The opening mail goes in the same transaction: a round is never open without its mail queued.
      const header = { plan, period, round: { ...round, id: roundId }, due: dueStatus(englishDate(now()), input.due) }
      const mails = users
        .filter((user) => owed.has(user.id))
        .map((user) => ({ ...user, items: track(plan, period, user.id, owed.get(user.id) ?? [], []) }))
        .filter((person) => person.items.some((item) => isOutstanding(item.standing)))
        .map((person) =>
          composeMail(roundMailFor(header, person, 'round-opened', opening, englishDate(now())), siteUrl),
        )
      await enqueueMail(trx, mails, at)
      return roundId
    })
    const status = await statusOf(plan, { ...round, id })
    const mailed = status.people.filter((person) => person.items.some((item) => isOutstanding(item.standing))).length
    return { ok: true, status, mailed }
  }

  /**
   * Queues a reminder (or, once the due date has passed, an overdue notice) to everyone with something outstanding
   * in the round; audited. At most one of each a day per person. Returns who was reminded and how many were queued.
   */
  async function chase(actor: Actor, planSlug: string, period: Period) {
    requireOfficer(actor)
    const held = await status(planSlug, period)
    return remindAll(actor, held, held.due.overdue ? 'overdue' : 'reminder', 'chased')
  }

  /**
   * The nightly reminder (`outturn round remind`): on a working day, the reminder from `reminderDays` working days
   * before the due date, and the overdue notice after it; nothing on other days. Audited when it queues any.
   */
  async function remind(actor: Actor, planSlug: string, period: Period, reminderDays = 3) {
    requireOfficer(actor)
    const held = await status(planSlug, period)
    const purpose = mailDue(englishDate(now()), { due: held.round.due, committee: null, reminderDays })
    if (purpose === null || held.signedOff) return { chased: [], queued: 0, purpose }
    return { ...(await remindAll(actor, held, purpose, 'reminded')), purpose }
  }

  async function remindAll(actor: Actor, held: RoundStatus, purpose: 'reminder' | 'overdue', field: string) {
    const chased = held.people.filter((person) => person.items.some((item) => isOutstanding(item.standing)))
    const at = now().toISOString()
    const today = englishDate(now())
    const reminder = [`Your returns for ${describePeriod(held.period)} of ${held.plan.name}: ${held.due.text}.`]
    const mails = chased.map((person) => composeMail(roundMailFor(held, person, purpose, reminder, today), siteUrl))
    const queued = await db.transaction().execute(async (trx) => {
      const count = await enqueueMail(trx, mails, at)
      const detail = `${count} ${count === 1 ? 'person' : 'people'} sent ${purpose === 'overdue' ? 'an overdue notice' : 'a reminder'}`
      if (count > 0 || field === 'chased')
        await insertAuditEvents(trx, [roundEvent(actor, held.plan, held.period, field, detail)])
      return count
    })
    return { chased, queued }
  }

  return { find, status, statusOf, openRounds, open, chase, remind }
}

export type RoundService = ReturnType<typeof createRoundService>

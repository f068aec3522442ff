import type { Kysely } from 'kysely'
import type { Actor } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import type { Rag } from '../../domain/figures/value.ts'
import { evaluateIndicator } from '../../domain/judgement/evaluate.ts'
import { type Period, describePeriod, formatPeriod, longDate } from '../../domain/periods/period.ts'
import { isOutstanding } from '../../domain/round/completion.ts'
import { OBLIGATION_NAMES, type ObligationKind } from '../../domain/round/obligations.ts'
import { RETURN_STATE_NAMES, type ReturnState, checkTransition } from '../../domain/round/return-state.ts'
import { type AuditEvent, insertAuditEvents } from '../../store/audit.repository.ts'
import { enqueueMail } from '../../store/outbox.repository.ts'
import { type RoundRecord, addDraftReturns, findReturn, listReturns, moveReturn } from '../../store/round.repository.ts'
import type { Database } from '../../store/schema.ts'
import type { EntryService, SaveResult } from './entry.service.ts'
import type { ExceptionService } from './exception.service.ts'
import { RETURNS_PATH, formPath } from './round-links.ts'
import { composeMail } from './round-mail.ts'
import type { PersonInRound, RoundService, RoundStatus, TrackedItem } from './round.service.ts'

/** One open round as one person sees it: what they owe and what they have done. */
export interface YourRound {
  readonly status: RoundStatus
  readonly items: readonly TrackedItem[]
  /** How many are done and not yet submitted (or sent back and put right). */
  readonly ready: number
  readonly outstanding: number
}

/** A save through one of the forms a round links to. */
export interface SavedChange {
  readonly kind: ObligationKind
  readonly planSlug: string
  readonly ref: string
  readonly period: Period
}

const submittable = (item: TrackedItem): boolean =>
  item.done && (item.standing === 'ready' || item.standing === 'sent-back')

/** People's returns in the open rounds: submitting them, approving them or sending them back, and saves' effects. */
export function createReturnsService(
  db: Kysely<Database>,
  services: { readonly entries: EntryService; readonly exceptions: ExceptionService; readonly rounds: RoundService },
  now: () => Date,
  siteUrl: string,
) {
  function returnEvent(
    actor: Actor,
    status: RoundStatus,
    item: { kind: ObligationKind; ref: string },
    from: ReturnState,
    to: ReturnState,
    reason: string | null,
  ): AuditEvent {
    return {
      at: now().toISOString(),
      actor: actor.email,
      source: 'round',
      planId: status.plan.id,
      entity: 'return',
      ref: item.ref,
      period: formatPeriod(status.period),
      field: `${OBLIGATION_NAMES[item.kind]} return`,
      oldValue: RETURN_STATE_NAMES[from],
      newValue: RETURN_STATE_NAMES[to],
      reason,
    }
  }

  /** What a person owes in every open round, newest round first; rounds where they owe nothing are left out. */
  async function yours(actor: Actor): Promise<YourRound[]> {
    const rounds = await services.rounds.openRounds()
    return rounds.flatMap((status) => {
      const me = status.people.find((person) => person.id === actor.id)
      if (!me) return []
      return [
        {
          status,
          items: me.items,
          ready: me.items.filter(submittable).length,
          outstanding: me.items.filter((item) => isOutstanding(item.standing)).length,
        },
      ]
    })
  }

  function personIn(status: RoundStatus, actor: Actor): PersonInRound {
    const me = status.people.find((person) => person.id === actor.id)
    if (!me) throw new DomainError('forbidden', 'You owe nothing in this round, so you have no returns to submit.')
    return me
  }

  /** Submits everything the person has done and not yet submitted in a round, each audited. */
  async function submit(actor: Actor, planSlug: string, period: Period): Promise<SaveResult> {
    const status = await services.rounds.status(planSlug, period)
    const ready = personIn(status, actor).items.filter(submittable)
    if (ready.length === 0)
      return {
        ok: false,
        errors: [{ field: 'returns', message: 'Complete at least one of your returns before submitting' }],
      }
    const at = now().toISOString()
    await db.transaction().execute(async (trx) => {
      await addDraftReturns(
        trx,
        status.round.id,
        ready.map((item) => ({ ...item, userId: actor.id })),
        at,
        actor.email,
      )
      const held = await listReturns(trx, status.round.id)
      const events: AuditEvent[] = []
      for (const item of ready) {
        const row = held.find((r) => r.userId === actor.id && r.kind === item.kind && r.ref === item.ref)
        if (!row) continue
        const check = checkTransition(actor, row, 'submit', { outstanding: item.done ? 0 : 1, comment: null })
        if (!check.ok) throw new DomainError(check.code === 'forbidden' ? 'forbidden' : 'conflict', check.message)
        if (
          !(await moveReturn(trx, row.id, row.state, {
            to: check.to,
            at,
            by: actor.email,
            comment: null,
            review: false,
          }))
        )
          throw new DomainError('conflict', 'Your returns were changed meanwhile: look at them again.')
        events.push(returnEvent(actor, status, item, row.state, check.to, null))
      }
      await insertAuditEvents(trx, events)
    })
    return { ok: true, changes: ready.length }
  }

  /** An officer approves a submitted return, or sends it back with a comment (mailed to its owner). Audited. */
  async function review(
    actor: Actor,
    planSlug: string,
    period: Period,
    returnId: number,
    action: 'approve' | 'send-back',
    comment: string,
  ): Promise<SaveResult & { readonly item?: TrackedItem; readonly person?: PersonInRound }> {
    const status = await services.rounds.status(planSlug, period)
    const row = await findReturn(db, returnId)
    const person = status.people.find((p) => p.id === row?.userId)
    const item = person?.items.find((i) => i.returnId === returnId)
    if (!row || row.roundId !== status.round.id || !person || !item)
      throw new DomainError('not-found', 'There is no such return in this round.')
    const text = comment.trim()
    const check = checkTransition(actor, row, action, { outstanding: 0, comment: text })
    if (!check.ok) {
      if (check.code === 'invalid-value') return { ok: false, errors: [{ field: 'comment', message: check.message }] }
      throw new DomainError(check.code, check.message)
    }
    const at = now().toISOString()
    const kept = action === 'send-back' ? text : null
    await db.transaction().execute(async (trx) => {
      if (
        !(await moveReturn(trx, row.id, row.state, { to: check.to, at, by: actor.email, comment: kept, review: true }))
      )
        throw new DomainError('conflict', 'The return was changed meanwhile: look at it again.')
      await insertAuditEvents(trx, [returnEvent(actor, status, item, row.state, check.to, kept)])
      if (action === 'send-back') await enqueueMail(trx, [sentBackMail(actor, status, person, item, text)], at)
    })
    return { ok: true, changes: 1, item, person }
  }

  function sentBackMail(actor: Actor, status: RoundStatus, person: PersonInRound, item: TrackedItem, text: string) {
    const what = `${OBLIGATION_NAMES[item.kind].toLowerCase()} for ${item.ref}`
    return composeMail(
      {
        to: person,
        subject: `Sent back: your ${what}, ${status.plan.name}, ${describePeriod(status.period)}`,
        paragraphs: [
          `${actor.name} has sent back your ${what} (${item.title}) with this comment:`,
          `“${text}”`,
          `Put it right and submit it again by ${longDate(status.round.due)}:`,
        ],
        items: [{ text: `${OBLIGATION_NAMES[item.kind]} for ${item.ref}: ${item.title}`, path: item.path }],
        closing: { text: 'See all your returns', path: RETURNS_PATH },
        purpose: 'sent-back',
      },
      siteUrl,
    )
  }

  /** The rating of an indicator for a period as it stands, for telling whether a save turned it Red. */
  async function ragOf(actor: Actor, planSlug: string, ref: string, period: Period): Promise<Rag | null> {
    const context = await services.entries.indicatorContext(actor, planSlug, ref)
    return evaluateIndicator(context.record.indicator, context.observations, period).rag
  }

  /**
   * What a save through a round's form does to the round: the saver's own submitted or approved return goes back to
   * a draft (it changed after it was returned); and a figure that turned Red, with no exception report submitted,
   * adds the exception report to what its owners owe and mails them.
   */
  async function saved(actor: Actor, change: SavedChange, ragBefore: Rag | null = null): Promise<void> {
    const round = await services.rounds.find(change.planSlug, change.period)
    if (!round) return
    const status = await services.rounds.status(change.planSlug, change.period)
    const at = now().toISOString()
    const mine = status.people
      .find((p) => p.id === actor.id)
      ?.items.find((i) => i.kind === change.kind && i.ref === change.ref && i.returnId !== null)
    const row = mine?.returnId ? await findReturn(db, mine.returnId) : undefined
    if (mine && row && (row.state === 'submitted' || row.state === 'approved')) {
      await db.transaction().execute(async (trx) => {
        if (
          await moveReturn(trx, row.id, row.state, { to: 'draft', at, by: actor.email, comment: null, review: false })
        )
          await insertAuditEvents(trx, [
            { ...returnEvent(actor, status, mine, row.state, 'draft', 'Changed after it was returned'), at },
          ])
      })
    }
    if (change.kind !== 'figure' || ragBefore === 'R') return
    if ((await ragOf(actor, change.planSlug, change.ref, change.period)) === 'R')
      await exceptionNeeded(status, round, change.ref, at)
  }

  async function exceptionNeeded(status: RoundStatus, round: RoundRecord, ref: string, at: string): Promise<void> {
    const owing = status.people.flatMap((person) =>
      person.items
        .filter((i) => i.kind === 'exception-report' && i.ref === ref && !i.done)
        .map((item) => ({ person, item })),
    )
    const red = owing
    if (red.length === 0) return
    const mails = red.map(({ person, item }) =>
      composeMail(
        {
          to: person,
          subject: `An exception report is needed for ${ref}, ${status.plan.name}, ${describePeriod(status.period)}`,
          paragraphs: [
            `The figure for ${ref} (${item.title}) is now Red, so an exception report is needed by ${longDate(round.due)}.`,
          ],
          items: [
            {
              text: `Exception report for ${ref}: ${item.title}`,
              path: formPath('exception-report', status.plan.slug, ref, status.period),
            },
          ],
          closing: { text: 'See all your returns', path: RETURNS_PATH },
          purpose: 'exception-needed',
          key: `round ${round.id} exception ${ref} ${person.id}`,
        },
        siteUrl,
      ),
    )
    await db.transaction().execute(async (trx) => {
      await addDraftReturns(
        trx,
        round.id,
        red.map(({ person, item }) => ({ userId: person.id, kind: item.kind, ref })),
        at,
        'round',
      )
      await enqueueMail(trx, mails, at)
    })
  }

  return { yours, submit, review, ragOf, saved }
}

export type ReturnsService = ReturnType<typeof createReturnsService>

import type { Kysely } from 'kysely'
import type { ObligationKind } from '../domain/round/obligations.ts'
import { OBLIGATION_KINDS } from '../domain/round/obligations.ts'
import { type PublishRule, parsePublishRule } from '../domain/round/publish-rule.ts'
import { RETURN_STATES, type ReturnState } from '../domain/round/return-state.ts'
import type { Database } from './schema.ts'

/** A reporting round as stored: its plan, period and dates, and who opened it. */
export interface RoundRecord {
  readonly id: number
  readonly planId: number
  readonly period: string
  readonly due: string
  readonly committee: string | null
  readonly publish: PublishRule
  readonly openedAt: string
  readonly openedBy: string
}

/** A person's return of one thing they owe in a round. */
export interface ReturnRecord {
  readonly id: number
  readonly roundId: number
  readonly userId: number
  readonly kind: ObligationKind
  readonly ref: string
  readonly state: ReturnState
  readonly comment: string | null
  readonly updatedAt: string
  readonly updatedBy: string
  readonly submittedAt: string | null
  readonly reviewedAt: string | null
  readonly reviewedBy: string | null
}

function toRound(row: {
  id: number
  plan_id: number
  period: string
  due_date: string
  committee_date: string | null
  publish: string
  opened_at: string
  opened_by: string
}): RoundRecord {
  return {
    id: row.id,
    planId: row.plan_id,
    period: row.period,
    due: row.due_date,
    committee: row.committee_date,
    publish: parsePublishRule(row.publish),
    openedAt: row.opened_at,
    openedBy: row.opened_by,
  }
}

const asKind = (text: string): ObligationKind => OBLIGATION_KINDS.find((k) => k === text) ?? 'figure'
const asState = (text: string): ReturnState => RETURN_STATES.find((s) => s === text) ?? 'draft'

export async function insertRound(db: Kysely<Database>, round: Omit<RoundRecord, 'id'>): Promise<number> {
  const inserted = await db
    .insertInto('rounds')
    .values({
      plan_id: round.planId,
      period: round.period,
      due_date: round.due,
      committee_date: round.committee,
      publish: round.publish,
      opened_at: round.openedAt,
      opened_by: round.openedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return inserted.id
}

export async function findRound(
  db: Kysely<Database>,
  planId: number,
  period: string,
): Promise<RoundRecord | undefined> {
  const row = await db
    .selectFrom('rounds')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('period', '=', period)
    .executeTakeFirst()
  return row && toRound(row)
}

/** Every round, newest first. */
export async function listRounds(db: Kysely<Database>): Promise<RoundRecord[]> {
  const rows = await db.selectFrom('rounds').selectAll().orderBy('opened_at', 'desc').orderBy('id', 'desc').execute()
  return rows.map(toRound)
}

function toReturn(row: {
  id: number
  round_id: number
  user_id: number
  kind: string
  ref: string
  state: string
  comment: string | null
  updated_at: string
  updated_by: string
  submitted_at: string | null
  reviewed_at: string | null
  reviewed_by: string | null
}): ReturnRecord {
  return {
    id: row.id,
    roundId: row.round_id,
    userId: row.user_id,
    kind: asKind(row.kind),
    ref: row.ref,
    state: asState(row.state),
    comment: row.comment,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    submittedAt: row.submitted_at,
    reviewedAt: row.reviewed_at,
    reviewedBy: row.reviewed_by,
  }
}

export async function listReturns(db: Kysely<Database>, roundId: number): Promise<ReturnRecord[]> {
  const rows = await db.selectFrom('round_returns').selectAll().where('round_id', '=', roundId).orderBy('id').execute()
  return rows.map(toReturn)
}

export async function findReturn(db: Kysely<Database>, id: number): Promise<ReturnRecord | undefined> {
  const row = await db.selectFrom('round_returns').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toReturn(row)
}

/** Adds draft returns for what is owed and has none yet; returns already held are left as they are. */
export async function addDraftReturns(
  db: Kysely<Database>,
  roundId: number,
  items: readonly { userId: number; kind: ObligationKind; ref: string }[],
  at: string,
  by: string,
): Promise<number> {
  if (items.length === 0) return 0
  const result = await db
    .insertInto('round_returns')
    .values(
      items.map((item) => ({
        round_id: roundId,
        user_id: item.userId,
        kind: item.kind,
        ref: item.ref,
        state: 'draft',
        created_at: at,
        updated_at: at,
        updated_by: by,
      })),
    )
    .onConflict((oc) => oc.columns(['round_id', 'user_id', 'kind', 'ref']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0)
}

/**
 * Moves a return from one state to another, only if it is still in the state it was read in (two officers
 * reviewing at once: the second finds it moved). True when it moved.
 */
export async function moveReturn(
  db: Kysely<Database>,
  id: number,
  from: ReturnState,
  change: { to: ReturnState; at: string; by: string; comment: string | null; review: boolean },
): Promise<boolean> {
  const result = await db
    .updateTable('round_returns')
    .set({
      state: change.to,
      comment: change.comment,
      updated_at: change.at,
      updated_by: change.by,
      ...(change.to === 'submitted' ? { submitted_at: change.at, submitted_by: change.by } : {}),
      ...(change.review ? { reviewed_at: change.at, reviewed_by: change.by } : {}),
    })
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

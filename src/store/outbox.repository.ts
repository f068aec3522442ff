import type { Kysely, Selectable } from 'kysely'
import type { Database, OutboxTable } from './schema.ts'

/** A mail to send: to whom, its subject, and its body as plain text and as simple HTML. */
export interface Mail {
  readonly to: string
  readonly subject: string
  readonly text: string
  readonly html: string
  /** round-opened, reminder, sent-back or exception-needed. */
  readonly purpose: string
  /** A mail with a key is queued once: a second with the same key is dropped as already queued. */
  readonly key?: string
}

export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed'

/** A mail in the outbox, and how its sending stands. */
export interface OutboxRecord extends Mail {
  readonly id: number
  /** sending: claimed by a worker, whose lease runs to nextAttemptAt. */
  readonly state: OutboxState
  readonly attempts: number
  readonly nextAttemptAt: string
  readonly lastError: string | null
  readonly createdAt: string
  readonly sentAt: string | null
}

/** Queues mail to be sent by the mail worker, now. Returns how many were queued (those with a key already held are not). */
export async function enqueueMail(db: Kysely<Database>, mails: readonly Mail[], at: string): Promise<number> {
  let queued = 0
  for (const mail of mails) {
    const result = await db
      .insertInto('outbox')
      .values({
        to_address: mail.to,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html,
        purpose: mail.purpose,
        dedupe_key: mail.key ?? null,
        state: 'queued',
        attempts: 0,
        next_attempt_at: at,
        created_at: at,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst()
    queued += Number(result.numInsertedOrUpdatedRows ?? 0)
  }
  return queued
}

const STATES: readonly OutboxState[] = ['queued', 'sending', 'sent', 'failed']
const stateOf = (text: string): OutboxState => STATES.find((state) => state === text) ?? 'queued'

/** The outbox, oldest first. */
export async function listOutbox(db: Kysely<Database>): Promise<OutboxRecord[]> {
  const rows = await db.selectFrom('outbox').selectAll().orderBy('id').execute()
  return rows.map(toRecord)
}

/**
 * Claims the oldest mail that is due: queued with its next attempt reached, or left 'sending' by a worker whose
 * lease has run out (it crashed). The claim is a conditional update, so of two workers racing for one mail only
 * one changes its row and sends it; the attempt is counted and the lease set before any sending starts.
 */
export async function claimDueMail(db: Kysely<Database>, at: string, leaseUntil: string): Promise<OutboxRecord | null> {
  for (;;) {
    const due = await db
      .selectFrom('outbox')
      .select(['id', 'state', 'attempts'])
      .where('state', 'in', ['queued', 'sending'])
      .where('next_attempt_at', '<=', at)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst()
    if (!due) return null
    const claimed = await db
      .updateTable('outbox')
      .set({ state: 'sending', attempts: due.attempts + 1, next_attempt_at: leaseUntil })
      .where('id', '=', due.id)
      .where('state', '=', due.state)
      .where('attempts', '=', due.attempts)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) === 1) {
      const row = await db.selectFrom('outbox').selectAll().where('id', '=', due.id).executeTakeFirstOrThrow()
      return toRecord(row)
    }
  }
}

/** Records that the SMTP server accepted a claimed mail. */
export async function markMailSent(db: Kysely<Database>, id: number, at: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ state: 'sent', sent_at: at, last_error: null })
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .execute()
}

/** Records a failed attempt: queued again for a later time, or failed for good when `retryAt` is null. */
export async function markMailFailed(
  db: Kysely<Database>,
  id: number,
  error: string,
  retryAt: string | null,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set(
      retryAt === null
        ? { state: 'failed', last_error: error }
        : { state: 'queued', last_error: error, next_attempt_at: retryAt },
    )
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .execute()
}

function toRecord(row: Selectable<OutboxTable>): OutboxRecord {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    purpose: row.purpose,
    ...(row.dedupe_key === null ? {} : { key: row.dedupe_key }),
    state: stateOf(row.state),
    // pg returns an integer column as a number, and SQLite too: no conversion needed.
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  }
}

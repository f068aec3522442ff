import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'

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

/** A mail in the outbox, and how its sending stands. */
export interface OutboxRecord extends Mail {
  readonly id: number
  readonly state: 'queued' | 'sent' | 'failed'
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

/** The outbox, oldest first. */
export async function listOutbox(db: Kysely<Database>): Promise<OutboxRecord[]> {
  const rows = await db.selectFrom('outbox').selectAll().orderBy('id').execute()
  return rows.map((row) => ({
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    purpose: row.purpose,
    ...(row.dedupe_key === null ? {} : { key: row.dedupe_key }),
    state: row.state === 'sent' ? 'sent' : row.state === 'failed' ? 'failed' : 'queued',
    // pg returns an integer column as a number, and SQLite too: no conversion needed.
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  }))
}

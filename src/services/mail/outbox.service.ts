import type { Kysely } from 'kysely'
import { type Actor, can } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import { listOutbox, type OutboxRecord } from '../../store/outbox.repository.ts'
import type { Database } from '../../store/schema.ts'
import { createMailWorker, type MailWorkerOptions } from './mail-worker.ts'
import type { MailSender } from './smtp-sender.ts'

/** The outbox as administrators see it, and the worker that empties it. */
export function createOutboxService(db: Kysely<Database>, now: () => Date, sending: boolean) {
  return {
    /** Whether an SMTP server is set to send the outbox. */
    sending,
    /** Every mail Outturn has queued, newest first, with how its sending stands; administrators only. */
    async list(actor: Actor): Promise<OutboxRecord[]> {
      if (!can(actor, 'manage-users')) throw new DomainError('forbidden', 'Only an administrator can see the outbox.')
      return (await listOutbox(db)).reverse()
    },
    /** A worker sending the outbox's mail through `sender`. */
    worker(sender: MailSender, options: MailWorkerOptions = {}) {
      return createMailWorker(db, sender, now, options)
    },
  }
}

export type OutboxService = ReturnType<typeof createOutboxService>

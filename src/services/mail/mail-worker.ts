import type { Kysely } from 'kysely'
import { claimDueMail, markMailFailed, markMailSent } from '../../store/outbox.repository.ts'
import type { Database } from '../../store/schema.ts'
import type { MailSender } from './smtp-sender.ts'

/** How the worker paces itself. All times in milliseconds. */
export interface MailWorkerOptions {
  /** How long a claimed mail is held before another worker may take it as abandoned: 5 minutes. */
  readonly leaseMs?: number
  /** The wait after the first failed attempt, doubled after each failure after: 1 minute. */
  readonly backoffMs?: number
  /** The longest wait between attempts: 6 hours. */
  readonly maxBackoffMs?: number
  /** Attempts before a mail is marked failed for good: 8. */
  readonly maxAttempts?: number
  /** How often to look for due mail when the outbox is empty: 5 seconds. */
  readonly pollMs?: number
}

const DEFAULTS = { leaseMs: 300_000, backoffMs: 60_000, maxBackoffMs: 21_600_000, maxAttempts: 8, pollMs: 5_000 }

/** The wait before the next attempt after `attempts` failed ones: the back-off doubled each time, up to the cap. */
export function backoffDelay(attempts: number, backoffMs: number, maxBackoffMs: number): number {
  return Math.min(maxBackoffMs, backoffMs * 2 ** Math.max(0, attempts - 1))
}

/**
 * Sends the outbox's due mail, one at a time, and retries failures with exponential back-off. See README.md for
 * why a mail is claimed before it is sent and what that promises when the server dies part-way.
 */
export function createMailWorker(
  db: Kysely<Database>,
  sender: MailSender,
  now: () => Date,
  options: MailWorkerOptions = {},
) {
  const settings = { ...DEFAULTS, ...options }
  let timer: NodeJS.Timeout | null = null
  let running: Promise<number> | null = null
  let stopped = true

  /** Sends everything due now; the number of mails the server accepted. */
  async function sendDue(): Promise<number> {
    let sent = 0
    for (;;) {
      const at = now()
      const leaseUntil = new Date(at.getTime() + settings.leaseMs).toISOString()
      const mail = await claimDueMail(db, at.toISOString(), leaseUntil)
      if (!mail) return sent
      try {
        await sender.send(mail)
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        const delay = backoffDelay(mail.attempts, settings.backoffMs, settings.maxBackoffMs)
        const retryAt = mail.attempts >= settings.maxAttempts ? null : new Date(now().getTime() + delay).toISOString()
        await markMailFailed(db, mail.id, message.slice(0, 500), retryAt)
        continue
      }
      await markMailSent(db, mail.id, now().toISOString())
      sent += 1
    }
  }

  /** One pass, never two at once. */
  function pass(): Promise<number> {
    running ??= sendDue().finally(() => (running = null))
    return running
  }

  function schedule(): void {
    if (stopped) return
    timer = setTimeout(() => {
      pass()
        .catch(() => 0)
        .finally(schedule)
    }, settings.pollMs)
    timer.unref()
  }

  return {
    sendDue: pass,
    /** Starts sending: at once, then every poll interval. */
    start(): void {
      if (!stopped) return
      stopped = false
      void pass()
        .catch(() => 0)
        .finally(schedule)
    },
    /** Stops polling and waits for a pass under way to finish. */
    async stop(): Promise<void> {
      stopped = true
      if (timer) clearTimeout(timer)
      await running?.catch(() => 0)
    },
  }
}

export type MailWorker = ReturnType<typeof createMailWorker>

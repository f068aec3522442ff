import { longDateTime } from '../../domain/periods/date-time.ts'
import type { Services } from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'

const STATE_NAMES = { queued: 'Queued', sending: 'Sending', sent: 'Sent', failed: 'Failed' } as const
const PURPOSE_NAMES: Readonly<Record<string, string>> = {
  'round-opened': 'Round opened',
  reminder: 'Reminder',
  overdue: 'Overdue',
  'sent-back': 'Return sent back',
  'exception-needed': 'Exception report needed',
  invite: 'Invitation',
  'password-reset': 'Password reset',
}

/** "15 October 2013, 10:00" on UK time. */
const when = (iso: string | null): string => (iso === null ? '' : longDateTime(iso))

/** The outbox, for administrators: every mail Outturn has queued, and whether it was sent. */
export function outboxRoutes(app: App, services: Services): void {
  app.get('/outbox', async (request, reply) => {
    const mails = await services.outbox.list(actorOf(request))
    const count = (state: string) => mails.filter((m) => m.state === state).length
    return reply.page('outbox.njk', {
      title: 'Outbox',
      sending: services.outbox.sending,
      counts: { queued: count('queued') + count('sending'), sent: count('sent'), failed: count('failed') },
      mails: mails.map((m) => ({
        to: m.to,
        subject: m.subject,
        purpose: PURPOSE_NAMES[m.purpose] ?? m.purpose,
        state: STATE_NAMES[m.state],
        tag: m.state === 'sent' ? 'govuk-tag--green' : m.state === 'failed' ? 'govuk-tag--red' : 'govuk-tag--grey',
        attempts: m.attempts,
        lastError: m.lastError,
        queuedAt: when(m.createdAt),
        sentAt: when(m.sentAt),
      })),
    })
  })
}

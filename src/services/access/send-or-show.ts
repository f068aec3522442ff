import { longDateTime } from '../../domain/periods/date-time.ts'
import type { Kysely } from 'kysely'
import { enqueueMail } from '../../store/outbox.repository.ts'
import type { Database } from '../../store/schema.ts'
import { absolute, composeMail } from '../round/round-mail.ts'

/** A single-use link to set a password, addressed to the person it is for. */
export interface PasswordLinkMessage {
  readonly to: string
  readonly name: string
  readonly purpose: 'invite' | 'reset'
  /** The link's path in the app, token included: /account/password?token=... */
  readonly path: string
  readonly expiresAt: string
}

/** What became of a link: sent by email, or (with no mail set up) to be shown to the administrator who asked. */
export type LinkDelivery = { readonly sent: true } | { readonly sent: false; readonly link: string }

/** Where the links go: the site's own address (OUTTURN_SITE_URL), and whether an SMTP server sends the outbox. */
export interface LinkMailing {
  readonly siteUrl: string
  readonly sending: boolean
}

/**
 * The one place a password link leaves Outturn. The link is made absolute with the site's configured address,
 * never a request's Host header (which a client chooses), and queued in the outbox. With no SMTP server set it is
 * also handed back for the administrator to pass on; the mail stays in the outbox for when one is.
 */
export async function sendOrShow(
  db: Kysely<Database>,
  mailing: LinkMailing,
  message: PasswordLinkMessage,
  at: string,
): Promise<LinkDelivery> {
  const expires = longDateTime(message.expiresAt)
  const invite = message.purpose === 'invite'
  const mail = composeMail(
    {
      to: { email: message.to, name: message.name },
      subject: invite ? 'You have been invited to Outturn' : 'Reset your Outturn password',
      paragraphs: [
        invite
          ? 'An administrator has given you an account on Outturn. Set your password from the link below.'
          : 'An administrator has sent you a link to set a new password. Your old password works until you use it.',
        `The link works once, until ${expires} (UTC).`,
      ],
      items: [],
      closing: { text: invite ? 'Set your password' : 'Set a new password', path: message.path },
      purpose: invite ? 'invite' : 'password-reset',
    },
    mailing.siteUrl,
  )
  await enqueueMail(db, [mail], at)
  return mailing.sending ? { sent: true } : { sent: false, link: absolute(mailing.siteUrl, message.path) }
}

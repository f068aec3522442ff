import nodemailer from 'nodemailer'
import type { OutboxRecord } from '../../store/outbox.repository.ts'

/** Hands one mail to a mail server: resolves once the server has accepted it, rejects when it refuses. */
export interface MailSender {
  send(mail: OutboxRecord): Promise<void>
  close(): void
}

/**
 * Sends through the SMTP server at `url` (OUTTURN_SMTP_URL) from `from` (OUTTURN_MAIL_FROM). Each mail's Message-ID
 * is made from its outbox id, so if a crash after the server's accept makes the worker send it again, the two
 * copies carry the same Message-ID and mail clients can tell them for one.
 */
export function createSmtpSender(url: string, from: string, siteUrl: string): MailSender {
  const transport = nodemailer.createTransport(url)
  const domain = new URL(siteUrl).hostname || 'localhost'
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<outbox-${mail.id}-${mail.createdAt.replace(/[^0-9]/g, '')}@${domain}>`,
      })
    },
    close() {
      transport.close()
    },
  }
}

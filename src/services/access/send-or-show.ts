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
export type LinkDelivery = { readonly sent: true } | { readonly sent: false; readonly path: string }

/**
 * The one place a password link leaves Outturn. Until the email outbox is wired in here, every link is handed back
 * to be shown to the administrator, who passes it on; once it is, a link goes to the outbox and is never shown.
 */
export function sendOrShow(message: PasswordLinkMessage): Promise<LinkDelivery> {
  return Promise.resolve({ sent: false, path: message.path })
}

import type { Mail } from '../../store/outbox.repository.ts'

/**
 * The round's mail: plain text, and simple accessible HTML (a language, a heading, paragraphs and a list of links),
 * each with links to the forms. Addresses are made absolute with the site's address.
 */
export interface MailItem {
  /** "Figure for NI 154: Net additional homes provided". */
  readonly text: string
  /** The form's path in the app. */
  readonly path: string
}

export interface MailContent {
  readonly to: { readonly email: string; readonly name: string }
  readonly subject: string
  /** Paragraphs before the list. */
  readonly paragraphs: readonly string[]
  readonly items: readonly MailItem[]
  /** A closing paragraph with a link (the returns page). */
  readonly closing: { readonly text: string; readonly path: string }
  readonly purpose: Mail['purpose']
  readonly key?: string
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)

/** Joins the site's address and a path, without doubling the slash. */
export function absolute(siteUrl: string, path: string): string {
  return `${siteUrl.replace(/\/+$/, '')}${path}`
}

/** The mail as queued: its text and HTML bodies made from the same content. */
export function composeMail(content: MailContent, siteUrl: string): Mail {
  const link = (path: string): string => absolute(siteUrl, path)
  const greeting = `Dear ${content.to.name},`
  const text = [
    greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...content.items.map((item) => `- ${item.text}\n  ${link(item.path)}`),
    ...(content.items.length > 0 ? [''] : []),
    `${content.closing.text}: ${link(content.closing.path)}`,
    '',
    'Outturn',
  ].join('\n')
  const list =
    content.items.length === 0
      ? ''
      : `<ul>\n${content.items.map((item) => `<li><a href="${escape(link(item.path))}">${escape(item.text)}</a></li>`).join('\n')}\n</ul>\n`
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${escape(content.subject)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5">',
    `<p>${escape(greeting)}</p>`,
    ...content.paragraphs.map((p) => `<p>${escape(p)}</p>`),
    list + `<p><a href="${escape(link(content.closing.path))}">${escape(content.closing.text)}</a></p>`,
    '<p>Outturn</p>',
    '</body>',
    '</html>',
  ].join('\n')
  return {
    to: content.to.email,
    subject: content.subject,
    text,
    html,
    purpose: content.purpose,
    ...(content.key === undefined ? {} : { key: content.key }),
  }
}

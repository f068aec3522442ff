import type { FieldError } from '../services/index.ts'

/** The GOV.UK error summary list and per-field messages, from a form's errors (first error per field shown). */
export function formErrors(errors: readonly FieldError[]): {
  errorList: { text: string; href: string }[]
  errors: Record<string, { text: string }>
} {
  const byField: Record<string, { text: string }> = {}
  for (const error of errors) byField[error.field] ??= { text: error.message }
  return { errorList: errors.map((error) => ({ text: error.message, href: `#${error.field}` })), errors: byField }
}

// Control characters no keyboard types: NUL (which PostgreSQL refuses in text), the others XML 1.0 forbids, which
// would make a Word or Excel report unreadable, and the C1 controls it discourages (the CSV import refuses the same
// characters). Tabs and line breaks stay.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g // eslint-disable-line no-control-regex

/**
 * A form field's text: the body holds strings for ordinary fields; anything else counts as empty. Text is stored
 * composed (NFC), so "é" typed either way is the same, and without control characters.
 */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value.replace(CONTROL, '').normalize('NFC') : ''
}

const ORIGIN = 'http://outturn.invalid'

/**
 * A redirect target from a form: only a path on this site, never another site. Browsers read "//evil.example",
 * "/\\evil.example" and "/<tab>/evil.example" as other sites, so a target with a backslash, a control character or
 * another origin once resolved is refused.
 */
export function safeReturnTo(value: string): string | null {
  if (!value.startsWith('/') || /[\u0000-\u001F\u007F\\]/.test(value)) return null // eslint-disable-line no-control-regex
  const url = new URL(value, ORIGIN)
  return url.origin === ORIGIN ? `${url.pathname}${url.search}${url.hash}` : null
}

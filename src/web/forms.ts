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
  const value = rawField(body, name)
  return value === undefined ? '' : value.replace(CONTROL, '').normalize('NFC')
}

/**
 * A form field exactly as sent (a string, or undefined), for checks that must see every character. Only the body's
 * own fields count: a name such as "constructor" never finds Object.prototype, whatever parsed the body.
 */
export function rawField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null || !Object.hasOwn(body, name)) return undefined
  const value = (body as Record<string, unknown>)[name]
  return typeof value === 'string' ? value : undefined
}

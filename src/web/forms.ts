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

/** A form field's text: the body holds strings for ordinary fields; anything else counts as empty. */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value : ''
}

/** A redirect target from a form: only a path on this site, never another site ("//evil.example"). */
export function safeReturnTo(value: string): string | null {
  return value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : null
}

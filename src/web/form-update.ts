import { field, rawField } from './forms.ts'

/**
 * The hidden field a form names its checkboxes in (comma-separated). A browser leaves an unticked checkbox out of
 * the POST, so a form that lists it here says "sent, and not ticked"; a POST that neither sends it nor lists it
 * leaves what is stored alone.
 */
export const CHECKBOXES_FIELD = '_checkboxes'

/**
 * The values a POST that updates a record gives each of the form's fields. A field the POST sent is taken as sent
 * (cleaned as `field` cleans it), so a field sent empty clears what is stored; a field the POST left out keeps the
 * stored value. A checkbox (in `checkboxes`, stored as "yes" or "") left out of a form that lists it in
 * CHECKBOXES_FIELD was unticked. Every form handler that updates a record reads its fields through this, so a
 * scripted client that posts one field changes that field only.
 */
export function updateFields<K extends string>(
  body: unknown,
  stored: Readonly<Record<K, string>>,
  checkboxes: readonly NoInfer<K>[] = [],
): Record<K, string> {
  const listed = new Set(
    (rawField(body, CHECKBOXES_FIELD) ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  )
  const out = {} as Record<K, string>
  for (const name of Object.keys(stored) as K[]) {
    if (rawField(body, name) !== undefined) out[name] = field(body, name)
    else if (checkboxes.includes(name) && listed.has(name)) out[name] = ''
    else out[name] = stored[name]
  }
  return out
}

/**
 * When a round's figures count as published: as soon as they are entered (the default, as before rounds), or only
 * once an officer has approved them.
 */
export const PUBLISH_RULES = ['on-entry', 'on-approval'] as const
export type PublishRule = (typeof PUBLISH_RULES)[number]

export const PUBLISH_RULE_NAMES: Readonly<Record<PublishRule, string>> = {
  'on-entry': 'As soon as they are entered',
  'on-approval': 'Only once approved',
}

/** Reads a publish rule; anything else is refused with the rules accepted. */
export function parsePublishRule(text: string): PublishRule {
  const found = PUBLISH_RULES.find((rule) => rule === text.trim().toLowerCase())
  if (!found) throw new RangeError(`"${text}" is not a publish rule. Use one of: ${PUBLISH_RULES.join(', ')}.`)
  return found
}

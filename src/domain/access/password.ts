/**
 * The password rules, after the NCSC's password guidance: length over complexity. A long minimum, a long maximum,
 * no rules about upper case, digits or symbols, every character allowed (spaces, accents, emoji), and the passwords
 * attackers try first refused, as are the person's own email address and name and the name of the service.
 */
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 256
export const SERVICE_NAME = 'outturn'

/** The same password however the keyboard composed it: "é" typed as one character or as e and an accent. */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC')
}

/** Characters counted by code point, as NIST SP 800-63B counts them: an emoji is one, not two UTF-16 code units. */
function characters(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    // A high surrogate followed by a low one is one character; a lone surrogate counts as one too.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i += 1
    }
    count += 1
  }
  return count
}

/**
 * What is wrong with a new password, in words for the person choosing it, or null when it may be used. `common`
 * holds the refused passwords in lower case.
 */
export function passwordProblem(
  password: string,
  person: { readonly email: string; readonly name: string },
  common: ReadonlySet<string>,
): string | null {
  const normalised = normalisePassword(password)
  const length = characters(normalised)
  if (length < PASSWORD_MIN_LENGTH)
    return `The password must be at least ${PASSWORD_MIN_LENGTH} characters long. Three random words make a strong one.`
  if (length > PASSWORD_MAX_LENGTH) return `The password must be ${PASSWORD_MAX_LENGTH} characters or fewer.`
  const folded = normalised.trim().toLowerCase()
  // "outturn2024!" is the service's name with a year and a symbol: the core is what is left without them.
  const core = folded.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, '')
  const email = person.email.trim().toLowerCase()
  const own = [email, email.split('@')[0] ?? '', normalisePassword(person.name).trim().toLowerCase()]
  if (own.some((text) => text !== '' && (folded === text || core === text)))
    return 'The password must not be the person’s email address or name. Three random words make a strong one.'
  if (core === SERVICE_NAME)
    return 'The password must not be the name of the service. Three random words make a strong one.'
  if (common.has(folded))
    return 'That password is one of the most commonly used, so attackers try it first. Choose another: three random words make a strong one.'
  return null
}

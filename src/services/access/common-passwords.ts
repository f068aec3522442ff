import { readFileSync } from 'node:fs'
import { COMMON_PASSWORDS_FILE } from '../../resources.ts'

/**
 * The passwords refused as too common, in lower case: the first 3,981 of the NCSC's "100,000 most used passwords"
 * (the top of the Have I Been Pwned breach corpus, published by the National Cyber Security Centre in April 2019
 * with its "Passwords, passwords everywhere" blog, and kept in SecLists as
 * Passwords/Common-Credentials/100k-most-used-passwords-NCSC.txt), in the order given there.
 */
let common: ReadonlySet<string> | undefined

/** The common-password list, read once. */
export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(COMMON_PASSWORDS_FILE, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.toLowerCase()),
  )
  return common
}

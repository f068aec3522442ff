import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from '../../src/domain/access/password.ts'
import { commonPasswords } from '../../src/services/access/common-passwords.ts'
import { Browser, type SecurityApp, startSecurityApp } from './harness.ts'

/**
 * The password rules (NCSC guidance: length over complexity, no composition rules, every character allowed, common
 * passwords refused), wherever a password is set: the single-use link page and `outturn user add`.
 */

const PERSON = { email: 'alex.officer@council.example', name: 'Alex Officer' }
const x = (n: number): string => 'x'.repeat(n)

const CASES: { password: string; refused: RegExp | null; why: string }[] = [
  { password: x(PASSWORD_MIN_LENGTH - 1), refused: /at least 12 characters/, why: 'one short of the minimum' },
  { password: x(PASSWORD_MIN_LENGTH), refused: null, why: 'exactly the minimum, all one letter: no composition rules' },
  { password: x(PASSWORD_MAX_LENGTH), refused: null, why: 'the longest allowed' },
  { password: x(PASSWORD_MAX_LENGTH + 1), refused: /256 characters or fewer/, why: 'one over the maximum' },
  { password: 'purple tractor umbrella', refused: null, why: 'three random words with spaces' },
  { password: '   leading and trailing   ', refused: null, why: 'spaces at the ends are characters too' },
  { password: 'crème brûlée à la façon', refused: null, why: 'accented letters' },
  { password: 'пароль для отчётов', refused: null, why: 'Cyrillic' },
  { password: '🦔🦔🦔🦔🦔🦔🦔🦔🦔🦔🦔', refused: /at least 12/, why: 'eleven emoji are eleven characters, not 22' },
  { password: '🦔🦔🦔🦔🦔🦔🦔🦔🦔🦔🦔🦔', refused: null, why: 'twelve emoji' },
  { password: 'qwertyqwerty', refused: /most commonly used/, why: 'on the common list' },
  { password: 'QWERTYqwerty', refused: /most commonly used/, why: 'on the list, in another case' },
  { password: '1q2w3e4r5t6y', refused: /most commonly used/, why: 'a keyboard walk on the list' },
  { password: 'MEGAPAROL12345', refused: /most commonly used/, why: 'on the list, upper case' },
  { password: PERSON.email, refused: /email address or name/, why: 'the email address' },
  { password: PERSON.email.toUpperCase(), refused: /email address or name/, why: 'the email address, upper case' },
  { password: 'alex.officer2013!', refused: /email address or name/, why: 'the email’s local part and a year' },
  { password: 'Alex Officer 2013', refused: /email address or name/, why: 'the person’s name and a year' },
  { password: 'Outturn12345', refused: /name of the service/, why: 'the service’s name and digits' },
  { password: '!!OUTTURN2013!!', refused: /name of the service/, why: 'the service’s name, upper case, decorated' },
  { password: 'outturn reports quarterly', refused: null, why: 'the service’s name among other words is fine' },
]

describe('the password rules', () => {
  for (const c of CASES) {
    it(`${c.refused ? 'refuses' : 'accepts'} ${c.why}`, () => {
      const problem = passwordProblem(c.password, PERSON, commonPasswords())
      if (c.refused === null) assert.equal(problem, null)
      else assert.match(problem ?? '', c.refused)
    })
  }

  it('ships a list of a few thousand common passwords, in lower case once read', () => {
    const list = commonPasswords()
    assert.ok(list.size >= 3000, `${list.size} passwords`)
    for (const entry of ['123456', 'password', 'qwerty', 'iloveyou', 'liverpool']) assert.ok(list.has(entry), entry)
    for (const entry of list) assert.equal(entry, entry.toLowerCase())
  })
})

let t: SecurityApp
before(async () => {
  t = await startSecurityApp()
})
after(async () => {
  await t.close()
})

describe('setting one’s own password from an invitation link', () => {
  const ADMIN = { id: 0, email: 'admin', name: 'An administrator', role: 'admin' } as const
  for (const [i, c] of CASES.entries()) {
    it(`${c.refused ? 'refuses' : 'accepts'} ${c.why}`, async () => {
      // Each case invites a new person with the same local part and name, so the email rules apply unchanged.
      const email = PERSON.email.replace('@council.', `@council${i}.`)
      const password = c.password.replace(/alex\.officer@council\.example/i, (found) =>
        found === found.toUpperCase() ? email.toUpperCase() : email,
      )
      const issued = await t.services.people.invite(ADMIN, { email, name: PERSON.name, role: 'officer' })
      assert.ok(!issued.delivery.sent)
      const link = new URL(issued.delivery.link).pathname + new URL(issued.delivery.link).search
      const visitor = new Browser(t.app, `198.51.100.${i + 1}`)
      await visitor.get(link)
      const response = await visitor.post(link, { password, confirm: password })
      if (c.refused === null) {
        assert.equal(response.statusCode, 303, response.body.slice(0, 400))
        const signIn = await new Browser(t.app, '192.0.2.200').signIn({ email, password })
        assert.equal(signIn.statusCode, 303, 'the new user signs in with exactly that password')
      } else {
        assert.equal(response.statusCode, 400)
        assert.match(response.body, /href="#password"/)
        assert.match(response.body.replaceAll('&rsquo;', '’').replaceAll('&#39;', "'"), c.refused)
        const passwordInput = /<input[^>]*name="password"[^>]*>/.exec(response.body)?.[0] ?? ''
        assert.ok(passwordInput !== '', 'the form is shown again')
        assert.doesNotMatch(passwordInput, /value="[^"]/, 'the refused password is not sent back')
        assert.equal((await t.services.people.person(issued.person.id)).invited, true, 'no password was set')
      }
    })
  }

  it('signs in whichever way the keyboard composed an accented password', async () => {
    const composed = 'café au lait à la crème'
    await t.services.auth.addUser({ email: 'accents@outturn.example', name: 'A', role: 'viewer', password: composed })
    const browser = new Browser(t.app, '192.0.2.201')
    const response = await browser.signIn({ email: 'accents@outturn.example', password: composed.normalize('NFD') })
    assert.equal(response.statusCode, 303)
  })
})

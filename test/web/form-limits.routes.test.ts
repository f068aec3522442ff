import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { LIMITS, type TextLimit } from '../../src/domain/limits.ts'
import { isParsed, textOf } from '../helpers/limit-formats.ts'
import { multipart } from '../security/multipart.ts'
import {
  type Client,
  PLAN,
  type TestApp,
  USERS,
  entryUrl,
  exceptionUrl,
  signedIn,
  startTestApp,
  titleOf,
} from './harness.ts'

/**
 * Every web form that takes text, every text field of it, at its limit and one character beyond. At the limit the
 * form is saved (or, for a figure, a period or a choice, at least not refused for its length); beyond it the form
 * is shown again with the GOV.UK error summary linking to the field and the error on the field, saying the limit
 * in words, and nothing is changed.
 */

const HALTON = 'halton-safer-ppb-2012-13'
const HALTON_Q2 = 'period=2012%2F13%20Q2'
const Q1 = 'period=2013%2F14%20Q1'
const INDICATORS =
  'ref,title,theme,frequency,polarity,value_type,unit,accumulation,tolerance_pct,dot_basis\nLIM 1,Limits,Homes,quarterly,lower,number,,point,10,previous\n'
const OBSERVATIONS = 'ref,period,actual,target\nLIM 1,2013/14 Q2,4,5\n'

let sequence = 0
/** An email address of exactly `count` characters, each one new. */
function emailOf(count: number): string {
  const domain = `@n${(sequence += 1).toString().padStart(4, '0')}.council.gov.uk`
  return `${'a'.repeat(count - domain.length)}${domain}`
}

interface FormCase {
  readonly form: string
  readonly user: keyof typeof USERS
  /** The address the form is at and posts to (a function, for one that needs the app). */
  readonly url: string | ((t: TestApp) => Promise<string>)
  /** The other fields, as a person would fill them in. */
  readonly base: () => Record<string, string>
  readonly fields: readonly (readonly [field: string, limit: TextLimit, text?: (count: number) => string])[]
  /** The answer to a saved form: a redirect, or a page (the invitation's link). */
  readonly saved: number
  readonly multipart?: boolean
  /** What must be done first, once (signing off the period a revision is made in). */
  readonly setup?: (officer: Client) => Promise<void>
}

const FORMS: readonly FormCase[] = [
  {
    form: 'the entry form',
    user: 'officer',
    url: entryUrl('LCA 2'),
    base: () => ({ actual: '5.16', note: '', reason: 'Limits', target: '', status: '', statusReason: '' }),
    fields: [
      ['actual', LIMITS.figure],
      ['dataPeriod', LIMITS.choice],
      ['notReported', LIMITS.choice],
      ['note', LIMITS.commentary],
      ['reason', LIMITS.reason],
      ['target', LIMITS.figure],
      ['status', LIMITS.choice],
      ['statusReason', LIMITS.reason],
    ],
    saved: 303,
  },
  {
    form: 'the exception report',
    user: 'owner',
    url: exceptionUrl('STP 13'),
    base: () => ({ action: 'draft' }),
    fields: [
      ['baseline', LIMITS.commentary],
      ['why', LIMITS.commentary],
      ['implications', LIMITS.commentary],
      ['improvement', LIMITS.commentary],
    ],
    saved: 303,
  },
  {
    form: 'the definition form',
    user: 'officer',
    url: `/plans/${PLAN}/indicators/LCA%202/definition`,
    base: () => ({
      title: 'Limits',
      owner: '',
      frequency: 'quarterly',
      polarity: 'higher',
      unit: '%',
      accumulation: 'point',
      tolerancePct: '10',
      dotBasis: 'previous',
      ragMethod: 'tolerance',
      reason: 'Limits',
    }),
    fields: [
      ['title', LIMITS.title],
      ['owner', LIMITS.owner],
      ['frequency', LIMITS.choice],
      ['polarity', LIMITS.choice],
      ['unit', LIMITS.unit],
      ['accumulation', LIMITS.choice],
      ['tolerancePct', LIMITS.figure],
      ['dotBasis', LIMITS.choice],
      ['ragMethod', LIMITS.choice],
      ['reason', LIMITS.reason],
    ],
    saved: 303,
  },
  {
    form: 'a milestone’s status',
    user: 'officer',
    url: `/plans/${HALTON}/delivery/CCC%201.2?${HALTON_Q2}`,
    base: () => ({ status: 'green', commentary: '', overrideReason: 'Limits' }),
    fields: [
      ['status', LIMITS.choice],
      ['commentary', LIMITS.commentary],
      ['overrideReason', LIMITS.reason],
    ],
    saved: 303,
  },
  {
    form: 'a risk treatment’s review',
    user: 'officer',
    url: `/plans/${HALTON}/risks/treatments/R1.2?${HALTON_Q2}`,
    base: () => ({ progress: 'green', commentary: 'Limits' }),
    fields: [
      ['progress', LIMITS.choice],
      ['commentary', LIMITS.commentary],
    ],
    saved: 303,
  },
  {
    form: 'signing off a period',
    user: 'officer',
    url: `/plans/${PLAN}/sign-off?${Q1}`,
    // The demo's round has things outstanding, so signing off is confirmed with a reason.
    base: () => ({ confirm: 'yes', regardless: 'Limits' }),
    fields: [['committee', LIMITS.committee]],
    saved: 303,
  },
  {
    // After the sign-off above, at the limit, has locked the period.
    form: 'unlocking a period',
    user: 'officer',
    url: `/plans/${PLAN}/sign-off/unlock?${Q1}`,
    base: () => ({}),
    fields: [['reason', LIMITS.reason]],
    saved: 303,
  },
  {
    form: 'inviting a person',
    user: 'admin',
    url: '/users',
    base: () => ({ name: 'A new user', email: emailOf(30), role: 'viewer' }),
    fields: [
      ['name', LIMITS.personName],
      ['email', LIMITS.email, emailOf],
    ],
    saved: 200,
  },
  {
    form: 'changing a person',
    user: 'admin',
    url: async (t) => {
      const viewer = (await t.services.people.list()).find((p) => p.email === USERS.viewer.email)
      return `/users/${viewer?.id ?? 0}`
    },
    base: () => ({ role: 'viewer' }),
    fields: [['name', LIMITS.personName]],
    saved: 303,
  },
  {
    form: 'the import form',
    user: 'officer',
    url: '/import',
    base: () => ({ planName: `Limits ${(sequence += 1)}`, reason: '' }),
    fields: [
      ['planName', LIMITS.planName],
      ['reason', LIMITS.reason],
    ],
    saved: 303,
    multipart: true,
  },
  // The reason for revising a signed-off period: asked for (and limited) only once the period is signed off.
  {
    form: 'revising a signed-off exception report',
    user: 'officer',
    url: exceptionUrl('STP 13'),
    setup: (officer) => signOff(officer, `/plans/${PLAN}/sign-off?period=2013%2F14%20Q2`),
    base: () => ({ action: 'draft', why: `Revised ${(sequence += 1)}` }),
    fields: [['reason', LIMITS.reason]],
    saved: 303,
  },
  {
    form: 'revising a signed-off milestone’s status',
    user: 'officer',
    url: `/plans/${HALTON}/delivery/CCC%201.2?${HALTON_Q2}`,
    setup: (officer) => signOff(officer, `/plans/${HALTON}/sign-off?${HALTON_Q2}`),
    base: () => ({ status: 'green', commentary: `Revised ${(sequence += 1)}`, overrideReason: 'Limits' }),
    fields: [['reason', LIMITS.reason]],
    saved: 303,
  },
  {
    // Halton's quarter was signed off for the milestone above.
    form: 'revising a signed-off risk review',
    user: 'officer',
    url: `/plans/${HALTON}/risks/treatments/R1.2?${HALTON_Q2}`,
    base: () => ({ progress: 'green', commentary: `Revised ${(sequence += 1)}` }),
    fields: [['reason', LIMITS.reason]],
    saved: 303,
  },
]

async function signOff(officer: Client, url: string): Promise<void> {
  await officer.get(url)
  const response = await officer.post(url, { committee: '', confirm: 'yes', regardless: 'Limits' })
  assert.equal(response.statusCode, 303, `signed off: ${response.body.slice(0, 200)}`)
}

let t: TestApp
const setUp = new Set<FormCase>()
const clients = new Map<string, Client>()
before(async () => {
  t = await startTestApp()
  for (const user of ['officer', 'owner', 'admin'] as const) clients.set(user, await signedIn(t.app, USERS[user]))
})
after(async () => {
  await t.close()
})

/** What a refused form may not have changed: every plan's audit trail, the plans and the people. */
async function state(): Promise<string> {
  const plans = await t.services.plans.list()
  const trails = await Promise.all(plans.map((plan) => t.services.plans.auditTrail(plan.name)))
  return JSON.stringify({ plans, trails, people: await t.services.people.list() })
}

async function send(form: FormCase, client: Client, url: string, fields: Record<string, string>) {
  await client.get(url)
  if (!form.multipart) return client.post(url, fields)
  const body = multipart({ _csrf: client.csrf, ...fields }, { indicators: INDICATORS, observations: OBSERVATIONS })
  return client.request({ method: 'POST', url, payload: body.payload, headers: body.headers })
}

describe('the length of every text field of every form', () => {
  for (const form of FORMS) {
    for (const [field, limit, text = (count: number) => textOf(count, limit)] of form.fields) {
      const max = limit.max.toLocaleString('en-GB')
      it(`${form.form}, ${field}: ${(limit.max + 1).toLocaleString('en-GB')} characters are refused on the form, saying so; nothing changes`, async () => {
        const client = clients.get(form.user) as Client
        if (form.setup && !setUp.has(form)) await form.setup(clients.get('officer') as Client)
        setUp.add(form)
        const url = typeof form.url === 'string' ? form.url : await form.url(t)
        const before = await state()
        const response = await send(form, client, url, { ...form.base(), [field]: text(limit.max + 1) })
        assert.equal(response.statusCode, 400, response.body.slice(0, 300))
        assert.match(titleOf(response.body), /^Error: /)
        const message = `The ${limit.name} must be ${max} characters or fewer: this one has ${(limit.max + 1).toLocaleString('en-GB')}.`
        const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(response.body)?.[0] ?? ''
        assert.ok(
          summary.includes(`<a href="#${field}">${message}`),
          `the summary links to #${field}: ${summary.slice(0, 600)}`,
        )
        const fieldError = new RegExp(
          `<p id="${field}-error" class="govuk-error-message">\\s*<span class="govuk-visually-hidden">Error:</span> ${message.replace(/[.]/g, '\\.')}`,
        )
        assert.match(response.body, fieldError)
        assert.equal(await state(), before)
      })

      it(`${form.form}, ${field}: ${max} characters are ${isParsed(limit) ? 'not refused for their length' : 'saved'}`, async () => {
        const client = clients.get(form.user) as Client
        const url = typeof form.url === 'string' ? form.url : await form.url(t)
        const response = await send(form, client, url, { ...form.base(), [field]: text(limit.max) })
        assert.doesNotMatch(response.body, /characters or fewer/)
        if (!isParsed(limit)) assert.equal(response.statusCode, form.saved, response.body.slice(0, 300))
      })
    }
  }
})

import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, it } from 'node:test'
import type { Actor } from '../../src/domain/access/access.ts'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { DEMO_PLAN } from '../../src/services/index.ts'
import { DEMO_DELIVERY_PLANS } from '../../src/services/demo.service.ts'
import { PLAN, USERS } from '../web/harness.ts'
import { Browser, type SecurityApp, signedInBrowser, startSecurityApp } from './harness.ts'
import { multipart } from './multipart.ts'
import { storeHaltonFinance } from '../helpers/finance-store.ts'

/**
 * Who may do what, as one table: for each action (a row) the outcome expected for each kind of person (a column).
 * Every cell is checked through HTTP on the real app with real CSRF tokens: the pages and forms, the posts, the
 * downloads and the API. A refusal must change nothing at all (every plan's audit trail and the users are compared
 * before and after). A change of rule is one edit here.
 *
 * "owner" owns the indicators, milestone and treatment acted on (LCA 2, STP 13; CCC 1.2 and R1.2 in the Halton
 * plan) and holds the budget of the statement written to (Halton's Commissioning and Complex Care); "other owner" is
 * an indicator owner responsible for other ones (BV 9; CCC 1.1 and R1.1) and holds no budget.
 */

export const ROLES = ['admin', 'officer', 'owner', 'otherOwner', 'viewer', 'signedOut'] as const
type Role = (typeof ROLES)[number]
/** allowed: it works; refused: 403 and nothing changes; sign-in: sent to sign in (401 from the API), nothing changes. */
type Outcome = 'allowed' | 'refused' | 'sign-in'

const A = 'allowed'
const R = 'refused'
const S = 'sign-in'

export const MATRIX = {
  view: { admin: A, officer: A, owner: A, otherOwner: A, viewer: A, signedOut: S },
  enterData: { admin: A, officer: A, owner: A, otherOwner: R, viewer: R, signedOut: S },
  editTarget: { admin: A, officer: A, owner: R, otherOwner: R, viewer: R, signedOut: S },
  assess: { admin: A, officer: A, owner: R, otherOwner: R, viewer: R, signedOut: S },
  exceptionReport: { admin: A, officer: A, owner: A, otherOwner: R, viewer: R, signedOut: S },
  deliveryStatus: { admin: A, officer: A, owner: A, otherOwner: R, viewer: R, signedOut: S },
  riskReview: { admin: A, officer: A, owner: A, otherOwner: R, viewer: R, signedOut: S },
  import: { admin: A, officer: A, owner: R, otherOwner: R, viewer: R, signedOut: S },
  importBudget: { admin: A, officer: A, owner: R, otherOwner: R, viewer: R, signedOut: S },
  export: { admin: A, officer: A, owner: A, otherOwner: A, viewer: A, signedOut: S },
  manageUsers: { admin: A, officer: R, owner: R, otherOwner: R, viewer: R, signedOut: S },
  invite: { admin: A, officer: R, owner: R, otherOwner: R, viewer: R, signedOut: S },
  deactivate: { admin: A, officer: R, owner: R, otherOwner: R, viewer: R, signedOut: S },
  resetPassword: { admin: A, officer: R, owner: R, otherOwner: R, viewer: R, signedOut: S },
  assign: { admin: A, officer: R, owner: R, otherOwner: R, viewer: R, signedOut: S },
  readApi: { admin: A, officer: A, owner: A, otherOwner: A, viewer: A, signedOut: S },
  signOff: { admin: A, officer: A, owner: R, otherOwner: R, viewer: R, signedOut: S },
  readRules: { admin: A, officer: A, owner: A, otherOwner: A, viewer: A, signedOut: S },
  setRules: { admin: A, officer: A, owner: R, otherOwner: R, viewer: R, signedOut: S },
  setBudgetRule: { admin: A, officer: A, owner: R, otherOwner: R, viewer: R, signedOut: S },
  setReportDetails: { admin: A, officer: A, owner: R, otherOwner: R, viewer: R, signedOut: S },
  openRound: { admin: A, officer: A, owner: R, otherOwner: R, viewer: R, signedOut: S },
  approveReturn: { admin: A, officer: A, owner: R, otherOwner: R, viewer: R, signedOut: S },
  sendBack: { admin: A, officer: A, owner: R, otherOwner: R, viewer: R, signedOut: S },
  chase: { admin: A, officer: A, owner: R, otherOwner: R, viewer: R, signedOut: S },
  viewOutbox: { admin: A, officer: R, owner: R, otherOwner: R, viewer: R, signedOut: S },
  budgetCommentary: { admin: A, officer: A, owner: A, otherOwner: R, viewer: R, signedOut: S },
  assignBudgetHolder: { admin: A, officer: A, owner: R, otherOwner: R, viewer: R, signedOut: S },
} as const satisfies Record<string, Record<Role, Outcome>>

const Q2 = '2013/14%20Q2'
/** Signing off uses a quarter no other row writes to, and every allowed probe unlocks it again. */
const Q1 = '2013/14%20Q1'
const HALTON = 'halton-safer-ppb-2012-13'
const HALTON_Q2 = '2012/13%20Q2'
const indicator = (ref: string, tail = '', query = `?period=${Q2}`) =>
  `/plans/${PLAN}/indicators/${encodeURIComponent(ref)}${tail}${query}`

let t: SecurityApp
/** The Halton statements' ids by name: the owner holds the first; the assignment row changes the second's holders. */
let budgetStatements = new Map<string, number>()
const HELD = 'Commissioning and Complex Care'
const ASSIGNED = 'Prevention and Assessment Services'
const statementOf = (name: string): number => {
  const id = budgetStatements.get(name)
  if (id === undefined) throw new Error(`no statement ${name}`)
  return id
}
const browsers = new Map<Role, Browser | null>()
let counter = 0
const unique = (what: string): string => `${what} ${(counter += 1)}`

/** One person for each column of the deactivate row to deactivate (or fail to). */
const toDeactivate: number[] = []
const OTHER_OWNER = { email: 'other.owner@outturn.example', password: 'another owner’s password' }
const ROUND_PERIOD = parsePeriod('2013/14 Q2')
let ownerActor: Actor
/** Opening a round uses periods no other row touches, a new one each time. */
const OPEN_PERIODS = ['2012/13 Q1', '2012/13 Q2', '2012/13 Q3', '2012/13 Q4', '2011/12 Q1', '2011/12 Q2']

/**
 * A return awaiting approval in the Q2 round, for a probe to approve or send back. Where an allowed probe finds none
 * (each approval uses one up), the owner submits again what is done; a refused probe must change nothing, so it is
 * given any return of the round (the refusal comes before the return's state is looked at).
 */
async function returnToReview(outcome: Outcome): Promise<number> {
  const find = async (submitted: boolean) =>
    (await t.services.rounds.status(PLAN, ROUND_PERIOD)).people
      .flatMap((person) => person.items)
      .find((item) => item.returnId !== null && (!submitted || item.standing === 'submitted'))?.returnId ?? null
  let id = await find(outcome === 'allowed')
  if (id === null && outcome === 'allowed') {
    await t.services.returns.submit(ownerActor, PLAN, ROUND_PERIOD)
    id = await find(true)
  }
  if (id === null) throw new Error('no return to review')
  return id
}

before(async () => {
  t = await startSecurityApp({ config: { backgroundImportBytes: 1 } })
  await t.services.auth.addUser({ ...OTHER_OWNER, name: 'Other indicator owner', role: 'owner' })
  await t.services.auth.assign(OTHER_OWNER.email, 'BV 9', DEMO_PLAN)
  await t.services.auth.assign(OTHER_OWNER.email, 'CCC 1.1', DEMO_DELIVERY_PLANS.halton, 'item')
  await t.services.auth.assign(OTHER_OWNER.email, 'R1.1', DEMO_DELIVERY_PLANS.halton, 'treatment')
  const admin = { id: 0, email: 'matrix', name: 'Matrix', role: 'admin' } as const
  for (const role of ROLES) {
    const invited = await t.services.people.invite(admin, {
      email: `deactivate.${role}@outturn.example`,
      name: `To deactivate ${role}`,
      role: 'viewer',
    })
    toDeactivate.push(invited.person.id)
  }
  // Halton's revenue statements for 2012/13 Q2, the owner holding the budget of the one the commentary row writes.
  budgetStatements = await storeHaltonFinance(t.location, HALTON)
  await t.services.budgetHolders.changeHolder(admin, HALTON, statementOf(HELD), await ownerIdOf(USERS.owner), 'assign')
  // A round for Q2, with the owner's finished returns submitted, for the approving, sending back and chasing rows.
  const officer = await t.services.auth.signIn(USERS.officer.email, USERS.officer.password)
  const owner = await t.services.auth.signIn(USERS.owner.email, USERS.owner.password)
  if (!officer.ok || !owner.ok) throw new Error('the demo sign-ins are missing')
  ownerActor = owner.user
  const opened = await t.services.rounds.open(officer.user, PLAN, ROUND_PERIOD, {
    due: '2013-10-15',
    committee: null,
    publish: 'on-entry',
  })
  assert.ok(opened.ok)
  assert.ok((await t.services.returns.submit(owner.user, PLAN, ROUND_PERIOD)).ok)
  const accounts = { ...USERS, otherOwner: OTHER_OWNER }
  for (const role of ROLES)
    browsers.set(
      role,
      role === 'signedOut' ? null : await signedInBrowser(t.app, accounts[role], `192.0.2.${ROLES.indexOf(role) + 20}`),
    )
})
after(async () => {
  await t.close()
})

/** Everything a refusal must leave alone: every plan's audit trail, the plans and the users. */
async function state(): Promise<string> {
  const plans = await t.services.plans.list()
  const trails = await Promise.all(plans.map((plan) => t.services.plans.auditTrail(plan.name)))
  const signOffs = await Promise.all(plans.map((plan) => t.services.signOffs.history(plan.slug)))
  return JSON.stringify({ plans, trails, signOffs, users: await t.services.auth.listUsers() })
}

async function lca2(): Promise<{ target: string | null; status: string | null; title: string }> {
  const context = await t.services.entries.indicatorContext(
    { id: 0, email: 'test', name: 'test', role: 'admin' },
    PLAN,
    'LCA 2',
  )
  const q2 = context.observations.find(
    (o) => o.period.kind === 'quarter' && o.period.quarter === 2 && o.period.year === 2013,
  )
  return { target: q2?.target ?? null, status: q2?.status ?? null, title: context.record.indicator.title }
}

async function ownerIdOf(account: { email: string }): Promise<number> {
  const found = (await t.services.people.list()).find((p) => p.email === account.email)
  if (!found) throw new Error(`${account.email} is missing`)
  return found.id
}

async function otherOwnerId(): Promise<number> {
  const other = (await t.services.people.list()).find((p) => p.email === OTHER_OWNER.email)
  if (!other) throw new Error('the other owner is missing')
  return other.id
}

/** A signed-out visitor: a fresh browser with the sign-in page's CSRF token, so refusals are not the CSRF check. */
async function signedOutBrowser(): Promise<Browser> {
  const browser = new Browser(t.app, '192.0.2.99')
  await browser.get('/sign-in')
  return browser
}

function expectStatus(response: LightMyRequestResponse, outcome: Outcome, allowed: number, what: string): void {
  if (outcome === 'sign-in') {
    const api = what.includes('/api/')
    if (api) assert.equal(response.statusCode, 401, what)
    else {
      assert.equal(response.statusCode, 303, what)
      assert.match(String(response.headers.location), /^\/sign-in\?returnTo=/, what)
    }
    return
  }
  if (outcome === 'refused') {
    assert.equal(response.statusCode, 403, `${what}: ${response.body.slice(0, 200)}`)
    assert.doesNotMatch(response.body, /The form had expired/, `${what}: refused by the CSRF check, not the rules`)
    return
  }
  assert.equal(response.statusCode, allowed, `${what}: ${response.body.slice(0, 300)}`)
}

type Probe = (browser: Browser, outcome: Outcome) => Promise<void>

const PROBES: Record<keyof typeof MATRIX, Probe> = {
  async view(browser, outcome) {
    for (const url of [
      `/plans`,
      `/plans/${PLAN}?period=${Q2}`,
      `/plans/${PLAN}/themes/${encodeURIComponent('Excellence in Education')}?period=${Q2}`,
      indicator('LCA 2'),
      `/plans/${PLAN}/exceptions?period=${Q2}`,
      `/plans/${PLAN}/report?period=${Q2}`,
      `/plans/${HALTON}/delivery?period=${HALTON_Q2}`,
      `/plans/${HALTON}/risks?period=${HALTON_Q2}`,
      `/plans/manchester-caa-2009/inspection`,
      `/plans/${HALTON}/finance?period=${HALTON_Q2}`,
      '/returns',
    ])
      expectStatus(await browser.get(url), outcome, 200, url)
  },

  async enterData(browser, outcome) {
    const note = unique('A note from the matrix')
    // An officer's form also carries the target and assessment; they are sent unchanged.
    const { target, status } = await lca2()
    expectStatus(await browser.get(indicator('LCA 2', '/entry')), outcome, 200, 'entry form')
    const fields = { actual: '5.16', note, target: target ?? '', status: status ?? '' }
    expectStatus(await browser.post(indicator('LCA 2', '/entry'), fields), outcome, 303, 'entry')
    const trail = JSON.stringify(await t.services.plans.auditTrail(DEMO_PLAN, 'LCA 2'))
    assert.equal(trail.includes(note), outcome === 'allowed', 'the note is recorded exactly when allowed')
  },

  async editTarget(browser, outcome) {
    const before = await lca2()
    const target = `4.${40 + (counter += 1)}`
    const title = unique('Reduce sickness absence, as edited')
    expectStatus(await browser.get(indicator('LCA 2', '/definition', '')), outcome, 200, 'definition form')
    const definition = await browser.post(indicator('LCA 2', '/definition', ''), {
      title,
      frequency: 'monthly',
      polarity: 'lower',
      unit: 'days',
      accumulation: 'point',
      tolerancePct: '10',
      dotBasis: 'previous',
      ragMethod: 'tolerance',
      owner: '',
      reason: 'matrix',
    })
    expectStatus(definition, outcome, 303, 'definition')
    // The entry form offers the target to officers only; an owner's post is taken without it.
    const entry = await browser.post(indicator('LCA 2', '/entry'), { actual: '5.16', target, reason: 'matrix' })
    if (outcome !== 'refused' || browser !== browsers.get('owner')) expectStatus(entry, outcome, 303, 'target')
    else assert.equal(entry.statusCode, 303, 'the owner’s own figure is accepted, without the target')
    const after = await lca2()
    if (outcome === 'allowed') assert.deepEqual([after.target, after.title], [target, title])
    else assert.deepEqual(after, before)
  },

  async assess(browser, outcome) {
    const before = await lca2()
    const status = before.status === 'A' ? 'R' : 'A'
    const entry = await browser.post(indicator('LCA 2', '/entry'), {
      actual: '5.16',
      target: before.target ?? '',
      status,
      statusReason: 'matrix',
    })
    if (outcome !== 'refused' || browser !== browsers.get('owner')) expectStatus(entry, outcome, 303, 'assessment')
    else assert.equal(entry.statusCode, 303, 'the owner’s own figure is accepted, without the assessment')
    const after = await lca2()
    if (outcome === 'allowed') assert.equal(after.status, status)
    else assert.deepEqual(after, before)
  },

  async exceptionReport(browser, outcome) {
    const why = unique('Why it is red, from the matrix')
    expectStatus(await browser.get(indicator('STP 13', '/exception-report')), outcome, 200, 'exception form')
    const saved = await browser.post(indicator('STP 13', '/exception-report'), { action: 'draft', why })
    expectStatus(saved, outcome, 303, 'exception report')
    const trail = JSON.stringify(await t.services.plans.auditTrail(DEMO_PLAN, 'STP 13'))
    assert.equal(trail.includes(why), outcome === 'allowed')
  },

  async deliveryStatus(browser, outcome) {
    const url = `/plans/${HALTON}/delivery/${encodeURIComponent('CCC 1.2')}?period=${HALTON_Q2}`
    const commentary = unique('Milestone progress from the matrix')
    expectStatus(await browser.get(url), outcome, 200, 'delivery status form')
    const saved = await browser.post(url, { status: 'amber', commentary, overrideReason: 'matrix' })
    expectStatus(saved, outcome, 303, 'delivery status')
    const trail = JSON.stringify(await t.services.plans.auditTrail(DEMO_DELIVERY_PLANS.halton))
    assert.equal(trail.includes(commentary), outcome === 'allowed')
  },

  async riskReview(browser, outcome) {
    const url = `/plans/${HALTON}/risks/treatments/R1.2?period=${HALTON_Q2}`
    const commentary = unique('Treatment progress from the matrix')
    expectStatus(await browser.get(url), outcome, 200, 'risk review form')
    expectStatus(await browser.post(url, { progress: 'amber', commentary }), outcome, 303, 'risk review')
    const trail = JSON.stringify(await t.services.plans.auditTrail(DEMO_DELIVERY_PLANS.halton))
    assert.equal(trail.includes(commentary), outcome === 'allowed')
  },

  async import(browser, outcome) {
    const planName = unique('Matrix import plan')
    expectStatus(await browser.get('/import'), outcome, 200, 'import form')
    const upload = multipart(
      { _csrf: browser.csrf, planName },
      {
        indicators:
          'ref,title,theme,frequency,polarity,value_type,unit,accumulation,tolerance_pct,dot_basis\nM 1,A measure,A theme,quarterly,higher,number,%,point,10,previous\n',
        observations: 'ref,period,actual,target\nM 1,2013/14 Q2,50,45\n',
      },
    )
    const response = await browser.request({ method: 'POST', url: '/import', ...upload })
    expectStatus(response, outcome, 303, 'import')
    if (outcome !== 'allowed') return
    const job = String(response.headers.location)
    assert.match(job, /^\/import\/[0-9a-f]{24}$/)
    // Someone else's import is not theirs to see, even knowing its address.
    const stranger = browsers.get(browser === browsers.get('admin') ? 'officer' : 'admin')
    assert.equal((await stranger?.get(job))?.statusCode, 404, 'another person’s import job')
    let page = await browser.get(job)
    for (let tries = 0; page.statusCode === 200 && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      page = await browser.get(job)
    }
    assert.equal(page.statusCode, 303, page.body.slice(0, 300))
    assert.ok((await t.services.plans.list()).some((plan) => plan.name === planName))
  },

  async importBudget(browser, outcome) {
    // A period no other row touches, and a statement of its own each time, so each allowed import changes something.
    const statement = unique('Matrix statement')
    expectStatus(await browser.get('/import/budget'), outcome, 200, 'budget import form')
    const upload = multipart(
      { _csrf: browser.csrf, planName: DEMO_DELIVERY_PLANS.halton },
      {
        budget: `statement,section,line,period,annual_budget,budget_to_date,actual_to_date\n${statement},expenditure,Employees,2010/11 Q4,100,100,90\n`,
      },
    )
    const response = await browser.request({ method: 'POST', url: '/import/budget', ...upload })
    expectStatus(response, outcome, 303, 'budget import')
    const trail = JSON.stringify(await t.services.plans.auditTrail(DEMO_DELIVERY_PLANS.halton))
    assert.equal(trail.includes(statement), outcome === 'allowed')
  },

  async export(browser, outcome) {
    for (const format of ['html', 'xlsx', 'docx']) {
      const url = `/plans/${PLAN}/download/${format}?period=${Q2}`
      const response = await browser.get(url)
      expectStatus(response, outcome, 200, url)
      if (outcome === 'allowed') assert.match(String(response.headers['content-disposition']), /^attachment; filename=/)
    }
  },

  async manageUsers(browser, outcome) {
    expectStatus(await browser.get('/users'), outcome, 200, 'users page')
    const other = await otherOwnerId()
    expectStatus(await browser.get(`/users/${other}`), outcome, 200, 'a person’s page')
    const edited = await browser.post(`/users/${other}`, { name: 'Other indicator owner', role: 'owner' })
    expectStatus(edited, outcome, 303, 'edit a person')
  },

  async invite(browser, outcome) {
    const email = `${unique('matrix').replace(' ', '.')}@outturn.example`
    const invited = await browser.post('/users', { email, name: 'Matrix user', role: 'viewer' })
    expectStatus(invited, outcome, 200, 'invite')
    assert.equal(
      (await t.services.auth.listUsers()).some((u) => u.email === email),
      outcome === 'allowed',
    )
  },

  async deactivate(browser, outcome) {
    const id = toDeactivate.shift()
    if (id === undefined) throw new Error('no one left to deactivate')
    const response = await browser.post(`/users/${id}/active`, { active: 'no' })
    expectStatus(response, outcome, 303, 'deactivate')
    assert.equal((await t.services.people.person(id)).active, outcome !== 'allowed')
  },

  async resetPassword(browser, outcome) {
    const response = await browser.post(`/users/${await otherOwnerId()}/reset`, {})
    expectStatus(response, outcome, 200, 'reset')
    if (outcome === 'allowed') assert.match(response.body, /\/account\/password\?token=/)
    else assert.doesNotMatch(response.body, /token=/)
  },

  async assign(browser, outcome) {
    const response = await browser.post(`/users/${await otherOwnerId()}/assign`, {
      target: `indicator|${DEMO_PLAN}|NI 154`,
    })
    expectStatus(response, outcome, 303, 'assign')
  },

  async readApi(browser, outcome) {
    for (const url of ['/api/plans', `/api/plans/${PLAN}/indicators`, `/api/plans/${PLAN}/report?period=${Q2}`]) {
      const response = await browser.get(url)
      expectStatus(response, outcome, 200, url)
      if (outcome === 'allowed') assert.match(String(response.headers['content-type']), /^application\/json/)
    }
  },
  async readRules(browser, outcome) {
    const page = await browser.get(`/plans/${PLAN}/rules`)
    expectStatus(page, outcome, 200, 'rules page')
    if (outcome === 'allowed') {
      assert.match(page.body, /on target or better/, 'the rules in words')
      const offersForm = page.body.includes('name="tolerance"')
      assert.equal(offersForm, MATRIX.setRules[ROLES.find((r) => browsers.get(r) === browser) ?? 'viewer'] === A)
    }
  },

  async setRules(browser, outcome) {
    // The plan's own tolerance: every demo indicator gives its own, so no status changes under other probes.
    const tolerance = `${(counter += 1)}%`
    const response = await browser.post(`/plans/${PLAN}/rules`, { tolerance, reason: unique('matrix rules') })
    expectStatus(response, outcome, 303, 'set rules')
    const view = await t.services.rules.view(PLAN)
    assert.equal(view.texts.tolerance === tolerance, outcome === 'allowed', 'changed exactly when allowed')
  },

  async setBudgetRule(browser, outcome) {
    // The percentage over profile that is Red; the demo plan holds no finances, so nothing else's status moves.
    const redOverPercent = String((counter += 1) % 100)
    const response = await browser.post(`/plans/${PLAN}/rules/budget`, {
      redOverPercent,
      budgetReason: unique('matrix budget rule'),
    })
    expectStatus(response, outcome, 303, 'set the budget rule')
    const view = await t.services.budgetRules.view(PLAN)
    assert.equal(view.text === redOverPercent, outcome === 'allowed', 'changed exactly when allowed')
  },

  async setReportDetails(browser, outcome) {
    // A period nothing else signs off, so the details stay open to change.
    const url = `/plans/${PLAN}/report/details?period=2013/14%20Q3`
    expectStatus(await browser.get(url), outcome, 200, 'report details form')
    const committee = unique('matrix committee')
    expectStatus(await browser.post(url, { committee, status: 'draft' }), outcome, 303, 'set report details')
    const kept = await t.services.reportDetails.read(PLAN, parsePeriod('2013/14 Q3'))
    assert.equal(kept.details.committee === committee, outcome === 'allowed', 'changed exactly when allowed')
  },

  async signOff(browser, outcome) {
    const period = parsePeriod('2013/14 Q1')
    const signOffUrl = `/plans/${PLAN}/sign-off?period=${Q1}`
    const unlockUrl = `/plans/${PLAN}/sign-off/unlock?period=${Q1}`
    expectStatus(await browser.get(signOffUrl), outcome, 200, 'sign-off form')
    const committee = unique('Scrutiny committee, from the matrix')
    // Q1 has exception reports outstanding: signing off needs the confirmation and a reason.
    const fields = { committee, confirm: 'yes', regardless: 'The matrix signs off regardless' }
    expectStatus(await browser.post(signOffUrl, fields), outcome, 303, 'sign off')
    const locked = await t.services.signOffs.inForceFor(PLAN, period)
    assert.equal(locked?.committee ?? null, outcome === 'allowed' ? committee : null, 'signed off exactly when allowed')
    if (outcome !== 'allowed') return
    expectStatus(await browser.get(unlockUrl), outcome, 200, 'unlock form')
    expectStatus(await browser.post(unlockUrl, { reason: unique('Reopened by the matrix') }), outcome, 303, 'unlock')
    assert.equal(await t.services.signOffs.inForceFor(PLAN, period), null, 'unlocked')
  },

  async openRound(browser, outcome) {
    const text = OPEN_PERIODS.shift()
    if (!text) throw new Error('no period left to open a round for')
    const period = parsePeriod(text)
    const url = `/plans/${PLAN}/round/open?period=${encodeURIComponent(text)}`
    expectStatus(await browser.get(url), outcome, 200, 'open round form')
    const fields = { 'due-day': '15', 'due-month': '10', 'due-year': '2013', publish: 'on-entry' }
    expectStatus(await browser.post(url, fields), outcome, 303, 'open round')
    assert.equal(
      (await t.services.rounds.find(PLAN, period)) !== null,
      outcome === 'allowed',
      'opened exactly when allowed',
    )
  },

  async approveReturn(browser, outcome) {
    const id = await returnToReview(outcome)
    const response = await browser.post(`/plans/${PLAN}/round/returns/${id}/approve?period=${Q2}`, {})
    expectStatus(response, outcome, 303, 'approve')
    const item = (await t.services.rounds.status(PLAN, ROUND_PERIOD)).people
      .flatMap((person) => person.items)
      .find((i) => i.returnId === id)
    if (outcome === 'allowed') assert.equal(item?.standing, 'approved')
  },

  async sendBack(browser, outcome) {
    const id = await returnToReview(outcome)
    const url = `/plans/${PLAN}/round/returns/${id}/send-back?period=${Q2}`
    expectStatus(await browser.get(url), outcome, 200, 'send back form')
    const comment = unique('Sent back by the matrix')
    expectStatus(await browser.post(url, { comment }), outcome, 303, 'send back')
    const trail = JSON.stringify(await t.services.plans.auditTrail(DEMO_PLAN))
    assert.equal(trail.includes(comment), outcome === 'allowed', 'sent back, with the comment, exactly when allowed')
  },

  async chase(browser, outcome) {
    const chases = async () =>
      (await t.services.plans.auditTrail(DEMO_PLAN)).filter((e) => e.entity === 'round' && e.field === 'chased').length
    const before = await chases()
    expectStatus(await browser.get(`/plans/${PLAN}/round?period=${Q2}`), outcome, 200, 'round page')
    expectStatus(await browser.post(`/plans/${PLAN}/round/chase?period=${Q2}`, {}), outcome, 303, 'chase')
    assert.equal(await chases(), before + (outcome === 'allowed' ? 1 : 0))
  },

  async viewOutbox(browser, outcome) {
    const page = await browser.get('/outbox')
    expectStatus(page, outcome, 200, 'outbox page')
    if (outcome === 'allowed') assert.match(page.body, /<h1 class="govuk-heading-l">Outbox<\/h1>/)
    else assert.doesNotMatch(page.body, /@outturn\.example<\/td>/, 'no recipient is shown when refused')
  },

  async budgetCommentary(browser, outcome) {
    const url = `/plans/${HALTON}/finance/statements/${statementOf(HELD)}/commentary?period=${HALTON_Q2}`
    expectStatus(await browser.get(url), outcome, 200, 'budget holder’s form')
    const comments = unique('Budget comments from the matrix')
    expectStatus(await browser.post(url, { comments, projectedOutturn: '(137)' }), outcome, 303, 'budget comments')
    const trail = JSON.stringify(await t.services.plans.auditTrail(DEMO_DELIVERY_PLANS.halton))
    assert.equal(trail.includes(comments), outcome === 'allowed', 'the comments are recorded exactly when allowed')
  },

  async assignBudgetHolder(browser, outcome) {
    const statement = statementOf(ASSIGNED)
    const other = await otherOwnerId()
    const holds = async () => {
      const admin = { id: 0, email: 'matrix', name: 'Matrix', role: 'admin' } as const
      const page = await t.services.budgetHolders.assignments(admin, HALTON)
      const held = page.statements.find((s) => s.statement.id === statement)
      return held?.holders.some((h) => h.userId === other) ?? false
    }
    const url = `/plans/${HALTON}/finance/holders`
    expectStatus(await browser.get(url), outcome, 200, 'budget holders page')
    const fields = { statement: String(statement), action: 'assign', [`person-${statement}`]: String(other) }
    expectStatus(await browser.post(url, fields), outcome, 303, 'assign a budget holder')
    assert.equal(await holds(), outcome === 'allowed', 'assigned exactly when allowed')
    if (outcome !== 'allowed') return
    const removal = { statement: String(statement), action: 'remove', person: String(other) }
    expectStatus(await browser.post(url, removal), outcome, 303, 'remove a budget holder')
    assert.equal(await holds(), false, 'removed')
  },
}

describe('the permissions matrix', () => {
  for (const [action, row] of Object.entries(MATRIX) as [keyof typeof MATRIX, Record<Role, Outcome>][]) {
    for (const role of ROLES) {
      const outcome = row[role]
      it(`${action} × ${role}: ${outcome}`, async () => {
        const browser = browsers.get(role) ?? (await signedOutBrowser())
        const before = outcome === 'allowed' ? null : await state()
        await PROBES[action](browser, outcome)
        if (before !== null) assert.equal(await state(), before, 'a refusal changed something')
      })
    }
  }

  it('has a row for every action the app offers', () => {
    assert.equal(Object.keys(MATRIX).length * ROLES.length, 168)
    for (const url of [
      '/plans/:plan/round/open',
      '/plans/:plan/round/chase',
      '/plans/:plan/round/returns/:id/approve',
      '/plans/:plan/round/returns/:id/send-back',
    ])
      assert.ok(t.app.hasRoute({ method: 'POST', url }), url)
    for (const url of ['/users', '/users/:id/active', '/users/:id/reset', '/users/:id/assign'])
      assert.ok(t.app.hasRoute({ method: 'POST', url }), url)
    assert.ok(t.app.hasRoute({ method: 'GET', url: '/outbox' }) && 'viewOutbox' in MATRIX)
    assert.ok(t.app.hasRoute({ method: 'POST', url: '/import/budget' }) && 'importBudget' in MATRIX)
    // Signing off and unlocking, the last kind of change to land, are on the server and in the table.
    for (const url of ['/plans/:plan/sign-off', '/plans/:plan/sign-off/unlock'])
      assert.ok(t.app.hasRoute({ method: 'POST', url }), url)
    assert.ok('signOff' in MATRIX)
    assert.ok(t.app.hasRoute({ method: 'POST', url: '/plans/:plan/rules' }) && 'setRules' in MATRIX)
    assert.ok(t.app.hasRoute({ method: 'POST', url: '/plans/:plan/rules/budget' }) && 'setBudgetRule' in MATRIX)
    assert.ok(t.app.hasRoute({ method: 'POST', url: '/plans/:plan/report/details' }) && 'setReportDetails' in MATRIX)
    // The budget holder's entry and the choosing of budget holders.
    const commentary = '/plans/:plan/finance/statements/:statement/commentary'
    assert.ok(t.app.hasRoute({ method: 'POST', url: commentary }) && 'budgetCommentary' in MATRIX)
    assert.ok(t.app.hasRoute({ method: 'POST', url: '/plans/:plan/finance/holders' }) && 'assignBudgetHolder' in MATRIX)
  })
})

describe('unlocking a signed-off period', () => {
  it('is refused to everyone who may not sign off, and changes nothing', async () => {
    const period = parsePeriod('2013/14 Q1')
    const unlockUrl = `/plans/${PLAN}/sign-off/unlock?period=${Q1}`
    const officer = browsers.get('officer')
    assert.ok(officer)
    const signOff = { committee: '', confirm: 'yes', regardless: 'The matrix signs off regardless' }
    expectStatus(await officer.post(`/plans/${PLAN}/sign-off?period=${Q1}`, signOff), 'allowed', 303, 'lock')
    assert.ok(await t.services.signOffs.inForceFor(PLAN, period))
    for (const role of ROLES.filter((r) => MATRIX.signOff[r] !== 'allowed')) {
      const browser = browsers.get(role) ?? (await signedOutBrowser())
      const before = await state()
      expectStatus(await browser.get(unlockUrl), MATRIX.signOff[role], 200, `unlock form × ${role}`)
      expectStatus(await browser.post(unlockUrl, { reason: 'matrix' }), MATRIX.signOff[role], 303, `unlock × ${role}`)
      assert.equal(await state(), before, `a refused unlock by ${role} changed something`)
      assert.ok(await t.services.signOffs.inForceFor(PLAN, period), `still signed off after ${role}`)
    }
    expectStatus(await officer.post(unlockUrl, { reason: 'The matrix tidies up' }), 'allowed', 303, 'unlock')
    assert.equal(await t.services.signOffs.inForceFor(PLAN, period), null)
  })
})

describe('guessed addresses', () => {
  const GUESSES: { who: Role; url: string; method?: 'POST'; status: number; why: string }[] = [
    { who: 'owner', url: indicator('BV 9', '/entry'), status: 403, why: 'another owner’s indicator' },
    { who: 'owner', url: indicator('BV 9', '/entry'), method: 'POST', status: 403, why: 'posting to it' },
    { who: 'owner', url: indicator('BV 9', '/exception-report'), method: 'POST', status: 403, why: 'its report' },
    { who: 'owner', url: indicator('lca 2', '/entry'), status: 404, why: 'their ref in another case' },
    { who: 'owner', url: indicator('LCA 2 ', '/entry'), method: 'POST', status: 404, why: 'their ref and a space' },
    { who: 'owner', url: indicator('NOPE 1', '/entry'), method: 'POST', status: 404, why: 'a ref that does not exist' },
    {
      who: 'owner',
      url: `/plans/chorley-partnership-2013-14/indicators/LCA%202/entry?period=${Q2}`,
      method: 'POST',
      status: 404,
      why: 'their ref in another plan',
    },
    { who: 'owner', url: `/plans/no-such-plan/indicators/LCA%202/entry?period=${Q2}`, status: 404, why: 'no plan' },
    {
      who: 'owner',
      url: `/plans/${HALTON}/delivery/CCC%201.1?period=${HALTON_Q2}`,
      status: 403,
      why: 'a milestone not theirs',
    },
    {
      who: 'owner',
      url: `/plans/${HALTON}/delivery/CCC%201.1?period=${HALTON_Q2}`,
      method: 'POST',
      status: 403,
      why: 'posting it',
    },
    {
      who: 'owner',
      url: `/plans/chorley-partnership-2013-14/delivery/CCC%201.2?period=${HALTON_Q2}`,
      method: 'POST',
      status: 403,
      why: 'their milestone’s ref in another plan',
    },
    {
      who: 'owner',
      url: `/plans/${HALTON}/risks/treatments/R1.1?period=${HALTON_Q2}`,
      method: 'POST',
      status: 403,
      why: 'a treatment not theirs',
    },
    {
      who: 'owner',
      url: `/plans/${HALTON}/risks/treatments/R9.9?period=${HALTON_Q2}`,
      method: 'POST',
      status: 404,
      why: 'no such treatment',
    },
    { who: 'otherOwner', url: indicator('LCA 2', '/exception-report'), status: 403, why: 'the first owner’s report' },
    {
      who: 'owner',
      url: indicator('LCA 2', '/definition', ''),
      method: 'POST',
      status: 403,
      why: 'their own definition',
    },
    { who: 'viewer', url: '/import/000000000000000000000000', status: 403, why: 'an import job, as a viewer' },
    { who: 'officer', url: '/import/000000000000000000000000', status: 404, why: 'a guessed import job' },
    { who: 'officer', url: '/import/1', status: 404, why: 'a numeric import job' },
    { who: 'officer', url: '/import/..%2Fusers', status: 404, why: 'a path in a job id' },
    {
      who: 'officer',
      url: `/plans/${PLAN}/download/csv?period=${Q2}`,
      status: 404,
      why: 'a format that does not exist',
    },
    {
      who: 'viewer',
      url: `/api/plans/no-such-plan/report?period=${Q2}`,
      status: 404,
      why: 'an unknown plan in the API',
    },
  ]

  for (const guess of GUESSES) {
    it(`${guess.who} ${guess.method ?? 'GET'} ${guess.why}: ${guess.status}, nothing changes`, async () => {
      const browser = browsers.get(guess.who) ?? (await signedOutBrowser())
      const before = await state()
      const response =
        guess.method === 'POST'
          ? await browser.post(guess.url, {
              actual: '1',
              reason: 'guess',
              why: 'guess',
              action: 'draft',
              status: 'red',
              progress: 'red',
              commentary: 'guess',
              title: 'guessed',
              tolerancePct: '1',
            })
          : await browser.get(guess.url)
      assert.equal(response.statusCode, guess.status, response.body.slice(0, 200))
      assert.doesNotMatch(response.body, /The form had expired/)
      assert.equal(await state(), before)
    })
  }
})

describe('pages for one person never reach another (what a cache must not break)', () => {
  it('answers the same addresses, asked in turn by each role, with that role’s page', async () => {
    const url = indicator('LCA 2')
    for (let round = 0; round < 2; round += 1) {
      for (const role of ['owner', 'viewer', 'admin', 'otherOwner', 'signedOut', 'officer'] as const) {
        const browser = browsers.get(role) ?? (await signedOutBrowser())
        const page = await browser.get(url)
        if (role === 'signedOut') {
          assert.equal(page.statusCode, 303)
          continue
        }
        assert.equal(page.statusCode, 200)
        assert.equal(page.headers['cache-control'], 'no-store')
        const enters = page.body.includes('/entry?period=')
        assert.equal(enters, MATRIX.enterData[role] === 'allowed', `${role} sees the entry button exactly when allowed`)
        const users = await browser.get(`/plans/${PLAN}?period=${Q2}`)
        assert.equal(users.body.includes('href="/users"'), role === 'admin', `${role}: the Users link`)
        const name = {
          admin: 'Demo administrator',
          officer: 'Demo performance officer',
          owner: 'Demo indicator owner',
          otherOwner: 'Other indicator owner',
          viewer: 'Demo viewer',
        }[role]
        assert.ok(users.body.includes(`>${name}<`), `${role}'s own name in the header`)
        for (const other of ['Demo administrator', 'Demo viewer'].filter((n) => n !== name))
          assert.ok(!users.body.includes(`>${other}<`), `${role} does not see ${other}'s header`)
      }
    }
  })
})

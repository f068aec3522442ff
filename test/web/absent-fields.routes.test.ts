import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Actor } from '../../src/domain/access/access.ts'
import { formatPeriod, parsePeriod } from '../../src/domain/periods/period.ts'
import {
  type Client,
  PLAN,
  Q2,
  type TestApp,
  USERS,
  entryUrl,
  exceptionUrl,
  signedIn,
  startTestApp,
} from './harness.ts'

/**
 * Every form that updates a record, every field it stores: a POST that leaves a field out keeps its stored value,
 * and only a field sent empty clears it (issue 14, item 6: an entry POST with only `actual` cleared the target,
 * the estimate flag and the note).
 */

const HALTON = 'halton-safer-ppb-2012-13'
const HALTON_Q2 = parsePeriod('2012/13 Q2')

interface UpdateForm {
  readonly form: string
  readonly user: 'officer' | 'owner'
  readonly url: string
  /** Fields every POST sends that are not stored (the reason for a revision, the button pressed). */
  readonly extra: Record<string, string>
  /** A full set of stored values, posted first; then each field changed alone, to these. */
  readonly full: Record<string, string>
  readonly changed: Record<string, string>
  /** Fields that may be sent empty, clearing them. */
  readonly clearable: readonly string[]
  /** What is stored now, in the form's field names. */
  readonly read: (t: TestApp, actor: Actor) => Promise<Record<string, string>>
}

const FORMS: readonly UpdateForm[] = [
  {
    form: 'the entry form',
    user: 'officer',
    url: entryUrl('LCA 2'),
    extra: { reason: 'A revision', statusReason: '' },
    full: { actual: '5.2', target: '5.5', estimated: 'yes', note: 'The first note', status: '', dataPeriod: '' },
    changed: { actual: '5.3', target: '5.6', note: 'Another note', dataPeriod: '2013/14 Q1' },
    clearable: ['target', 'note', 'estimated', 'dataPeriod'],
    read: async (t, actor) => {
      const context = await t.services.entries.indicatorContext(actor, PLAN, 'LCA 2')
      const o = context.observations.find((x) => formatPeriod(x.period) === Q2)
      assert.ok(o)
      return {
        actual: o.actual ?? '',
        target: o.target ?? '',
        estimated: o.estimated ? 'yes' : '',
        note: o.note ?? '',
        status: o.status ?? '',
        dataPeriod: o.dataPeriod ? formatPeriod(o.dataPeriod) : '',
      }
    },
  },
  {
    form: 'the exception report',
    user: 'owner',
    url: exceptionUrl('STP 13'),
    extra: { action: 'draft' },
    full: { baseline: 'A baseline', why: 'Why it is red', implications: 'What follows', improvement: 'What is done' },
    changed: { baseline: 'B', why: 'W', implications: 'I', improvement: 'M' },
    clearable: ['baseline', 'why', 'implications', 'improvement'],
    read: async (t, actor) => {
      const r = await t.services.exceptions.find(actor, PLAN, 'STP 13', parsePeriod(Q2))
      return {
        baseline: r?.baseline ?? '',
        why: r?.why ?? '',
        implications: r?.implications ?? '',
        improvement: r?.improvement ?? '',
      }
    },
  },
  {
    form: 'the definition form',
    user: 'officer',
    url: `/plans/${PLAN}/indicators/LCA%202/definition`,
    extra: { reason: 'A change to the definition' },
    full: { title: 'Young people in learning', unit: '%', owner: 'The head of service', tolerancePct: '10' },
    changed: { title: 'Young people in education', unit: 'per cent', owner: 'An officer', tolerancePct: '5' },
    clearable: ['owner', 'unit'],
    read: async (t, actor) => {
      const i = (await t.services.entries.indicatorContext(actor, PLAN, 'LCA 2')).record.indicator
      return { title: i.title, unit: i.unit, owner: i.owner ?? '', tolerancePct: i.tolerancePct }
    },
  },
  {
    form: 'a milestone’s status',
    user: 'officer',
    url: `/plans/${HALTON}/delivery/CCC%201.2?period=2012%2F13%20Q2`,
    extra: { overrideReason: 'Checked with the team' },
    full: { status: 'green', commentary: 'On track' },
    changed: { status: 'amber', commentary: 'Slipping' },
    clearable: ['commentary'],
    read: async (t) => {
      const plan = await t.services.plans.bySlug(HALTON)
      const r = (await t.services.delivery.evaluate(plan.name, HALTON_Q2)).results.find((x) => x.item.ref === 'CCC 1.2')
      return { status: r?.status ?? '', commentary: r?.commentary ?? '' }
    },
  },
  {
    form: 'a risk treatment’s review',
    user: 'officer',
    url: `/plans/${HALTON}/risks/treatments/R1.2?period=2012%2F13%20Q2`,
    extra: {},
    full: { progress: 'amber', commentary: 'Behind on two actions' },
    changed: { progress: 'red', commentary: 'Behind on three actions' },
    clearable: [],
    read: async (t) => {
      const plan = await t.services.plans.bySlug(HALTON)
      const found = (await t.services.risks.register(plan.name, HALTON_Q2))
        .flatMap((r) => r.treatments)
        .find((x) => x.treatment.ref === 'R1.2')
      return { progress: found?.review?.progress ?? '', commentary: found?.review?.commentary ?? '' }
    },
  },
]

let t: TestApp
const clients = new Map<string, Client>()
const actors = new Map<string, Actor>()
before(async () => {
  t = await startTestApp()
  for (const user of ['officer', 'owner'] as const) {
    clients.set(user, await signedIn(t.app, USERS[user]))
    const found = (await t.services.auth.listUsers()).find((u) => u.email === USERS[user].email)
    assert.ok(found)
    actors.set(user, found)
  }
})
after(async () => {
  await t.close()
})

async function post(form: UpdateForm, fields: Record<string, string>): Promise<void> {
  const client = clients.get(form.user)
  assert.ok(client)
  await client.get(form.url)
  const response = await client.post(form.url, { ...form.extra, ...fields })
  assert.equal(response.statusCode, 303, `${form.form} ${JSON.stringify(fields)}: ${response.body.slice(0, 300)}`)
}

async function stored(form: UpdateForm): Promise<Record<string, string>> {
  const actor = actors.get(form.user)
  assert.ok(actor)
  return form.read(t, actor)
}

describe('a POST that leaves fields out keeps what is stored', () => {
  for (const form of FORMS) {
    it(`${form.form}: each field sent alone changes that field only; sent empty it clears; left out it stays`, async () => {
      // The full form, as a browser sends it (listing its checkboxes).
      await post(form, { ...form.full, _checkboxes: 'estimated' })
      const held = { ...form.full }
      assert.deepEqual(await stored(form), held, 'the full form is stored')

      // Nothing but what is not stored: nothing changes.
      await post(form, {})
      assert.deepEqual(await stored(form), held, 'a POST of no fields changes none')

      for (const [name, value] of Object.entries(form.changed)) {
        await post(form, { [name]: value })
        held[name] = value
        assert.deepEqual(await stored(form), held, `${name} sent alone`)
      }
      for (const name of form.clearable) {
        if (name === 'estimated') {
          // A checkbox left out of a form that does not list it stays; listed and left out, it was unticked.
          await post(form, {})
          assert.equal((await stored(form)).estimated, 'yes', 'an unlisted checkbox left out stays ticked')
          await post(form, { _checkboxes: 'estimated' })
        } else await post(form, { [name]: '' })
        held[name] = ''
        assert.deepEqual(await stored(form), held, `${name} sent empty clears it, and only it`)
      }
    })
  }
})

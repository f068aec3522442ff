import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatPeriod, parsePeriod } from '../../../src/domain/periods/period.ts'
import {
  type HeldPlan,
  type ImportChangesInput,
  type RevisionMark,
  planImportChanges,
} from '../../../src/services/import/import-changes.ts'
import { type ParsedImport, parseImport } from '../../../src/services/import/import-validation.ts'
import { fixtureFile } from '../../helpers/fixtures.ts'

/**
 * The import's change planner, without a database: what a first import, a repeat and a revision of the Trafford
 * files would insert, update and record in the audit trail.
 */
const PARSED = parseImport(fixtureFile('indicators.csv'), fixtureFile('observations.csv'))
const AUDIT = { at: '2013-10-24T09:00:00.000Z', actor: 'cli:officer', source: 'import:indicators.csv,observations.csv' }
const PLAN = 'Trafford ADP 2013/14'

/** The plan as the database would hold it after importing `parsed`: ids from 1, observations' ids from 1,001. */
function heldAfter(parsed: ParsedImport): HeldPlan {
  const themes = new Map<string, number>()
  for (const indicator of parsed.indicators)
    if (!themes.has(indicator.theme)) themes.set(indicator.theme, themes.size + 1)
  const ids = new Map(parsed.indicators.map((indicator, index) => [indicator.ref, index + 1]))
  return {
    themes,
    indicators: parsed.indicators.map((indicator, index) => ({
      id: index + 1,
      themeId: themes.get(indicator.theme) ?? 0,
      position: index,
      indicator,
    })),
    observations: parsed.observations.map(({ ref, observation }, index) => ({
      id: 1001 + index,
      indicatorId: ids.get(ref) ?? 0,
      observation,
    })),
    comparators: parsed.comparators.map(({ ref, comparator }, index) => ({
      id: 5001 + index,
      indicatorId: ids.get(ref) ?? 0,
      comparator,
    })),
  }
}

function plan(overrides: Partial<ImportChangesInput> = {}) {
  return planImportChanges({
    planName: PLAN,
    planId: 7,
    held: heldAfter(PARSED),
    parsed: PARSED,
    revisions: new Map(),
    audit: AUDIT,
    ...overrides,
  })
}

/** The Trafford files with one observation's fields replaced. */
function withObservation(ref: string, period: string, change: Record<string, unknown>): ParsedImport {
  let found = false
  const observations = PARSED.observations.map((o) => {
    if (o.ref !== ref || formatPeriod(o.observation.period) !== period) return o
    found = true
    return { ...o, observation: { ...o.observation, ...change } }
  })
  assert.ok(found, `the fixture has ${ref} for ${period}`)
  return { ...PARSED, observations }
}

describe('planning an import', () => {
  it('a new plan: the plan, every theme, indicator and figure is new, and audited', () => {
    const changes = plan({ held: null })
    assert.deepEqual(changes.counts.indicators, { added: PARSED.indicators.length, updated: 0, unchanged: 0 })
    assert.deepEqual(changes.counts.observations, { added: PARSED.observations.length, updated: 0, unchanged: 0 })
    assert.deepEqual(
      changes.newThemes,
      [...new Set(PARSED.indicators.map((i) => i.theme))],
      'each theme once, in the order the indicators name them',
    )
    assert.deepEqual(
      changes.indicatorInserts.map((i) => [i.indicator.ref, i.position]),
      PARSED.indicators.map((indicator, index) => [indicator.ref, index]),
    )
    assert.equal(changes.observationInserts.length, PARSED.observations.length)
    assert.deepEqual([changes.indicatorUpdates, changes.observationUpdates], [[], []])
    const [first, second] = changes.audit.events
    assert.deepEqual(
      [first?.entity, first?.field, first?.newValue, first?.planId, first?.actor, first?.at],
      ['plan', 'created', PLAN, 7, AUDIT.actor, AUDIT.at],
    )
    assert.deepEqual([second?.entity, second?.ref, second?.field], ['indicator', 'CAG 08', 'created'])
    // Each indicator's figures are one change set: CAG 08's Q2 estimate shows as "yes", as the file says it.
    const cag = changes.audit.changeSets.find((set) => set.ref === 'CAG 08')
    assert.ok(
      cag?.changes.some(
        ([period, field, old, next]) =>
          period === '2013/14 Q2' && field === 'estimated' && old === null && next === 'yes',
      ),
    )
    assert.ok(
      cag?.changes.some(([period, field, , next]) => period === '2013/14 Q2' && field === 'actual' && next === '57.59'),
    )
    assert.equal(
      changes.audit.count,
      changes.audit.events.length + changes.audit.changeSets.reduce((n, s) => n + s.changes.length, 0),
    )
  })

  it('the same files again: nothing to insert, update or audit', () => {
    const changes = plan()
    assert.deepEqual(changes.counts.indicators, { added: 0, updated: 0, unchanged: PARSED.indicators.length })
    assert.deepEqual(changes.counts.observations, { added: 0, updated: 0, unchanged: PARSED.observations.length })
    assert.deepEqual(
      [
        changes.newThemes,
        changes.indicatorInserts,
        changes.indicatorUpdates,
        changes.observationInserts,
        changes.observationUpdates,
      ],
      [[], [], [], [], []],
    )
    assert.equal(changes.audit.count, 0)
  })

  it('a revised figure: one update with its new columns, audited with the old and new values', () => {
    const parsed = withObservation('CAG 08', '2013/14 Q2', { actual: '58.1', estimated: false })
    const changes = plan({ parsed })
    assert.deepEqual(changes.counts.observations, { added: 0, updated: 1, unchanged: PARSED.observations.length - 1 })
    const held = heldAfter(PARSED).observations.find(
      (o) => o.indicatorId === 1 && formatPeriod(o.observation.period) === '2013/14 Q2',
    )
    assert.deepEqual(
      changes.observationUpdates.map((u) => [u.id, u.columns.actual, u.columns.estimated]),
      [[held?.id, '58.1', 0]],
    )
    assert.deepEqual(
      changes.audit.changeSets.map((s) => [s.ref, s.changes]),
      [
        [
          'CAG 08',
          [
            ['2013/14 Q2', 'actual', '57.59', '58.1'],
            ['2013/14 Q2', 'estimated', 'yes', 'no'],
          ],
        ],
      ],
    )
    assert.deepEqual(changes.audit.events, [], 'figures go in change sets, not single events')
  })

  it('a changed definition and a new theme: the changed columns only, and the move audited', () => {
    const parsed = {
      ...PARSED,
      indicators: PARSED.indicators.map((i) =>
        i.ref === 'NI 179' ? { ...i, title: 'Savings made', theme: 'Finance' } : i,
      ),
    }
    const changes = plan({ parsed })
    assert.deepEqual(changes.newThemes, ['Finance'])
    assert.deepEqual(changes.indicatorUpdates, [{ id: 2, columns: { title: 'Savings made' }, theme: 'Finance' }])
    assert.deepEqual(
      changes.audit.events.map((e) => [e.entity, e.ref, e.field, e.oldValue, e.newValue]),
      [
        ['indicator', 'NI 179', 'title', 'Delivery of efficiency and other savings', 'Savings made'],
        ['indicator', 'NI 179', 'theme', 'Low Council Tax and Value For Money', 'Finance'],
      ],
    )
    assert.deepEqual(changes.counts.indicators, { added: 0, updated: 1, unchanged: PARSED.indicators.length - 1 })
  })

  it('a new indicator on a held plan goes after those held', () => {
    const extra = { ...PARSED.indicators[0]!, ref: 'NEW 1', title: 'A new measure' }
    const changes = plan({ parsed: { ...PARSED, indicators: [...PARSED.indicators, extra] } })
    assert.deepEqual(
      changes.indicatorInserts.map((i) => [i.indicator.ref, i.position]),
      [['NEW 1', PARSED.indicators.length + PARSED.indicators.length]],
      'the position the store has always given: the count held plus its place in the file',
    )
    assert.deepEqual(
      changes.audit.events.map((e) => [e.ref, e.field, e.newValue]),
      [['NEW 1', 'created', 'A new measure']],
    )
  })

  it('a revision of a signed-off period is recorded singly, with the reason and the sign-off it revises', () => {
    const parsed = withObservation('CAG 08', '2013/14 Q2', { actual: '58.1' })
    const mark: RevisionMark = { reason: 'Corrected by the finance team', signOffId: 3 }
    const changes = plan({ parsed, revisions: new Map([['CAG 08\u00002013/14 Q2', mark]]) })
    assert.deepEqual(changes.audit.changeSets, [])
    assert.deepEqual(
      changes.audit.events.map((e) => [
        e.entity,
        e.ref,
        e.period,
        e.field,
        e.oldValue,
        e.newValue,
        e.reason,
        e.signOffId,
      ]),
      [['observation', 'CAG 08', '2013/14 Q2', 'actual', '57.59', '58.1', mark.reason, 3]],
    )
    assert.equal(changes.observationUpdates.length, 1)
  })

  it("comparators' figures: new ones added, a changed interval audited part by part", () => {
    const comparator = {
      name: 'England',
      period: parsePeriod('2013/14 Q2'),
      value: '50.2',
      lower: '49.0',
      upper: '51.4',
    }
    const first = { ...PARSED, comparators: [{ ref: 'CAG 08', line: 2, comparator }] }
    const added = plan({ parsed: first })
    assert.deepEqual(added.counts.comparators, { added: 1, updated: 0, unchanged: 0 })
    assert.deepEqual(added.comparatorInserts, [{ ref: 'CAG 08', comparator }])
    assert.deepEqual(added.audit.changeSets[0]?.changes, [
      ['2013/14 Q2', 'comparator:England', null, '50.2'],
      ['2013/14 Q2', 'comparator:England:lower', null, '49.0'],
      ['2013/14 Q2', 'comparator:England:upper', null, '51.4'],
    ])
    const revised = {
      ...first,
      comparators: [{ ref: 'CAG 08', line: 2, comparator: { ...comparator, lower: '48.8' } }],
    }
    const changed = plan({ parsed: revised, held: heldAfter(first) })
    assert.deepEqual(changed.comparatorUpdates, [
      { id: 5001, columns: { value: '50.2', lower: '48.8', upper: '51.4' } },
    ])
    assert.deepEqual(changed.audit.changeSets[0]?.changes, [['2013/14 Q2', 'comparator:England:lower', '49.0', '48.8']])
    assert.deepEqual(plan({ parsed: first, held: heldAfter(first) }).counts.comparators, {
      added: 0,
      updated: 0,
      unchanged: 1,
    })
  })
})

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { slugify } from '../../src/domain/access/access.ts'
import { ADDRESS_LIMITS, LIMITS, characterCount } from '../../src/domain/limits.ts'
import { REPORT_FORMATS } from '../../src/reports/formats.ts'
import { ROUTE_PARAMETER_LIMIT } from '../../src/web/errors.ts'
import { type Client, type TestApp, USERS, signedIn, startTestApp } from './harness.ts'

/**
 * Every name the import accepts can be reached: a plan named at its limit, a theme named at its limit in characters
 * of 2 to 4 bytes, and an indicator whose reference is at its limit, imported and then asked for at every page,
 * download and API address that carries them. None may answer 414 or any error.
 */

/** A text of exactly `count` characters from `letters`, in turn. */
function spell(count: number, letters: readonly string[]): string {
  let text = ''
  for (let i = 0; i < count; i += 1) text += letters[i % letters.length] ?? ''
  return text
}

const PLAN_NAME = spell(LIMITS.planName.max, [
  'B',
  'o',
  'r',
  'o',
  'u',
  'g',
  'h',
  ' ',
  '2',
  '0',
  '1',
  '3',
  '/',
  '1',
  '4',
  ' ',
  'ŵ',
])
const THEME = spell(LIMITS.themeName.max, ['市', '😀', 'é', 'ŵ', '—', '𝄞', ' ', 'a', '&', '?', '#', '/', '%'])
const REF = spell(LIMITS.reference.max, ['N', 'I', ' ', '1', '5', '4', '😀', '/', '?'])
const PERIOD = '2013/14 Q2'
const Q2 = `period=${encodeURIComponent(PERIOD)}`

describe('the route parameter limit', () => {
  it('holds every name an address carries at its limit, percent-encoded at 12 characters a character', () => {
    for (const limit of ADDRESS_LIMITS) assert.ok(limit.max * 12 <= ROUTE_PARAMETER_LIMIT, limit.name)
  })

  it('gives a plan at most as many characters of address as its name has', () => {
    const letters = ['a', 'Z', '9', ' ', '-', 'é', 'ŵ', '😀', '市', '/', '.', 'Æ', 'ß', 'ﬁ']
    for (let seed = 1; seed <= 200; seed += 1) {
      let state = seed
      const next = (): number => (state = (state * 1103515245 + 12345) % 2147483648)
      const name = Array.from({ length: LIMITS.planName.max }, () => letters[next() % letters.length] ?? 'a').join('')
      const slug = slugify(name)
      assert.ok(slug.length <= LIMITS.planName.max + 4, `${name} -> ${slug.length}`)
      assert.match(slug, /^[a-z0-9-]+$/)
    }
  })

  it('names at their limits, as used below, are at their limits', () => {
    assert.deepEqual(
      [characterCount(PLAN_NAME), characterCount(THEME), characterCount(REF)],
      [LIMITS.planName.max, LIMITS.themeName.max, LIMITS.reference.max],
    )
    assert.ok(encodeURIComponent(THEME).length > 100, 'the theme, encoded, is longer than Fastify’s own limit')
  })
})

const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`

describe('a plan, theme and indicator named at their limits', () => {
  let t: TestApp
  let officer: Client
  let slug = ''
  before(async () => {
    t = await startTestApp()
    officer = await signedIn(t.app, USERS.officer)
    await t.services.imports.importPlan({
      planName: PLAN_NAME,
      indicatorsFile: {
        name: 'indicators.csv',
        content: `ref,title,theme,frequency,polarity,value_type,unit,accumulation,tolerance_pct,dot_basis\n${[REF, 'Households helped', THEME, 'quarterly', 'higher', 'number', '', 'point', '10', 'previous'].map(quote).join(',')}\n`,
      },
      observationsFile: {
        name: 'observations.csv',
        content: `ref,period,actual,target\n${quote(REF)},2013/14 Q1,40,50\n${quote(REF)},${PERIOD},41,50\n`,
      },
      actor: 'test',
    })
    slug = (await t.services.plans.bySlugOrName(PLAN_NAME)).slug
  })
  after(async () => {
    await t.close()
  })

  const plan = (): string => `/plans/${encodeURIComponent(slug)}`
  const addresses = (): string[] => [
    `${plan()}?${Q2}`,
    `${plan()}?${Q2}&theme=${encodeURIComponent(THEME)}`,
    `${plan()}/themes/${encodeURIComponent(THEME)}?${Q2}`,
    `${plan()}/indicators/${encodeURIComponent(REF)}?${Q2}`,
    `${plan()}/indicators/${encodeURIComponent(REF)}/entry?${Q2}`,
    `${plan()}/indicators/${encodeURIComponent(REF)}/definition`,
    `${plan()}/indicators/${encodeURIComponent(REF)}/exception-report?${Q2}`,
    `${plan()}/exceptions?${Q2}`,
    `${plan()}/report?${Q2}`,
    `${plan()}/report?${Q2}&theme=${encodeURIComponent(THEME)}`,
    ...REPORT_FORMATS.map((format) => `${plan()}/download/${format}?${Q2}`),
    `${plan()}/download/html?${Q2}&theme=${encodeURIComponent(THEME)}`,
    '/api/plans',
    `/api${plan()}/indicators`,
    `/api${plan()}/report?${Q2}`,
    `/api${plan()}/report?${Q2}&theme=${encodeURIComponent(THEME)}`,
  ]

  it('every page, download and API address for them answers 200', async () => {
    for (const url of addresses()) {
      const response = await officer.get(url)
      assert.equal(response.statusCode, 200, `${url.slice(0, 120)}: ${response.body.slice(0, 200)}`)
    }
  })

  it('shows the names whole, and links to the theme and indicator at addresses that answer', async () => {
    const dashboard = await officer.get(`${plan()}?${Q2}`)
    const escaped = (text: string): string => text.replaceAll('&', '&amp;')
    assert.ok(dashboard.body.includes(escaped(PLAN_NAME)), 'the plan name')
    const links = [...dashboard.body.matchAll(/href="([^"]+)"/g)]
      .map((match) => (match[1] ?? '').replaceAll('&amp;', '&'))
      .filter((href) => href.includes('/themes/') || href.includes('/indicators/'))
    assert.ok(links.length >= 2, 'the dashboard links to the theme and the indicator')
    for (const href of links) assert.equal((await officer.get(href)).statusCode, 200, href.slice(0, 120))
    const theme = await officer.get(`${plan()}/themes/${encodeURIComponent(THEME)}?${Q2}`)
    assert.ok(theme.body.includes(escaped(THEME)), 'the theme name')
    const report = JSON.parse((await officer.get(`/api${plan()}/report?${Q2}`)).body) as { plan?: unknown }
    assert.ok(JSON.stringify(report).includes(JSON.stringify(THEME).slice(1, -1)), 'the report names the theme')
  })
})

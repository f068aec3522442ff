import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  PLAN,
  Q2,
  type TestApp,
  USERS,
  entryUrl,
  exceptionUrl,
  indicatorUrl,
  signedIn,
  startTestApp,
  titleOf,
} from './harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(async () => {
  await t.close()
})

const q2 = `period=${encodeURIComponent(Q2)}`

describe('every page renders for the people who may see it', () => {
  const pages: [name: string, url: string, user: keyof typeof USERS, expected: RegExp][] = [
    ['plans', '/plans', 'viewer', /<h1 class="govuk-heading-l">Plans<\/h1>/],
    ['dashboard', `/plans/${PLAN}?${q2}`, 'viewer', /Performance at Quarter 2 2013\/14/],
    ['dashboard at the latest period by default', `/plans/${PLAN}`, 'viewer', /Performance at Quarter 2 2013\/14/],
    [
      'dashboard at a period as councils write it',
      `/plans/${PLAN}?period=${encodeURIComponent('Quarter 2 2013-14')}`,
      'viewer',
      /Performance at Quarter 2 2013\/14/,
    ],
    ['dashboard at a month written out', `/plans/${PLAN}?period=Sep-13`, 'viewer', /Performance at September 2013/],
    [
      'exceptions list at a period as written',
      `/plans/${PLAN}/exceptions?period=${encodeURIComponent('Q2 13/14')}`,
      'viewer',
      /Exception reports for Quarter 2 2013\/14/,
    ],
    [
      'theme',
      `/plans/${PLAN}/themes/${encodeURIComponent('Excellence in Education')}?${q2}`,
      'viewer',
      /<h1 class="govuk-heading-l">Excellence in Education<\/h1>/,
    ],
    ['indicator', indicatorUrl('LCA 2'), 'viewer', /Maintain the low level of 16-18 year olds/],
    ['exceptions list', `/plans/${PLAN}/exceptions?${q2}`, 'viewer', /Exception reports for Quarter 2 2013\/14/],
    ['data entry for an owned indicator', entryUrl('LCA 2'), 'owner', /Enter data for Quarter 2 2013\/14/],
    ['exception report for an owned red indicator', exceptionUrl('STP 13'), 'owner', /Exception report for STP 13/],
    ['data entry as an officer', entryUrl('BV 9'), 'officer', /Management assessment/],
    ['import', '/import', 'officer', /Import a plan/],
    ['users', '/users', 'admin', /Invite a user/],
  ]
  for (const [name, url, user, expected] of pages) {
    it(`${name} (${user})`, async () => {
      const client = await signedIn(t.app, USERS[user])
      const response = await client.get(url)
      assert.equal(response.statusCode, 200, response.body.slice(0, 500))
      assert.match(response.body, expected)
      assert.match(titleOf(response.body), / – Outturn$/)
      assert.doesNotMatch(response.body, /Crown copyright|govuk-crest|GDS Transport/)
    })
  }

  it('shows the published summary, the charts with their data, and the exception ticks on the dashboard', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const body = (await client.get(`/plans/${PLAN}?${q2}`)).body
    assert.match(
      body,
      /The plan has 25 indicators\. At the end of the second quarter, 20 of these have been reported, and 18 are on target\./,
    )
    assert.equal((body.match(/<svg[^>]*role="img"/g) ?? []).length, 3)
    for (const title of ['RAG status by theme', 'Direction of travel', 'Direction of travel and RAG status'])
      assert.ok(body.includes(`Data for “${title}”`), title)
    assert.equal(
      (
        body.match(
          /<tr class="govuk-table__row">\s*<th scope="row" class="govuk-table__header"><a class="govuk-link" href="\/plans\/trafford-adp-2013-14\/indicators\//g,
        ) ?? []
      ).length,
      25,
    )
    assert.equal((body.match(/<strong>Needed<\/strong>/g) ?? []).length, 0, 'the demo’s two exception reports are in')
  })

  it('filters the dashboard by status and by theme', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const refs = (html: string): string[] =>
      [...html.matchAll(/indicators\/([^"?]+)\?period=[^"]*">([^<]+)<\/a><\/th>/g)].map((m) => m[2] ?? '')
    assert.deepEqual(refs((await client.get(`/plans/${PLAN}?${q2}&status=R`)).body), ['STP 13', 'LCA 2'])
    assert.deepEqual(refs((await client.get(`/plans/${PLAN}?${q2}&status=not-reported`)).body), [
      'NEW 1415GAP',
      'EG 5',
      'NEW GCSE5AC',
      'CGV 2c',
      'NEW CHARTER',
    ])
    assert.deepEqual(
      refs((await client.get(`/plans/${PLAN}?${q2}&theme=${encodeURIComponent('Excellence in Education')}`)).body),
      ['NEW GCSE5AC', 'CGV 2c', 'LCA 2', 'NEW PERSABS'],
    )
  })

  it('pages a long plan’s indicator table, 50 at a time, keeping the filters', async () => {
    const header = 'ref,title,theme,frequency,polarity,value_type,unit,accumulation,tolerance_pct,dot_basis'
    const refs = Array.from({ length: 120 }, (_, n) => `LP ${String(n + 1).padStart(3, '0')}`)
    await t.services.imports.importPlan({
      planName: 'Long plan',
      indicatorsFile: {
        name: 'indicators.csv',
        content: `${header}\n${refs.map((ref, n) => `${ref},Measure ${n + 1},${n < 60 ? 'First half' : 'Second half'},quarterly,higher,number,%,point,10,previous`).join('\n')}\n`,
      },
      observationsFile: {
        name: 'observations.csv',
        content: `ref,period,actual,target\n${refs.map((ref, n) => `${ref},2013/14 Q2,${n % 3 === 0 ? 40 : 70},60`).join('\n')}\n`,
      },
      actor: 'test',
    })
    const client = await signedIn(t.app, USERS.viewer)
    const base = `/plans/long-plan?${q2}`
    const shown = (html: string): string[] =>
      [...html.matchAll(/indicators\/[^"?]+\?period=[^"]*">([^<]+)<\/a><\/th>/g)].map((m) => m[1] ?? '')
    const first = (await client.get(base)).body
    assert.deepEqual(shown(first), refs.slice(0, 50))
    assert.match(first, /120 indicators, 1 to 50 shown\./)
    assert.match(first, /<nav class="govuk-pagination" aria-label="Pages of the indicator table">/)
    assert.match(first, /href="\/plans\/long-plan\?period=2013%2F14\+Q2&amp;page=2#indicators" rel="next"/)
    assert.match(first, /The plan has 120 indicators/, 'the summary is of the whole plan')
    const last = (await client.get(`${base}&page=3`)).body
    assert.deepEqual(shown(last), refs.slice(100))
    assert.match(last, /120 indicators, 101 to 120 shown\./)
    assert.doesNotMatch(last, /rel="next"/)
    assert.match(last, /href="\/plans\/long-plan\?period=2013%2F14\+Q2&amp;page=2#indicators" rel="prev"/)
    assert.deepEqual(shown((await client.get(`${base}&page=99`)).body), refs.slice(100), 'past the end: the last page')
    assert.deepEqual(shown((await client.get(`${base}&page=none`)).body), refs.slice(0, 50), 'not a number: the first')

    const red = refs.filter((_, n) => n % 3 === 0)
    const filtered = (await client.get(`${base}&status=R&theme=${encodeURIComponent('First half')}`)).body
    assert.deepEqual(shown(filtered), red.slice(0, 20))
    assert.doesNotMatch(filtered, /govuk-pagination/, 'one page needs no pagination')
    const redPage = (await client.get(`${base}&status=R`)).body
    assert.deepEqual(shown(redPage), red)
    const greenPage = (await client.get(`${base}&status=G&page=2`)).body
    const green = refs.filter((_, n) => n % 3 !== 0)
    assert.deepEqual(shown(greenPage), green.slice(50))
    assert.match(greenPage, /href="\/plans\/long-plan\?period=2013%2F14\+Q2&amp;status=G#indicators" rel="prev"/)
  })

  it('shows the theme table with commentary under each row, as the seed report does', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const body = (
      await client.get(`/plans/${PLAN}/themes/${encodeURIComponent('Low Council Tax and Value For Money')}?${q2}`)
    ).body
    assert.match(
      body,
      /Commentary on CAG 08: <\/span>The data shown above is the estimated cumulative result to the end of August\./,
    )
    assert.match(body, /57\.59% \(Est\)/)
    assert.match(body, /app-estimate/)
  })

  it('shows the indicator’s history, trend and dial, and its audit trail', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const body = (await client.get(indicatorUrl('LCA 2'))).body
    assert.match(
      body,
      /<th scope="row" class="govuk-table__header">Quarter 2 2013\/14<\/th>\s*<td class="govuk-table__cell">5\.16%<\/td>/,
    )
    assert.match(body, /LCA 2: actual against target/)
    assert.match(body, /LCA 2 at Quarter 2 2013\/14 against its RAG bands/)
    assert.match(
      body,
      /<td class="govuk-table__cell">actual \(2013\/14 Q2\)<\/td>\s*<td class="govuk-table__cell">–<\/td>\s*<td class="govuk-table__cell">5\.16<\/td>/,
    )
    assert.doesNotMatch(body, /Enter data for/, 'a viewer gets no data-entry link')
    // Who: the import is named as one, with its file; the moment is written as officers read it.
    assert.match(body, /<td class="govuk-table__cell">Import by test \([^)]+\.csv\)<\/td>/)
    assert.match(body, /<td class="govuk-table__cell">\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}<\/td>/)
  })

  it('answers 404 for a plan or indicator that does not exist', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    assert.equal((await client.get('/plans/no-such-plan')).statusCode, 404)
    assert.equal((await client.get(indicatorUrl('NOPE 1'))).statusCode, 404)
    assert.equal((await client.get('/no/such/page')).statusCode, 404)
  })

  it('answers 400 with the accepted forms for a malformed period', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const response = await client.get(`/plans/${PLAN}?period=Q2`)
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /&quot;Q2&quot; is not a period\. Use a financial year such as 2013\/14/)
  })
})

describe('the committee report in the app', () => {
  it('shows the report page with download links', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const page = await client.get(`/plans/${PLAN}/report?${q2}`)
    assert.equal(page.statusCode, 200)
    assert.match(
      page.body,
      /Quarter 2 Performance Report<br>Quarter 2 2013\/14 <span class="rpt-status">\(Final\)<\/span>/,
    )
    assert.match(page.body, /<p class="rpt-caption">Trafford Council<\/p>/)
    assert.match(page.body, /5\.2 LCA 2/)
    for (const format of ['docx', 'pdf', 'xlsx', 'html'])
      assert.ok(page.body.includes(`/plans/${PLAN}/download/${format}?period=`), format)
    const dashboard = await client.get(`/plans/${PLAN}?${q2}`)
    assert.match(dashboard.body, /Download the committee report for Quarter 2 2013\/14/)
  })

  const downloads: [format: string, type: RegExp, magic: string][] = [
    ['docx', /wordprocessingml/, 'PK'],
    ['xlsx', /spreadsheetml/, 'PK'],
    ['pdf', /application\/pdf/, '%PDF'],
    ['html', /text\/html/, '<!DOC'],
  ]
  for (const [format, type, magic] of downloads) {
    it(`downloads the ${format} report`, async () => {
      const client = await signedIn(t.app, USERS.viewer)
      const response = await client.get(`/plans/${PLAN}/download/${format}?${q2}`)
      assert.equal(response.statusCode, 200)
      assert.match(String(response.headers['content-type']), type)
      assert.match(
        String(response.headers['content-disposition']),
        new RegExp(`attachment; filename="trafford-adp-2013-14-quarter-2-2013-14\\.${format}"`),
      )
      assert.equal(response.rawPayload.subarray(0, magic.length).toString(), magic)
    })
  }

  it('answers an unknown format as a page that does not exist', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const response = await client.get(`/plans/${PLAN}/download/odt?${q2}`)
    assert.equal(response.statusCode, 404)
    assert.match(response.body, /Page not found/)
  })
})

describe('the health check', () => {
  it('answers a plain ok without signing in, with the security headers of every response', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' })
    assert.equal(response.statusCode, 200)
    assert.equal(response.body, 'ok')
    assert.match(String(response.headers['content-type']), /^text\/plain/)
    assert.match(String(response.headers['content-security-policy']), /default-src 'self'/)
    assert.equal(response.headers['x-content-type-options'], 'nosniff')
  })
})

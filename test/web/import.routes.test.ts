import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { TRAFFORD_DIR } from '../helpers/fixtures.ts'
import { type Client, type TestApp, USERS, signedIn, startTestApp } from './harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(async () => {
  await t.close()
})

function upload(client: Client, planName: string, indicators: string, observations: string) {
  const boundary = '----outturn-test-boundary'
  const part = (name: string, value: string, filename?: string): string =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${value}\r\n`
  const payload = `${part('_csrf', client.csrf)}${part('planName', planName)}${part('indicators', indicators, 'indicators.csv')}${part('observations', observations, 'observations.csv')}--${boundary}--\r\n`
  return client.request({
    method: 'POST',
    url: '/import',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  })
}

const INDICATORS = readFileSync(`${TRAFFORD_DIR}indicators.csv`, 'utf8')
const OBSERVATIONS = readFileSync(`${TRAFFORD_DIR}observations.csv`, 'utf8')

describe('the import page', () => {
  it('lists every problem per row and saves nothing', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get('/import')
    const before = await t.services.plans.list()
    const broken = `${OBSERVATIONS}LCA 2,2013/14 Q5,,4.1,4.4,no,,\nBV 9,2013/14 Q3,,lots,87,no,,\n`
    const response = await upload(officer, 'A new plan', INDICATORS, broken)
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /The files have 2 problems\. Nothing was imported\./)
    assert.match(
      response.body,
      /<td class="govuk-table__cell">observations\.csv<\/td>\s*<td class="govuk-table__cell">82<\/td>\s*<td class="govuk-table__cell">period<\/td>/,
    )
    assert.match(response.body, /<td class="govuk-table__cell">83<\/td>\s*<td class="govuk-table__cell">actual<\/td>/)
    assert.deepEqual(await t.services.plans.list(), before)
  })

  it('asks for the plan name and both files', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get('/import')
    const response = await upload(officer, '', '', '')
    assert.equal(response.statusCode, 400)
    for (const text of [
      'Enter the name of the plan',
      'Select the indicators CSV file',
      'Select the observations CSV file',
    ])
      assert.ok(response.body.includes(text), text)
  })

  it('imports good files into a new plan and shows its dashboard', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get('/import')
    const response = await upload(officer, 'Trafford ADP 2013/14 (copy)', INDICATORS, OBSERVATIONS)
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, '/plans/trafford-adp-2013-14-copy?imported=105')
    const dashboard = await officer.get(response.headers.location)
    assert.match(dashboard.body, /Import complete: 105 indicators and figures added or changed\./)
    assert.ok((await t.services.plans.list()).some((p) => p.name === 'Trafford ADP 2013/14 (copy)'))
    const again = await upload(officer, 'Trafford ADP 2013/14 (copy)', INDICATORS, OBSERVATIONS)
    assert.equal(
      again.headers.location,
      '/plans/trafford-adp-2013-14-copy?imported=0',
      'the same files again change nothing',
    )
  })

  it('says which placeholders it read in place of figures, and shows nothing else an address puts there', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get('/import')
    const placeholders = `${OBSERVATIONS}LCA 2,2013/14 Q3,,n/a,4.4,no,,\nBV 9,Q3 2013/14,,x,87,no,,\nCAG 08,Quarter 3 2013/14,,..,52,no,,\nNI 154,2013-14 Q3,,N/A,300,no,,\nSTP 1,2013/14 Q3,,n/a,1,no,,\n`
    const response = await upload(officer, 'Trafford with placeholders', INDICATORS, placeholders)
    assert.equal(response.statusCode, 303)
    const location = response.headers.location ?? ''
    assert.match(location, /^\/plans\/trafford-with-placeholders\?imported=110&placeholders=/)
    const dashboard = await officer.get(location)
    assert.match(dashboard.body, /Import complete: 110 indicators and figures added or changed\./)
    assert.match(dashboard.body, /4 figures read as not available: n\/a \(2\), \.\. \(1\), N\/A \(1\)\./)
    assert.match(dashboard.body, /1 figure read as suppressed \(withheld because the numbers are small\): x \(1\)\./)
    const forged = await officer.get(
      `/plans/trafford-with-placeholders?imported=1&placeholders=${encodeURIComponent('<b>pay now</b>:not-available:3|n/a:made-up:2|n/a:not-available:0|x:suppressed:2')}`,
    )
    assert.ok(!forged.body.includes('pay now'))
    assert.ok(!forged.body.includes('made-up'))
    assert.match(forged.body, /2 figures read as suppressed \(withheld because the numbers are small\): x \(2\)\./)
    assert.doesNotMatch(forged.body, /read as not available/)
  })
})

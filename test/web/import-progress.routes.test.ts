import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { after, before, describe, it } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { TRAFFORD_DIR } from '../helpers/fixtures.ts'
import { type Client, type TestApp, USERS, signedIn, startTestApp } from './harness.ts'

let t: TestApp
before(async () => {
  // Every upload counts as big here, so the small Trafford files go through the background import.
  t = await startTestApp({ backgroundImportBytes: 1 })
})
after(async () => {
  await t.close()
})

function upload(client: Client, planName: string, observations: string) {
  const boundary = '----outturn-test-boundary'
  const part = (name: string, value: string, filename?: string): string =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${value}\r\n`
  const indicators = readFileSync(`${TRAFFORD_DIR}indicators.csv`, 'utf8')
  const payload = `${part('_csrf', client.csrf)}${part('planName', planName)}${part('indicators', indicators, 'indicators.csv')}${part('observations', observations, 'observations.csv')}--${boundary}--\r\n`
  return client.request({
    method: 'POST',
    url: '/import',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  })
}

/** Follows the progress page until the import has ended; returns the final answer. */
async function follow(client: Client, url: string): Promise<LightMyRequestResponse> {
  for (let i = 0; i < 100; i += 1) {
    const response = await client.get(url)
    if (response.statusCode !== 200 || !response.body.includes('http-equiv="refresh"')) return response
    assert.match(response.body, /<h1 class="govuk-heading-l">Importing A [a-z]+ plan<\/h1>/)
    assert.match(
      response.body,
      /<h2 class="govuk-heading-m">(Checking the files|Writing the [a-z]+|Recording the audit trail)</,
    )
    await sleep(50)
  }
  throw new Error('the import did not end')
}

const OBSERVATIONS = readFileSync(`${TRAFFORD_DIR}observations.csv`, 'utf8')

describe('a big import', () => {
  it('answers at once with a page that refreshes itself, showing progress, then opens the plan', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get('/import')
    const started = await upload(officer, 'A big plan', OBSERVATIONS)
    assert.equal(started.statusCode, 303)
    const page = started.headers.location as string
    assert.match(page, /^\/import\/[0-9a-f]{24}$/)
    const ended = await follow(officer, page)
    assert.equal(ended.statusCode, 303)
    assert.match(ended.headers.location as string, /^\/plans\/a-big-plan\?imported=\d+$/)
    assert.equal((await officer.get(page)).statusCode, 404, 'a finished import is shown once')
  })

  it('lists the problems when the files are refused, and shows an import only to who started it', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get('/import')
    const started = await upload(officer, 'A broken plan', `${OBSERVATIONS}BV 9,2013/14 Q3,,lots,87,no,,\n`)
    const page = started.headers.location as string
    const admin = await signedIn(t.app, USERS.admin)
    assert.equal((await admin.get(page)).statusCode, 404)
    const ended = await follow(officer, page)
    assert.equal(ended.statusCode, 400)
    assert.match(ended.body, /The files have 1 problem\. Nothing was imported\./)
    assert.match(ended.body, /<td class="govuk-table__cell">actual<\/td>/)
  })
})

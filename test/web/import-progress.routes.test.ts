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

  it('says an import lost with its server did not finish, and one whose result was lost that it finished', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    const officerId = (await t.services.auth.listUsers()).find((u) => u.email === USERS.officer.email)?.id ?? 0
    // What a server that died part-way leaves behind: the job recorded as started, and never ended.
    const lost = 'a'.repeat(24)
    await t.services.importJobs.started({ id: lost, userId: officerId, planName: 'A lost plan' })
    const page = await officer.get(`/import/${lost}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<h1 class="govuk-heading-l">This import did not finish<\/h1>/)
    assert.match(page.body, /nothing from it was saved\. Upload the files again\./)
    assert.match(page.body, /The import of A lost plan was started on \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}\./)
    assert.equal((await (await signedIn(t.app, USERS.admin)).get(`/import/${lost}`)).statusCode, 404, 'only its own')
    // One that ended before the restart, its result never shown.
    const finished = 'b'.repeat(24)
    await t.services.importJobs.started({ id: finished, userId: officerId, planName: 'A finished plan' })
    await t.services.importJobs.ended(finished)
    assert.match(
      (await officer.get(`/import/${finished}`)).body,
      /<h1 class="govuk-heading-l">This import finished<\/h1>/,
    )
    for (const unknown of ['c'.repeat(24), 'not-a-job', '__proto__'])
      assert.equal((await officer.get(`/import/${unknown}`)).statusCode, 404, unknown)
  })
})

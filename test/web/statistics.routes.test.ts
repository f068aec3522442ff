import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import type { ReportJson } from '../../src/reports/report.json.ts'
import { PLAN, Q2, type TestApp, USERS, indicatorUrl, signedIn, startTestApp } from './harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(async () => {
  await t.close()
})
const q2 = `period=${encodeURIComponent(Q2)}`

describe('statistics that separate signal from noise, on the demo', () => {
  it('shows the SPC chart, the icons in words and the statement on an indicator page', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const body = (await client.get(indicatorUrl('LCA 2'))).body
    assert.match(body, /<h2 class="govuk-heading-m">What the statistics say<\/h2>/)
    assert.match(body, /Special cause concern: higher than expected/)
    assert.match(body, /The target is not reliably met/)
    assert.match(
      body,
      /<p class="govuk-body" id="spc-statement">Red against target, and special-cause concern \(higher than expected\): at current performance the target will be missed about as often as it is met\.<\/p>/,
    )
    assert.match(body, /<title[^>]*>LCA 2: statistical process control chart<\/title>/)
    assert.match(
      body,
      /<th scope="row" class="govuk-table__header">2013-09<\/th>\s*<td class="govuk-table__cell">5\.16%<\/td>/,
    )
    assert.match(body, /Special cause concern \(outside the process limits\)/)
    assert.match(body, /Illustrative monthly figure for the demo: not from the published report\./)

    const none = (await client.get(indicatorUrl('NI 154'))).body
    assert.match(none, /A year-to-date total restarts each April, so it has no SPC chart\./)
    const few = (await client.get(indicatorUrl('BV 9'))).body
    assert.match(few, /An SPC chart needs at least 13 figures at the indicator&#39;s frequency\. It has \d+\./)
  })

  it('has an SPC column on the dashboard', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const body = (await client.get(`/plans/${PLAN}?${q2}`)).body
    assert.match(body, /<th scope="col" class="govuk-table__header">Statistics \(SPC\)<\/th>/)
    assert.equal((body.match(/class="app-spc app-spc--/g) ?? []).length, 4, 'the four indicators with history')
    assert.match(body, /Special cause improvement: higher than expected\./)
  })

  it('gives spc per indicator in the report JSON, with a flag per point', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const report = (await client.get(`/api/plans/${PLAN}/report?${q2}`)).json<ReportJson>()
    const withSpc = report.indicators.filter((i) => i.spc !== null).map((i) => i.ref)
    assert.deepEqual(withSpc, ['CAG 08', 'BV 12i', 'ASC OF 1Ci', 'LCA 2'])
    const cag = report.indicators.find((i) => i.ref === 'CAG 08')?.spc
    assert.ok(cag)
    assert.equal(cag.points.length, 18)
    assert.deepEqual(
      [cag.points[0]?.period, cag.points.at(-1)?.period, cag.points.at(-1)?.value],
      ['2012-04', '2013-09', 57.59],
    )
    assert.deepEqual([cag.variation, cag.assurance, cag.target], ['improvement_high', 'inconsistent', 52])
    assert.equal(cag.limits.length, 1)
    const [limits] = cag.limits
    assert.ok(limits?.upl !== null && limits?.lpl !== null && limits !== undefined)
    assert.ok(Math.abs(limits.upl - limits.mean - (limits.mean - limits.lpl)) < 1e-9, 'limits symmetric about the mean')
    assert.equal(report.indicators.find((i) => i.ref === 'NI 154')?.noSpcReason, 'cumulative')
  })

  it('puts what the statistics say in the Word and Excel reports', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const docx = await client.get(`/plans/${PLAN}/download/docx?${q2}`)
    const document = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string')
    const text = [...(document ?? '').matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')
    // The committee's tables in plain words; the method's own terms in the technical appendix.
    assert.match(text, /What the statistics say: Worse than usual (this month|for \w+ months running)\./)
    assert.match(
      text.slice(text.indexOf('A Technical appendix: the statistics')),
      /LCA 2.*Red against target, and special-cause concern \(higher than expected\)/,
    )
    const xlsx = await client.get(`/plans/${PLAN}/download/xlsx?${q2}`)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.rawPayload as unknown as Parameters<ExcelJS.Xlsx['load']>[0])
    const summary = workbook.getWorksheet('Summary')
    const header = summary?.getRow(1).values as unknown[]
    const column = header.indexOf('What the statistics say')
    assert.ok(column > 0)
    const statements = new Map<string, string>()
    summary?.eachRow((row, n) => {
      if (n > 1) statements.set(row.getCell(1).text, row.getCell(column).text)
    })
    assert.match(statements.get('BV 12i') ?? '', /^Better than usual (this month|for \w+ months running)\./)
    const technical = header.indexOf('The statistics in full')
    assert.ok(technical > 0)
    const full = new Map<string, string>()
    summary?.eachRow((row, n) => {
      if (n > 1) full.set(row.getCell(1).text, row.getCell(technical).text)
    })
    assert.match(
      full.get('BV 12i') ?? '',
      /^Green against target, but special-cause improvement \(lower than expected\)/,
    )
    assert.equal(statements.get('NI 154'), '')
  })
})

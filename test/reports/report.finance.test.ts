import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { evaluatePlan } from '../../src/domain/judgement/plan.ts'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { type RenderRequest, renderReport } from '../../src/reports/index.ts'
import { type ReportJson, ReportSchema } from '../../src/reports/report.schema.ts'
import type { StatementTotal } from '../../src/domain/finance/index.ts'
import { Compile } from 'typebox/compile'
import { HALTON_FINANCE_PERIOD, haltonFinance } from '../helpers/finance-fixture.ts'

const CCC = 'Commissioning and Complex Care'
const PAS = 'Prevention and Assessment Services'
const ICP = 'Contribution to Intermediate Care Pooled Budget'
const COMMENTS = {
  [CCC]: 'Net operational expenditure is £123,000 below budget profile at the end of the second quarter.',
  [PAS]: '=Net Operational Expenditure is £214,000 over budget profile excluding the Intermediate Care Pool.',
}

function request(): RenderRequest {
  const period = parsePeriod(HALTON_FINANCE_PERIOD)
  return {
    evaluation: evaluatePlan({ name: 'Halton Safer PPB 2012/13', indicators: [] }, period),
    exceptionReports: new Map(),
    producedOn: '2012-11-20',
    finance: haltonFinance(COMMENTS),
  }
}

/** The seed's printed totals (section 7.0): annual budget / budget to date / actual to date / variance to date. */
const PRINTED_TOTALS: [string, StatementTotal, [number, number, number, number]][] = [
  [CCC, 'expenditure', [17978, 7998, 7892, 106]],
  [CCC, 'income', [-4447, -2438, -2455, 17]],
  [CCC, 'netOperationalExpenditure', [13531, 5560, 5437, 123]],
  [CCC, 'recharges', [3665, 1493, 1493, 0]],
  [CCC, 'netDepartmentalTotal', [17196, 7053, 6930, 123]],
  [PAS, 'expenditure', [31989, 13649, 13786, -137]],
  [PAS, 'income', [-12766, -8004, -8014, 10]],
  [PAS, 'netOperationalExpenditure', [19223, 5645, 5772, -127]],
  [PAS, 'recharges', [3589, 1874, 1874, 0]],
  [PAS, 'netDepartmentalTotal', [22812, 7519, 7646, -127]],
  [ICP, 'expenditure', [1753, 736, 649, 87]],
  [ICP, 'income', [-50, 0, 0, 0]],
  [ICP, 'netOperationalExpenditure', [1703, 736, 649, 87]],
  [ICP, 'recharges', [488, 142, 142, 0]],
  [ICP, 'netDepartmentalTotal', [2191, 878, 791, 87]],
]

/** The seed's printed variance to date of every line, in the statement's order (brackets as negatives). */
const PRINTED_VARIANCES: Record<string, number[]> = {
  [CCC]: [20, -3, -9, 41, 3, 0, 7, 9, 21, 9, -3, 0, 3, 2, 6, 0, -1, -7, 0, -5, 23, -3, 9, 4, -3, 0, 0, 0, 0, 0],
  [PAS]: [18, 8, -6, 0, 0, -2, 0, 0, -164, -33, 9, -54, 0, 87, 8, 7, 6, 4, -14, -3, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  [ICP]: [14, 59, 1, 13, 0, 0, 0],
}

/** The seed's capital projects: allocation remaining of each scheme, and the Total Spending row. */
const PRINTED_REMAINING = [85, 489, 96, 6, 449, 7, 463, 55, 464, 109]

function wordText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1] ?? '')
    .join('')
    .replaceAll('&amp;', '&')
    .replaceAll('&apos;', "'")
}

describe('the financial statements in the report JSON', async () => {
  const json = JSON.parse((await renderReport('json', request())).toString('utf8')) as ReportJson
  const finance = json.finance!
  const statement = (name: string) => finance.statements.find((x) => x.name === name)!
  it('matches the report schema, with finance: { statements, capital }', () => {
    assert.ok(Compile(ReportSchema).Check(json), 'the JSON is of the schema')
    assert.deepEqual(Object.keys(finance), ['period', 'statements', 'capital'])
    assert.equal(finance.period, '2012/13 Q2')
  })
  for (const [name, total, [annual, toDate, actual, variance]] of PRINTED_TOTALS) {
    it(`reproduces the printed ${total} of ${name}`, () => {
      const figures = statement(name).totals[total]
      assert.deepEqual(
        [figures.annualBudget, figures.budgetToDate, figures.actualToDate, figures.varianceToDate],
        [annual, toDate, actual, variance],
      )
    })
  }
  it('reproduces every printed line variance', () => {
    for (const [name, variances] of Object.entries(PRINTED_VARIANCES)) {
      assert.deepEqual(
        statement(name).lines.map((l) => l.varianceToDate),
        variances,
        name,
      )
    }
  })
  it('reproduces the capital table: each allocation remaining and the Total Spending row', () => {
    const programme = finance.capital[0]!
    assert.equal(programme.name, CCC)
    assert.deepEqual(
      programme.schemes.map((s) => s.allocationRemaining),
      PRINTED_REMAINING,
    )
    assert.deepEqual(programme.totals, {
      allocation: 2661,
      allocationToDate: 579,
      actualToDate: 438,
      allocationRemaining: 2223,
    })
  })
  it('gives each statement its budget status by the default rule, with the rule in words', () => {
    const statuses = finance.statements.map((s) => s.status.rag)
    // Prevention and Assessment is 127 over a profile of 5,645: 2.2%, within the 5% of the default rule.
    assert.deepEqual(statuses, ['G', 'A', 'G'])
    const pas = statement(PAS).status
    assert.equal(pas.overProfile, 127)
    assert.equal(pas.overProfilePct, 2.2)
    assert.match(pas.ruleText, /^Red when net operational expenditure to date is more than 5% over its budget profile/)
    assert.equal(statement(CCC).comments, COMMENTS[CCC])
  })
  it('has no finance field for a plan without finances', async () => {
    const without: RenderRequest = { ...request() }
    delete (without as { finance?: unknown }).finance
    const plain = JSON.parse((await renderReport('json', without)).toString('utf8')) as ReportJson
    assert.equal('finance' in plain, false)
  })
})

describe('the financial statements in the Word report', async () => {
  const docx = await renderReport('docx', request())
  const document = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string')
  const tables = [...document.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((m) => m[0])
  const rowsOf = (tbl: string) => [...tbl.matchAll(/<w:tr>.*?<\/w:tr>/gs)].map((m) => m[0])
  const statementTable = tables.find((t) => wordText(t).includes('Emergency Duty Team'))!

  it('has the section heading and the seed’s column heads in a header row that repeats', () => {
    assert.match(wordText(document), /9 Financial statements/)
    assert.match(wordText(document), /Revenue Budget as at 30 September 2012/)
    assert.match(wordText(document), /Capital Projects as at 30 September 2012/)
    // Each table's name and "as at" line keep with the table, never left at the foot of a page.
    const paragraphs = [...document.matchAll(/<w:p>.*?<\/w:p>/gs)].map((m) => m[0])
    for (const words of ['Revenue Budget as at', 'Capital Projects as at', 'Commissioning and Complex Care']) {
      const found = paragraphs.filter((p) => wordText(p).startsWith(words))
      assert.ok(found.length > 0, words)
      for (const p of found) assert.match(p, /<w:keepNext\/>/, words)
    }
    const [head] = rowsOf(statementTable)
    assert.match(head!, /<w:tblHeader\/>/)
    assert.equal(
      wordText(head!),
      "Annual Budget £'000Budget To Date £'000Actual To Date £'000Variance To Date (overspend) £'000",
    )
  })
  it('prints each line and total as the seed does, adverse variances in brackets, totals bold', () => {
    const rows = rowsOf(statementTable).map(wordText)
    for (const printed of [
      'Employees7,3633,6333,61320',
      'Other Premises334194197(3)',
      'Community Care:',
      'Total Expenditure17,9787,9987,892106',
      'Total Income-4,447-2,438-2,45517',
      'Net Operational Expenditure13,5315,5605,437123',
      'Net Total Recharges3,6651,4931,4930',
      'Net Departmental Total17,1967,0536,930123',
    ])
      assert.ok(rows.includes(printed), `${printed} in ${JSON.stringify(rows)}`)
    const total = rowsOf(statementTable).find((r) => wordText(r).startsWith('Total Expenditure'))!
    assert.match(total, /<w:b\/>/)
    const pas = tables.find((t) => wordText(t).includes('Consumer Protection Contract'))!
    assert.ok(rowsOf(pas).map(wordText).includes('Net Departmental Total22,8127,5197,646(127)'))
  })
  it('follows each statement with its comments, and the capital table with the seed’s heads', () => {
    const text = wordText(document)
    const at = (s: string) => text.indexOf(s)
    assert.ok(at('Comments on the above figures:') > at('Net Departmental Total17,196'))
    assert.ok(at(COMMENTS[CCC]) > at('Comments on the above figures:'))
    assert.ok(at('Capital Projects: ') > at(COMMENTS[CCC]))
    assert.ok(at('Capital Projects: ') < at('Consumer Protection Contract'), 'capital follows its own statement')
    const capital = tables.find((t) => wordText(t).includes('Stairlifts'))!
    const rows = rowsOf(capital).map(wordText)
    assert.equal(
      rows[0],
      "Allocation £'000Allocation To Date £'000Actual Spend To Date £'000Allocation Remaining £'000",
    )
    assert.ok(rows.includes('Stairlifts25012315496'))
    assert.equal(rows.at(-1), 'Total Spending2,6615794382,223')
  })
})

describe('the Finance sheet of the Excel report', async () => {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load((await renderReport('xlsx', request())) as unknown as ExcelJS.Buffer)
  const sheet = workbook.getWorksheet('Finance')!
  const rowOf = (label: string, after = 0) => {
    for (let i = after + 1; i <= sheet.rowCount; i++)
      if (sheet.getRow(i).getCell(1).value === label) return sheet.getRow(i)
    throw new Error(`No row ${label}`)
  }

  it('holds the figures as numbers in the bracketed £ format', () => {
    const total = rowOf('Total Expenditure')
    assert.deepEqual(
      [2, 3, 4, 5].map((c) => total.getCell(c).value),
      [17978, 7998, 7892, 106],
    )
    for (const c of [2, 3, 4, 5]) {
      assert.equal(total.getCell(c).type, ExcelJS.ValueType.Number)
      assert.equal(total.getCell(c).numFmt, '#,##0;(#,##0)')
    }
    assert.equal(total.font.bold, true)
    assert.equal(rowOf('Other Premises').getCell(5).value, -3)
    assert.deepEqual(
      [2, 3, 4, 5].map((c) => rowOf('Total Spending').getCell(c).value),
      [2661, 579, 438, 2223],
    )
  })
  it('keeps a formula-like comment as text', () => {
    const comments = sheet
      .getRows(1, sheet.rowCount)!
      .filter((r) => r.getCell(1).value === 'Comments on the above figures')
      .map((r) => r.getCell(2))
    const evil = comments.find((c) => c.value === COMMENTS[PAS])!
    assert.equal(evil.type, ExcelJS.ValueType.String)
    assert.equal(evil.numFmt, '@')
  })
})

describe('the financial statements in the HTML and text reports', async () => {
  const html = (await renderReport('html', request())).toString('utf8')
  const text = (await renderReport('text', request())).toString('utf8')
  it('gives each statement an accessible table: caption, scoped heads, figures right aligned, overspend said', () => {
    assert.match(html, /<h2 class="rpt-h2" id="finance">9 Financial statements<\/h2>/)
    // In its place among the sections, after the title page and the performance sections, not inside the title page.
    const titlePage = html.slice(html.indexOf('<header class="rpt-title-page">'), html.indexOf('</header>'))
    assert.doesNotMatch(titlePage, /id="finance"/)
    assert.ok(html.indexOf('id="finance"') > html.indexOf('id="themes"'), 'finance comes after the themes')
    assert.match(html, /role="region" aria-labelledby="finance-commissioning-and-complex-care-caption" tabindex="0"/)
    assert.match(
      html,
      /<caption class="" id="finance-commissioning-and-complex-care-caption">Commissioning and Complex Care: revenue budget, Quarter 2 2012\/13<\/caption>/,
    )
    assert.match(html, /<th scope="col" class="rpt-num">Variance To Date \(overspend\) £&#39;000<\/th>/)
    assert.match(
      html,
      /<th scope="row" class="">Other Premises<\/th><td class="rpt-num">334<\/td><td class="rpt-num">194<\/td><td class="rpt-num">197<\/td><td class="rpt-num">\(3\)<span class="rpt-hidden"> overspend<\/span><\/td>/,
    )
    assert.match(html, /<th scope="rowgroup" class="" colspan="5">Recharges<\/th>/)
    assert.match(
      html,
      /Total Spending<\/strong><\/th><td class="rpt-num">2,661<\/td><td class="rpt-num">579<\/td><td class="rpt-num">438<\/td><td class="rpt-num">2,223<\/td>/,
    )
    assert.match(
      html,
      /<strong class="rpt-rag rpt-rag--A">Amber<\/strong> Net Operational Expenditure is 127 \(£&#39;000\) over its budget profile, 2.2% of profile./,
    )
  })
  it('prints the statements in text, figures aligned, with the status and rule', () => {
    assert.match(text, /FINANCIAL STATEMENTS/)
    assert.match(text, /Total Expenditure +17,978 +7,998 +7,892 +106/)
    assert.match(text, /Net Departmental Total +22,812 +7,519 +7,646 +\(127\)/)
    assert.match(text, /Total Spending +2,661 +579 +438 +2,223/)
    assert.match(text, /Budget status: Amber\. Net Operational Expenditure is 127/)
  })
})

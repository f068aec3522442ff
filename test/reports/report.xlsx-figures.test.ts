import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { renderReport } from '../../src/reports/index.ts'
import { buildReportModel } from '../../src/reports/report.model.ts'
import { numberFormat } from '../../src/reports/report.xlsx-cells.ts'
import { DATA_COLUMNS } from '../../src/reports/report.xlsx-data.ts'
import { reportRequestFor, traffordPlan, traffordReportRequest } from '../helpers/report-data.ts'

async function workbookOf(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as unknown as Parameters<ExcelJS.Xlsx['load']>[0])
  return workbook
}

/** A sheet's rows below the header, each as a map from its column's header to its cell. */
function rowsOf(sheet: ExcelJS.Worksheet): Map<string, ExcelJS.Cell>[] {
  const head = (sheet.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''))
  const rows: Map<string, ExcelJS.Cell>[] = []
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push(new Map(head.map((h, i) => [h, row.getCell(i)] as const).filter(([h]) => h !== '')))
  })
  return rows
}

describe('the number format that shows a unit', () => {
  const cases: [unit: string, decimals: number, format: string][] = [
    ['%', 0, '0"%"'],
    ['%', 1, '0.0"%"'],
    ['%', 2, '0.00"%"'],
    ['£m', 1, '"£"#,##0.0"m"'],
    ['£k', 0, '"£"#,##0"k"'],
    ['£', 2, '"£"#,##0.00'],
    ['count', 0, '#,##0'],
    ['', 1, '#,##0.0'],
    ['rank', 0, '0'],
    ['days', 2, '#,##0.00" days"'],
    ['percentage points', 1, '#,##0.0" percentage points"'],
    ['"quoted"', 0, '#,##0" quoted"'],
  ]
  for (const [unit, decimals, format] of cases)
    it(`${unit || '(none)'} to ${decimals} places: ${format}`, () => {
      assert.equal(numberFormat(unit, decimals), format)
    })
})

describe('the Excel report for analysts', () => {
  it('holds figures as numbers in their units’ formats, with estimates and reasons in columns of their own', async () => {
    const summary = (await workbookOf(await renderReport('xlsx', traffordReportRequest()))).getWorksheet('Summary')!
    const rows = new Map(rowsOf(summary).map((r) => [r.get('Ref')?.value, r]))
    const figures: [ref: string, actual: number, target: number, format: string][] = [
      ['CAG 08', 57.59, 52, '0.00"%"'],
      ['NI 179', 18.5, 18.5, '"£"#,##0.0"m"'],
      ['BV 12i', 8.69, 9, '#,##0.00" days"'],
      ['STP 13', 3802, 3278, '#,##0'],
      ['BRP 02', 25, 25, '0"%"'],
      ['NEW BREASTFEED', -5.06, -15.5, '#,##0.00" percentage points"'],
    ]
    for (const [ref, actual, target, format] of figures) {
      const row = rows.get(ref)!
      assert.equal(typeof row.get('Actual')?.value, 'number', `${ref} actual is a number`)
      assert.equal(row.get('Actual')?.value, actual, ref)
      assert.equal(row.get('Target')?.value, target, ref)
      assert.equal(row.get('Actual')?.numFmt, format, ref)
      assert.equal(row.get('Target')?.numFmt, format, ref)
    }
    assert.equal(rows.get('CAG 08')?.get('Estimate')?.value, 'Yes')
    assert.equal(rows.get('NI 179')?.get('Estimate')?.value ?? null, null, 'blank where not an estimate')
    assert.equal(rows.get('NEW 1415GAP')?.get('Actual')?.value ?? null, null, 'no figure, so an empty cell')
    assert.equal(rows.get('NEW 1415GAP')?.get('Not reported because')?.value, 'New: data collection being established')
    assert.equal(rows.get('NEW GCSE5AC')?.get('Not reported because')?.value, 'Annual indicator')
    assert.equal(rows.get('NEW HEALTHCHECK')?.get('Figure for')?.value, '2013/14 Q1')
    assert.equal(rows.get('NEW PERSABS')?.get('Actual')?.value, 'Top', 'a text figure stays text')
    // Never folded into the figure's text.
    for (const row of rows.values()) assert.doesNotMatch(row.get('Actual')?.text ?? '', /Est|%|£/)
  })

  it('has a long-format Data sheet: one row per indicator per period with an entry, numbers, filters, a frozen header', async () => {
    const request = traffordReportRequest()
    const workbook = await workbookOf(await renderReport('xlsx', request))
    const data = workbook.getWorksheet('Data')!
    assert.deepEqual((data.getRow(1).values as unknown[]).slice(1), [...DATA_COLUMNS])
    const view = data.views[0] as { state?: string; ySplit?: number } | undefined
    assert.equal(view?.state, 'frozen')
    assert.equal(view.ySplit, 1)
    assert.ok(data.autoFilter)
    const expected = [...(request.histories?.values() ?? [])].reduce((n, h) => n + h.length, 0)
    assert.ok(expected > 25, 'several periods per indicator')
    const rows = rowsOf(data)
    assert.equal(rows.length, expected, 'indicators × their periods with entries')
    assert.equal(rows.length, buildReportModel(request).history.length)
    const cag = rows.filter((r) => r.get('Indicator ref')?.value === 'CAG 08')
    assert.deepEqual(
      cag.map((r) => [
        r.get('Period')?.value,
        r.get('Actual')?.value,
        r.get('Status')?.value,
        r.get('Estimate')?.value,
      ]),
      [
        ['2012/13', 48.6, 'G', null],
        ['2013/14 Q1', 53.05, 'G', 'Yes'],
        ['2013/14 Q2', 57.59, 'G', 'Yes'],
      ],
    )
    const q2 = cag.at(-1)!
    assert.equal(q2.get('Target')?.value, 52)
    assert.equal(q2.get('Unit')?.value, '%')
    assert.equal(q2.get('Direction')?.value, 'Improved')
    assert.ok(q2.get('Period ends')?.value instanceof Date)
    assert.equal((q2.get('Period ends')?.value as Date).toISOString().slice(0, 10), '2013-09-30')
    const numbers = rows.filter((r) => typeof r.get('Actual')?.value === 'number').length
    assert.ok(numbers > rows.length * 0.8, `most actuals are numbers (${numbers} of ${rows.length})`)
  })

  it('still writes formula-like text as text on every sheet, the Data sheet included', async () => {
    const evil = '=HYPERLINK("http://evil.example","click")'
    const trafford = traffordPlan()
    const plan = {
      ...trafford,
      indicators: trafford.indicators.map(({ indicator, observations }) => ({
        indicator: indicator.ref === 'LCA 2' ? { ...indicator, title: evil, theme: '+SUM(1,2)' } : indicator,
        observations,
      })),
    }
    const request = traffordReportRequest()
    const buffer = await renderReport('xlsx', {
      ...reportRequestFor(plan, request.evaluation.period),
      exceptionReports: request.exceptionReports,
    })
    const zip = await JSZip.loadAsync(buffer)
    for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)))
      assert.doesNotMatch(await zip.file(name)!.async('string'), /<f[ >]/, `${name} has a formula`)
    const workbook = await workbookOf(buffer)
    for (const [sheet, column, themeColumn] of [
      ['Data', 'Indicator', 'Theme'],
      ['Summary', 'Definition', 'Theme'],
    ] as const) {
      const lca = rowsOf(workbook.getWorksheet(sheet)!).filter((r) => r.get(column)?.value === evil)
      assert.ok(lca.length > 0, sheet)
      for (const row of lca) {
        for (const header of [column, themeColumn]) {
          const cell = row.get(header)!
          assert.equal(cell.type, ExcelJS.ValueType.String, `${sheet} ${header}`)
          assert.equal(cell.numFmt, '@', `${sheet} ${header}`)
        }
        assert.equal(typeof row.get('Actual')?.value, 'number', 'the figure is still a number')
      }
    }
  })
})

import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { renderReport } from '../../src/reports/index.ts'
import { reportRequestFor, traffordPlan, traffordReportRequest } from '../helpers/report-data.ts'

const scratch = mkdtempSync(join(tmpdir(), 'outturn-report-'))
after(() => {
  rmSync(scratch, { recursive: true, force: true })
})

const REPORTED = [
  'CAG 08',
  'NI 179',
  'BV 12i',
  'BV 9',
  'EG 2',
  'NI 154',
  'BRP 02',
  'EG 4',
  'STP 1',
  'STP 3',
  'STP 13',
  'NEW TELECARE',
  'ASC OF 1Ci',
  'NEW HEALTHCHECK',
  'NEW BREASTFEED',
  'NEW CICSTAB',
  'LCA 2',
  'NEW PERSABS',
  'NEW LOCALITY',
  'NEW THIRDSECTOR',
]

/** exceljs's types want its own Buffer type; a Node Buffer is what it reads. */
function asExcelInput(buffer: Buffer): Parameters<ExcelJS.Xlsx['load']>[0] {
  return buffer as unknown as Parameters<ExcelJS.Xlsx['load']>[0]
}

/** The visible text of a WordprocessingML fragment. */
function wordText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1] ?? '')
    .join('')
    .replaceAll('&amp;', '&')
}

describe('the Word report', () => {
  let docx: Buffer

  it('has the headings, a table row for each reported indicator, RAG fills, charts and page numbers', async () => {
    docx = await renderReport('docx', traffordReportRequest())
    const zip = await JSZip.loadAsync(docx)
    const document = await zip.file('word/document.xml')!.async('string')
    const headings = [
      ...document.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Heading(\d)"\/>(?:(?!<\/w:p>).)*<\/w:p>/gs),
    ].map((m) => `${m[1]}:${wordText(m[0])}`)
    for (const heading of [
      '1:1 Purpose and scope of the report',
      '1:2 Performance key',
      '2:3.1 Performance summary',
      '2:4.3 Safe Place to Live – Fighting Crime',
      '2:5.1 STP 13',
      '2:5.2 LCA 2 (not yet provided)',
      '1:6 Indicators not reported',
    ]) {
      assert.ok(headings.includes(heading), `heading ${heading} in ${JSON.stringify(headings)}`)
    }
    const rows = [...document.matchAll(/<w:tr>(?:(?!<\/w:tr>).)*<\/w:tr>/gs)].map((m) => wordText(m[0]))
    for (const ref of REPORTED) {
      assert.ok(
        rows.filter((row) => row.startsWith(ref)).length >= 2,
        `${ref} has a row in the dashboard and in its theme table`,
      )
    }
    const lcaRow = rows.find((row) => row.startsWith('LCA 2Maintain') && row.includes('5.16%'))
    assert.match(lcaRow ?? '', /4\.4%5\.16%R ↓/)
    assert.ok(
      (document.match(/w:fill="D4351C"/g) ?? []).length >= 4,
      'red fills for STP 13 and LCA 2 in the dashboard and theme tables',
    )
    assert.ok((document.match(/w:fill="00703C"/g) ?? []).length >= 36, 'green fills')
    const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'))
    assert.ok(media.length >= 7, `charts embedded as images: ${media.length}`)
    const footer = Object.keys(zip.files).find((name) => /^word\/footer\d*\.xml$/.test(name))
    assert.ok(footer)
    assert.match(await zip.file(footer)!.async('string'), /PAGE/)
    assert.match(document, /Anti-Social Behaviour has followed the same monthly trend as last year\./)
    assert.match(document, /Not yet provided by the indicator owner\./)
    assert.match(document, /3\.4 Performance exceptions/)
    for (const id of ['exception_stp_13', 'exception_lca_2']) {
      assert.match(document, new RegExp(`w:bookmarkStart[^>]*w:name="s_${id}"`), `bookmark on ${id}`)
      assert.match(document, new RegExp(`PAGEREF s_${id}`), `page reference to ${id}`)
    }
  })

  it('converts to PDF with LibreOffice', () => {
    const libreoffice = ['/usr/bin/libreoffice', '/usr/bin/soffice'].find((path) => existsSync(path))
    assert.ok(libreoffice, 'LibreOffice is needed for this check: apt-get install libreoffice-writer-nogui')
    const input = join(scratch, 'report.docx')
    writeFileSync(input, docx)
    execFileSync(
      libreoffice,
      [
        '--headless',
        `-env:UserInstallation=file://${join(scratch, 'lo-profile')}`,
        '--convert-to',
        'pdf',
        '--outdir',
        scratch,
        input,
      ],
      { timeout: 120_000, stdio: 'pipe' },
    )
    const pdf = join(scratch, 'report.pdf')
    assert.ok(existsSync(pdf), 'LibreOffice wrote the PDF')
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    assert.match(text, /Performance report/i)
    assert.match(text, /5\.2 LCA 2/)
  })
})

describe('the Excel report', () => {
  it('has the summary, every period and the exception reports, with RAG fills, frozen headers, filters and no formulas', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(asExcelInput(await renderReport('xlsx', traffordReportRequest())))
    assert.deepEqual(
      workbook.worksheets.map((w) => w.name),
      ['Summary', 'Data', 'Indicators by period', 'Exception reports', 'Charts', 'About'],
    )
    assert.equal(workbook.getWorksheet('Charts')!.getImages().length, 3, 'the three summary charts as pictures')
    const summary = workbook.getWorksheet('Summary')!
    assert.equal(summary.rowCount, 26)
    const view = summary.views[0] as { state?: string; ySplit?: number } | undefined
    assert.equal(view?.state, 'frozen')
    assert.equal(view.ySplit, 1)
    assert.ok(summary.autoFilter)
    const lca = summary.getRows(2, 25)!.find((row) => row.getCell(1).value === 'LCA 2')!
    assert.equal(lca.getCell(9).value, 'R (Red)')
    assert.equal((lca.getCell(9).fill as ExcelJS.FillPattern).fgColor?.argb, 'FFD4351C')
    const periods = workbook.getWorksheet('Indicators by period')!
    const lcaPeriods = periods
      .getRows(2, periods.rowCount - 1)!
      .filter((row) => row.getCell(1).value === 'LCA 2')
      .map((row) => row.getCell(4).value)
    assert.deepEqual(lcaPeriods, ['2012/13', '2013/14 Q1', '2013/14 Q2'])
    const exceptions = workbook.getWorksheet('Exception reports')!
    const stp = exceptions.getRow(2)
    assert.equal(stp.getCell(1).value, 'STP 13')
    const why = stp.getCell(10)
    assert.match(why.text, /\n=Rowdy behaviour rose in two wards$/)
    assert.equal(why.type, ExcelJS.ValueType.String)
  })

  it('writes text that begins =, +, - or @ as text, never as a formula', async () => {
    const evilNote = '=HYPERLINK("http://evil.example","click")'
    const trafford = traffordPlan()
    const plan = {
      ...trafford,
      indicators: trafford.indicators.map(({ indicator, observations }) => ({
        indicator,
        observations:
          indicator.ref === 'LCA 2'
            ? observations.map((o) =>
                o.period.kind === 'quarter' && o.period.quarter === 2 ? { ...o, note: evilNote } : o,
              )
            : observations,
      })),
    }
    const request = traffordReportRequest()
    const buffer = await renderReport('xlsx', {
      ...reportRequestFor(plan, request.evaluation.period),
      exceptionReports: request.exceptionReports,
    })
    const sheetXml = await (await JSZip.loadAsync(buffer)).file('xl/worksheets/sheet1.xml')!.async('string')
    assert.doesNotMatch(sheetXml, /<f>/, 'no formula anywhere in the summary sheet')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(asExcelInput(buffer))
    const row = workbook
      .getWorksheet('Summary')!
      .getRows(2, 25)!
      .find((r) => r.getCell(1).value === 'LCA 2')!
    const cell = row.getCell(12)
    assert.equal(cell.type, ExcelJS.ValueType.String)
    assert.equal(cell.value, evilNote)
    assert.equal(cell.numFmt, '@')
  })
})

describe('the PDF report', () => {
  it('is printed by Chromium and says what the published summary says', async () => {
    const pdf = await renderReport('pdf', traffordReportRequest())
    const file = join(scratch, 'chromium.pdf')
    writeFileSync(file, pdf)
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    assert.match(
      text,
      /The plan has 25 indicators\. At the end of the second quarter, 20 of these have been reported, and 18 are on target\./,
    )
    assert.match(text, /Page 1 of \d+/)
    assert.ok(readFileSync(file).subarray(0, 5).toString() === '%PDF-')
  })

  it('says how to install Chromium when there is none', async () => {
    await assert.rejects(
      renderReport('pdf', { ...traffordReportRequest(), chromiumPath: '/nowhere/chromium' }),
      /PDF output needs Chromium, and there is none at \/nowhere\/chromium\. Install it \(on Debian or Ubuntu: sudo apt-get install chromium\)/,
    )
  })

  it('does not need Chromium for the other formats', async () => {
    for (const format of ['html', 'docx', 'xlsx'] as const) {
      const output = await renderReport(format, { ...traffordReportRequest(), chromiumPath: '/nowhere/chromium' })
      assert.ok(output.length > 1000, format)
    }
  })
})

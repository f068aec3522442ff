import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import JSZip from 'jszip'
import { renderReport } from '../../src/reports/index.ts'
import { CELL_MARGINS, fitColumns, textWidth, wordsOf } from '../../src/reports/report.docx-fit.ts'
import { traffordReportRequest } from '../helpers/report-data.ts'

/*
 * The committee report as paper: the Word file's layout read back from its XML (landscape theme tables, repeating
 * header rows, rows that never split, exception reports on new pages, no word wider than its cell), and the PDF
 * against the Word file as LibreOffice pages it.
 */

const scratch = mkdtempSync(join(tmpdir(), 'outturn-paper-'))
after(() => {
  rmSync(scratch, { recursive: true, force: true })
})

const decode = (s: string): string =>
  s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&')

/** The visible text of a WordprocessingML fragment. */
function wordText(xml: string): string {
  return decode([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1] ?? '').join(''))
}

function all(xml: string, pattern: RegExp): string[] {
  return [...xml.matchAll(pattern)].map((m) => m[0])
}

const TABLE = /<w:tbl>(?:(?!<w:tbl>).)*?<\/w:tbl>/gs
const ROW = /<w:tr>.*?<\/w:tr>/gs
const CELL = /<w:tc>.*?<\/w:tc>/gs
const RUN = /<w:r>.*?<\/w:r>/gs
const PARAGRAPH = /<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs

/** The body split at each section break: each part with its page size element. */
function sections(document: string): { readonly xml: string; readonly orient: string }[] {
  const parts: { xml: string; orient: string }[] = []
  let rest = document
  for (;;) {
    const at = rest.indexOf('<w:sectPr')
    if (at < 0) break
    const end = rest.indexOf('</w:sectPr>', at)
    const orient = /<w:pgSz[^>]*w:orient="(\w+)"/.exec(rest.slice(at, end))?.[1] ?? 'portrait'
    parts.push({ xml: rest.slice(0, at), orient })
    rest = rest.slice(end)
  }
  return parts
}

/** A cell's width in twips, from the table's grid and the cell's span, starting at grid column `column`. */
function cellWidth(grid: readonly number[], column: number, span: number): number {
  return grid.slice(column, column + span).reduce((a, b) => a + b, 0)
}

describe('the Word report as paper', () => {
  let document = ''
  let docx: Buffer

  before(async () => {
    docx = await renderReport('docx', traffordReportRequest())
    document = await JSZip.loadAsync(docx).then((zip) => zip.file('word/document.xml')!.async('string'))
  })

  it('puts every theme table, and only section 4, on landscape pages', () => {
    const parts = sections(document)
    assert.deepEqual(
      parts.map((p) => p.orient),
      ['portrait', 'landscape', 'portrait'],
    )
    const themeTables = parts.map((p) => all(p.xml, TABLE).filter((t) => wordText(t).includes('Annual target')).length)
    assert.equal(themeTables[1], 6, 'the six theme tables are in the landscape section')
    assert.equal(themeTables[0]! + themeTables[2]!, 0, 'no theme table is on a portrait page')
    assert.match(wordText(parts[1]!.xml), /^4 Performance by theme/)
    assert.match(wordText(parts[2]!.xml), /^5 Exception reports5\.1 STP 13/)
  })

  it('repeats each table’s header row on every page and never splits a row', () => {
    const tables = all(document, TABLE)
    assert.ok(tables.length > 20, `${tables.length} tables`)
    for (const table of tables) {
      const rows = all(table, ROW)
      const headed = /<w:tblHeader\/>/.test(rows[0] ?? '')
      if (headed) assert.ok(!rows.slice(1).some((r) => /<w:tblHeader\/>/.test(r)), 'only the first row is the header')
      assert.match(table, /<w:tblLayout w:type="fixed"\/>/, 'columns at the widths given')
    }
    const themeTables = tables.filter((t) => wordText(t).includes('Annual target'))
    for (const table of themeTables) {
      const rows = all(table, ROW)
      assert.match(rows[0]!, /<w:tblHeader\/>/, 'the theme table header repeats')
      assert.ok(
        rows.every((r) => /<w:cantSplit\/>/.test(r)),
        'no theme table row splits across pages',
      )
    }
  })

  it('starts each exception report on a new page, with the trend and dial side by side and no data table', () => {
    const paragraphs = all(document, PARAGRAPH)
    const exceptions = paragraphs.filter((p) => /<w:pStyle w:val="Heading2"\/>/.test(p) && /^5\.\d+ /.test(wordText(p)))
    assert.deepEqual(
      exceptions.map((p) => wordText(p)),
      ['5.1 STP 13', '5.2 LCA 2 (not yet provided)'],
    )
    // The first follows section 5's heading at the top of the section's first page; the rest break before.
    assert.ok(exceptions.slice(1).every((p) => /<w:pageBreakBefore\/>/.test(p)))
    const part = sections(document)[2]!.xml
    const lca = part.slice(part.indexOf('5.2 LCA 2'), part.indexOf('6 Indicators not reported'))
    const pair = all(lca, TABLE).find((t) => /<pic:pic/.test(t))
    assert.ok(pair, 'the charts are in a table')
    assert.equal(all(pair, CELL).length, 2, 'two charts side by side')
    assert.equal((pair.match(/<pic:pic/g) ?? []).length, 2)
    assert.doesNotMatch(pair, /w:val="single"/, 'the chart table has no borders')
    assert.ok(!all(lca, TABLE).some((t) => wordText(t).startsWith('PeriodActual')), 'no data table in the report')
    const appendix = part.slice(part.indexOf('Appendix: data behind the charts'))
    assert.ok(appendix.length > 1000, 'the appendix is at the end')
    assert.match(wordText(appendix), /Exception report 5\.2 LCA 2LCA 2: actual against target by periodPeriodActual/)
    assert.match(wordText(appendix), /Amber limit4\.84%/)
  })

  it('sizes every column so that no word breaks in its cell, and no ref wraps', () => {
    let checked = 0
    for (const table of all(document, TABLE)) {
      const grid = all(table, /<w:gridCol w:w="\d+"\/>/g).map((g) => Number(/\d+/.exec(g)![0]))
      for (const row of all(table, ROW)) {
        let column = 0
        for (const [index, tc] of all(row, CELL).entries()) {
          const span = Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(tc)?.[1] ?? 1)
          const room = cellWidth(grid, column, span) - CELL_MARGINS
          column += span
          if (/<pic:pic/.test(tc)) continue
          for (const run of all(tc, RUN)) {
            const size = Number(/<w:sz w:val="(\d+)"\/>/.exec(run)?.[1] ?? 21)
            const bold = /<w:b\/>/.test(run)
            const value = wordText(run)
            for (const word of wordsOf(value)) {
              checked += 1
              assert.ok(
                textWidth(word, size, bold) <= room,
                `"${word}" (${textWidth(word, size, bold)} twips) fits its cell (${room}) in a row "${wordText(row).slice(0, 40)}"`,
              )
            }
            const header = /<w:tblHeader\/>/.test(row)
            if (index === 0 && bold && !header && /^[A-Z]{2,}[A-Za-z0-9 ]* ?\d*[A-Za-z]*( †)?$/.test(value)) {
              assert.ok(textWidth(value, size, bold) <= room, `the ref "${value}" is on one line`)
            }
          }
        }
      }
    }
    assert.ok(checked > 1500, `${checked} words checked`)
  })
})

describe('fitting columns', () => {
  it('measures in Arial: a bold ref at 8 pt, and anything unknown as a full em', () => {
    // N 722, E 667, W 944, space 278, T 611, E 667, L 611, E 667, C 722, A 722, R 722, E 667: 8,000 thousandths.
    assert.equal(textWidth('NEW TELECARE', 16, true), 1280)
    assert.equal(textWidth('✓', 20), 200)
    assert.deepEqual(wordsOf('New: data\u00a0collection  being'), ['New:', 'data\u00a0collection', 'being'])
  })

  it('gives sized columns what they need and the rest to the flexible ones, adding up to the table', () => {
    const widths = fitColumns(9000, [
      { texts: ['NEW TELECARE'], size: 16, bold: true, whole: true },
      { texts: ['A long definition'], size: 16, flex: 1 },
      { texts: ['57.59% (Est)'], size: 16, upTo: 1500 },
    ])
    assert.equal(
      widths.reduce((a, b) => a + b, 0),
      9000,
    )
    assert.equal(widths[0], 1280 + CELL_MARGINS + 20)
    assert.ok(widths[2]! >= textWidth('57.59%', 16) + CELL_MARGINS && widths[2]! <= 1500)
    // Too little room: the sized columns give up their extra before the flexible column is narrower than it asks.
    const tight = fitColumns(4000, [
      { texts: ['57.59% (Est)'], size: 16, upTo: 3000 },
      { texts: ['Definition'], size: 16, flex: 1, atLeast: 2500 },
    ])
    assert.ok(tight[1]! >= 2500, `the definition keeps ${tight[1]}`)
  })
})

describe('the PDF', () => {
  it('is the print layout: paged like the Word file, landscape theme pages, running footer, no web controls', async () => {
    const libreoffice = ['/usr/bin/libreoffice', '/usr/bin/soffice'].find((path) => existsSync(path))
    assert.ok(libreoffice, 'LibreOffice is needed for this check: apt-get install libreoffice-writer-nogui')
    const docx = join(scratch, 'report.docx')
    writeFileSync(docx, await renderReport('docx', traffordReportRequest()))
    execFileSync(
      libreoffice,
      [
        '--headless',
        `-env:UserInstallation=file://${join(scratch, 'lo')}`,
        '--convert-to',
        'pdf',
        '--outdir',
        scratch,
        docx,
      ],
      { timeout: 180_000, stdio: 'pipe' },
    )
    const pdf = join(scratch, 'app.pdf')
    writeFileSync(pdf, await renderReport('pdf', traffordReportRequest()))
    const info = (file: string): string => execFileSync('pdfinfo', ['-f', '1', '-l', '999', file], { encoding: 'utf8' })
    const pages = (file: string): number => Number(/^Pages:\s+(\d+)/m.exec(info(file))?.[1])
    const word = pages(join(scratch, 'report.pdf'))
    const paper = pages(pdf)
    assert.ok(word >= 8, `the Word report has ${word} pages`)
    assert.ok(paper <= word + 2, `the PDF has ${paper} pages against Word's ${word}`)
    const sizes = [...info(pdf).matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) =>
      Number(m[1]) > Number(m[2]) ? 'landscape' : 'portrait',
    )
    assert.equal(sizes[0], 'portrait')
    assert.ok(sizes.includes('landscape'), 'the theme tables are on landscape pages')
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    for (const control of [/Trends and dials/, /Download/, /Skip to/, /Sign out/, /Exception report attached/]) {
      assert.doesNotMatch(text, control)
    }
    assert.match(text, new RegExp(`Page 1 of ${paper}`))
    assert.match(text, new RegExp(`Page ${paper} of ${paper}`))
    assert.match(text, /\(Draft\)|\(Final\)/, 'the footer carries the status')
    assert.match(text, /Appendix: data behind the charts/)
  })
})

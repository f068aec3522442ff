import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { reportDetailsProblems } from '../../src/domain/round/report-details.ts'
import { renderReport } from '../../src/reports/index.ts'
import { themeText } from '../../src/reports/report.details.ts'
import { buildReportModel } from '../../src/reports/report.model.ts'
import { traffordReportRequest } from '../helpers/report-data.ts'

const DETAILS = {
  title: 'Annual Delivery Plan 2013/14: Quarter 2 Performance Report',
  councilName: 'Trafford Council',
  committee: 'Executive',
  meetingDate: '2013-11-20',
  author: 'Performance team',
  status: 'final',
} as const
const SECTIONS = new Map([
  [
    'Low Council Tax and Value For Money',
    {
      theme: 'Low Council Tax and Value For Money',
      overview: 'Ensure value for money.\n\nFor 2013-14 we will:\n- Make savings\n- Collaborate',
      keyProgrammes: '- Medium term Financial Plan\n- Land Sales Programme',
    },
  ],
])

describe('a report’s own details and theme sections', () => {
  it('puts the council, title, meeting and "(Final)" on the title page', () => {
    const model = buildReportModel({ ...traffordReportRequest(), details: DETAILS, themeSections: SECTIONS })
    assert.equal(model.title, DETAILS.title)
    assert.deepEqual(model.front, {
      title: DETAILS.title,
      councilName: 'Trafford Council',
      committee: 'Executive',
      meetingDate: '20 November 2013',
      author: 'Performance team',
      final: true,
      statusMark: '(Final)',
    })
  })

  it('is a draft titled after the plan when no details are set', () => {
    const model = buildReportModel(traffordReportRequest())
    assert.equal(model.front.statusMark, '(Draft)')
    assert.equal(model.front.title, 'Trafford ADP 2013/14: performance report')
    assert.equal(model.front.councilName, null)
    assert.ok(model.themes.every((t) => t.sections.length === 0))
  })

  it('gives each theme its overview then key programmes, bullets grouped as lists', () => {
    const model = buildReportModel({ ...traffordReportRequest(), details: DETAILS, themeSections: SECTIONS })
    assert.deepEqual(model.themes[0]?.sections, [
      {
        heading: 'Overview',
        blocks: [
          { kind: 'paragraph', text: 'Ensure value for money.' },
          { kind: 'paragraph', text: 'For 2013-14 we will:' },
          { kind: 'list', items: ['Make savings', 'Collaborate'] },
        ],
      },
      {
        heading: 'Key policy or delivery programmes',
        blocks: [{ kind: 'list', items: ['Medium term Financial Plan', 'Land Sales Programme'] }],
      },
    ])
    assert.deepEqual(model.themes[1]?.sections, [])
  })

  it('leaves out a section that is blank', () => {
    assert.deepEqual(themeText({ theme: 'T', overview: '  \n ', keyProgrammes: null }), [])
  })

  it('refuses a status other than draft or final, and a meeting date that is not a real date', () => {
    assert.deepEqual(reportDetailsProblems({ status: 'final', meetingDate: '2014-01-21' }), [])
    assert.deepEqual(
      reportDetailsProblems({ status: 'done', meetingDate: '2014-02-30' }).map((p) => p.field),
      ['status', 'meetingDate'],
    )
  })

  it('prints them in Word, the web page and Excel', async () => {
    const request = { ...traffordReportRequest(), details: DETAILS, themeSections: SECTIONS }
    const docx = await renderReport('docx', request)
    const document = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string')
    for (const words of ['TRAFFORD COUNCIL', '(Final)', 'Date of meeting: 20 November 2013', 'Land Sales Programme'])
      assert.ok(document.includes(words), `Word has "${words}"`)
    const html = (await renderReport('html', request)).toString('utf8')
    assert.match(html, /Trafford Council/)
    assert.match(html, /<h4 class="rpt-h4">Key policy or delivery programmes<\/h4>/)
    assert.match(html, /<li>Land Sales Programme<\/li>/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await renderReport('xlsx', request)) as unknown as Parameters<ExcelJS.Xlsx['load']>[0])
    const about = workbook.getWorksheet('About')!
    const facts = new Map<string, string>()
    about.eachRow((row) => facts.set(row.getCell(1).text, row.getCell(2).text))
    assert.equal(facts.get('Council'), 'Trafford Council')
    assert.equal(facts.get('Status'), 'Final')
  })
})

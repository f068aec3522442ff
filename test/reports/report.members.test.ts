import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import JSZip from 'jszip'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import type { PlanData } from '../../src/domain/judgement/plan.ts'
import { renderReport } from '../../src/reports/index.ts'
import { buildReportModel } from '../../src/reports/report.model.ts'
import { parseImport } from '../../src/services/import/import-validation.ts'
import { reportRequestFor, traffordReportRequest } from '../helpers/report-data.ts'

/** The demo's Trafford plan, whose four monthly indicators have the eighteen months of figures an SPC chart needs. */
function demoPlan(): PlanData {
  const file = (name: string) => ({ name, content: readFileSync(`demo/trafford-2013-14-q2/${name}`) })
  const parsed = parseImport(file('indicators.csv'), file('observations.csv'))
  return {
    name: 'Trafford ADP 2013/14',
    indicators: parsed.indicators.map((indicator) => ({
      indicator,
      observations: parsed.observations.filter((o) => o.ref === indicator.ref).map((o) => o.observation),
    })),
  }
}

const METHOD_WORDS = /special[- ]cause|common[- ]cause|process limit|control limit|confidence interval|Wilson|Poisson/i

/** The visible text of a WordprocessingML fragment. */
function wordText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1] ?? '').join('')
}

describe("members' language in the committee report's model", () => {
  const demo = reportRequestFor(demoPlan(), parsePeriod('2013/14 Q2'))
  const model = buildReportModel(demo)
  const line = (ref: string) => model.dashboard.find((l) => l.ref === ref)

  it('says what the statistics show as a sentence a councillor understands', () => {
    const said: [ref: string, sentence: RegExp][] = [
      ['CAG 08', /^Better than usual for (two|three|four|five|six|seven) months running\./],
      ['BV 12i', /^(Better|Worse) than usual (this month|for \w+ months running)\.|^Within its normal range\./],
      ['STP 3', /^$/],
    ]
    for (const [ref, sentence] of said) assert.match(line(ref)?.statistics ?? '', sentence, ref)
    const withStatistics = model.dashboard.filter((l) => l.statistics !== null)
    assert.ok(withStatistics.length >= 3, 'the demo’s monthly indicators have statistics')
    for (const l of withStatistics) assert.doesNotMatch(l.statistics ?? '', METHOD_WORDS, l.ref)
  })

  it('puts the method’s terms and the limits, at the indicator’s precision, in the technical appendix', () => {
    assert.deepEqual(model.contents.at(-1), {
      number: 'A',
      id: 'technical',
      title: 'Technical appendix: the statistics',
      level: 1,
    })
    const cag = model.technical.find((n) => n.ref === 'CAG 08')
    assert.match(cag?.method ?? '', /special-cause improvement/)
    assert.equal(cag?.limits, 'Mean 50.31%, process limits 46.83% to 53.80%, from 18 points (2012-04 to 2013-09).')
    assert.deepEqual(
      model.technical.map((n) => n.ref),
      model.dashboard.filter((l) => l.statistics !== null).map((l) => l.ref),
    )
  })

  it('gives the previous period’s and last year’s statuses as letters, as the seed does', () => {
    const trafford = buildReportModel(traffordReportRequest())
    const letters = (ref: string) => {
      const l = trafford.dashboard.find((x) => x.ref === ref)
      return [l?.lastYear, l?.lastYearRag?.letter ?? null, l?.previous, l?.previousRag?.letter ?? null]
    }
    const cases: [ref: string, row: (string | null)[]][] = [
      ['CAG 08', ['48.6%', 'G', '53.05% (Est)', 'G']],
      ['BV 12i', ['10 days', 'R', '7.84 days', 'G']],
      ['EG 2', ['18.8%', 'G', '18.3%', 'A']],
      ['STP 13', ['5985', 'G', '1830', 'R']],
      ['NEW TELECARE', ['1792', null, '1518', 'G']],
      ['NEW 1415GAP', ['–', null, '–', null]],
    ]
    for (const [ref, row] of cases) assert.deepEqual(letters(ref), row, ref)
  })

  it('rounds a worked-out figure to the indicator’s precision: the amber limit', () => {
    const trafford = buildReportModel(traffordReportRequest())
    const target = (ref: string) =>
      trafford.exceptions.find((x) => x.ref === ref)?.facts.find((f) => f.label === 'Target and timescale')?.value
    // 3278 + 10% is 3605.8; STP 13's figures are whole numbers.
    assert.equal(target('STP 13'), '3278 (amber limit 3606), Quarter 2 2013/14')
    assert.equal(target('LCA 2'), '4.4% (amber limit 4.84%), Quarter 2 2013/14')
  })
})

describe("members' language in the Word and web reports", () => {
  const demo = reportRequestFor(demoPlan(), parsePeriod('2013/14 Q2'))

  it('Word: plain statistics in the theme tables, the method only in the appendix, past statuses in colour', async () => {
    const document = await (
      await JSZip.loadAsync(await renderReport('docx', demo))
    )
      .file('word/document.xml')!
      .async('string')
    const text = wordText(document)
    assert.match(text, /What the statistics say: Better than usual for \w+ months running\./)
    const appendix = text.indexOf('A Technical appendix: the statistics')
    assert.ok(appendix > 0, 'the appendix is in the document')
    assert.doesNotMatch(text.slice(0, appendix), /special-cause|process limits \d/)
    assert.match(text.slice(appendix), /special-cause improvement/)
    assert.match(text.slice(appendix), /Mean 50\.31%, process limits 46\.83% to 53\.80%/)
    // "48.6% G": last year's figure, then its letter in a run shaded green.
    assert.match(
      document,
      /<w:t[^>]*>48\.6% <\/w:t><\/w:r><w:r><w:rPr>(?:(?!<\/w:rPr>).)*w:fill="00703C"(?:(?!<\/w:rPr>).)*<\/w:rPr><w:t[^>]*> G <\/w:t>/,
    )
    assert.doesNotMatch(text, /\d\.\d{5,}/, 'no figure to five or more places')
  })

  it('HTML: plain statistics in the theme tables, past statuses as coloured letters, and the appendix', async () => {
    const html = (await renderReport('html', demo)).toString()
    const appendix = html.indexOf('id="technical"')
    assert.ok(appendix > 0)
    const themes = html.slice(html.indexOf('id="themes"'), html.indexOf('id="exceptions"'))
    assert.match(
      themes,
      /What the statistics say<span class="rpt-hidden"> about CAG 08<\/span>:<\/strong> Better than usual/,
    )
    assert.doesNotMatch(themes.replace(/<[^>]+>/g, ' '), METHOD_WORDS)
    assert.match(
      themes,
      /<td>48\.6% <strong class="rpt-rag rpt-rag--G"><span aria-hidden="true">G<\/span><span class="rpt-hidden">Green[^<]*<\/span><\/strong><\/td>/,
    )
    assert.match(html.slice(appendix), /special-cause improvement/)
    assert.doesNotMatch(html.replace(/<svg[\s\S]*?<\/svg>/g, ''), /\d\.\d{5,}%/, 'no limit to five or more places')
  })
})

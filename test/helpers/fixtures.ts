import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import assert from 'node:assert/strict'
import type { ReportJson } from '../../src/reports/report.json.ts'

export const TRAFFORD_DIR = fileURLToPath(new URL('../fixtures/trafford-2013-14-q2/', import.meta.url))

export function fixtureFile(name: 'indicators.csv' | 'observations.csv'): { name: string; content: Buffer } {
  return { name, content: readFileSync(`${TRAFFORD_DIR}${name}`) }
}

interface ExpectedIndicator {
  rag: string | null
  dot: string | null
  not_reported?: string
  exception_report?: boolean
  in_arrears?: boolean
  previous_rag?: string
  amber_limit?: number
}

export interface Expected {
  period: string
  indicators: Record<string, ExpectedIndicator>
  summary_as_published: Record<string, number | string[]>
}

export function expectedTrafford(): Expected {
  return JSON.parse(readFileSync(`${TRAFFORD_DIR}expected.json`, 'utf8')) as Expected
}

/** Checks a report against every entry the published Trafford report states (the fixture's expected.json). */
export function assertMatchesPublished(report: ReportJson, expected: Expected): void {
  assert.equal(report.period, expected.period)
  const refs = report.indicators.map((i) => i.ref)
  assert.deepEqual([...refs].sort(), Object.keys(expected.indicators).sort(), 'the same indicators')
  for (const indicator of report.indicators) {
    const want = expected.indicators[indicator.ref]!
    const where = `indicator ${indicator.ref}`
    assert.equal(indicator.rag, want.rag, `${where}: RAG`)
    assert.equal(indicator.dot, want.dot, `${where}: direction of travel`)
    assert.equal(indicator.notReported, want.not_reported ?? null, `${where}: not-reported reason`)
    assert.equal(indicator.exceptionRequired, want.exception_report ?? false, `${where}: exception report`)
    if (want.in_arrears !== undefined) assert.equal(indicator.inArrears, want.in_arrears, `${where}: in arrears`)
    if (want.previous_rag !== undefined)
      assert.equal(indicator.previous.rag, want.previous_rag, `${where}: previous RAG`)
    if (want.amber_limit !== undefined) assert.equal(indicator.amberLimit, want.amber_limit, `${where}: amber limit`)
  }
  const p = expected.summary_as_published
  const s = report.summary
  assert.equal(s.indicators, p.indicators)
  assert.equal(s.reported, p.reported)
  assert.deepEqual(s.rag, { G: p.green, A: p.amber, R: p.red, none: 0 })
  assert.equal(s.greenAndImproving, p.green_and_improving)
  assert.equal(s.improvedToGreenFrom.A, p.moved_amber_to_green)
  assert.equal(s.dot.worse, p.worsened)
  assert.equal(s.worsened.stillGreen, p.worsened_still_green)
  assert.equal(s.worsened.stillRed, p.worsened_still_red)
  assert.equal(s.worsened.fromGreen, p.worsened_green_to_red)
  assert.equal(s.transitions.G.R, p.worsened_green_to_red)
  assert.equal(s.dot.same, p.same)
  assert.equal(s.dot.none, p.without_direction_of_travel)
  assert.equal(s.indicators - s.reported, p.not_reported)
  assert.equal(s.notReported.annual, p.not_reported_annual)
  assert.equal(s.notReported.new, p.not_reported_new)
  assert.deepEqual(s.exceptionReports, p.exception_reports)
  assert.equal(s.exceptionReportsRequired, (p.exception_reports as string[]).length)
}

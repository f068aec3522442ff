/**
 * How long the committee report takes to produce, per format, for a synthetic 50-indicator plan over three years of
 * quarters (the benchmark `npm run bench` ran before the scales existed, kept as it was). Each format's time is the
 * median of several runs after one warm-up run (module loading, template compilation, fonts).
 */
import { performance } from 'node:perf_hooks'
import type { Indicator } from '../../src/domain/judgement/indicator.ts'
import type { Observation } from '../../src/domain/judgement/observation.ts'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { evaluatePlan } from '../../src/domain/judgement/plan.ts'
import { REPORT_FORMATS, type RenderRequest, type ReportFormat, renderReport } from '../../src/reports/index.ts'
import { reportHistories } from '../../src/services/round/report.service.ts'
import { seeded } from './generate.ts'

const THEMES = [
  'Value for money',
  'Economic growth',
  'Safer communities',
  'Health and care',
  'Education',
  'Reshaping the council',
]

export interface ReportTiming {
  readonly format: ReportFormat
  readonly ms: number | null
  readonly kb: number | null
  /** Why a format was not timed (no Chromium for PDF). */
  readonly skipped: string | null
}

/** A deterministic plan: the same numbers every run. */
export function syntheticReportRequest(indicatorCount: number): RenderRequest {
  const random = seeded(20131)
  const indicators: { indicator: Indicator; observations: Observation[] }[] = []
  for (let i = 0; i < indicatorCount; i += 1) {
    const indicator: Indicator = {
      ref: `SYN ${i + 1}`,
      title: `Synthetic indicator ${i + 1}: percentage of cases completed on time`,
      theme: THEMES[i % THEMES.length] ?? 'Theme',
      frequency: 'quarterly',
      polarity: i % 3 === 0 ? 'lower' : 'higher',
      valueType: 'number',
      unit: '%',
      accumulation: 'point',
      tolerancePct: '10',
      dotBasis: 'previous',
      ragMethod: 'tolerance',
      owner: null,
      ciMethod: null,
      multiplier: null,
    }
    const observations: Observation[] = []
    for (const year of [2011, 2012, 2013]) {
      const yearText = `${year}/${String((year + 1) % 100).padStart(2, '0')}`
      observations.push({
        period: parsePeriod(yearText),
        dataPeriod: null,
        actual: null,
        target: '60',
        estimated: false,
        status: null,
        notReported: null,
        note: null,
        numerator: null,
        denominator: null,
      })
      for (const quarter of [1, 2, 3, 4]) {
        if (year === 2013 && quarter > 2) break
        observations.push({
          period: parsePeriod(`${yearText} Q${quarter}`),
          dataPeriod: null,
          actual: (40 + random() * 40).toFixed(1),
          target: '60',
          estimated: random() < 0.1,
          status: null,
          notReported: null,
          note:
            random() < 0.5
              ? 'Performance reflects the seasonal pattern; the service expects to recover next quarter.'
              : null,
          numerator: null,
          denominator: null,
        })
      }
    }
    indicators.push({ indicator, observations })
  }
  const evaluation = evaluatePlan({ name: 'Synthetic plan', indicators }, parsePeriod('2013/14 Q2'))
  return {
    evaluation,
    histories: reportHistories(evaluation, indicators),
    exceptionReports: new Map(),
    producedOn: '2013-10-24',
  }
}

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now()
    await work()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)] ?? 0
}

/** Times every format; PDF needs Chromium, and is skipped with the reason when it cannot be made. */
export async function measureReports(runs: number, log: (text: string) => void): Promise<ReportTiming[]> {
  const request = syntheticReportRequest(50)
  const timings: ReportTiming[] = []
  for (const format of REPORT_FORMATS) {
    log(`  report: ${format}`)
    let size: number
    try {
      size = (await renderReport(format, request)).length
    } catch (error) {
      timings.push({ format, ms: null, kb: null, skipped: error instanceof Error ? error.message : String(error) })
      continue
    }
    const ms = await median(format === 'pdf' ? Math.min(runs, 3) : runs, () => renderReport(format, request))
    timings.push({ format, ms, kb: Math.ceil(size / 1024), skipped: null })
  }
  return timings
}

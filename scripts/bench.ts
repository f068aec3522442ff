/**
 * `npm run bench`: how long the committee report takes to produce, per format, for a synthetic 50-indicator plan
 * over three years of quarters. Timings vary with the machine; compare runs on the same machine, and see the
 * ratio to JSON (the cheapest format) for a figure that travels.
 */
import { performance } from 'node:perf_hooks'
import type { Indicator } from '../src/domain/indicator.ts'
import type { Observation } from '../src/domain/observation.ts'
import { parsePeriod } from '../src/domain/period.ts'
import { evaluatePlan } from '../src/domain/plan.ts'
import { REPORT_FORMATS, type RenderRequest, renderReport } from '../src/reports/index.ts'

const THEMES = [
  'Value for money',
  'Economic growth',
  'Safer communities',
  'Health and care',
  'Education',
  'Reshaping the council',
]

/** A deterministic plan: the same numbers every run (a linear congruential generator, seeded). */
function syntheticPlan(indicatorCount: number): RenderRequest {
  let seed = 20131
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
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
    observations: new Map(indicators.map(({ indicator, observations }) => [indicator.ref, observations])),
    exceptionReports: new Map(),
    producedOn: '2013-10-24',
  }
}

async function time(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work() // warm up: module loading, template compilation, fonts
  const samples: number[] = []
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now()
    await work()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)] ?? 0
}

const request = syntheticPlan(50)
const runs = Number(process.argv.find((arg) => arg.startsWith('--runs='))?.slice(7) ?? 5)
process.stdout.write(
  `Committee report for a 50-indicator plan (${request.evaluation.summary.rag.R} red, ${request.evaluation.summary.rag.A} amber), median of ${runs} runs:\n`,
)
const results: Record<string, number> = {}
for (const format of REPORT_FORMATS) {
  const size = (await renderReport(format, request)).length
  results[format] = await time(format === 'pdf' ? Math.min(runs, 3) : runs, () => renderReport(format, request))
  const ratio = results.json ? ` (${(results[format] / results.json).toFixed(0)}× JSON)` : ''
  process.stdout.write(
    `  ${format.padEnd(5)} ${results[format].toFixed(0).padStart(6)} ms  ${String(Math.ceil(size / 1024)).padStart(5)} KB${format === 'json' ? '' : ratio}\n`,
  )
}
const docx = results.docx ?? 0
process.stdout.write(`Word: ${docx < 2000 ? 'within' : 'OVER'} the 2 s budget.\n`)

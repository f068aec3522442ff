/**
 * The benchmark's synthetic data: deterministic plans in the import format (README, "Import format"), the same
 * bytes on every run and every machine. Each organisation is one plan, generated on its own seed, so any plan can
 * be made again without the others.
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import {
  type Period,
  formatPeriod,
  parsePeriod,
  periodEndDate,
  periodStartDate,
} from '../../src/domain/periods/period.ts'

export const SCALES = ['small', 'county', 'national'] as const
export type ScaleName = (typeof SCALES)[number]

export interface Scale {
  readonly name: ScaleName
  readonly organisations: number
  readonly indicatorsPerOrganisation: number
  readonly years: number
  readonly frequency: 'monthly' | 'quarterly'
  /** The last financial year held (2024 is 2024/25); the quarter judged is its last. */
  readonly lastYear: number
}

export const SCALE: Record<ScaleName, Scale> = {
  small: {
    name: 'small',
    organisations: 1,
    indicatorsPerOrganisation: 60,
    years: 5,
    frequency: 'monthly',
    lastYear: 2024,
  },
  county: {
    name: 'county',
    organisations: 50,
    indicatorsPerOrganisation: 500,
    years: 10,
    frequency: 'monthly',
    lastYear: 2024,
  },
  national: {
    name: 'national',
    organisations: 400,
    indicatorsPerOrganisation: 500,
    years: 10,
    frequency: 'quarterly',
    lastYear: 2024,
  },
}

/** Rows per plan: each indicator has a row per period and a year row (the annual target and outturn). */
export function rowsPerPlan(scale: Scale): number {
  const periods = scale.frequency === 'monthly' ? 12 : 4
  return scale.indicatorsPerOrganisation * scale.years * (periods + 1)
}

export function totalRows(scale: Scale): number {
  return rowsPerPlan(scale) * scale.organisations
}

/** mulberry32: a small, fast, well-mixed 32-bit generator; the same seed gives the same sequence everywhere. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const THEMES = [
  'Value for money',
  'Economic growth',
  'Safer communities',
  'Health and care',
  'Education and skills',
  'Reshaping the council',
  'Environment',
  'Housing',
]

const NOTES = [
  'Performance reflects the seasonal pattern; the service expects to recover next period.',
  'Figure validated by the service manager.',
  'Staff vacancies affected throughput this period; recruitment is under way.',
  'Demand rose sharply after the policy change in April.',
  'Provisional figure; the final figure follows the quarterly data return.',
]

export interface SyntheticIndicator {
  readonly ref: string
  readonly title: string
  readonly theme: string
  readonly frequency: 'monthly' | 'quarterly'
  readonly polarity: 'higher' | 'lower' | 'none'
  readonly unit: string
  readonly accumulation: 'point' | 'ytd-sum'
  readonly tolerancePct: string
  readonly dotBasis: 'previous' | 'same-period-last-year'
  readonly ragMethod: 'tolerance' | 'forecast'
}

/** One observation row, as the CSV file holds it (empty text for an empty cell). */
export interface SyntheticObservation {
  readonly ref: string
  readonly period: string
  readonly actual: string
  readonly target: string
  readonly estimated: '' | 'yes'
  readonly status: '' | 'G' | 'A' | 'R'
  readonly note: string
  readonly notReported: '' | 'not-available'
}

export interface SyntheticPlan {
  readonly name: string
  readonly indicators: readonly SyntheticIndicator[]
  readonly observations: readonly SyntheticObservation[]
}

export function planName(scale: Scale, organisation: number): string {
  return `Bench ${scale.name} organisation ${String(organisation + 1).padStart(3, '0')}`
}

function yearText(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`
}

/** The periods of a financial year at a frequency, in order. */
export function periodsOfYear(year: number, frequency: 'monthly' | 'quarterly'): Period[] {
  if (frequency === 'quarterly') return [1, 2, 3, 4].map((quarter) => ({ kind: 'quarter', year, quarter }) as Period)
  return [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3].map((month) => ({
    kind: 'month',
    year,
    month,
  }))
}

/** The quarter the benchmark judges and serves: the last of the last year held. */
export function judgedQuarter(scale: Scale): Period {
  return parsePeriod(`${yearText(scale.lastYear)} Q4`)
}

/** One organisation's plan: the same for the same scale and organisation, every time. */
export function generatePlan(scale: Scale, organisation: number): SyntheticPlan {
  const random = seeded(20131 + organisation * 7919)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const indicators: SyntheticIndicator[] = []
  const observations: SyntheticObservation[] = []
  const firstYear = scale.lastYear - scale.years + 1
  for (let i = 0; i < scale.indicatorsPerOrganisation; i += 1) {
    const roll = random()
    const polarity = roll < 0.45 ? 'higher' : roll < 0.9 ? 'lower' : 'none'
    const cumulative = polarity === 'higher' && random() < 0.3
    const indicator: SyntheticIndicator = {
      ref: `PI ${String(i + 1).padStart(4, '0')}`,
      title: cumulative
        ? `Number of cases completed in the year, service ${i + 1}`
        : `Percentage of cases meeting the standard, service ${i + 1}`,
      theme: THEMES[i % THEMES.length] ?? 'Theme',
      frequency: scale.frequency,
      polarity,
      unit: cumulative ? 'count' : '%',
      accumulation: cumulative ? 'ytd-sum' : 'point',
      tolerancePct: pick(['5', '10', '10', '15']),
      dotBasis: random() < 0.8 ? 'previous' : 'same-period-last-year',
      ragMethod: random() < 0.1 ? 'forecast' : 'tolerance',
    }
    indicators.push(indicator)

    const level = 40 + random() * 40
    const drift = (random() - 0.5) * 0.2
    const perPeriod = 50 + Math.floor(random() * 450)
    for (let year = firstYear; year <= scale.lastYear; year += 1) {
      const periods = periodsOfYear(year, scale.frequency)
      const annualTarget = cumulative ? perPeriod * periods.length : Math.round(level * 10) / 10
      let runningTotal = 0
      let outturn = ''
      for (const [index, period] of periods.entries()) {
        const step = (year - firstYear) * periods.length + index
        let actual: string
        let target: string
        if (cumulative) {
          runningTotal += Math.max(0, Math.round(perPeriod * (0.8 + random() * 0.4)))
          actual = String(runningTotal)
          target = String(perPeriod * (index + 1))
        } else {
          actual = Math.max(0, level + drift * step + (random() - 0.5) * 12).toFixed(1)
          target = annualTarget.toFixed(1)
        }
        const missing = random() < 0.02
        const status = !missing && random() < 0.01 ? pick(['G', 'A', 'R'] as const) : ''
        observations.push({
          ref: indicator.ref,
          period: formatPeriod(period),
          actual: missing ? '' : actual,
          target,
          estimated: !missing && random() < 0.03 ? 'yes' : '',
          status,
          note: random() < 0.1 ? pick(NOTES) : '',
          notReported: missing ? 'not-available' : '',
        })
        if (!missing) outturn = actual
      }
      observations.push({
        ref: indicator.ref,
        period: yearText(year),
        actual: year < scale.lastYear ? outturn : '',
        target: String(annualTarget),
        estimated: '',
        status: '',
        note: '',
        notReported: '',
      })
    }
  }
  return { name: planName(scale, organisation), indicators, observations }
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path)
  let chunk = ''
  for (const line of lines) {
    chunk += `${line}\n`
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain')
      chunk = ''
    }
  }
  out.end(chunk)
  await once(out, 'finish')
}

/** Writes a plan's two exchange files into a folder; returns their paths. */
export async function writePlanFiles(
  plan: SyntheticPlan,
  dir: string,
): Promise<{ indicators: string; observations: string }> {
  const indicators = join(dir, 'indicators.csv')
  const observations = join(dir, 'observations.csv')
  await writeLines(indicators, [
    'ref,title,theme,frequency,polarity,value_type,unit,accumulation,tolerance_pct,dot_basis,rag_method,owner',
    ...plan.indicators.map((i) =>
      [
        i.ref,
        i.title,
        i.theme,
        i.frequency,
        i.polarity,
        'number',
        i.unit,
        i.accumulation,
        i.tolerancePct,
        i.dotBasis,
        i.ragMethod,
        '',
      ]
        .map(csvField)
        .join(','),
    ),
  ])
  function* rows(): Generator<string> {
    yield 'ref,period,actual,target,estimated,status,note,not_reported'
    for (const o of plan.observations)
      yield [o.ref, o.period, o.actual, o.target, o.estimated, o.status, o.note, o.notReported].map(csvField).join(',')
  }
  await writeLines(observations, rows())
  return { indicators, observations }
}

/** An observation row as the observations table stores it, for the raw-insert baseline. */
export interface RawObservationRow {
  readonly ref: string
  readonly period: string
  readonly periodStart: string
  readonly periodEnd: string
  readonly actual: string | null
  readonly target: string | null
  readonly estimated: 0 | 1
  readonly status: string | null
  readonly notReported: string | null
  readonly note: string | null
}

export function rawRows(plan: SyntheticPlan): RawObservationRow[] {
  const empty = (text: string): string | null => (text === '' ? null : text)
  return plan.observations.map((o) => {
    const period = parsePeriod(o.period)
    return {
      ref: o.ref,
      period: o.period,
      periodStart: periodStartDate(period),
      periodEnd: periodEndDate(period),
      actual: empty(o.actual),
      target: empty(o.target),
      estimated: o.estimated === 'yes' ? 1 : 0,
      status: empty(o.status),
      notReported: empty(o.notReported),
      note: empty(o.note),
    }
  })
}

import type { Indicator } from '../../src/domain/judgement/indicator.ts'
import type { Observation } from '../../src/domain/judgement/observation.ts'
import { parsePeriod } from '../../src/domain/periods/period.ts'

/** An indicator with sensible defaults: a quarterly, higher-is-better number with 10% tolerance. */
export function buildIndicator(overrides: Partial<Indicator> = {}): Indicator {
  return {
    ref: 'TEST 1',
    title: 'A test indicator',
    theme: 'A theme',
    frequency: 'quarterly',
    polarity: 'higher',
    valueType: 'number',
    unit: '',
    accumulation: 'point',
    tolerancePct: '10',
    dotBasis: 'previous',
    ragMethod: 'tolerance',
    owner: null,
    ciMethod: null,
    multiplier: null,
    ...overrides,
  }
}

type ObservationInput = Partial<Omit<Observation, 'period' | 'dataPeriod'>> & { dataPeriod?: string }

/** An observation for a period written as a council writes it ("2013/14 Q2"). */
export function obs(period: string, fields: ObservationInput = {}): Observation {
  const { dataPeriod, ...rest } = fields
  return {
    period: parsePeriod(period),
    dataPeriod: dataPeriod === undefined ? null : parsePeriod(dataPeriod),
    actual: null,
    target: null,
    estimated: false,
    status: null,
    notReported: null,
    note: null,
    numerator: null,
    denominator: null,
    ...rest,
  }
}

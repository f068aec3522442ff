import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type Decimal, decimalToString, exact, parseDecimal } from '../../../src/domain/figures/decimal.ts'
import type { Polarity, ValueType } from '../../../src/domain/judgement/indicator.ts'
import { parsePeriod } from '../../../src/domain/periods/period.ts'
import {
  exactJudgement,
  forecastAgainstAnnualTarget,
  judgeAgainstTarget,
  projectToYearEnd,
  quickJudgement,
} from '../../../src/domain/judgement/rag.ts'
import { parseFigure } from '../../../src/domain/figures/value.ts'
import { RRandom } from '../../helpers/r-random.ts'

const tolerance = (text: string) => parseDecimal(text)!

describe('RAG by tolerance against the period target', () => {
  const cases: [
    name: string,
    polarity: Polarity,
    type: ValueType,
    actual: string,
    target: string,
    tol: string,
    rag: 'G' | 'A' | 'R',
    amberLimit: string | null,
  ][] = [
    ['meets the target exactly', 'higher', 'number', '58.75', '58.75', '10', 'G', '52.875'],
    ['beats a higher-is-better target', 'higher', 'number', '57.59', '52', '10', 'G', '46.8'],
    ['is just inside the amber band', 'higher', 'number', '46.8', '52', '10', 'A', '46.8'],
    ['is just outside the amber band', 'higher', 'number', '46.79', '52', '10', 'R', '46.8'],
    ['NEET 5.16% against 4.4%, lower is better: Red', 'lower', 'number', '5.16', '4.4', '10', 'R', '4.84'],
    ['exactly at the 4.84 amber limit is Amber, not Red', 'lower', 'number', '4.84', '4.4', '10', 'A', '4.84'],
    ['one hundredth over the amber limit is Red', 'lower', 'number', '4.85', '4.4', '10', 'R', '4.84'],
    ['ASB 3802 against 3278, lower is better: Red', 'lower', 'number', '3802', '3278', '10', 'R', '3605.8'],
    ['beats a lower-is-better target', 'lower', 'number', '8.69', '9', '10', 'G', '9.9'],
    [
      'breastfeeding gap -5.06 against -15.5, higher is better: Green',
      'higher',
      'number',
      '-5.06',
      '-15.5',
      '10',
      'G',
      '-17.05',
    ],
    ['a negative target works on its magnitude: Amber', 'higher', 'number', '-17', '-15.5', '10', 'A', '-17.05'],
    ['a negative target works on its magnitude: Red', 'higher', 'number', '-17.1', '-15.5', '10', 'R', '-17.05'],
    ['a zero target has no amber band: meeting it is Green', 'lower', 'number', '0', '0', '10', 'G', '0'],
    ['a zero target has no amber band: any shortfall is Red', 'lower', 'number', '0.01', '0', '10', 'R', '0'],
    ['zero tolerance means any shortfall is Red', 'higher', 'number', '99.9', '100', '0', 'R', '100'],
    ['polarity none: on the target is Green', 'none', 'number', '50', '50', '10', 'G', null],
    [
      'polarity none: off the target within tolerance, either way, is Amber',
      'none',
      'number',
      '54',
      '50',
      '10',
      'A',
      null,
    ],
    ['polarity none: beyond tolerance is Red', 'none', 'number', '44', '50', '10', 'R', null],
    ['rank 1st against 1st is Green', 'lower', 'rank', '1st', '1', '10', 'G', '1.1'],
    ['rank 2nd against 1st is Red', 'lower', 'rank', '2nd', '1st', '10', 'R', '1.1'],
    ['rank 11th against a top-ten place with 10% tolerance is Amber', 'lower', 'rank', '11', '10', '10', 'A', '11'],
    ['text equal to the target is Green', 'none', 'text', 'Top', 'Top', '10', 'G', null],
    [
      'text equal to the target ignoring case and spacing is Green',
      'none',
      'text',
      'top  quartile',
      'Top quartile',
      '10',
      'G',
      null,
    ],
    ['text different from the target is Red', 'none', 'text', 'Second quartile', 'Top quartile', '10', 'R', null],
  ]
  for (const [name, polarity, type, actual, target, tol, rag, amberLimit] of cases) {
    it(name, () => {
      const judged = judgeAgainstTarget(polarity, tolerance(tol), parseFigure(type, actual), parseFigure(type, target))
      assert.ok(judged)
      assert.equal(judged.rag, rag)
      assert.equal(judged.amberLimit === null ? null : decimalToString(judged.amberLimit), amberLimit)
    })
  }
})

describe('forecast to the year end', () => {
  it('projects 3,710 ASB incidents at the half year to 7,420, inside an 8,065 target (Halton)', () => {
    const forecast = forecastAgainstAnnualTarget(
      'ytd-sum',
      'lower',
      tolerance('10'),
      parseFigure('number', '3710'),
      parseFigure('number', '8065'),
      parsePeriod('2012/13 Q2'),
    )
    assert.ok(forecast)
    assert.equal(decimalToString(forecast.projected), '7420')
    assert.equal(forecast.suggestedRag, 'G')
  })

  const projections: [string, string, 'point' | 'ytd-sum', string][] = [
    ['100', '2013/14 Q1', 'ytd-sum', '400'],
    ['100', '2013/14 Q3', 'ytd-sum', '133.333333'],
    ['55', '2013-05', 'ytd-sum', '330'],
    ['305', '2013/14', 'ytd-sum', '305'],
    ['57.59', '2013/14 Q2', 'point', '57.59'],
  ]
  for (const [actual, period, accumulation, projected] of projections) {
    it(`projects ${accumulation} ${actual} at ${period} to ${projected}`, () => {
      assert.equal(
        decimalToString(projectToYearEnd(accumulation, parseDecimal(actual)!, parsePeriod(period))),
        projected,
      )
    })
  }

  it('suggests Red when the projection misses the annual target by more than the tolerance', () => {
    const forecast = forecastAgainstAnnualTarget(
      'ytd-sum',
      'higher',
      tolerance('10'),
      parseFigure('number', '100'),
      parseFigure('number', '300'),
      parsePeriod('2013/14 Q2'),
    )
    assert.equal(forecast?.suggestedRag, 'R')
    assert.equal(decimalToString(forecast.projected), '200')
  })

  it('gives no forecast for text', () => {
    assert.equal(
      forecastAgainstAnnualTarget(
        'point',
        'none',
        tolerance('10'),
        parseFigure('text', 'Top'),
        parseFigure('text', 'Top'),
        parsePeriod('2013/14 Q2'),
      ),
      null,
    )
  })
})

describe('the quick tolerance judgement gives the exact judgement', () => {
  const d = (text: string): Decimal => exact.parseDecimal(text)!
  // [actual, target, tolerance, whether the quick judgement can decide it]
  const cases: [string, string, string, boolean][] = [
    ['4.84', '4.4', '10', true],
    ['4.85', '4.4', '10', true],
    ['4.839999', '4.4', '10', true],
    ['3.96', '4.4', '10', true],
    ['3.959', '4.4', '10', true],
    ['46.8', '52', '10', true],
    ['46.79', '52', '10', true],
    ['-17.05', '-15.5', '10', true],
    ['-13.95', '-15.5', '10', true],
    ['-17.051', '-15.5', '10', true],
    ['0', '0', '10', true],
    ['0.01', '0', '10', true],
    ['-0.01', '0', '10', true],
    ['99.9', '100', '0', true],
    ['100', '100', '0', true],
    ['87.5', '100', '12.5', true],
    ['87.49', '100', '12.5', true],
    ['66.667', '100', '33.333', true],
    ['66.666', '100', '33.333', true],
    ['1', '1', '-5', true],
    ['1.05', '1', '-5', true],
    ['11', '10', '10', true],
    ['2', '1', '10', true],
    ['3605.8', '3278', '10', true],
    ['3605.81', '3278', '10', true],
    ['1.0000001', '1', '1', true],
    ['0.9900000001', '1', '1', true],
    ['1.00000001', '1', '0.000001', false],
    // Past what plain numbers hold exactly: the quick judgement steps aside.
    ['9007199254740993', '9007199254740993', '10', false],
    ['9007199254740993', '9007199254740992', '10', false],
    ['900719925474099.3', '900719925474099', '10', false],
    ['1.00000000001', '1', '10', false],
    ['0.0000001', '0.0000001', '0.0001', false],
    ['123456789012345678901.5', '123456789012345678901', '10', false],
  ]
  for (const [actual, target, tol, decides] of cases) {
    for (const polarity of ['higher', 'lower', 'none'] as const) {
      it(`${actual} against ${target} with ${tol}%, ${polarity} is better`, () => {
        const quick = quickJudgement(polarity, d(tol), d(actual), d(target))
        const expected = exactJudgement(polarity, d(tol), d(actual), d(target))
        if (decides) assert.deepEqual(quick, expected)
        else assert.equal(quick, null)
        assert.deepEqual(
          judgeAgainstTarget(polarity, d(tol), parseFigure('number', actual), parseFigure('number', target)),
          expected,
        )
      })
    }
  }

  it('judges ranks as the exact judgement does', () => {
    for (const [actual, target] of [
      ['11th', '10'],
      ['12', '10th'],
      ['1st', '1'],
      ['2nd', '1st'],
    ] as const) {
      const a = parseFigure('rank', actual)
      const t = parseFigure('rank', target)
      assert.ok(a.kind === 'rank' && t.kind === 'rank')
      assert.deepEqual(judgeAgainstTarget('lower', d('10'), a, t), exactJudgement('lower', d('10'), a.value, t.value))
    }
  })

  it('agrees with the exact judgement on 20,000 random figures, targets and tolerances', () => {
    const generator = new RRandom(484)
    const random = (): number => generator.uniform()
    const figure = (): string => {
      const magnitude = 10 ** Math.floor(random() * (random() < 0.9 ? 5 : 17))
      const places = Math.floor(random() * (random() < 0.9 ? 4 : 12))
      return ((random() - 0.3) * magnitude).toFixed(places)
    }
    let decided = 0
    for (let i = 0; i < 20_000; i += 1) {
      const target = figure()
      // Half the actuals sit on or next to the amber limit, where a rounding slip would show.
      const tol = ['0', '5', '10', '12.5', '33.333', '2.75'][Math.floor(random() * 6)] ?? '10'
      const limit = Number(target) * (1 + ((random() < 0.5 ? 1 : -1) * Number(tol)) / 100)
      const actual = random() < 0.5 ? figure() : limit.toFixed(Math.floor(random() * 6))
      for (const polarity of ['higher', 'lower', 'none'] as const) {
        const quick = quickJudgement(polarity, d(tol), d(actual), d(target))
        if (quick === null) continue
        decided += 1
        assert.deepEqual(
          quick,
          exactJudgement(polarity, d(tol), d(actual), d(target)),
          `${actual} against ${target}, ${tol}%`,
        )
      }
    }
    assert.ok(decided > 40_000, `the quick judgement decided ${decided} of 60,000`)
  })
})

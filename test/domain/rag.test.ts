import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decimalToString, parseDecimal } from '../../src/domain/decimal.ts'
import type { Polarity, ValueType } from '../../src/domain/indicator.ts'
import { parsePeriod } from '../../src/domain/period.ts'
import { forecastAgainstAnnualTarget, judgeAgainstTarget, projectToYearEnd } from '../../src/domain/rag.ts'
import { parseFigure } from '../../src/domain/value.ts'

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

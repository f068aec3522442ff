import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decimalToString, parseDecimal } from '../../../src/domain/figures/decimal.ts'
import { parseFigure } from '../../../src/domain/figures/value.ts'
import type { Polarity, ValueType } from '../../../src/domain/judgement/indicator.ts'
import { type RuleSet, describeRules, parseBand, resolveRules } from '../../../src/domain/judgement/rules.ts'
import { type LiftEvidence, judgeByRules } from '../../../src/domain/judgement/status.ts'

/** Rules written as a council's file would: tolerance, green_within, green_when, amber_also. */
function rules(
  tolerance: string,
  extra: Partial<Record<'greenWithin' | 'greenWhen' | 'amberAlso', string>> = {},
): RuleSet {
  return {
    tolerance: parseBand(tolerance, 'tolerance'),
    greenWithin: extra.greenWithin ? parseBand(extra.greenWithin, 'green band') : null,
    greenWhen: (extra.greenWhen ?? 'meets') as RuleSet['greenWhen'],
    amberAlso: (extra.amberAlso ?? 'none') as RuleSet['amberAlso'],
  }
}

const NO_EVIDENCE: LiftEvidence = { dot: null, comparedWith: null, forecast: null }

describe('RAG under a rule set', () => {
  const cases: [
    name: string,
    polarity: Polarity,
    type: ValueType,
    actual: string,
    target: string,
    rules: RuleSet,
    evidence: LiftEvidence,
    status: 'G' | 'A' | 'R',
    rule: string,
  ][] = [
    // Percent of the target, as Trafford: the edges are inclusive.
    [
      'percent: on target is Green',
      'higher',
      'number',
      '52',
      '52',
      rules('10%'),
      NO_EVIDENCE,
      'G',
      'on-target-or-better',
    ],
    [
      'percent: exactly at the amber edge is Amber',
      'higher',
      'number',
      '46.8',
      '52',
      rules('10%'),
      NO_EVIDENCE,
      'A',
      'within-tolerance',
    ],
    [
      'percent: just past the amber edge is Red',
      'higher',
      'number',
      '46.79',
      '52',
      rules('10%'),
      NO_EVIDENCE,
      'R',
      'beyond-tolerance',
    ],
    // Percentage points: 2 points either side of a 75% target.
    [
      'points: exactly 2 points short is Amber',
      'higher',
      'number',
      '73',
      '75',
      rules('2'),
      NO_EVIDENCE,
      'A',
      'within-tolerance',
    ],
    [
      'points: 2.01 points short is Red',
      'higher',
      'number',
      '72.99',
      '75',
      rules('2'),
      NO_EVIDENCE,
      'R',
      'beyond-tolerance',
    ],
    [
      'points: lower is better, exactly 2 over is Amber',
      'lower',
      'number',
      '6.5',
      '4.5',
      rules('2'),
      NO_EVIDENCE,
      'A',
      'within-tolerance',
    ],
    [
      'points: 0 means no amber band',
      'higher',
      'number',
      '74.9',
      '75',
      rules('0'),
      NO_EVIDENCE,
      'R',
      'beyond-tolerance',
    ],
    // A negative target with a points tolerance: the band is the same 2 units, whatever the sign.
    [
      'negative target, points: exactly 2 worse is Amber',
      'higher',
      'number',
      '-17.5',
      '-15.5',
      rules('2'),
      NO_EVIDENCE,
      'A',
      'within-tolerance',
    ],
    [
      'negative target, points: 2.1 worse is Red',
      'higher',
      'number',
      '-17.6',
      '-15.5',
      rules('2'),
      NO_EVIDENCE,
      'R',
      'beyond-tolerance',
    ],
    [
      'negative target, points: better is Green',
      'higher',
      'number',
      '-5.06',
      '-15.5',
      rules('2'),
      NO_EVIDENCE,
      'G',
      'on-target-or-better',
    ],
    // Percent of the target, lower is better: the same inclusive edges above the target.
    [
      'percent, lower is better: exactly at the amber edge is Amber',
      'lower',
      'number',
      '4.84',
      '4.4',
      rules('10%'),
      NO_EVIDENCE,
      'A',
      'within-tolerance',
    ],
    [
      'percent, lower is better: just past the amber edge is Red',
      'lower',
      'number',
      '4.8401',
      '4.4',
      rules('10%'),
      NO_EVIDENCE,
      'R',
      'beyond-tolerance',
    ],
    // A negative target with a percent tolerance works on the target's magnitude: 10% of 15.5 is 1.55.
    [
      'negative target, percent: exactly 1.55 worse is Amber',
      'higher',
      'number',
      '-17.05',
      '-15.5',
      rules('10%'),
      NO_EVIDENCE,
      'A',
      'within-tolerance',
    ],
    [
      'negative target, percent: 1.56 worse is Red',
      'higher',
      'number',
      '-17.06',
      '-15.5',
      rules('10%'),
      NO_EVIDENCE,
      'R',
      'beyond-tolerance',
    ],
    [
      'negative target, points, lower is better: exactly 2 above is Amber',
      'lower',
      'number',
      '-3',
      '-5',
      rules('2'),
      NO_EVIDENCE,
      'A',
      'within-tolerance',
    ],
    // Polarity none: off the target either way, measured in points.
    [
      'no polarity, points: exactly 2 below is Amber',
      'none',
      'number',
      '48',
      '50',
      rules('2'),
      NO_EVIDENCE,
      'A',
      'within-tolerance',
    ],
    [
      'no polarity, points: 2.5 above is Red',
      'none',
      'number',
      '52.5',
      '50',
      rules('2'),
      NO_EVIDENCE,
      'R',
      'beyond-tolerance',
    ],
    // The green band in points, lower is better, and both edges of its amber band.
    [
      'green band, points, lower is better: exactly 1 over is Green',
      'lower',
      'number',
      '5.5',
      '4.5',
      rules('2', { greenWithin: '1' }),
      NO_EVIDENCE,
      'G',
      'green-within',
    ],
    [
      'green band, points: exactly 2 points short is Amber',
      'higher',
      'number',
      '73',
      '75',
      rules('2', { greenWithin: '1' }),
      NO_EVIDENCE,
      'A',
      'within-tolerance',
    ],
    [
      'green band, points: 2.01 points short is Red',
      'higher',
      'number',
      '72.99',
      '75',
      rules('2', { greenWithin: '1' }),
      NO_EVIDENCE,
      'R',
      'beyond-tolerance',
    ],
    [
      'green band, percent: 10.01% short is Red',
      'higher',
      'number',
      '89.99',
      '100',
      rules('10%', { greenWithin: '5%' }),
      NO_EVIDENCE,
      'R',
      'beyond-tolerance',
    ],
    [
      'green band and beats: on target is still Green, inside the green band',
      'higher',
      'number',
      '100',
      '100',
      rules('10%', { greenWithin: '5%', greenWhen: 'beats' }),
      NO_EVIDENCE,
      'G',
      'green-within',
    ],
    [
      'beats, points: exactly 2 short is Amber',
      'higher',
      'number',
      '73',
      '75',
      rules('2', { greenWhen: 'beats' }),
      NO_EVIDENCE,
      'A',
      'within-tolerance',
    ],
    [
      'beats, a rank: equal to the target is Amber',
      'lower',
      'rank',
      '3rd',
      '3rd',
      rules('1', { greenWhen: 'beats' }),
      NO_EVIDENCE,
      'A',
      'on-target-not-beaten',
    ],
    [
      'improving does not lift an Amber: within tolerance stays Amber',
      'higher',
      'number',
      '70',
      '75',
      rules('10%', { amberAlso: 'improving' }),
      { dot: 'improved', comparedWith: '2014/15 Q1', forecast: null },
      'A',
      'within-tolerance',
    ],
    [
      'improving: the same as last period is not improving, so Red',
      'higher',
      'number',
      '66',
      '75',
      rules('10%', { amberAlso: 'improving' }),
      { dot: 'same', comparedWith: '2014/15 Q1', forecast: null },
      'R',
      'beyond-tolerance',
    ],
    // A green band below the target: "green: on, above or within 5% of target; amber: between 5% and 10%".
    [
      'green band, percent: exactly 5% short is Green',
      'higher',
      'number',
      '95',
      '100',
      rules('10%', { greenWithin: '5%' }),
      NO_EVIDENCE,
      'G',
      'green-within',
    ],
    [
      'green band, percent: 5.01% short is Amber',
      'higher',
      'number',
      '94.99',
      '100',
      rules('10%', { greenWithin: '5%' }),
      NO_EVIDENCE,
      'A',
      'within-tolerance',
    ],
    [
      'green band, percent: exactly 10% short is Amber',
      'higher',
      'number',
      '90',
      '100',
      rules('10%', { greenWithin: '5%' }),
      NO_EVIDENCE,
      'A',
      'within-tolerance',
    ],
    [
      'green band, points: exactly 1 point short is Green',
      'higher',
      'number',
      '74',
      '75',
      rules('2', { greenWithin: '1' }),
      NO_EVIDENCE,
      'G',
      'green-within',
    ],
    [
      'green band, points: 1.01 points short is Amber',
      'higher',
      'number',
      '73.99',
      '75',
      rules('2', { greenWithin: '1' }),
      NO_EVIDENCE,
      'A',
      'within-tolerance',
    ],
    // Green only when the target is beaten.
    [
      'beats: on target is Amber',
      'higher',
      'number',
      '75',
      '75',
      rules('2', { greenWhen: 'beats' }),
      NO_EVIDENCE,
      'A',
      'on-target-not-beaten',
    ],
    [
      'beats: on target is Amber even with no amber band',
      'higher',
      'number',
      '75',
      '75',
      rules('0', { greenWhen: 'beats' }),
      NO_EVIDENCE,
      'A',
      'on-target-not-beaten',
    ],
    [
      'beats: better is Green',
      'lower',
      'number',
      '4.4',
      '4.5',
      rules('2', { greenWhen: 'beats' }),
      NO_EVIDENCE,
      'G',
      'better-than-target',
    ],
    [
      'beats with a text target: matching it is Green',
      'higher',
      'text',
      'Top quartile',
      'Top quartile',
      rules('10%', { greenWhen: 'beats' }),
      NO_EVIDENCE,
      'G',
      'text-matches',
    ],
    [
      'beats with a text target: anything else is Red',
      'higher',
      'text',
      'Second quartile',
      'Top quartile',
      rules('10%', { greenWhen: 'beats' }),
      NO_EVIDENCE,
      'R',
      'text-differs',
    ],
    // Amber also when improving.
    [
      'improving: beyond tolerance but better than last period is Amber',
      'higher',
      'number',
      '66',
      '75',
      rules('10%', { amberAlso: 'improving' }),
      { dot: 'improved', comparedWith: '2014/15 Q1', forecast: null },
      'A',
      'amber-improving',
    ],
    [
      'improving: beyond tolerance and worse is Red',
      'higher',
      'number',
      '66',
      '75',
      rules('10%', { amberAlso: 'improving' }),
      { dot: 'worse', comparedWith: '2014/15 Q1', forecast: null },
      'R',
      'beyond-tolerance',
    ],
    [
      'improving with no previous figure stays Red',
      'higher',
      'number',
      '66',
      '75',
      rules('10%', { amberAlso: 'improving' }),
      NO_EVIDENCE,
      'R',
      'beyond-tolerance',
    ],
    // Amber also when the year-end forecast meets the annual target.
    [
      'on track for the year: forecast meets the annual target is Amber',
      'lower',
      'number',
      '4000',
      '3278',
      rules('10%', { amberAlso: 'on-track-for-year' }),
      {
        dot: null,
        comparedWith: null,
        forecast: { projected: parseDecimal('7420')!, annualTarget: parseDecimal('8065')!, suggestedRag: 'G' },
      },
      'A',
      'amber-on-track-for-year',
    ],
    [
      'on track for the year: forecast misses the annual target is Red',
      'lower',
      'number',
      '4000',
      '3278',
      rules('10%', { amberAlso: 'on-track-for-year' }),
      {
        dot: null,
        comparedWith: null,
        forecast: { projected: parseDecimal('8100')!, annualTarget: parseDecimal('8065')!, suggestedRag: 'A' },
      },
      'R',
      'beyond-tolerance',
    ],
  ]
  for (const [name, polarity, type, actual, target, ruleSet, evidence, status, rule] of cases) {
    it(name, () => {
      const judged = judgeByRules(
        polarity,
        ruleSet,
        parseFigure(type, actual),
        parseFigure(type, target),
        '%',
        evidence,
      )
      assert.ok(judged)
      assert.equal(judged.status, status, judged.ruleText)
      assert.equal(judged.rule, rule)
      assert.match(judged.ruleText, new RegExp(`^${status === 'G' ? 'Green' : status === 'A' ? 'Amber' : 'Red'}: `))
    })
  }

  it('says why a lifted Amber is Amber', () => {
    const judged = judgeByRules(
      'higher',
      rules('10%', { amberAlso: 'improving' }),
      parseFigure('number', '66'),
      parseFigure('number', '75'),
      '%',
      { dot: 'improved', comparedWith: '2014/15 Q1', forecast: null },
    )
    assert.equal(
      judged?.ruleText,
      'Amber: 12% below target, beyond the tolerance of 10% of the target, but improving on 2014/15 Q1.',
    )
  })

  it('says why an improving rule could not lift a Red with no previous figure', () => {
    const judged = judgeByRules(
      'higher',
      rules('10%', { amberAlso: 'improving' }),
      parseFigure('number', '66'),
      parseFigure('number', '75'),
      '%',
      NO_EVIDENCE,
    )
    assert.equal(
      judged?.ruleText,
      'Red: 12% below target, beyond the tolerance of 10% of the target, and no earlier figure shows it improving.',
    )
  })

  it('says that a text target can only be met, under beats', () => {
    const judged = judgeByRules(
      'higher',
      rules('10%', { greenWhen: 'beats' }),
      parseFigure('text', 'Top quartile'),
      parseFigure('text', 'top quartile'),
      '',
      NO_EVIDENCE,
    )
    assert.equal(
      judged?.ruleText,
      'Green: matches the target (top quartile); a text target can only be met, not beaten.',
    )
  })

  it('says an on-target figure under beats needs the target beaten', () => {
    const judged = judgeByRules(
      'higher',
      rules('2', { greenWhen: 'beats' }),
      parseFigure('number', '75'),
      parseFigure('number', '75'),
      '%',
      NO_EVIDENCE,
    )
    assert.equal(judged?.ruleText, 'Amber: on target, but Green needs the target beaten.')
  })

  it('says a figure on track for the year is Amber, with the forecast', () => {
    const judged = judgeByRules(
      'lower',
      rules('10%', { amberAlso: 'on-track-for-year' }),
      parseFigure('number', '4000'),
      parseFigure('number', '3278'),
      '',
      {
        dot: null,
        comparedWith: null,
        forecast: { projected: parseDecimal('7420')!, annualTarget: parseDecimal('8065')!, suggestedRag: 'G' },
      },
    )
    assert.equal(
      judged?.ruleText,
      'Amber: 22% above target, beyond the tolerance of 10% of the target, but the year-end forecast of 7420 meets the annual target of 8065.',
    )
  })

  it('gives a points shortfall in percentage points', () => {
    const judged = judgeByRules(
      'higher',
      rules('2'),
      parseFigure('number', '73.5'),
      parseFigure('number', '75'),
      '%',
      NO_EVIDENCE,
    )
    assert.equal(
      judged?.ruleText,
      'Amber: 1.5 percentage points below target, within the tolerance of 2 percentage points.',
    )
  })

  it('gives the amber limit in points', () => {
    const judged = judgeByRules(
      'lower',
      rules('2'),
      parseFigure('number', '5'),
      parseFigure('number', '4.5'),
      '%',
      NO_EVIDENCE,
    )
    assert.equal(decimalToString(judged!.amberLimit!), '6.5')
  })

  it('cannot compare a number with a text target', () => {
    assert.equal(
      judgeByRules(
        'higher',
        rules('10%'),
        parseFigure('number', '5'),
        parseFigure('text', 'Top quartile'),
        '',
        NO_EVIDENCE,
      ),
      null,
    )
  })
})

describe('rules in plain English', () => {
  it('states a points tolerance', () => {
    assert.equal(describeRules(rules('2'), '%').amber, 'Amber: worse than target by no more than 2 percentage points')
  })
  it('states a green band and beats', () => {
    assert.equal(
      describeRules(rules('10%', { greenWithin: '5%' }), null).green,
      'Green: on target, better, or worse than target by no more than 5% of the target',
    )
    assert.equal(
      describeRules(rules('10%', { greenWhen: 'beats' }), null).green,
      'Green: better than target (on target is Amber)',
    )
  })
  it('an indicator inherits each rule it does not give', () => {
    const resolved = resolveRules(
      { greenWhen: 'beats' },
      { tolerance: parseBand('2', 'tolerance'), amberAlso: 'improving' },
    )
    assert.equal(resolved.greenWhen, 'beats')
    assert.equal(resolved.amberAlso, 'improving')
    assert.equal(resolved.tolerance.basis, 'absolute')
  })
  it('refuses a band it cannot read', () => {
    assert.throws(() => parseBand('ten', 'tolerance'), /is not a tolerance/)
  })
})

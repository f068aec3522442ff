import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parseImport } from '../../../src/services/import/import-validation.ts'
import { TRAFFORD_DIR } from '../../helpers/fixtures.ts'

const INDICATORS = readFileSync(`${TRAFFORD_DIR}indicators.csv`, 'utf8')
const OBSERVATIONS = readFileSync(`${TRAFFORD_DIR}observations.csv`, 'utf8')
const HEADER = 'ref,period,data_period,actual,target,estimated,status,note'

function check(indicators: string, observations: string) {
  return parseImport(
    { name: 'indicators.csv', content: indicators },
    { name: 'observations.csv', content: observations },
  )
}

function problemsOf(indicators: string, observations: string): string[] {
  return check(indicators, observations).problems.map(
    (p) => `${p.file}:${p.line ?? '-'}:${p.column ?? '-'}: ${p.message}`,
  )
}

describe('checking import files', () => {
  it('accepts the Trafford fixture', () => {
    const parsed = check(INDICATORS, OBSERVATIONS)
    assert.deepEqual(parsed.problems, [])
    assert.equal(parsed.indicators.length, 25)
    assert.equal(parsed.observations.length, 80)
  })

  it('reads a file as Excel saves it: byte-order mark, CRLF line endings, quoted commas', () => {
    const excel = `\uFEFF${INDICATORS.replace(/\r?\n/g, '\r\n')}`
    const observations = `\uFEFF${HEADER}\r\nSTP 3,2013/14 Q2,,"5,339","5,471",no,,"Crime is down, by 2.4%"\r\n`
    const parsed = check(excel, observations)
    assert.deepEqual(parsed.problems, [])
    assert.equal(
      parsed.indicators[16]?.title,
      'Breastfeeding rate at 6-8 weeks: difference from Trafford average of the lowest areas, by Medical Centre catchment',
    )
    const row = parsed.observations[0]!
    assert.equal(row.observation.actual, '5339')
    assert.equal(row.observation.target, '5471')
    assert.equal(row.observation.note, 'Crime is down, by 2.4%')
  })

  const broken: [name: string, observations: string, expected: RegExp][] = [
    [
      'a bad period',
      `${HEADER}\nSTP 3,2013/14 Q5,,5339,5471,no,,`,
      /^observations\.csv:2:period: "2013\/14 Q5" is not a period: a financial year has quarters 1 to 4, not 5\. Use a financial year such as 2013\/14/,
    ],
    [
      'an unknown ref',
      `${HEADER}\nSTP 99,2013/14 Q2,,5339,5471,no,,`,
      /^observations\.csv:2:ref: "STP 99" is not an indicator in indicators\.csv or the plan/,
    ],
    [
      'a non-numeric actual for a number indicator',
      `${HEADER}\nSTP 3,2013/14 Q2,,lots,5471,no,,`,
      /^observations\.csv:2:actual: "lots" is not a number\. Enter a number such as 12\.5/,
    ],
    [
      'a duplicate row',
      `${HEADER}\nSTP 3,2013/14 Q2,,5339,5471,no,,\nSTP 3,2013/14 Q2,,5340,5471,no,,`,
      /^observations\.csv:3:period: STP 3 already has a row for 2013\/14 Q2 on line 2/,
    ],
    [
      'a missing column',
      'ref,data_period,actual,target\nSTP 3,,5339,5471',
      /^observations\.csv:1:period: The column "period" is missing/,
    ],
    ['an empty file', '', /^observations\.csv:-:-: The file is empty/],
    [
      'a data period after the period',
      `${HEADER}\nSTP 3,2013/14 Q2,2013/14 Q3,5339,5471,no,,`,
      /^observations\.csv:2:data_period: The data period 2013\/14 Q3 is after the period 2013\/14 Q2/,
    ],
    [
      'an estimate flag that is not yes or no',
      `${HEADER}\nSTP 3,2013/14 Q2,,5339,5471,maybe,,`,
      /^observations\.csv:2:estimated: "maybe" is not yes or no/,
    ],
    [
      'a status that is not G, A or R',
      `${HEADER}\nSTP 3,2013/14 Q2,,5339,5471,no,Purple,`,
      /^observations\.csv:2:status: "Purple" is not a RAG status\. Use G, A or R\./,
    ],
    [
      'a figure for a status-only indicator',
      `${HEADER}\nNEW LOCALITY,2013/14 Q2,,5,,no,G,`,
      /^observations\.csv:2:actual: A status-only indicator has no figure/,
    ],
    [
      'a row with too many fields',
      `${HEADER}\nSTP 3,2013/14 Q2,,5,339,5471,no,,`,
      /^observations\.csv:2:-: The row has 9 fields but the header has 8/,
    ],
    [
      'an unknown column',
      `${HEADER},colour\nSTP 3,2013/14 Q2,,5339,5471,no,,,red`,
      /^observations\.csv:1:colour: "colour" is not a known column/,
    ],
    [
      'a not-reported reason beside a figure',
      'ref,period,actual,target,not_reported\nSTP 3,2013/14 Q2,5339,5471,annual',
      /^observations\.csv:2:not_reported: A row with a figure or a status has been reported/,
    ],
  ]
  for (const [name, observations, expected] of broken) {
    it(`names file, line, column and what to do for ${name}`, () => {
      const problems = problemsOf(INDICATORS, observations)
      assert.equal(problems.length, 1, problems.join('\n'))
      assert.match(problems[0]!, expected)
    })
  }

  it('lists every problem in both files together', () => {
    const indicators = INDICATORS.replace(
      'STP 3,Reduce total recorded crime,Safe Place to Live – Fighting Crime,monthly,lower',
      'STP 3,Reduce total recorded crime,Safe Place to Live – Fighting Crime,weekly,lower',
    ).replace(',10,previous\n', ',ten,previous\n')
    const observations = `${HEADER}\nSTP 13,2013/14 Q2,,3802,3278,no,,\nSTP 13,2013/14 Q9,,3802,3278,no,,\nBV 9,2013/14 Q2,,high,58.75,no,,\nNOPE,2013/14 Q2,,1,1,no,,`
    const problems = problemsOf(indicators, observations)
    assert.equal(problems.length, 5, problems.join('\n'))
    assert.match(problems[0]!, /^indicators\.csv:2:tolerance_pct: "ten" is not a tolerance/)
    assert.match(
      problems[1]!,
      /^indicators\.csv:13:frequency: "weekly" is not a frequency\. Use one of: monthly, quarterly, annual\./,
    )
    assert.match(problems[2]!, /^observations\.csv:3:period:/)
    assert.match(problems[3]!, /^observations\.csv:4:actual:/)
    assert.match(problems[4]!, /^observations\.csv:5:ref:/)
  })

  it('checks the indicator definitions', () => {
    const header = 'ref,title,theme,frequency,polarity,value_type,unit,accumulation,tolerance_pct,dot_basis'
    const problems = problemsOf(
      `${header}\nX 1,,Theme,monthly,upwards,number,,point,10,previous\nX 1,Title,Theme,monthly,higher,text,,ytd-sum,10,previous\nX 2,Title,Theme,monthly,higher,number,,point,10,previous\nX 2,Again,Theme,monthly,higher,number,,point,10,previous`,
      HEADER,
    )
    assert.equal(problems.length, 4, problems.join('\n'))
    assert.match(problems[0]!, /^indicators\.csv:2:title: Enter the indicator definition\./)
    assert.match(
      problems[1]!,
      /^indicators\.csv:2:polarity: "upwards" is not a polarity\. Use one of: higher, lower, none\./,
    )
    assert.match(problems[2]!, /^indicators\.csv:3:accumulation: Only a number can accumulate/)
    assert.match(problems[3]!, /^indicators\.csv:5:ref: "X 2" is already defined on line 4/)
  })

  it('refuses an indicators file with a header and no indicators', () => {
    assert.match(
      problemsOf(
        'ref,title,theme,frequency,polarity,value_type,unit,accumulation,tolerance_pct,dot_basis\n',
        HEADER,
      )[0]!,
      /has a header but no indicators/,
    )
  })

  it('accepts an observations file with only a header (a framework with no figures yet)', () => {
    assert.deepEqual(problemsOf(INDICATORS, `${HEADER}\n`), [])
  })
})

describe('checking statistics data: counts, interval methods and comparators', () => {
  const IND_HEADER =
    'ref,title,theme,frequency,polarity,value_type,unit,accumulation,tolerance_pct,dot_basis,ci_method,multiplier'
  const STATS_INDICATORS = [
    IND_HEADER,
    'PH 1,Pupils achieving 5 GCSEs A*-C,Education,quarterly,higher,number,%,point,10,previous,proportion,',
    'PH 2,Emergency admissions per 1000,Health,quarterly,lower,number,per 1000,point,10,previous,Rate,"1,000"',
    'PH 3,Complaints upheld,Health,quarterly,lower,number,count,point,10,previous,,',
    'PH 4,Position in the league table,Health,quarterly,lower,rank,,point,10,previous,,',
  ].join('\n')
  const OBS_HEADER = 'ref,period,actual,target,numerator,denominator'
  const STATS_OBSERVATIONS = [
    OBS_HEADER,
    'PH 1,2013/14 Q2,,50,45,100',
    'PH 1,2013/14 Q1,41.9,50,42,100',
    'PH 2,2013/14 Q2,,,"1,250",250000',
    'PH 3,2013/14 Q2,12,10,,',
  ].join('\n')
  const CMP_HEADER = 'ref,period,comparator,value,lower,upper'
  const STATS_COMPARATORS = [
    CMP_HEADER,
    'PH 1,2013/14 Q2,England,58.2,57.9,58.5',
    'PH 1,2013/14 Q2,Greater Manchester,55.0,,',
    'PH 3,2013/14 Q2,England,"1,011",,',
  ].join('\n')

  function checkStats(indicators: string, observations: string, comparators: string | null = STATS_COMPARATORS) {
    return parseImport(
      { name: 'indicators.csv', content: indicators },
      { name: 'observations.csv', content: observations },
      new Map(),
      comparators === null ? null : { name: 'comparators.csv', content: comparators },
    )
  }

  function statsProblems(indicators: string, observations: string, comparators: string | null = null): string[] {
    return checkStats(indicators, observations, comparators).problems.map(
      (p) => `${p.file}:${p.line ?? '-'}:${p.column ?? '-'}: ${p.message}`,
    )
  }

  it('reads the interval method, multiplier, counts and comparators as given', () => {
    const parsed = checkStats(STATS_INDICATORS, STATS_OBSERVATIONS)
    assert.deepEqual(parsed.problems, [])
    assert.deepEqual(
      parsed.indicators.map((i) => [i.ref, i.ciMethod, i.multiplier]),
      [
        ['PH 1', 'proportion', null],
        ['PH 2', 'rate', '1000'],
        ['PH 3', null, null],
        ['PH 4', null, null],
      ],
    )
    assert.deepEqual(
      parsed.observations.map(({ ref, observation: o }) => [ref, o.actual, o.numerator, o.denominator]),
      [
        ['PH 1', null, '45', '100'],
        ['PH 1', '41.9', '42', '100'],
        ['PH 2', null, '1250', '250000'],
        ['PH 3', '12', null, null],
      ],
    )
    assert.deepEqual(
      parsed.comparators.map(({ ref, line, comparator: c }) => [ref, line, c.name, c.value, c.lower, c.upper]),
      [
        ['PH 1', 2, 'England', '58.2', '57.9', '58.5'],
        ['PH 1', 3, 'Greater Manchester', '55.0', null, null],
        ['PH 3', 4, 'England', '1011', null, null],
      ],
    )
  })

  it('reads files without the new columns exactly as before: no method, no counts, no comparators', () => {
    const parsed = check(INDICATORS, OBSERVATIONS)
    assert.ok(parsed.indicators.every((i) => i.ciMethod === null && i.multiplier === null))
    assert.ok(parsed.observations.every(({ observation: o }) => o.numerator === null && o.denominator === null))
    assert.deepEqual(parsed.comparators, [])
  })

  const brokenIndicators: [name: string, row: string, expected: RegExp][] = [
    [
      'an unknown interval method',
      'PH 9,T,Health,quarterly,lower,number,,point,10,previous,poisson,',
      /^indicators\.csv:2:ci_method: "poisson" is not a confidence interval method\. Use proportion .* or rate .*, or leave it empty\./,
    ],
    [
      'an interval method for a text indicator',
      'PH 9,T,Health,quarterly,lower,text,,point,10,previous,proportion,',
      /^indicators\.csv:2:ci_method: A confidence interval needs a figure, but this is a text indicator\. Clear ci_method, or use value_type number\./,
    ],
    [
      'a multiplier that is not a number',
      'PH 9,T,Health,quarterly,lower,number,,point,10,previous,rate,per 1000',
      /^indicators\.csv:2:multiplier: "per 1000" is not a multiplier\. Enter the scale of the figure as a number above 0: 100 for a percentage/,
    ],
    [
      'a multiplier of 0',
      'PH 9,T,Health,quarterly,lower,number,,point,10,previous,rate,0',
      /^indicators\.csv:2:multiplier: "0" is not a multiplier\./,
    ],
    [
      'a negative multiplier',
      'PH 9,T,Health,quarterly,lower,number,,point,10,previous,rate,-100',
      /^indicators\.csv:2:multiplier: "-100" is not a multiplier\./,
    ],
    [
      'a multiplier without an interval method',
      'PH 9,T,Health,quarterly,lower,number,,point,10,previous,,1000',
      /^indicators\.csv:2:multiplier: A multiplier scales a figure made from a numerator and denominator\. Set ci_method to proportion or rate, or clear the multiplier\./,
    ],
  ]
  for (const [name, row, expected] of brokenIndicators) {
    it(`names file, line, column and what to do for ${name}`, () => {
      const problems = statsProblems(`${IND_HEADER}\n${row}`, OBS_HEADER)
      assert.equal(problems.length, 1, problems.join('\n'))
      assert.match(problems[0]!, expected)
    })
  }

  const brokenObservations: [name: string, row: string, expected: RegExp][] = [
    [
      'a numerator without a denominator',
      'PH 1,2013/14 Q2,,,45,',
      /^observations\.csv:2:denominator: Give the denominator as well as the numerator, or neither\./,
    ],
    [
      'a denominator without a numerator',
      'PH 2,2013/14 Q2,,,,250000',
      /^observations\.csv:2:numerator: Give the numerator as well as the denominator, or neither\./,
    ],
    [
      'counts for an indicator without an interval method',
      'PH 3,2013/14 Q2,,,12,100',
      /^observations\.csv:2:numerator: PH 3 has no ci_method, so its rows take no numerator or denominator\. Set its ci_method to proportion or rate in the indicators file, or clear the numerator and denominator\./,
    ],
    [
      'a denominator alone for an indicator without an interval method',
      'PH 3,2013/14 Q2,,,,100',
      /^observations\.csv:2:denominator: PH 3 has no ci_method/,
    ],
    [
      'a negative numerator',
      'PH 1,2013/14 Q2,,,-1,100',
      /^observations\.csv:2:numerator: The numerator cannot be negative\. Enter the number counted, 0 or more\./,
    ],
    [
      'a numerator that is not a number',
      'PH 1,2013/14 Q2,,,forty,100',
      /^observations\.csv:2:numerator: "forty" is not a count\. Enter the number of events or people counted, such as 37/,
    ],
    [
      'a denominator of 0',
      'PH 2,2013/14 Q2,,,0,0',
      /^observations\.csv:2:denominator: The denominator must be more than 0\. Enter the population or total the numerator is out of\./,
    ],
    [
      'a denominator that is not a number',
      'PH 2,2013/14 Q2,,,5,lots',
      /^observations\.csv:2:denominator: "lots" is not a number\. Enter the population or total the numerator is out of/,
    ],
    [
      'a numerator above the denominator for a proportion',
      'PH 1,2013/14 Q2,,,101,100',
      /^observations\.csv:2:numerator: The numerator 101 is more than the denominator 100, but a proportion is part of a whole\. Check the two figures, or use ci_method rate/,
    ],
    [
      'a fraction of an event below 10 for a rate',
      'PH 2,2013/14 Q2,,,2.5,1000',
      /^observations\.csv:2:numerator: Fewer than 10 events need a whole number for the exact method, not 2\.5\. Enter the count of events\./,
    ],
    [
      'a not-reported reason beside counts',
      'PH 1,2013/14 Q2,,,45,100,new',
      /^observations\.csv:2:not_reported: A row with a numerator and denominator has been reported\. Clear not_reported, or clear the numerator and denominator\./,
    ],
  ]
  for (const [name, row, expected] of brokenObservations) {
    it(`names file, line, column and what to do for ${name}`, () => {
      const header = row.split(',').length === 7 ? `${OBS_HEADER},not_reported` : OBS_HEADER
      const problems = statsProblems(STATS_INDICATORS, `${header}\n${row}`)
      assert.equal(problems.length, 1, problems.join('\n'))
      assert.match(problems[0]!, expected)
    })
  }

  it('allows a rate’s count above its population, a fraction of an event from 10, and a count of 0', () => {
    const rows = ['PH 2,2013/14 Q1,,,250,220', 'PH 2,2013/14 Q2,,,10.5,1000', 'PH 1,2013/14 Q2,,,0,100']
    assert.deepEqual(statsProblems(STATS_INDICATORS, `${OBS_HEADER}\n${rows.join('\n')}`), [])
  })

  const brokenComparators: [name: string, file: string, expected: RegExp][] = [
    [
      'an unknown ref',
      `${CMP_HEADER}\nPH 99,2013/14 Q2,England,58.2,,`,
      /^comparators\.csv:2:ref: "PH 99" is not an indicator in indicators\.csv or the plan\. Check the reference, or add the indicator\./,
    ],
    [
      'a comparator for a rank indicator',
      `${CMP_HEADER}\nPH 4,2013/14 Q2,England,3,,`,
      /^comparators\.csv:2:ref: PH 4 is a rank indicator, but a comparator is a figure to set beside a number\. Remove the row, or check the reference\./,
    ],
    [
      'a bad period',
      `${CMP_HEADER}\nPH 1,2013/14 Q5,England,58.2,,`,
      /^comparators\.csv:2:period: "2013\/14 Q5" is not a period: a financial year has quarters 1 to 4, not 5\./,
    ],
    [
      'a missing comparator name',
      `${CMP_HEADER}\nPH 1,2013/14 Q2,,58.2,,`,
      /^comparators\.csv:2:comparator: Enter the comparator's name, such as England or Greater Manchester\./,
    ],
    [
      'a missing value',
      `${CMP_HEADER}\nPH 1,2013/14 Q2,England,,,`,
      /^comparators\.csv:2:value: Enter the comparator's figure for the period, on PH 1's scale, such as 12\.5\./,
    ],
    [
      'a value that is not a number',
      `${CMP_HEADER}\nPH 1,2013/14 Q2,England,58%,,`,
      /^comparators\.csv:2:value: "58%" is not a number\. Enter a number such as 12\.5, without units or symbols\./,
    ],
    [
      'a limit that is not a number',
      `${CMP_HEADER}\nPH 1,2013/14 Q2,England,58.2,low,58.5`,
      /^comparators\.csv:2:lower: "low" is not a number\./,
    ],
    [
      'a lower limit without an upper',
      `${CMP_HEADER}\nPH 1,2013/14 Q2,England,58.2,57.9,`,
      /^comparators\.csv:2:upper: Give the upper limit as well as the lower, or neither\./,
    ],
    [
      'an interval that does not contain the value',
      `${CMP_HEADER}\nPH 1,2013/14 Q2,England,58.2,58.5,57.9`,
      /^comparators\.csv:2:lower: The interval 58\.5 to 57\.9 does not contain the figure 58\.2\. Check the three figures, or clear lower and upper\./,
    ],
    [
      'a duplicate row',
      `${CMP_HEADER}\nPH 1,2013/14 Q2,England,58.2,,\nPH 1,2013/14 Q2,England,58.3,,`,
      /^comparators\.csv:3:comparator: PH 1 already has an England figure for 2013\/14 Q2 on line 2\. Keep one row per indicator, period and comparator\./,
    ],
    [
      'a missing column',
      'ref,period,value\nPH 1,2013/14 Q2,58.2',
      /^comparators\.csv:1:comparator: The column "comparator" is missing\. Add it to the header row: ref,period,comparator,value,lower,upper\./,
    ],
    [
      'an unknown column',
      `${CMP_HEADER},source\nPH 1,2013/14 Q2,England,58.2,,,PHOF`,
      /^comparators\.csv:1:source: "source" is not a known column/,
    ],
    ['an empty file', '', /^comparators\.csv:-:-: The file is empty/],
  ]
  for (const [name, file, expected] of brokenComparators) {
    it(`names file, line, column and what to do for ${name} in the comparators`, () => {
      const problems = statsProblems(STATS_INDICATORS, STATS_OBSERVATIONS, file)
      assert.equal(problems.length, 1, problems.join('\n'))
      assert.match(problems[0]!, expected)
    })
  }

  it('accepts comparators without limits, and a comparators file with only a header', () => {
    assert.deepEqual(statsProblems(STATS_INDICATORS, STATS_OBSERVATIONS, 'ref,period,comparator,value'), [])
    assert.deepEqual(
      statsProblems(STATS_INDICATORS, STATS_OBSERVATIONS, 'ref,period,comparator,value\nPH 1,2013/14 Q2,England,58'),
      [],
    )
  })

  it('lists every problem in the three files together, in file order', () => {
    const problems = statsProblems(
      `${STATS_INDICATORS}\nPH 9,T,Health,quarterly,lower,number,,point,10,previous,,1000`,
      `${OBS_HEADER}\nPH 1,2013/14 Q2,,,101,100`,
      `${CMP_HEADER}\nPH 1,2013/14 Q2,England,x,,`,
    )
    assert.deepEqual(
      problems.map((p) => p.split(': ')[0]),
      ['indicators.csv:6:multiplier', 'observations.csv:2:numerator', 'comparators.csv:2:value'],
    )
  })
})

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parseImport } from '../../src/services/import-validation.ts'
import { TRAFFORD_DIR } from '../helpers/fixtures.ts'

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
      /^observations\.csv:2:period: "2013\/14 Q5" is not a period\. Use a financial year such as 2013\/14/,
    ],
    [
      'an unknown ref',
      `${HEADER}\nSTP 99,2013/14 Q2,,5339,5471,no,,`,
      /^observations\.csv:2:ref: "STP 99" is not an indicator in indicators\.csv or the plan/,
    ],
    [
      'a non-numeric actual for a number indicator',
      `${HEADER}\nSTP 3,2013/14 Q2,,lots,5471,no,,`,
      /^observations\.csv:2:actual: "lots" is not a number\. Enter a number such as 57\.59/,
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

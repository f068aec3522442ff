import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatPeriod } from '../../../src/domain/periods/period.ts'
import { countPlaceholders, placeholderSentences } from '../../../src/services/import/import-placeholders.ts'
import { parseImport } from '../../../src/services/import/import-validation.ts'

/** Every spelling the import reads, and what it refuses, through the files themselves. */

const INDICATORS_HEADER = 'ref,title,theme,frequency,polarity,value_type,unit,accumulation,tolerance_pct,dot_basis'
const INDICATORS = [
  INDICATORS_HEADER,
  'N 1,Crimes recorded,Crime,quarterly,lower,number,,ytd-sum,10,previous',
  'S 1,Pupils with a plan,Education,quarterly,higher,status,,point,10,previous',
  'T 1,Quartile,Education,annual,higher,text,,point,10,previous',
].join('\n')
const OBSERVATIONS_HEADER = 'ref,period,data_period,actual,target,estimated,status,not_reported,note'

function parse(observations: string, indicators = INDICATORS, comparators: string | null = null) {
  return parseImport(
    { name: 'indicators.csv', content: indicators },
    { name: 'observations.csv', content: `${OBSERVATIONS_HEADER}\n${observations}` },
    new Map(),
    comparators === null ? null : { name: 'comparators.csv', content: comparators },
  )
}

function problems(parsed: ReturnType<typeof parse>): string[] {
  return parsed.problems.map((p) => `${p.file}:${p.line ?? '-'}:${p.column ?? '-'}: ${p.message}`)
}

describe('placeholders in the actual column', () => {
  const cases: [actual: string, reason: string][] = [
    ['n/a', 'not-available'],
    ['N/A', 'not-available'],
    ['na', 'not-available'],
    ['NA', 'not-available'],
    ['-', 'not-available'],
    ['–', 'not-available'],
    ['..', 'not-available'],
    ['tbc', 'not-available'],
    ['TBC', 'not-available'],
    ['x', 'suppressed'],
    ['X', 'suppressed'],
    ['*', 'suppressed'],
  ]
  for (const [actual, reason] of cases) {
    it(`reads ${JSON.stringify(actual)} as no figure, ${reason}`, () => {
      const parsed = parse(`N 1,2013/14 Q2,,"${actual}",5471,,,,`)
      assert.deepEqual(problems(parsed), [])
      assert.equal(parsed.observations.length, 1)
      const row = parsed.observations[0]!
      assert.equal(row.observation.actual, null)
      assert.equal(row.observation.notReported, reason)
      assert.equal(row.observation.target, '5471')
      assert.equal(row.placeholder, actual)
    })
  }

  it('reads a placeholder for a text or status-only indicator too', () => {
    const parsed = parse('T 1,2013/14,,n/a,Top,,,,\nS 1,2013/14 Q2,,*,,,,,')
    assert.deepEqual(problems(parsed), [])
    assert.deepEqual(
      parsed.observations.map((o) => [o.ref, o.observation.actual, o.observation.notReported]),
      [
        ['T 1', null, 'not-available'],
        ['S 1', null, 'suppressed'],
      ],
    )
  })

  it('keeps the reason a row gives, and gives none where the row reports a status', () => {
    const parsed = parse('N 1,2013/14 Q2,,n/a,5471,,,in-arrears,\nS 1,2013/14 Q2,,n/a,,,Green,,')
    assert.deepEqual(problems(parsed), [])
    assert.deepEqual(
      parsed.observations.map((o) => [o.observation.actual, o.observation.status, o.observation.notReported]),
      [
        [null, null, 'in-arrears'],
        [null, 'G', null],
      ],
    )
  })

  it('refuses a placeholder beside a reason with a status, as it refuses an empty figure', () => {
    assert.deepEqual(problems(parse('S 1,2013/14 Q2,,n/a,,,G,new,')), [
      'observations.csv:2:not_reported: A row with a figure or a status has been reported. Clear not_reported, or clear the actual and status.',
    ])
  })

  it('reads what is not a placeholder as a figure, as before', () => {
    assert.deepEqual(problems(parse('N 1,2013/14 Q2,,...,5471,,,,\nN 1,2013/14 Q3,,—,5471,,,,')), [
      'observations.csv:2:actual: "..." is not a number. Enter a number such as 12.5 or -2.5, without units or symbols.',
      'observations.csv:3:actual: "—" is not a number. Enter a number such as 12.5 or -2.5, without units or symbols.',
    ])
    const text = parse('T 1,2013/14,,Top quartile,Top,,,,')
    assert.equal(text.observations[0]?.observation.actual, 'Top quartile')
  })

  it('says which placeholders were read and how many, by what they were read as', () => {
    const parsed = parse(
      [
        'N 1,2013/14 Q1,,n/a,1,,,,',
        'N 1,2013/14 Q2,,..,1,,,,',
        'N 1,2013/14 Q3,,n/a,1,,,,',
        'N 1,2013/14 Q4,,x,1,,,,',
        'N 1,2012/13 Q4,,n/a,1,,,in-arrears,',
        'N 1,2012/13 Q3,,5,1,,,,',
      ].join('\n'),
    )
    assert.deepEqual(problems(parsed), [])
    assert.deepEqual(placeholderSentences(countPlaceholders(parsed.observations)), [
      '3 figures read as not available: n/a (2), .. (1).',
      '1 figure read as suppressed (withheld because the numbers are small): x (1).',
      '1 figure read as reported in arrears: n/a (1).',
    ])
  })

  it('says nothing when no placeholder was read', () => {
    assert.deepEqual(placeholderSentences(countPlaceholders(parse('N 1,2013/14 Q1,,5,1,,,,').observations)), [])
  })
})

describe('periods as councils write them, in every column that holds one', () => {
  const spellings = ['2013/14 Q2', 'Q2 2013/14', '2013-14 Q2', '2013/2014 Q2', 'Quarter 2 2013/14', 'Q2 13/14']
  for (const spelling of spellings) {
    it(`reads ${spelling} in period, data_period and the comparators' period as 2013/14 Q2`, () => {
      const parsed = parse(
        `N 1,2013/14 Q3,${spelling},5,1,,,,\nN 1,${spelling},,5,1,,,,`,
        INDICATORS,
        `ref,period,comparator,value,lower,upper\nN 1,${spelling},England,5,,`,
      )
      assert.deepEqual(problems(parsed), [])
      assert.equal(
        formatPeriod(parsed.observations[0]?.observation.dataPeriod ?? { kind: 'year', year: 0 }),
        '2013/14 Q2',
      )
      assert.equal(formatPeriod(parsed.observations[1]?.observation.period ?? { kind: 'year', year: 0 }), '2013/14 Q2')
      assert.equal(formatPeriod(parsed.comparators[0]?.comparator.period ?? { kind: 'year', year: 0 }), '2013/14 Q2')
    })
  }

  it('reads months and years written out, and counts two spellings of one period as one period', () => {
    const parsed = parse(
      'N 1,Sep 2013,,5,1,,,,\nN 1,September 2013,,5,1,,,,\nN 1,2013-14,,5,1,,,,\nN 1,Sep-13,,5,1,,,,',
    )
    assert.deepEqual(problems(parsed), [
      'observations.csv:3:period: N 1 already has a row for 2013-09 on line 2. Keep one row per indicator and period.',
      'observations.csv:5:period: N 1 already has a row for 2013-09 on line 2. Keep one row per indicator and period.',
    ])
    assert.deepEqual(
      parsed.observations.map((o) => formatPeriod(o.observation.period)),
      ['2013-09', '2013/14'],
    )
  })

  it('refuses an ambiguous period with why and the forms it reads', () => {
    const [problem, ...rest] = problems(parse('N 1,2013,,5,1,,,,'))
    assert.deepEqual(rest, [])
    assert.match(problem ?? '', /^observations\.csv:2:period: "2013" is not a period: a year alone could be/)
    assert.match(problem ?? '', /Also read: 2013-14 and 2013\/2014; Q2 2013\/14, .*Sep-13\.$/)
  })
})

describe('numbers, words and yes or no, read as they always have been', () => {
  it('reads numbers with thousands separators, keeping the figure without them', () => {
    const parsed = parse('N 1,2013/14 Q1,,"1,284","1,300",,,,\nN 1,2013/14 Q2,,"12,345.5",1300,,,,')
    assert.deepEqual(problems(parsed), [])
    assert.deepEqual(
      parsed.observations.map((o) => [o.observation.actual, o.observation.target]),
      [
        ['1284', '1300'],
        ['12345.5', '1300'],
      ],
    )
  })

  it('refuses commas that are not thousands', () => {
    assert.deepEqual(problems(parse('N 1,2013/14 Q1,,"1,28",1,,,,\nN 1,2013/14 Q2,,"12,34,567",1,,,,')), [
      'observations.csv:2:actual: "1,28" is not a number. Enter a number such as 12.5 or -2.5, without units or symbols.',
      'observations.csv:3:actual: "12,34,567" is not a number. Enter a number such as 12.5 or -2.5, without units or symbols.',
    ])
  })

  const statuses: [written: string, rag: string][] = [
    ['G', 'G'],
    ['g', 'G'],
    ['Green', 'G'],
    ['GREEN', 'G'],
    ['green', 'G'],
    ['A', 'A'],
    ['Amber', 'A'],
    ['R', 'R'],
    ['Red', 'R'],
    [' red ', 'R'],
  ]
  for (const [written, rag] of statuses) {
    it(`reads the status ${JSON.stringify(written)} as ${rag}`, () => {
      const parsed = parse(`S 1,2013/14 Q2,,,,,"${written}",,`)
      assert.deepEqual(problems(parsed), [])
      assert.equal(parsed.observations[0]?.observation.status, rag)
    })
  }

  const estimated: [written: string, value: boolean][] = [
    ['yes', true],
    ['Yes', true],
    ['Y', true],
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['no', false],
    ['No', false],
    ['n', false],
    ['false', false],
    ['0', false],
    ['', false],
  ]
  for (const [written, value] of estimated) {
    it(`reads estimated ${JSON.stringify(written)} as ${value ? 'yes' : 'no'}`, () => {
      const parsed = parse(`N 1,2013/14 Q2,,5,1,${written},,,`)
      assert.deepEqual(problems(parsed), [])
      assert.equal(parsed.observations[0]?.observation.estimated, value)
    })
  }

  const definitions: [columns: string, expected: Record<string, string>][] = [
    [
      'Quarterly,Higher,Number,YTD-SUM,Previous',
      { frequency: 'quarterly', polarity: 'higher', accumulation: 'ytd-sum' },
    ],
    [
      'MONTHLY,lower,number,Point,same-period-last-year',
      { frequency: 'monthly', polarity: 'lower', dotBasis: 'same-period-last-year' },
    ],
    ['Annual,None,Rank,point,previous', { frequency: 'annual', polarity: 'none', valueType: 'rank' }],
  ]
  for (const [columns, expected] of definitions) {
    it(`reads the words of "${columns}" whatever their case`, () => {
      const [frequency, polarity, valueType, accumulation, dotBasis] = columns.split(',')
      const row = ['W 1', 'A measure', 'Theme', frequency, polarity, valueType, '', accumulation, '10', dotBasis]
      const parsed = parse('', `${INDICATORS_HEADER}\n${row.join(',')}`)
      assert.deepEqual(problems(parsed), [])
      const indicator = parsed.indicators[0] as unknown as Record<string, string>
      for (const [key, value] of Object.entries(expected)) assert.equal(indicator[key], value)
    })
  }
})

describe('messages in correct English', () => {
  const cases: [column: string, row: string, message: string][] = [
    ['accumulation', 'monthly', '"monthly" is not an accumulation. Use one of: point, ytd-sum, ytd-rate.'],
    ['frequency', 'weekly', '"weekly" is not a frequency. Use one of: monthly, quarterly, annual.'],
    ['value_type', 'integer', '"integer" is not a value type. Use one of: number, rank, text, status.'],
  ]
  for (const [column, value, message] of cases) {
    it(`says "${message}"`, () => {
      const fields: Record<string, string> = {
        ref: 'E 1',
        title: 'A measure',
        theme: 'Theme',
        frequency: 'quarterly',
        polarity: 'higher',
        value_type: 'number',
        unit: '',
        accumulation: 'point',
        tolerance_pct: '10',
        dot_basis: 'previous',
        [column]: value,
      }
      const row = INDICATORS_HEADER.split(',').map((name) => fields[name] ?? '')
      assert.deepEqual(problems(parse('', `${INDICATORS_HEADER}\n${row.join(',')}`)), [
        `indicators.csv:2:${column}: ${message}`,
      ])
    })
  }
})

describe('rows waiting on a refused indicator', () => {
  const indicators = [
    INDICATORS_HEADER,
    'N 1,Crimes recorded,Crime,weekly,upwards,number,,point,10,previous',
    'N 2,Arrests,Crime,quarterly,higher,number,,point,10,previous',
    'N 3,Stops,Crime,fortnightly,higher,number,,point,10,previous',
  ].join('\n')

  it('gives the waiting rows no error of their own, and the indicator’s first error says how many wait', () => {
    const parsed = parse(
      [
        'N 1,2013/14 Q1,,5,1,,,,',
        'N 1,2013/14 Q5,,lots,1,,,,',
        'N 2,2013/14 Q1,,5,1,,,,',
        'N 1,2013/14 Q2,,5,1,,,,',
        'N 3,2013/14 Q1,,5,1,,,,',
      ].join('\n'),
      indicators,
      'ref,period,comparator,value,lower,upper\nN 1,2013/14 Q1,England,5,,',
    )
    assert.deepEqual(problems(parsed), [
      'indicators.csv:2:frequency: "weekly" is not a frequency. Use one of: monthly, quarterly, annual. 3 rows of observations.csv and 1 of comparators.csv wait on N 1 and are checked once it is put right.',
      'indicators.csv:2:polarity: "upwards" is not a polarity. Use one of: higher, lower, none.',
      'indicators.csv:4:frequency: "fortnightly" is not a frequency. Use one of: monthly, quarterly, annual. 1 row of observations.csv waits on N 3 and is checked once it is put right.',
    ])
    assert.deepEqual(
      parsed.observations.map((o) => o.ref),
      ['N 2'],
    )
  })

  it('says nothing of waiting rows when none wait, and still refuses a ref no file defines', () => {
    assert.deepEqual(problems(parse('N 9,2013/14 Q1,,5,1,,,,', indicators)), [
      'indicators.csv:2:frequency: "weekly" is not a frequency. Use one of: monthly, quarterly, annual.',
      'indicators.csv:2:polarity: "upwards" is not a polarity. Use one of: higher, lower, none.',
      'indicators.csv:4:frequency: "fortnightly" is not a frequency. Use one of: monthly, quarterly, annual.',
      'observations.csv:2:ref: "N 9" is not an indicator in indicators.csv or the plan. Check the reference, or add the indicator.',
    ])
  })

  it('checks the rows of an indicator defined again, correctly, further down', () => {
    const twice = `${indicators}\nN 1,Crimes recorded,Crime,quarterly,lower,number,,point,10,previous`
    assert.deepEqual(problems(parse('N 1,2013/14 Q1,,lots,1,,,,', twice)), [
      'indicators.csv:2:frequency: "weekly" is not a frequency. Use one of: monthly, quarterly, annual.',
      'indicators.csv:2:polarity: "upwards" is not a polarity. Use one of: higher, lower, none.',
      'indicators.csv:4:frequency: "fortnightly" is not a frequency. Use one of: monthly, quarterly, annual.',
      'observations.csv:2:actual: "lots" is not a number. Enter a number such as 12.5 or -2.5, without units or symbols.',
    ])
  })
})

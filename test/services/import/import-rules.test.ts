import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { rulesOf } from '../../../src/domain/judgement/indicator.ts'
import { bandText } from '../../../src/domain/judgement/rules.ts'
import { parseIndicators } from '../../../src/services/import/indicator-rows.ts'

/** The indicators file's rule columns: kind, tolerance, green_within, green_when, amber_also (issue 16). */

const HEADER =
  'ref,title,theme,frequency,polarity,value_type,unit,accumulation,tolerance_pct,dot_basis,rag_method,kind,tolerance,green_within,green_when,amber_also'

function parse(rows: string, header = HEADER) {
  return parseIndicators({ name: 'indicators.csv', content: `${header}\n${rows}\n` })
}

function problemsOf(rows: string): string[] {
  return parse(rows).problems.map((p) => `${p.file}:${p.line ?? '-'}:${p.column ?? '-'}: ${p.message}`)
}

describe('the rule columns of indicators.csv', () => {
  it('reads every rule, and an empty cell inherits', () => {
    const { indicators, problems } = parse(
      [
        'R 1,Collection,Finance,quarterly,higher,number,%,ytd-rate,,both,,measure,2,1,beats,improving',
        'R 2,Visits,Culture,quarterly,none,number,count,point,,previous,,data-only,,,,',
        'R 3,Rate,Finance,quarterly,higher,number,%,point,10,previous,,,,0,,',
        'R 4,Inherits,Finance,quarterly,higher,number,%,point,,previous,,,,,,',
      ].join('\n'),
    )
    assert.deepEqual(problems, [])
    const [r1, r2, r3, r4] = indicators
    assert.ok(r1 && r2 && r3 && r4)
    const own = r1.rules
    assert.ok(own?.tolerance && own.greenWithin)
    assert.equal(r1.accumulation, 'ytd-rate')
    assert.equal(r1.dotBasis, 'both')
    assert.equal(r1.tolerancePct, '')
    assert.equal(bandText(own.tolerance), '2')
    assert.equal(own.tolerance.basis, 'absolute')
    assert.equal(bandText(own.greenWithin), '1')
    assert.equal(own.greenWhen, 'beats')
    assert.equal(own.amberAlso, 'improving')
    assert.equal(r2.kind, 'data-only')
    assert.equal(r2.rules, undefined)
    assert.equal(r3.rules?.greenWithin, null, 'a green band of 0 is none, overriding the plan')
    assert.equal(rulesOf(r3).tolerance.basis, 'percent', 'tolerance_pct 10 is 10% of the target, as before')
    assert.equal(r4.rules, undefined)
    assert.equal(r4.kind, undefined, 'a measure, the default')
    // Inheriting: R 4 takes the plan's rules whole.
    const withPlan = { ...r4, planRules: { greenWhen: 'beats' as const, tolerance: own.tolerance } }
    assert.equal(rulesOf(withPlan).greenWhen, 'beats')
    assert.equal(rulesOf(withPlan).tolerance.basis, 'absolute')
  })

  it('still reads a file with tolerance_pct and no rule columns, exactly as before', () => {
    const old = 'ref,title,theme,frequency,polarity,value_type,unit,accumulation,tolerance_pct,dot_basis'
    const { indicators, problems } = parse('T 1,Rate,A theme,quarterly,higher,number,%,point,10,previous', old)
    assert.deepEqual(problems, [])
    const [only] = indicators
    assert.ok(only)
    assert.equal(only.tolerancePct, '10')
    assert.equal(only.rules, undefined)
    assert.equal(only.kind, undefined)
  })

  it('needs neither tolerance_pct nor tolerance in the header', () => {
    const header = 'ref,title,theme,frequency,polarity,value_type,unit,accumulation,dot_basis,tolerance'
    const { indicators, problems } = parse('T 1,Rate,A theme,quarterly,higher,number,%,point,previous,5%', header)
    assert.deepEqual(problems, [])
    const tolerance = indicators[0]?.rules?.tolerance
    assert.ok(tolerance)
    assert.equal(bandText(tolerance), '5%')
  })

  const refused: [name: string, row: string, expected: RegExp][] = [
    [
      'both tolerance_pct and tolerance',
      'X 1,Rate,A,quarterly,higher,number,%,point,10,previous,,,10%,,,',
      /^indicators\.csv:2:tolerance: The tolerance is given twice: tolerance_pct 10 and tolerance 10%\. Keep one/,
    ],
    [
      'a tolerance that is not a band',
      'X 1,Rate,A,quarterly,higher,number,%,point,,previous,,,ten,,,',
      /^indicators\.csv:2:tolerance: "ten" is not a tolerance\. Enter a percent of the target such as 10%, or a number such as 2 in the figure's own units/,
    ],
    [
      'a negative tolerance',
      'X 1,Rate,A,quarterly,higher,number,%,point,,previous,,,-2,,,',
      /^indicators\.csv:2:tolerance: "-2" is not a tolerance/,
    ],
    [
      'a green band no narrower than the tolerance',
      'X 1,Rate,A,quarterly,higher,number,%,point,,previous,,,5%,5%,,',
      /^indicators\.csv:2:green_within: The green band 5% must be less than the tolerance 5%/,
    ],
    [
      'a green band against tolerance_pct',
      'X 1,Rate,A,quarterly,higher,number,%,point,5,previous,,,,10%,,',
      /^indicators\.csv:2:green_within: The green band 10% must be less than the tolerance 5%/,
    ],
    [
      'an unknown green_when',
      'X 1,Rate,A,quarterly,higher,number,%,point,,previous,,,,,above,',
      /^indicators\.csv:2:green_when: "above" is not a value of green_when\. Use one of: meets, beats/,
    ],
    [
      'an unknown amber_also',
      'X 1,Rate,A,quarterly,higher,number,%,point,,previous,,,,,,better',
      /^indicators\.csv:2:amber_also: "better" is not a value of amber_also\. Use one of: improving, on-track-for-year, none/,
    ],
    [
      'an unknown kind',
      'X 1,Rate,A,quarterly,higher,number,%,point,,previous,,context,,,,',
      /^indicators\.csv:2:kind: "context" is not a value of kind\. Use one of: measure, data-only/,
    ],
    [
      'a data-only measure with a tolerance',
      'X 1,Visits,A,quarterly,none,number,count,point,10,previous,,data-only,,,,',
      /^indicators\.csv:2:tolerance_pct: A data-only measure is reported for information and never given a status, so it takes no tolerance_pct: a tolerance is needed only where there is a target/,
    ],
    [
      'a status-only indicator with a tolerance',
      'X 1,Milestone,A,quarterly,higher,status,,point,,previous,,,2,,,',
      /^indicators\.csv:2:tolerance: A status-only indicator has no figure or target to measure a tolerance from/,
    ],
    [
      'a year-to-date rate of text',
      'X 1,Quartile,A,quarterly,higher,text,,ytd-rate,,previous,,,,,,',
      /^indicators\.csv:2:accumulation: Only a number can be a year-to-date rate/,
    ],
    [
      'a year-to-date rate judged on its forecast',
      'X 1,Collection,A,quarterly,higher,number,%,ytd-rate,,previous,forecast,,,,,',
      /^indicators\.csv:2:rag_method: A year-to-date rate is not projected to the year end/,
    ],
    [
      'a year-to-date rate on track for the year',
      'X 1,Collection,A,quarterly,higher,number,%,ytd-rate,,previous,,,2,,,on-track-for-year',
      /^indicators\.csv:2:amber_also: on-track-for-year needs a year-end forecast, and a year-to-date rate has none/,
    ],
  ]
  for (const [name, row, expected] of refused) {
    it(`refuses ${name}, naming file, row and column`, () => {
      const problems = problemsOf(row)
      assert.equal(problems.length, 1, problems.join('\n'))
      assert.match(problems[0] ?? '', expected)
      assert.equal(parse(row).indicators.length, 0)
    })
  }
})

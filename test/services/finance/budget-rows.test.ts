import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parseBudget } from '../../../src/services/finance/budget-rows.ts'
import { parseCapital } from '../../../src/services/finance/capital-rows.ts'
import { type ImportProblem, describeProblem } from '../../../src/services/import/csv.ts'
import { HALTON_SAFER_DIR } from '../../helpers/finance-fixture.ts'

const HEADER = 'statement,section,line,period,annual_budget,budget_to_date,actual_to_date'
const CAPITAL_HEADER = 'programme,scheme,period,allocation,allocation_to_date,actual_to_date'

const budget = (...rows: string[]) => parseBudget({ name: 'budget.csv', content: [HEADER, ...rows].join('\n') })
const capital = (...rows: string[]) =>
  parseCapital({ name: 'capital.csv', content: [CAPITAL_HEADER, ...rows].join('\n') })
const described = (problems: readonly ImportProblem[]) => problems.map(describeProblem)

describe('reading budget.csv', () => {
  it('reads the Halton fixture: 67 lines in three statements, every printed total agreeing and left out', () => {
    const parsed = parseBudget({ name: 'budget.csv', content: readFileSync(`${HALTON_SAFER_DIR}budget.csv`) })
    assert.deepEqual(parsed.problems, [])
    assert.deepEqual([...parsed.periods.keys()], ['2012/13 Q2'])
    const lines = parsed.periods.get('2012/13 Q2') ?? []
    assert.deepEqual(
      [...new Set(lines.map((l) => l.statement))],
      [
        'Commissioning and Complex Care',
        'Prevention and Assessment Services',
        'Contribution to Intermediate Care Pooled Budget',
      ],
    )
    assert.equal(lines.length, 67)
    assert.ok(!lines.some((l) => /total|net operational/i.test(l.line)), 'no printed total is kept as a line')
    assert.deepEqual(lines[0], {
      statement: 'Commissioning and Complex Care',
      unit: "£'000",
      section: 'expenditure',
      line: 'Employees',
      annualBudget: '7363',
      budgetToDate: '3633',
      actualToDate: '3613',
      projectedOutturn: null,
      note: null,
    })
  })

  it('reads amounts as the papers print them, the period in any accepted form, and the unit given', () => {
    const header = `${HEADER},projected_outturn,note,unit`
    const parsed = parseBudget({
      name: 'budget.csv',
      content: [
        header,
        'Service,Expenditure,Staff,Q2 2012/13,"1,234",(137),-137.50,"1,300",Rising,£',
        'Service,income,Fees,2012/13 Q2,−20,0,(0.5),,,£',
      ].join('\n'),
    })
    assert.deepEqual(parsed.problems, [])
    assert.deepEqual(
      parsed.periods.get('2012/13 Q2')?.map((l) => [l.section, l.annualBudget, l.budgetToDate, l.actualToDate]),
      [
        ['expenditure', '1234', '-137', '-137.5'],
        ['income', '-20', '0', '-0.5'],
      ],
    )
    const [staff, fees] = parsed.periods.get('2012/13 Q2') ?? []
    assert.deepEqual([staff?.projectedOutturn, staff?.note, staff?.unit], ['1300', 'Rising', '£'])
    assert.equal(fees?.projectedOutturn, null)
  })

  const refusals: { name: string; rows: string[]; content?: string; expected: string[] }[] = [
    {
      name: 'a section that is not one of the three',
      rows: ['Service,capital,Staff,2012/13 Q2,1,1,1'],
      expected: [
        'budget.csv, line 2, column section: “capital” is not a section. Enter expenditure, income or recharges.',
      ],
    },
    {
      name: 'an amount that cannot be read, and one left empty',
      rows: ['Service,expenditure,Staff,2012/13 Q2,1.234.5,,1'],
      expected: [
        "budget.csv, line 2, column annual_budget: “1.234.5” is not an amount. Enter the annual budget in £'000 as the report prints it, such as 1,284, -137 or (137).",
        "budget.csv, line 2, column budget_to_date: Enter the budget to date in £'000 as the report prints it, such as 1,284, -137 or (137).",
      ],
    },
    {
      name: 'a period that cannot be read',
      rows: ['Service,expenditure,Staff,Autumn,1,1,1'],
      expected: ['budget.csv, line 2, column period: '],
    },
    {
      name: 'a missing column',
      rows: [],
      content: 'statement,section,line,period,annual_budget,actual_to_date\nService,expenditure,Staff,2012/13 Q2,1,1',
      expected: [
        'budget.csv, line 1, column budget_to_date: The column "budget_to_date" is missing. Add it to the header row: statement,section,line,period,annual_budget,budget_to_date,actual_to_date,projected_outturn,note,unit.',
      ],
    },
    {
      name: 'a published total that differs from its lines, with both figures',
      rows: [
        'Service,expenditure,Staff,2012/13 Q2,"7,363","3,633","3,613"',
        'Service,expenditure,Premises,2012/13 Q2,334,194,197',
        'Service,expenditure,Total Expenditure,2012/13 Q2,"7,697","3,827","3,811"',
      ],
      expected: [
        "budget.csv, line 4, column actual_to_date: The Total Expenditure of Service (2012/13 Q2) has an actual to date of 3,811, but its lines add up to 3,810 (£'000). Correct the total or the lines so that they agree: the total row is checked, not stored.",
      ],
    },
    {
      name: 'a net total that differs from expenditure and income together',
      rows: [
        'Service,expenditure,Staff,2012/13 Q2,100,50,40',
        'Service,income,Fees,2012/13 Q2,-30,-10,-10',
        'Service,income,Net Operational Expenditure,2012/13 Q2,70,40,40',
      ],
      expected: [
        "budget.csv, line 4, column actual_to_date: The Net Operational Expenditure of Service (2012/13 Q2) has an actual to date of 40, but its lines add up to 30 (£'000). Correct the total or the lines so that they agree: the total row is checked, not stored.",
      ],
    },
    {
      name: 'the same line twice in a statement and period',
      rows: ['Service,expenditure,Staff,2012/13 Q2,1,1,1', 'Service,expenditure,staff,2012/13 Q2,2,2,2'],
      expected: [
        'budget.csv, line 3, column line: Service already has an expenditure line “staff” for 2012/13 Q2, on line 2. Keep one row for it, or name the lines apart (such as “Community Care: Day Care”).',
      ],
    },
    {
      name: 'a statement in two units',
      rows: [],
      content: `${HEADER},unit\nService,expenditure,Staff,2012/13 Q2,1,1,1,£'000\nService,income,Fees,2012/13 Q2,1,1,1,£`,
      expected: [
        "budget.csv, line 3, column unit: Service is in £'000 on line 2 but in £ here. Give every line of a statement in the same unit.",
      ],
    },
    {
      name: 'an empty file',
      rows: [],
      content: '',
      expected: ['budget.csv: The file is empty. It needs a header row, then one row per record.'],
    },
    {
      name: 'a header and no rows',
      rows: [],
      expected: [
        'budget.csv: The file has no rows. Under the header row, give one row for each line of each statement.',
      ],
    },
  ]
  for (const { name, rows, content, expected } of refusals) {
    it(`refuses ${name}`, () => {
      const parsed = content === undefined ? budget(...rows) : parseBudget({ name: 'budget.csv', content: content })
      const problems = described(parsed.problems)
      assert.equal(problems.length, expected.length, problems.join('\n'))
      expected.forEach((start, i) => {
        assert.ok(problems[i]?.startsWith(start), `${problems[i]}\n≠ ${start}`)
      })
    })
  }

  it('does not check the totals of a statement with a row it could not read (the sum would mislead)', () => {
    const parsed = budget(
      'Service,expenditure,Staff,2012/13 Q2,abc,1,1',
      'Service,expenditure,Total Expenditure,2012/13 Q2,5,1,1',
    )
    assert.deepEqual(
      parsed.problems.map((p) => [p.line, p.column]),
      [[2, 'annual_budget']],
    )
  })

  it('lists every problem in the file, not only the first', () => {
    const parsed = budget(
      ',expenditure,Staff,2012/13 Q2,1,1,1',
      'Service,spending,,2012/13 Q2,1,1,1',
      'Other,expenditure,Staff,2012/13 Q2,1,1,x',
    )
    assert.deepEqual(
      parsed.problems.map((p) => [p.line, p.column]),
      [
        [2, 'statement'],
        [3, 'line'],
        [3, 'section'],
        [4, 'actual_to_date'],
      ],
    )
  })
})

describe('reading capital.csv', () => {
  it('reads the Halton fixture: ten schemes, the Total Spending row agreeing and left out', () => {
    const parsed = parseCapital({ name: 'capital.csv', content: readFileSync(`${HALTON_SAFER_DIR}capital.csv`) })
    assert.deepEqual(parsed.problems, [])
    const schemes = parsed.periods.get('2012/13 Q2') ?? []
    assert.equal(schemes.length, 10)
    assert.deepEqual(schemes[2], {
      programme: 'Commissioning and Complex Care',
      scheme: 'Stairlifts',
      allocation: '250',
      allocationToDate: '123',
      actualToDate: '154',
      note: null,
    })
  })

  it('refuses a Total Spending that differs from its schemes, with both figures', () => {
    const parsed = capital(
      'P,Stairlifts,2012/13 Q2,250,123,154',
      'P,Grants,2012/13 Q2,85,21,0',
      'P,Total Spending,2012/13 Q2,335,144,155',
    )
    assert.deepEqual(described(parsed.problems), [
      'capital.csv, line 4, column actual_to_date: The Total Spending of P (2012/13 Q2) has an actual to date of 155, but its schemes add up to 154. Correct the total or the schemes so that they agree: the total row is checked, not stored.',
    ])
  })

  it('refuses a bad amount and a scheme given twice', () => {
    const parsed = capital('P,Stairlifts,2012/13 Q2,two,1,1', 'P,Grants,2012/13 Q2,1,1,1', 'P,Grants,2012/13 Q2,1,1,1')
    assert.deepEqual(
      parsed.problems.map((p) => [p.line, p.column]),
      [
        [2, 'allocation'],
        [4, 'scheme'],
      ],
    )
  })
})

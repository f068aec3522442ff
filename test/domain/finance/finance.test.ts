import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type Decimal, decimalToString, parseDecimal } from '../../../src/domain/figures/decimal.ts'
import {
  type BudgetLine,
  type BudgetSection,
  budgetRule,
  budgetStatus,
  capitalTotals,
  DEFAULT_BUDGET_RULE,
  formatVariance,
  lineFigures,
  parseAmount,
  revenueMismatches,
  revenueTotalOf,
  schemeFigures,
  statementTotals,
} from '../../../src/domain/finance/index.ts'

function d(text: string): Decimal {
  const value = parseDecimal(text)
  if (value === null) throw new Error(text)
  return value
}

function line(section: BudgetSection, annual: string, toDate: string, actual: string, projected?: string): BudgetLine {
  const projectedOutturn = projected === undefined ? null : d(projected)
  return {
    section,
    name: 'x',
    annualBudget: d(annual),
    budgetToDate: d(toDate),
    actualToDate: d(actual),
    projectedOutturn,
    note: '',
  }
}

describe('amounts as papers write them', () => {
  const cases: [string, string | null][] = [
    ['(137)', '-137'],
    ['-137', '-137'],
    ['\u2212137', '-137'],
    ['1,284', '1284'],
    ['-12,766', '-12766'],
    ['(1,284.5)', '-1284.5'],
    ['£2,661', '2661'],
    ['0', '0'],
    ['12,84', null],
    ['1,2845', null],
    ['(-3)', null],
    ['abc', null],
    ['', null],
  ]
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} reads as ${expected ?? 'not an amount'}`, () => {
      const value = parseAmount(text)
      assert.equal(value === null ? null : decimalToString(value), expected)
    })
  }
  const printed: [string, string][] = [
    ['-137', '(137)'],
    ['106', '106'],
    ['-1284', '(1,284)'],
    ['0', '0'],
  ]
  for (const [value, text] of printed)
    it(`variance ${value} prints as ${text}`, () => {
      assert.equal(formatVariance(d(value)), text)
    })
})

describe('revenue statement totals', () => {
  const statement = {
    name: 'S',
    unit: "£'000",
    comments: '',
    projectedOutturn: null,
    lines: [
      line('expenditure', '7363', '3633', '3613', '7343'),
      line('expenditure', '334', '194', '197', '334'),
      line('income', '-78', '-39', '-38', '-78'),
      line('recharges', '446', '234', '234'),
    ],
  }
  const totals = statementTotals(statement)
  const cases: [keyof typeof totals, string, string, string, string, string | null][] = [
    ['expenditure', '7697', '3827', '3810', '17', '7677'],
    ['income', '-78', '-39', '-38', '-1', '-78'],
    ['netOperationalExpenditure', '7619', '3788', '3772', '16', '7599'],
    ['recharges', '446', '234', '234', '0', null],
    ['netDepartmentalTotal', '8065', '4022', '4006', '16', null],
  ]
  for (const [key, annual, toDate, actual, variance, projected] of cases) {
    it(`${key}: ${annual} / ${toDate} / ${actual} / ${variance}`, () => {
      const f = totals[key]
      assert.deepEqual([f.annualBudget, f.budgetToDate, f.actualToDate, f.varianceToDate].map(decimalToString), [
        annual,
        toDate,
        actual,
        variance,
      ])
      assert.equal(f.projectedOutturn === null ? null : decimalToString(f.projectedOutturn), projected)
    })
  }
  it('projects the year-end variance as annual budget less projected outturn', () => {
    const projection = lineFigures(line('expenditure', '7363', '3633', '3613', '7343')).projectedVariance
    assert.equal(projection && decimalToString(projection), '20')
    const whole = statementTotals({ ...statement, projectedOutturn: d('7815') }).netDepartmentalTotal
    assert.equal(whole.projectedVariance && decimalToString(whole.projectedVariance), '250')
  })
  it('keeps decimals exact', () => {
    const t = statementTotals({
      ...statement,
      lines: [line('expenditure', '0.1', '0.1', '0.3'), line('expenditure', '0.2', '0.2', '0')],
    })
    assert.equal(decimalToString(t.expenditure.annualBudget), '0.3')
    assert.equal(decimalToString(t.expenditure.varianceToDate), '0')
  })
})

describe('published totals', () => {
  const names: [string, string | null][] = [
    ['Total Expenditure', 'expenditure'],
    [' total income ', 'income'],
    ['Net Operational Expenditure', 'netOperationalExpenditure'],
    ['Net Total Recharges', 'recharges'],
    ['Total Recharges', 'recharges'],
    ['Net Departmental Total', 'netDepartmentalTotal'],
    ['Employees', null],
  ]
  for (const [name, total] of names)
    it(`"${name}" is ${total ?? 'a line'}`, () => {
      assert.equal(revenueTotalOf(name), total)
    })
  it('names each column that differs, with both figures', () => {
    const computed = lineFigures(line('expenditure', '17978', '7998', '7892'))
    const published = {
      annual_budget: d('17978'),
      budget_to_date: d('7989'),
      actual_to_date: d('7892'),
      projected_outturn: null,
    }
    const found = revenueMismatches(published, computed)
    assert.deepEqual(
      found.map((m) => [m.column, decimalToString(m.published), decimalToString(m.computed)]),
      [['budget_to_date', '7989', '7998']],
    )
  })
})

describe('capital schemes', () => {
  const scheme = (allocation: string, toDate: string, actual: string) => ({
    programme: 'P',
    name: 's',
    note: '',
    allocation: d(allocation),
    allocationToDate: d(toDate),
    actualToDate: d(actual),
  })
  it('allocation remaining is allocation less actual spend', () => {
    assert.equal(decimalToString(schemeFigures(scheme('250', '123', '154')).allocationRemaining), '96')
    assert.equal(decimalToString(schemeFigures(scheme('85', '21', '0')).allocationRemaining), '85')
  })
  it('totals the schemes', () => {
    const t = capitalTotals([scheme('85', '21', '0'), scheme('650', '201', '161')])
    assert.deepEqual([t.allocation, t.allocationToDate, t.actualToDate, t.allocationRemaining].map(decimalToString), [
      '735',
      '222',
      '161',
      '574',
    ])
  })
})

describe('budget status by the plan rule', () => {
  const totalsOf = (toDate: string, actual: string) =>
    statementTotals({
      name: 'S',
      unit: "£'000",
      comments: '',
      projectedOutturn: null,
      lines: [line('expenditure', '20000', toDate, actual)],
    })
  const cases: [toDate: string, actual: string, pct: string, rag: string][] = [
    ['5560', '5437', '5', 'G'],
    ['5645', '5645', '5', 'G'],
    ['5645', '5772', '5', 'A'],
    ['1000', '1050', '5', 'A'],
    ['1000', '1050.1', '5', 'R'],
    ['1000', '1001', '0', 'R'],
    ['0', '1', '5', 'R'],
    ['5645', '5772', '2', 'R'],
  ]
  for (const [toDate, actual, pct, rag] of cases) {
    it(`profile ${toDate}, actual ${actual}, red over ${pct}%: ${rag}`, () => {
      const status = budgetStatus(totalsOf(toDate, actual), budgetRule(d(pct)))
      assert.equal(status.rag, rag)
      assert.ok(status.ruleText.includes(`${pct}%`))
    })
  }
  it('says the rule and the reason in words', () => {
    const status = budgetStatus(totalsOf('5645', '5772'), DEFAULT_BUDGET_RULE)
    assert.equal(
      status.ruleText,
      'Red when net operational expenditure to date is more than 5% over its budget profile; Amber when over profile by 5% or less; Green when on or under profile.',
    )
    assert.equal(status.reason, "Net Operational Expenditure is 127 (£'000) over its budget profile, 2.2% of profile.")
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseDecimal } from '../../src/domain/figures/decimal.ts'
import {
  type BudgetLine,
  type BudgetSection,
  type FinancePeriod,
  budgetRule,
  capitalProgrammes,
} from '../../src/domain/finance/index.ts'
import { varianceChart } from '../../src/presentation/charts/index.ts'
import { financeSection } from '../../src/reports/report.finance.ts'
import { financeSummary } from '../../src/web/view-models/finance.view-model.ts'

const d = (text: string) => parseDecimal(text)!

function line(section: BudgetSection, name: string, figures: string, projected?: string): BudgetLine {
  const [annual = '0', toDate = '0', actual = '0'] = figures.split(' ')
  return {
    section,
    name,
    annualBudget: d(annual),
    budgetToDate: d(toDate),
    actualToDate: d(actual),
    projectedOutturn: projected === undefined ? null : d(projected),
    note: '',
  }
}

function period(lines: BudgetLine[], projectedOutturn: string | null = null, comments = ''): FinancePeriod {
  return {
    period: '2012/13 Q2',
    statements: [
      {
        name: 'Service',
        unit: "£'000",
        lines,
        projectedOutturn: projectedOutturn === null ? null : d(projectedOutturn),
        comments,
      },
    ],
    capital: [],
  }
}

const labels = (section: NonNullable<ReturnType<typeof financeSection>>) =>
  section.statements[0]!.rows.map((r) => ('cells' in r ? `${r.label}: ${r.cells.join(' / ')}` : `[${r.label}]`))

describe('the report’s financial statements', () => {
  it('is absent where the plan has no statements or capital for the period', () => {
    assert.equal(financeSection(undefined), null)
    assert.equal(financeSection({ period: '2012/13 Q2', statements: [], capital: [] }), null)
  })

  it('prints sections in the seed’s order, leaving out an empty section but never the net totals', () => {
    const section = financeSection(
      period([line('expenditure', 'Employees', '100 50 60'), line('income', 'Fees', '-20 -10 -4')]),
    )!
    assert.deepEqual(labels(section), [
      '[Expenditure]',
      'Employees: 100 / 50 / 60 / (10)',
      'Total Expenditure: 100 / 50 / 60 / (10)',
      '[Income]',
      'Fees: -20 / -10 / -4 / (6)',
      'Total Income: -20 / -10 / -4 / (6)',
      'Net Operational Expenditure: 80 / 40 / 56 / (16)',
      'Net Departmental Total: 80 / 40 / 56 / (16)',
    ])
    assert.deepEqual(section.statements[0]!.heads.length, 4, 'no projection, the seed’s four columns')
  })

  it('gives a run of "Heading: line" names one sub-heading, the lines indented under it', () => {
    const section = financeSection(
      period([
        line('expenditure', 'Community Care: Day Care', '15 6 9'),
        line('expenditure', 'Community Care: Carers Breaks', '203 51 51'),
        line('expenditure', 'Food Provision', '25 12 9'),
      ]),
    )!
    const rows = section.statements[0]!.rows
    assert.deepEqual(
      rows.slice(0, 5).map((r) => [r.kind, r.label, 'indented' in r ? r.indented : null]),
      [
        ['heading', 'Expenditure', null],
        ['subheading', 'Community Care:', null],
        ['line', 'Day Care', true],
        ['line', 'Carers Breaks', true],
        ['line', 'Food Provision', false],
      ],
    )
  })

  it('adds the projected outturn and variance columns when a projection is given, exactly in decimals', () => {
    const section = financeSection(period([line('expenditure', 'Employees', '7363.5 3633 3613.25', '7343.5')], '7400'))!
    const s = section.statements[0]!
    assert.equal(s.projected, true)
    assert.deepEqual(s.heads.slice(4), ["Projected Outturn £'000", "Projected Variance (overspend) £'000"])
    assert.deepEqual(labels(section)[1], 'Employees: 7,363.5 / 3,633 / 3,613.25 / 19.75 / 7,343.5 / 20')
    // The whole statement's projection (7,400) is the net departmental total's: 36.5 over the annual budget.
    assert.equal(labels(section).at(-1), 'Net Departmental Total: 7,363.5 / 3,633 / 3,613.25 / 19.75 / 7,400 / (36.5)')
  })

  it('judges each statement by the plan’s rule and splits its comments into paragraphs', () => {
    const lines = [line('expenditure', 'Employees', '1000 100 104')]
    const strict = financeSection(period(lines, null, 'First.\n\nSecond.'), budgetRule(d('3')))!.statements[0]!
    assert.equal(strict.status.rag, 'R')
    assert.equal(strict.status.view.label, 'Red')
    assert.match(strict.status.ruleText, /more than 3% over/)
    assert.deepEqual(strict.comments, ['First.', 'Second.'])
    assert.equal(financeSection(period(lines))!.statements[0]!.status.rag, 'A', '4% is within the default 5%')
  })

  it('brackets a capital scheme spent beyond its allocation', () => {
    const capital = capitalProgrammes(
      [
        {
          programme: 'P',
          name: 'Stairlifts',
          allocation: d('150'),
          allocationToDate: d('123'),
          actualToDate: d('154'),
          note: '',
        },
      ],
      "£'000",
    )
    const section = financeSection({ period: '2012/13 Q2', statements: [], capital })!
    assert.deepEqual(section.capital[0]!.schemes[0]!.cells, ['150', '123', '154', '(4)'])
    assert.deepEqual(section.capital[0]!.heads, [
      "Allocation £'000",
      "Allocation To Date £'000",
      "Actual Spend To Date £'000",
      "Allocation Remaining £'000",
    ])
  })
})

describe('the finance summary and the variance chart', () => {
  it('summarises net operational expenditure against profile, with its status', () => {
    const rows = financeSummary(
      period([line('expenditure', 'Employees', '1000 100 104'), line('income', 'Fees', '-10 -5 -5')]),
    )
    assert.deepEqual(
      rows.map((r) => [r.name, r.budgetToDate, r.actualToDate, r.variance, r.adverse, r.rag.label]),
      [['Service', '95', '99', '(4)', true, 'Amber']],
    )
  })

  it('says in words which lines are most over and under, with the data as a table', () => {
    const chart = varianceChart('chart-x', 'Service', "£'000", [
      { label: 'Employees', variance: 18, printed: '18' },
      { label: 'Residential', variance: -164, printed: '(164)' },
      { label: 'Day Care', variance: -54, printed: '(54)' },
    ])
    assert.equal(
      chart.description,
      "Service: variance to date of each line in £'000, under budget to the right and overspend to the left. " +
        '2 over budget, the most Residential (164 over). 1 under budget, the most Employees (18 under).',
    )
    assert.deepEqual(chart.table.rows, [
      ['Employees', '18'],
      ['Residential', '(164)'],
      ['Day Care', '(54)'],
    ])
    assert.match(chart.svg, /<title[^>]*>Variance to date by line: Service<\/title>/)
  })
})

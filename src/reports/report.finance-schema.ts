import { Type } from 'typebox'

/** The report JSON's `finance` field (README, "Report JSON"): the plan's financial statements for the period. */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

const Amount = Type.Number({ description: "In the statement's unit (£'000 unless it says otherwise)" })

const BudgetFiguresSchema = Type.Object({
  annualBudget: Amount,
  budgetToDate: Amount,
  actualToDate: Amount,
  varianceToDate: Type.Number({ description: 'Budget to date − actual to date: negative is an overspend' }),
  projectedOutturn: Nullable(Amount),
  projectedVariance: Nullable(Type.Number({ description: 'Annual budget − projected outturn' })),
})

const CapitalFiguresSchema = Type.Object({
  allocation: Amount,
  allocationToDate: Amount,
  actualToDate: Amount,
  allocationRemaining: Type.Number({ description: 'Allocation − actual spend to date' }),
})

const StatementSchema = Type.Object({
  name: Type.String(),
  unit: Type.String(),
  lines: Type.Array(
    Type.Intersect([
      Type.Object({
        section: Type.Union([Type.Literal('expenditure'), Type.Literal('income'), Type.Literal('recharges')]),
        name: Type.String(),
        note: Type.String(),
      }),
      BudgetFiguresSchema,
    ]),
  ),
  totals: Type.Object(
    {
      expenditure: BudgetFiguresSchema,
      income: BudgetFiguresSchema,
      netOperationalExpenditure: BudgetFiguresSchema,
      recharges: BudgetFiguresSchema,
      netDepartmentalTotal: BudgetFiguresSchema,
    },
    { description: 'Computed from the lines: net operational expenditure is expenditure + income, and so on' },
  ),
  comments: Type.String({ description: 'The comments on the above figures' }),
  status: Type.Object({
    rag: Type.Union([Type.Literal('G'), Type.Literal('A'), Type.Literal('R')]),
    overProfile: Type.Number({ description: 'Actual − budget to date of the measure judged: positive is over' }),
    overProfilePct: Nullable(Type.Number()),
    reason: Type.String(),
    ruleText: Type.String({ description: "The plan's budget rule in words" }),
  }),
})

const CapitalSchema = Type.Object({
  name: Type.String(),
  unit: Type.String(),
  schemes: Type.Array(
    Type.Intersect([Type.Object({ name: Type.String(), note: Type.String() }), CapitalFiguresSchema]),
  ),
  totals: CapitalFiguresSchema,
})

export const FinanceSchema = Type.Object(
  {
    period: Type.String(),
    statements: Type.Array(StatementSchema),
    capital: Type.Array(CapitalSchema),
  },
  { description: "The plan's revenue statements and capital programmes for the period, when it has them" },
)

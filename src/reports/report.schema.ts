import { type Static, Type } from 'typebox'
import { FinanceSchema } from './report.finance-schema.ts'

/**
 * The report JSON contract (README, "Report JSON") as a JSON Schema. The CLI prints documents of this shape, the
 * API returns them, and the OpenAPI document describes them from this one definition.
 */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

const RagSchema = Type.Union([Type.Literal('G'), Type.Literal('A'), Type.Literal('R')])
const FigureSchema = Nullable(
  Type.Union([Type.Number(), Type.String()], { description: 'Numbers as numbers; ranks and texts exactly as given.' }),
)
const NotReportedSchema = Nullable(
  Type.Union([
    Type.Literal('annual'),
    Type.Literal('new'),
    Type.Literal('in-arrears'),
    Type.Literal('not-available'),
    Type.Literal('suppressed'),
    Type.Literal('not-due'),
  ]),
)
const StatusCounts = Type.Object({ G: Type.Integer(), A: Type.Integer(), R: Type.Integer(), none: Type.Integer() })

const SnapshotSchema = Type.Object({
  period: Type.String(),
  actual: FigureSchema,
  target: FigureSchema,
  rag: Nullable(RagSchema),
  notReported: NotReportedSchema,
})

const SpcSchema = Type.Object(
  {
    variation: Type.Union([
      Type.Literal('improvement_high'),
      Type.Literal('improvement_low'),
      Type.Literal('concern_high'),
      Type.Literal('concern_low'),
      Type.Literal('neutral_high'),
      Type.Literal('neutral_low'),
      Type.Literal('common_cause'),
    ]),
    variationText: Type.String(),
    assurance: Nullable(
      Type.Union([Type.Literal('consistent_pass'), Type.Literal('consistent_fail'), Type.Literal('inconsistent')]),
    ),
    assuranceText: Type.String(),
    target: Nullable(Type.Number()),
    statement: Type.String({ description: 'What the statistics say, beside the RAG status.' }),
    limits: Type.Array(
      Type.Object({
        start: Type.String(),
        end: Type.String(),
        mean: Type.Number(),
        lpl: Nullable(Type.Number()),
        upl: Nullable(Type.Number()),
        nlpl: Nullable(Type.Number()),
        nupl: Nullable(Type.Number()),
      }),
    ),
    points: Type.Array(
      Type.Object({
        period: Type.String(),
        value: Type.Number(),
        outside: Type.Boolean(),
        close: Type.Boolean(),
        rule: Nullable(
          Type.Union([Type.Literal('outside'), Type.Literal('trend'), Type.Literal('twoOfThree'), Type.Literal('run')]),
        ),
        type: Type.Union([
          Type.Literal('improvement'),
          Type.Literal('concern'),
          Type.Literal('neutral'),
          Type.Literal('common'),
        ]),
      }),
    ),
  },
  {
    description: 'Statistical process control (Making Data Count, NHSRplotthedots 0.2.2 rules) of the figures to date.',
  },
)

const CiSchema = Type.Object(
  {
    method: Type.Union([Type.Literal('wilson'), Type.Literal('exact'), Type.Literal('byars')]),
    confidence: Type.Number(),
    value: Type.Number(),
    lower: Type.Number(),
    upper: Type.Number(),
    numerator: Type.Number(),
    denominator: Type.Number(),
    comparisons: Type.Array(
      Type.Object({
        comparator: Type.String(),
        value: Type.Number(),
        lower: Nullable(Type.Number()),
        upper: Nullable(Type.Number()),
        result: Type.Union([
          Type.Literal('better'),
          Type.Literal('similar'),
          Type.Literal('worse'),
          Type.Literal('higher'),
          Type.Literal('lower'),
          Type.Literal('not-compared'),
        ]),
      }),
    ),
  },
  {
    description: 'The figure with its confidence interval from its counts (PHEindicatormethods), and each comparator.',
  },
)

const DotSchema = Type.Union([
  Type.Literal('improved'),
  Type.Literal('same'),
  Type.Literal('worse'),
  Type.Literal('higher'),
  Type.Literal('lower'),
])

export const IndicatorReportSchema = Type.Object({
  ref: Type.String(),
  theme: Type.String(),
  title: Type.String(),
  owner: Nullable(Type.String()),
  frequency: Type.String(),
  polarity: Type.String(),
  valueType: Type.String(),
  unit: Type.String(),
  accumulation: Type.String(),
  actual: FigureSchema,
  target: FigureSchema,
  annualTarget: FigureSchema,
  rag: Nullable(RagSchema),
  ragSource: Nullable(Type.Union([Type.Literal('tolerance'), Type.Literal('assessment'), Type.Literal('forecast')])),
  amberLimit: Nullable(Type.Number()),
  dot: Nullable(DotSchema),
  dotLongTerm: Type.Optional(Nullable(DotSchema)),
  rule: Type.Optional(Nullable(Type.String())),
  ruleText: Type.Optional(Nullable(Type.String())),
  ownRules: Type.Optional(
    Type.String({ description: 'The rules judging this indicator, in words, when they differ from those in force.' }),
  ),
  kind: Type.Optional(Type.String()),
  noDotReason: Nullable(
    Type.Union([
      Type.Literal('in-arrears'),
      Type.Literal('status-only'),
      Type.Literal('no-previous'),
      Type.Literal('no-last-year'),
      Type.Literal('not-comparable'),
    ]),
  ),
  dotComparedWith: Nullable(Type.Object({ period: Type.String(), value: FigureSchema })),
  notReported: NotReportedSchema,
  exceptionRequired: Type.Boolean(),
  estimated: Type.Boolean(),
  dataPeriod: Nullable(Type.String()),
  inArrears: Type.Boolean(),
  forecast: Nullable(Type.Object({ projected: Type.Number(), suggestedRag: RagSchema, annualTarget: Type.Number() })),
  previous: SnapshotSchema,
  lastYear: SnapshotSchema,
  commentary: Nullable(Type.String()),
  spc: Nullable(SpcSchema),
  ci: Nullable(CiSchema),
  noSpcReason: Nullable(
    Type.Union([Type.Literal('not-a-number'), Type.Literal('cumulative'), Type.Literal('too-few-points')]),
  ),
})

const DeliveryStatusSchema = Type.Union([
  Type.Literal('green'),
  Type.Literal('amber'),
  Type.Literal('red'),
  Type.Literal('not-started'),
  Type.Literal('complete'),
])
const DeliveryCounts = Type.Object({
  green: Type.Integer(),
  amber: Type.Integer(),
  red: Type.Integer(),
  notStarted: Type.Integer(),
  complete: Type.Integer(),
})

export const DeliverySchema = Type.Object({
  priorities: DeliveryCounts,
  prioritiesSentence: Nullable(Type.String()),
  milestones: DeliveryCounts,
  overdueMilestones: Type.Array(Type.String()),
  items: Type.Array(
    Type.Object({
      kind: Type.String(),
      ref: Type.String(),
      title: Type.String(),
      group: Nullable(Type.String()),
      parent: Nullable(Type.String()),
      dueDate: Nullable(Type.String()),
      responsible: Nullable(Type.String()),
      status: Nullable(DeliveryStatusSchema),
      statusSource: Nullable(
        Type.Union([Type.Literal('entered'), Type.Literal('rolled-up'), Type.Literal('override')]),
      ),
      rolledUp: Nullable(DeliveryStatusSchema),
      childSentence: Nullable(Type.String()),
      commentary: Nullable(Type.String()),
      overdue: Type.Boolean(),
    }),
  ),
})

const RatingSchema = Type.Object({
  likelihood: Type.Integer(),
  impact: Type.Integer(),
  score: Type.Integer(),
  level: Type.Union([Type.Literal('Low'), Type.Literal('Medium'), Type.Literal('High')]),
})

export const HighRiskSchema = Type.Object({
  ref: Type.String(),
  objective: Nullable(Type.String()),
  description: Type.String(),
  initial: RatingSchema,
  residual: RatingSchema,
  treatments: Type.Array(
    Type.Object({
      ref: Type.String(),
      description: Type.String(),
      owner: Nullable(Type.String()),
      dueDate: Nullable(Type.String()),
      progress: Nullable(Type.String()),
      commentary: Nullable(Type.String()),
    }),
  ),
})

const SignOffSchema = Type.Object(
  {
    signedOffAt: Type.String({ description: 'When the period was signed off, ISO 8601' }),
    signedOffBy: Type.String(),
    committee: Nullable(Type.String({ description: 'The committee or meeting it was reported to' })),
    asReported: Type.Boolean({
      description: 'True: the report as signed off (its snapshot). False: the current figures (?as=current).',
    }),
    revisions: Type.Array(
      Type.Object({
        entity: Type.String(),
        ref: Type.String(),
        period: Nullable(Type.String()),
        field: Type.String(),
        oldValue: Nullable(Type.String()),
        newValue: Nullable(Type.String()),
        by: Type.String(),
        at: Type.String(),
        reason: Nullable(Type.String()),
      }),
      { description: 'Every change made to the period after sign-off, oldest first' },
    ),
  },
  { description: 'The sign-off of the period as reported to committee' },
)

export const ReportSchema = Type.Object({
  schemaVersion: Type.Literal(1),
  plan: Type.String(),
  period: Type.String({ description: 'The period, as 2013/14 Q2, 2013/14 or 2013-09' }),
  periodLabel: Type.String(),
  themes: Nullable(Type.Array(Type.String())),
  rules: Type.Optional(
    Type.Object(
      {
        source: Type.Union([Type.Literal('plan'), Type.Literal('common')], {
          description: "plan: the plan's own rules; common: it sets none, and these are those most indicators share",
        }),
        text: Type.Array(Type.String(), { description: 'The rules in force in words, one line per status' }),
      },
      { description: 'The rules the indicators are judged by, unless an indicator gives ownRules' },
    ),
  ),
  summary: Type.Object({
    indicators: Type.Integer(),
    reported: Type.Integer(),
    rag: StatusCounts,
    dot: Type.Object({ improved: Type.Integer(), same: Type.Integer(), worse: Type.Integer(), none: Type.Integer() }),
    notReported: Type.Object({
      annual: Type.Integer(),
      new: Type.Integer(),
      inArrears: Type.Integer(),
      notAvailable: Type.Integer(),
      suppressed: Type.Optional(Type.Integer()),
      notDue: Type.Optional(Type.Integer()),
    }),
    forInformation: Type.Optional(Type.Integer()),
    exceptionReportsRequired: Type.Integer(),
    exceptionReports: Type.Array(Type.String()),
    greenAndImproving: Type.Integer(),
    improvedToGreenFrom: Type.Object({ A: Type.Integer(), R: Type.Integer() }),
    worsened: Type.Object({
      stillGreen: Type.Integer(),
      stillAmber: Type.Integer(),
      stillRed: Type.Integer(),
      fromGreen: Type.Integer(),
      fromAmberToRed: Type.Integer(),
      other: Type.Integer(),
    }),
    noDot: Type.Object({
      inArrears: Type.Integer(),
      statusOnly: Type.Integer(),
      noPrevious: Type.Integer(),
      notComparable: Type.Integer(),
    }),
    transitions: Type.Object({ G: StatusCounts, A: StatusCounts, R: StatusCounts, none: StatusCounts }),
    text: Type.String(),
  }),
  indicators: Type.Array(IndicatorReportSchema),
  /** Milestones, actions and priorities (empty where the plan has none). */
  delivery: DeliverySchema,
  /** Risks whose residual rating is High, with each treatment's progress for the period (Halton). */
  highRisks: Type.Array(HighRiskSchema),
  /** The plan's financial statements for the period (Halton's "7.0 Financial Statements"), when it has any. */
  finance: Type.Optional(FinanceSchema),
  /** Only for a signed-off period: when and by whom, and the revisions made since. */
  signOff: Type.Optional(SignOffSchema),
})

export type ReportJson = Static<typeof ReportSchema>
export type SignOffJson = Static<typeof SignOffSchema>

import type { Generated, Selectable } from 'kysely'
import type {
  BudgetCommentariesTable,
  BudgetLinesTable,
  BudgetRulesTable,
  BudgetStatementsTable,
  CapitalSchemesTable,
  StatementAssignmentsTable,
} from './finance.schema.ts'
import type { ReportDetailsTable, ReportSectionsTable } from './report.schema.ts'
import type { ImportJobsTable } from './import-job.schema.ts'

/**
 * The database as Kysely sees it. Figures, targets and tolerances are stored as the exact text given, and times as
 * ISO 8601 text, so SQLite and PostgreSQL hold the same bytes and return the same values. Booleans are 0 or 1.
 */
export interface Database {
  plans: PlansTable
  themes: ThemesTable
  indicators: IndicatorsTable
  observations: ObservationsTable
  comparators: ComparatorsTable
  audit_events: AuditEventsTable
  users: UsersTable
  sessions: SessionsTable
  indicator_assignments: IndicatorAssignmentsTable
  exception_reports: ExceptionReportsTable
  delivery_groups: DeliveryGroupsTable
  delivery_items: DeliveryItemsTable
  delivery_updates: DeliveryUpdatesTable
  risks: RisksTable
  risk_treatments: RiskTreatmentsTable
  risk_reviews: RiskReviewsTable
  kloe_scores: KloeScoresTable
  delivery_assignments: DeliveryAssignmentsTable
  treatment_assignments: TreatmentAssignmentsTable
  period_sign_offs: PeriodSignOffsTable
  password_links: PasswordLinksTable
  rounds: RoundsTable
  round_returns: RoundReturnsTable
  outbox: OutboxTable
  report_details: ReportDetailsTable
  report_sections: ReportSectionsTable
  budget_statements: BudgetStatementsTable
  budget_commentaries: BudgetCommentariesTable
  budget_lines: BudgetLinesTable
  capital_schemes: CapitalSchemesTable
  statement_assignments: StatementAssignmentsTable
  budget_rules: BudgetRulesTable
  import_jobs: ImportJobsTable
}

export interface PlansTable {
  id: Generated<number>
  name: string
  /** The plan's name as it appears in URLs: trafford-adp-2013-14. */
  slug: string | null
  created_at: string
  /** The plan's default rules (migration 010), null where it sets none: a band as written ("10%" or "2"). */
  rule_tolerance: string | null
  rule_green_within: string | null
  /** meets or beats. */
  rule_green_when: string | null
  /** improving, on-track-for-year or none. */
  rule_amber_also: string | null
}

export interface ThemesTable {
  id: Generated<number>
  plan_id: number
  name: string
  position: number
}

export interface IndicatorsTable {
  id: Generated<number>
  plan_id: number
  theme_id: number
  ref: string
  title: string
  frequency: string
  polarity: string
  value_type: string
  unit: string
  accumulation: string
  tolerance_pct: string
  dot_basis: string
  rag_method: string
  owner: string | null
  position: number
  /** proportion or rate; null when the indicator carries no counts. */
  ci_method: string | null
  /** The scale of the figure, as the decimal text given; null for the method's default. */
  multiplier: string | null
  /** measure or data-only; null for a measure (migration 010). */
  kind: string | null
  /** The indicator's own rules (migration 010), each null where it inherits the plan's: bands as written. */
  tolerance: string | null
  green_within: string | null
  green_when: string | null
  amber_also: string | null
}

export interface ObservationsTable {
  id: Generated<number>
  indicator_id: number
  period: string
  /** First and last day of the period, ISO dates, so periods sort and filter in SQL. */
  period_start: string
  period_end: string
  data_period: string | null
  actual: string | null
  target: string | null
  estimated: number
  status: string | null
  not_reported: string | null
  note: string | null
  updated_at: string
  updated_by: string
  numerator: string | null
  denominator: string | null
}

/** A comparator's figure (England, the region) for one indicator and period, with its own interval if given. */
export interface ComparatorsTable {
  id: Generated<number>
  indicator_id: number
  period: string
  name: string
  value: string
  lower: string | null
  upper: string | null
  updated_at: string
  updated_by: string
}

export interface AuditEventsTable {
  id: Generated<number>
  at: string
  actor: string
  source: string
  plan_id: number | null
  entity: string
  ref: string
  period: string | null
  field: string
  old_value: string | null
  new_value: string | null
  reason: string | null
  /** A change set's changes, JSON [period, field, old value, new value][]; null for a single change (see migration 006). */
  changes: string | null
  /** The sign-off this change revised, when it changed a period already signed off; null otherwise. */
  sign_off_id: number | null
}

export type PlanRow = Selectable<PlansTable>
export type IndicatorRow = Selectable<IndicatorsTable>
export type ObservationRow = Selectable<ObservationsTable>
export type ComparatorRow = Selectable<ComparatorsTable>
export type AuditEventRow = Selectable<AuditEventsTable>

export interface UsersTable {
  id: Generated<number>
  email: string
  name: string
  role: string
  /** argon2id, in PHC string format. */
  password_hash: string
  created_at: string
  /** 1, or 0 once deactivated: they cannot sign in, and what they did stays theirs (migration 013). */
  active: Generated<number>
  deactivated_at: string | null
}

/** A single-use link to set a password, on an invitation or a reset: only the SHA-256 of its token is kept. */
export interface PasswordLinksTable {
  token_hash: string
  user_id: number
  /** invite or reset */
  purpose: string
  created_at: string
  created_by: string
  expires_at: string
  used_at: string | null
}

export interface SessionsTable {
  /** SHA-256 of the session token: a stolen database does not yield usable cookies. */
  token_hash: string
  user_id: number
  created_at: string
  expires_at: string
}

export interface IndicatorAssignmentsTable {
  indicator_id: number
  user_id: number
}

export interface ExceptionReportsTable {
  id: Generated<number>
  indicator_id: number
  period: string
  state: string
  baseline: string | null
  why: string | null
  implications: string | null
  improvement: string | null
  updated_at: string
  updated_by: string
}

export type UserRow = Selectable<UsersTable>
export type ExceptionReportRow = Selectable<ExceptionReportsTable>

export interface DeliveryGroupsTable {
  id: Generated<number>
  plan_id: number
  name: string
  decision_making: string | null
  delivery: string | null
  position: number
}

export interface DeliveryItemsTable {
  id: Generated<number>
  plan_id: number
  kind: string
  ref: string
  title: string
  group_name: string | null
  theme: string | null
  parent_ref: string | null
  due_date: string | null
  responsible: string | null
  timescale: string | null
  measure_of_success: string | null
  /** Indicator refs, separated by semicolons. */
  linked_indicators: string | null
  flag: string | null
  position: number
}

export interface DeliveryUpdatesTable {
  id: Generated<number>
  item_id: number
  period: string
  status: string
  commentary: string | null
  override_reason: string | null
  updated_at: string
  updated_by: string
}

export interface RisksTable {
  id: Generated<number>
  plan_id: number
  ref: string
  objective_ref: string | null
  description: string
  initial_likelihood: number
  initial_impact: number
  residual_likelihood: number
  residual_impact: number
  position: number
}

export interface RiskTreatmentsTable {
  id: Generated<number>
  risk_id: number
  ref: string
  description: string
  owner: string | null
  due_date: string | null
  position: number
}

export interface RiskReviewsTable {
  id: Generated<number>
  treatment_id: number
  period: string
  progress: string
  commentary: string | null
  updated_at: string
  updated_by: string
}

export interface KloeScoresTable {
  id: Generated<number>
  plan_id: number
  /** The assessment the scores belong to, such as "Use of Resources". */
  assessment: string
  year: string
  ref: string
  title: string
  score: number | null
  judgement: string | null
  note: string | null
  position: number
}

export interface DeliveryAssignmentsTable {
  item_id: number
  user_id: number
}

export interface TreatmentAssignmentsTable {
  treatment_id: number
  user_id: number
}

/** A period's sign-off as reported to committee; unlocking fills in the unlocked_ columns rather than deleting it. */
export interface PeriodSignOffsTable {
  id: Generated<number>
  plan_id: number
  period: string
  locked_at: string
  locked_by: string
  committee: string | null
  /** The report JSON as reported, exactly as served. */
  snapshot: string
  /** The data the report was made from (framework, figures, exception reports, delivery, risks), as JSON. */
  snapshot_data: string
  unlocked_at: string | null
  unlocked_by: string | null
  unlock_reason: string | null
}

/** A reporting round for a plan's period (migration 011): one per plan and period. */
export interface RoundsTable {
  id: Generated<number>
  plan_id: number
  period: string
  /** ISO dates. */
  due_date: string
  committee_date: string | null
  /** on-entry (figures count as soon as they are entered) or on-approval. */
  publish: Generated<string>
  opened_at: string
  opened_by: string
}

/** One thing a person owes in a round, as they return it: draft, submitted, returned (sent back) or approved. */
export interface RoundReturnsTable {
  id: Generated<number>
  round_id: number
  user_id: number
  /** figure, commentary, exception-report, milestone or risk-review */
  kind: string
  ref: string
  state: Generated<string>
  /** What needs to change, when sent back. */
  comment: string | null
  created_at: string
  updated_at: string
  updated_by: string
  submitted_at: string | null
  submitted_by: string | null
  reviewed_at: string | null
  reviewed_by: string | null
}

/** Mail waiting to be sent by the mail worker: queued, sent or failed, with its attempts and when to try next. */
export interface OutboxTable {
  id: Generated<number>
  to_address: string
  subject: string
  text_body: string
  html_body: string
  /** round-opened, reminder, sent-back or exception-needed */
  purpose: string
  /** Keeps a mail to one of its kind (the opening of a round to each person); null when any number may go. */
  dedupe_key: string | null
  state: Generated<string>
  attempts: Generated<number>
  next_attempt_at: string
  last_error: string | null
  created_at: string
  sent_at: string | null
}

import type { Generated } from 'kysely'

/* The budget monitoring tables (migration 012), as Kysely sees them; see schema.ts. */

/** A plan's revenue statement (migration 012): one per department or service, figures in its unit. */
export interface BudgetStatementsTable {
  id: Generated<number>
  plan_id: number
  name: string
  unit: Generated<string>
  position: number
}

/** The budget holder's comments and projected outturn for a statement's period, as exact decimal text. */
export interface BudgetCommentariesTable {
  statement_id: number
  period: string
  comments: string | null
  projected_outturn: string | null
  updated_at: string
  updated_by: string
}

/** A statement's line for a period: expenditure, income or recharges; amounts as the exact decimal text. */
export interface BudgetLinesTable {
  id: Generated<number>
  statement_id: number
  period: string
  section: string
  line: string
  position: number
  annual_budget: string
  budget_to_date: string
  actual_to_date: string
  projected_outturn: string | null
  note: string | null
}

/** A capital scheme's figures for a plan's period, as exact decimal text. */
export interface CapitalSchemesTable {
  id: Generated<number>
  plan_id: number
  period: string
  programme: string
  scheme: string
  position: number
  allocation: string
  allocation_to_date: string
  actual_to_date: string
  note: string | null
}

/** The budget holder of a statement: who enters its comments and projected outturn. */
export interface StatementAssignmentsTable {
  statement_id: number
  user_id: number
  assigned_at: string
  assigned_by: string
}

/** A plan's budget rule: red when net spend is over profile by more than this percentage (exact text). */
export interface BudgetRulesTable {
  plan_id: number
  red_over_percent: string
  updated_at: string
  updated_by: string
}

import type { Kysely } from 'kysely'
import { slugify } from '../domain/access/access.ts'
import type { Database } from './schema.ts'

/* Budget holders and their entries, as the budget holder's form and the assignment page read them (migration 012). */

type Db = Kysely<Database>

/** A plan's revenue statement with its id, for addresses and assignments. */
export interface StatementRecord {
  readonly id: number
  readonly planId: number
  readonly name: string
  readonly unit: string
}

/** A statement's held comments and projected outturn for a period, with who last saved them and when. */
export interface HeldCommentary {
  readonly comments: string | null
  readonly projectedOutturn: string | null
  readonly updatedAt: string
  readonly updatedBy: string
}

/** A person holding a statement's budget. */
export interface BudgetHolderRecord {
  readonly statementId: number
  readonly userId: number
  readonly name: string
  readonly email: string
}

/** A plan's statements in the order they were first imported. */
export async function listPlanStatements(db: Db, planId: number): Promise<StatementRecord[]> {
  return db
    .selectFrom('budget_statements')
    .select(['id', 'plan_id as planId', 'name', 'unit'])
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute()
}

/** One of a plan's statements by id; undefined when the plan has no such statement. */
export async function findPlanStatement(db: Db, planId: number, id: number): Promise<StatementRecord | undefined> {
  return db
    .selectFrom('budget_statements')
    .select(['id', 'plan_id as planId', 'name', 'unit'])
    .where('plan_id', '=', planId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** The ids of a plan's statements that have budget lines for a period. */
export async function statementsWithLines(db: Db, planId: number, period: string): Promise<Set<number>> {
  const rows = await db
    .selectFrom('budget_lines')
    .innerJoin('budget_statements', 'budget_statements.id', 'budget_lines.statement_id')
    .select('budget_lines.statement_id as id')
    .distinct()
    .where('budget_statements.plan_id', '=', planId)
    .where('budget_lines.period', '=', period)
    .execute()
  return new Set(rows.map((r) => r.id))
}

/** A statement's comments and projected outturn for a period, if any were ever saved. */
export async function readCommentary(db: Db, statementId: number, period: string): Promise<HeldCommentary | undefined> {
  return db
    .selectFrom('budget_commentaries')
    .select(['comments', 'projected_outturn as projectedOutturn', 'updated_at as updatedAt', 'updated_by as updatedBy'])
    .where('statement_id', '=', statementId)
    .where('period', '=', period)
    .executeTakeFirst()
}

/** The people holding each of a plan's statements, by name. */
export async function planBudgetHolders(db: Db, planId: number): Promise<BudgetHolderRecord[]> {
  return db
    .selectFrom('statement_assignments')
    .innerJoin('budget_statements', 'budget_statements.id', 'statement_assignments.statement_id')
    .innerJoin('users', 'users.id', 'statement_assignments.user_id')
    .select([
      'statement_assignments.statement_id as statementId',
      'users.id as userId',
      'users.name as name',
      'users.email as email',
    ])
    .where('budget_statements.plan_id', '=', planId)
    .orderBy('users.name')
    .orderBy('users.id')
    .execute()
}

/** The statements a person holds, in every plan, with each plan's name and address. */
export async function heldStatements(
  db: Db,
  userId: number,
): Promise<(StatementRecord & { readonly planName: string; readonly planSlug: string })[]> {
  const rows = await db
    .selectFrom('statement_assignments')
    .innerJoin('budget_statements', 'budget_statements.id', 'statement_assignments.statement_id')
    .innerJoin('plans', 'plans.id', 'budget_statements.plan_id')
    .select([
      'budget_statements.id as id',
      'budget_statements.plan_id as planId',
      'budget_statements.name as name',
      'budget_statements.unit as unit',
      'plans.name as planName',
      'plans.slug as planSlug',
    ])
    .where('statement_assignments.user_id', '=', userId)
    .orderBy('plans.name')
    .orderBy('budget_statements.position')
    .execute()
  return rows.map((r) => ({ ...r, planSlug: r.planSlug ?? slugify(r.planName) }))
}

/** Takes a person off a statement's budget holders; whether they were one. */
export async function removeBudgetHolder(db: Db, statementId: number, userId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('statement_assignments')
    .where('statement_id', '=', statementId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

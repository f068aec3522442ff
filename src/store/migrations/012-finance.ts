import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely'

/**
 * Budget monitoring: each plan's revenue statements (one per department or service, in its unit), the budget
 * holder's comments and projected outturn per period, each statement's lines per period (figures as the exact
 * decimal text given), the capital schemes per plan and period, the budget holder of each statement, and the
 * plan's budget rule (red when net spend is over profile by more than a percentage).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  const idType = (postgres ? 'serial' : 'integer') as 'integer'
  const id = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    postgres ? col.primaryKey() : col.primaryKey().autoIncrement()

  await db.schema
    .createTable('budget_statements')
    .addColumn('id', idType, id)
    .addColumn('plan_id', 'integer', (col) => col.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('unit', 'text', (col) => col.notNull().defaultTo("£'000"))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addUniqueConstraint('budget_statements_plan_name', ['plan_id', 'name'])
    .execute()

  await db.schema
    .createTable('budget_commentaries')
    .addColumn('statement_id', 'integer', (col) => col.notNull().references('budget_statements.id').onDelete('cascade'))
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('comments', 'text')
    .addColumn('projected_outturn', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('budget_commentaries_pk', ['statement_id', 'period'])
    .execute()

  await db.schema
    .createTable('budget_lines')
    .addColumn('id', idType, id)
    .addColumn('statement_id', 'integer', (col) => col.notNull().references('budget_statements.id').onDelete('cascade'))
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('section', 'text', (col) => col.notNull())
    .addColumn('line', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('annual_budget', 'text', (col) => col.notNull())
    .addColumn('budget_to_date', 'text', (col) => col.notNull())
    .addColumn('actual_to_date', 'text', (col) => col.notNull())
    .addColumn('projected_outturn', 'text')
    .addColumn('note', 'text')
    .addUniqueConstraint('budget_lines_statement_period_line', ['statement_id', 'period', 'section', 'line'])
    .execute()

  await db.schema
    .createTable('capital_schemes')
    .addColumn('id', idType, id)
    .addColumn('plan_id', 'integer', (col) => col.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('programme', 'text', (col) => col.notNull())
    .addColumn('scheme', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('allocation', 'text', (col) => col.notNull())
    .addColumn('allocation_to_date', 'text', (col) => col.notNull())
    .addColumn('actual_to_date', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .addUniqueConstraint('capital_schemes_plan_period_scheme', ['plan_id', 'period', 'programme', 'scheme'])
    .execute()

  await db.schema
    .createTable('statement_assignments')
    .addColumn('statement_id', 'integer', (col) => col.notNull().references('budget_statements.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('assigned_at', 'text', (col) => col.notNull())
    .addColumn('assigned_by', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('statement_assignments_pk', ['statement_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('budget_rules')
    .addColumn('plan_id', 'integer', (col) => col.primaryKey().references('plans.id').onDelete('cascade'))
    .addColumn('red_over_percent', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'budget_rules',
    'statement_assignments',
    'capital_schemes',
    'budget_lines',
    'budget_commentaries',
    'budget_statements',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}

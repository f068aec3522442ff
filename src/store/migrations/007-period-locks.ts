import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely'

/**
 * Period sign-off: each time a plan's period is signed off as reported to committee, who did it, when, the meeting,
 * and the report as it stood (the report JSON, and the data it was made from, as text). Unlocking fills in who, when
 * and why on the same row, so the history is kept. Audit events gain the sign-off a change revised, when it did.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  const idType = (postgres ? 'serial' : 'integer') as 'integer'
  const id = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    postgres ? col.primaryKey() : col.primaryKey().autoIncrement()

  await db.schema
    .createTable('period_sign_offs')
    .addColumn('id', idType, id)
    .addColumn('plan_id', 'integer', (col) => col.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('locked_at', 'text', (col) => col.notNull())
    .addColumn('locked_by', 'text', (col) => col.notNull())
    .addColumn('committee', 'text')
    .addColumn('snapshot', 'text', (col) => col.notNull())
    .addColumn('snapshot_data', 'text', (col) => col.notNull())
    .addColumn('unlocked_at', 'text')
    .addColumn('unlocked_by', 'text')
    .addColumn('unlock_reason', 'text')
    .execute()
  await db.schema
    .createIndex('period_sign_offs_plan_period')
    .on('period_sign_offs')
    .columns(['plan_id', 'period'])
    .execute()
  await db.schema.alterTable('audit_events').addColumn('sign_off_id', 'integer').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_events').dropColumn('sign_off_id').execute()
  await db.schema.dropIndex('period_sign_offs_plan_period').execute()
  await db.schema.dropTable('period_sign_offs').execute()
}

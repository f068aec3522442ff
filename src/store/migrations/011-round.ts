import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely'

/**
 * The reporting round: a round per plan and period (its due date, the committee it goes to, who opened it and
 * when, and whether figures are published on entry or only once approved); each person's returns in it (one per
 * thing they owe: a figure, commentary, exception report, milestone status or risk review, by ref), with their
 * state, the comment when sent back, and who moved them on and when; and the outbox, where mail waits for the mail
 * worker to send it (so nothing is lost when the server restarts or the mail server refuses).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  const idType = (postgres ? 'serial' : 'integer') as 'integer'
  const id = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    postgres ? col.primaryKey() : col.primaryKey().autoIncrement()

  await db.schema
    .createTable('rounds')
    .addColumn('id', idType, id)
    .addColumn('plan_id', 'integer', (col) => col.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('due_date', 'text', (col) => col.notNull())
    .addColumn('committee_date', 'text')
    .addColumn('publish', 'text', (col) => col.notNull().defaultTo('on-entry'))
    .addColumn('opened_at', 'text', (col) => col.notNull())
    .addColumn('opened_by', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('rounds_plan_period').on('rounds').columns(['plan_id', 'period']).unique().execute()

  await db.schema
    .createTable('round_returns')
    .addColumn('id', idType, id)
    .addColumn('round_id', 'integer', (col) => col.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('ref', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull().defaultTo('draft'))
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text')
    .execute()
  await db.schema
    .createIndex('round_returns_item')
    .on('round_returns')
    .columns(['round_id', 'user_id', 'kind', 'ref'])
    .unique()
    .execute()

  await db.schema
    .createTable('outbox')
    .addColumn('id', idType, id)
    .addColumn('to_address', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('text_body', 'text', (col) => col.notNull())
    .addColumn('html_body', 'text', (col) => col.notNull())
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('dedupe_key', 'text', (col) => col.unique())
    .addColumn('state', 'text', (col) => col.notNull().defaultTo('queued'))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (col) => col.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('sent_at', 'text')
    .execute()
  await db.schema.createIndex('outbox_due').on('outbox').columns(['state', 'next_attempt_at']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_due').execute()
  await db.schema.dropTable('outbox').execute()
  await db.schema.dropIndex('round_returns_item').execute()
  await db.schema.dropTable('round_returns').execute()
  await db.schema.dropIndex('rounds_plan_period').execute()
  await db.schema.dropTable('rounds').execute()
}

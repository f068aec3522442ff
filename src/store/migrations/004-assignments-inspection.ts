import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely'

/**
 * Data entry by the responsible person: a user assigned to a milestone, action or priority may record its status,
 * and a user assigned to a risk treatment may record its quarterly review. Key Line of Enquiry scores become
 * nullable ("n/a: not assessed this year"), with a note, and each may name the improvement action plan item.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  const idType = (postgres ? 'serial' : 'integer') as 'integer'
  const id = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    postgres ? col.primaryKey() : col.primaryKey().autoIncrement()
  const user = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    col.notNull().references('users.id').onDelete('cascade')

  await db.schema
    .createTable('delivery_assignments')
    .addColumn('item_id', 'integer', (col) => col.notNull().references('delivery_items.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', user)
    .addPrimaryKeyConstraint('delivery_assignments_pk', ['item_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('treatment_assignments')
    .addColumn('treatment_id', 'integer', (col) => col.notNull().references('risk_treatments.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', user)
    .addPrimaryKeyConstraint('treatment_assignments_pk', ['treatment_id', 'user_id'])
    .execute()

  // Nothing wrote Key Line of Enquiry scores before this migration, so the table is recreated rather than altered
  // (SQLite cannot relax NOT NULL in place).
  await db.schema.dropTable('kloe_scores').execute()
  await db.schema
    .createTable('kloe_scores')
    .addColumn('id', idType, id)
    .addColumn('plan_id', 'integer', (col) => col.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('assessment', 'text', (col) => col.notNull())
    .addColumn('year', 'text', (col) => col.notNull())
    .addColumn('ref', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('score', 'integer')
    .addColumn('judgement', 'text')
    .addColumn('note', 'text')
    .addColumn('position', 'integer', (col) => col.notNull())
    .addUniqueConstraint('kloe_scores_plan_year_ref_unique', ['plan_id', 'assessment', 'year', 'ref'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  const idType = (postgres ? 'serial' : 'integer') as 'integer'
  await db.schema.dropTable('treatment_assignments').execute()
  await db.schema.dropTable('delivery_assignments').execute()
  await db.schema.dropTable('kloe_scores').execute()
  await db.schema
    .createTable('kloe_scores')
    .addColumn('id', idType, (col) => (postgres ? col.primaryKey() : col.primaryKey().autoIncrement()))
    .addColumn('plan_id', 'integer', (col) => col.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('year', 'text', (col) => col.notNull())
    .addColumn('ref', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('score', 'integer', (col) => col.notNull())
    .addColumn('judgement', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addUniqueConstraint('kloe_scores_plan_year_ref_unique', ['plan_id', 'year', 'ref'])
    .execute()
}

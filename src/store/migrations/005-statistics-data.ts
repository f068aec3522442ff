import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely'

/**
 * Statistics data: an indicator's confidence interval method and multiplier, each entry's numerator and
 * denominator, and comparators' figures (England, the Greater Manchester average) per indicator and period.
 * New columns are nullable, so every existing plan reads as before. SQLite adds one column per statement.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  const idType = (postgres ? 'serial' : 'integer') as 'integer'
  const id = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    postgres ? col.primaryKey() : col.primaryKey().autoIncrement()

  await db.schema.alterTable('indicators').addColumn('ci_method', 'text').execute()
  await db.schema.alterTable('indicators').addColumn('multiplier', 'text').execute()
  await db.schema.alterTable('observations').addColumn('numerator', 'text').execute()
  await db.schema.alterTable('observations').addColumn('denominator', 'text').execute()

  await db.schema
    .createTable('comparators')
    .addColumn('id', idType, id)
    .addColumn('indicator_id', 'integer', (col) => col.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('lower', 'text')
    .addColumn('upper', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addUniqueConstraint('comparators_indicator_period_name_unique', ['indicator_id', 'period', 'name'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('comparators').execute()
  await db.schema.alterTable('observations').dropColumn('denominator').execute()
  await db.schema.alterTable('observations').dropColumn('numerator').execute()
  await db.schema.alterTable('indicators').dropColumn('multiplier').execute()
  await db.schema.alterTable('indicators').dropColumn('ci_method').execute()
}

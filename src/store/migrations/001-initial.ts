import { type Kysely, PostgresAdapter, type ColumnDefinitionBuilder } from 'kysely'

/** An auto-numbered primary key, in each dialect's own way. */
function idColumn(db: Kysely<unknown>): [string, (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  return postgres ? ['serial', (col) => col.primaryKey()] : ['integer', (col) => col.primaryKey().autoIncrement()]
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const [idType, id] = idColumn(db)
  await db.schema
    .createTable('plans')
    .addColumn('id', idType as 'integer', id)
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('themes')
    .addColumn('id', idType as 'integer', id)
    .addColumn('plan_id', 'integer', (col) => col.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addUniqueConstraint('themes_plan_name_unique', ['plan_id', 'name'])
    .execute()

  await db.schema
    .createTable('indicators')
    .addColumn('id', idType as 'integer', id)
    .addColumn('plan_id', 'integer', (col) => col.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('theme_id', 'integer', (col) => col.notNull().references('themes.id'))
    .addColumn('ref', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('frequency', 'text', (col) => col.notNull())
    .addColumn('polarity', 'text', (col) => col.notNull())
    .addColumn('value_type', 'text', (col) => col.notNull())
    .addColumn('unit', 'text', (col) => col.notNull())
    .addColumn('accumulation', 'text', (col) => col.notNull())
    .addColumn('tolerance_pct', 'text', (col) => col.notNull())
    .addColumn('dot_basis', 'text', (col) => col.notNull())
    .addColumn('rag_method', 'text', (col) => col.notNull())
    .addColumn('owner', 'text')
    .addColumn('position', 'integer', (col) => col.notNull())
    .addUniqueConstraint('indicators_plan_ref_unique', ['plan_id', 'ref'])
    .execute()

  await db.schema
    .createTable('observations')
    .addColumn('id', idType as 'integer', id)
    .addColumn('indicator_id', 'integer', (col) => col.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('period_start', 'text', (col) => col.notNull())
    .addColumn('period_end', 'text', (col) => col.notNull())
    .addColumn('data_period', 'text')
    .addColumn('actual', 'text')
    .addColumn('target', 'text')
    .addColumn('estimated', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('status', 'text')
    .addColumn('not_reported', 'text')
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addUniqueConstraint('observations_indicator_period_unique', ['indicator_id', 'period'])
    .execute()
  await db.schema
    .createIndex('observations_indicator_end')
    .on('observations')
    .columns(['indicator_id', 'period_end'])
    .execute()

  await db.schema
    .createTable('audit_events')
    .addColumn('id', idType as 'integer', id)
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('plan_id', 'integer', (col) => col.references('plans.id').onDelete('set null'))
    .addColumn('entity', 'text', (col) => col.notNull())
    .addColumn('ref', 'text', (col) => col.notNull())
    .addColumn('period', 'text')
    .addColumn('field', 'text', (col) => col.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('reason', 'text')
    .execute()
  await db.schema.createIndex('audit_events_plan_ref').on('audit_events').columns(['plan_id', 'ref']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_events', 'observations', 'indicators', 'themes', 'plans']) {
    await db.schema.dropTable(table).execute()
  }
}

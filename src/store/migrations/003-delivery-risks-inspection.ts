import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely'

/** The column shapes every table here shares: the id (serial on PostgreSQL) and the plan it belongs to. */
interface Columns {
  readonly idType: 'integer'
  readonly id: (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder
  readonly plan: (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder
}

/** Partnership groups, delivery items and each item's status per period. */
async function createDeliveryTables(db: Kysely<unknown>, { idType, id, plan }: Columns): Promise<void> {
  await db.schema
    .createTable('delivery_groups')
    .addColumn('id', idType, id)
    .addColumn('plan_id', 'integer', plan)
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('decision_making', 'text')
    .addColumn('delivery', 'text')
    .addColumn('position', 'integer', (col) => col.notNull())
    .addUniqueConstraint('delivery_groups_plan_name_unique', ['plan_id', 'name'])
    .execute()

  await db.schema
    .createTable('delivery_items')
    .addColumn('id', idType, id)
    .addColumn('plan_id', 'integer', plan)
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('ref', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('group_name', 'text')
    .addColumn('theme', 'text')
    .addColumn('parent_ref', 'text')
    .addColumn('due_date', 'text')
    .addColumn('responsible', 'text')
    .addColumn('timescale', 'text')
    .addColumn('measure_of_success', 'text')
    .addColumn('linked_indicators', 'text')
    .addColumn('flag', 'text')
    .addColumn('position', 'integer', (col) => col.notNull())
    .addUniqueConstraint('delivery_items_plan_ref_unique', ['plan_id', 'ref'])
    .execute()

  await db.schema
    .createTable('delivery_updates')
    .addColumn('id', idType, id)
    .addColumn('item_id', 'integer', (col) => col.notNull().references('delivery_items.id').onDelete('cascade'))
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('commentary', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addUniqueConstraint('delivery_updates_item_period_unique', ['item_id', 'period'])
    .execute()
}

/** Risks, their treatments and each treatment's quarterly review. */
async function createRiskTables(db: Kysely<unknown>, { idType, id, plan }: Columns): Promise<void> {
  await db.schema
    .createTable('risks')
    .addColumn('id', idType, id)
    .addColumn('plan_id', 'integer', plan)
    .addColumn('ref', 'text', (col) => col.notNull())
    .addColumn('objective_ref', 'text')
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('initial_likelihood', 'integer', (col) => col.notNull())
    .addColumn('initial_impact', 'integer', (col) => col.notNull())
    .addColumn('residual_likelihood', 'integer', (col) => col.notNull())
    .addColumn('residual_impact', 'integer', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addUniqueConstraint('risks_plan_ref_unique', ['plan_id', 'ref'])
    .execute()

  await db.schema
    .createTable('risk_treatments')
    .addColumn('id', idType, id)
    .addColumn('risk_id', 'integer', (col) => col.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('ref', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('owner', 'text')
    .addColumn('due_date', 'text')
    .addColumn('position', 'integer', (col) => col.notNull())
    .addUniqueConstraint('risk_treatments_risk_ref_unique', ['risk_id', 'ref'])
    .execute()

  await db.schema
    .createTable('risk_reviews')
    .addColumn('id', idType, id)
    .addColumn('treatment_id', 'integer', (col) => col.notNull().references('risk_treatments.id').onDelete('cascade'))
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('progress', 'text', (col) => col.notNull())
    .addColumn('commentary', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addUniqueConstraint('risk_reviews_treatment_period_unique', ['treatment_id', 'period'])
    .execute()
}

/**
 * The delivery side of a framework: partnership groups, delivery items (objectives, priorities, milestones,
 * actions, areas of concern) with a status per period, risks with treatments and quarterly reviews, and
 * inspection (Key Line of Enquiry) scores.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  const idType = (postgres ? 'serial' : 'integer') as 'integer'
  const id = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    postgres ? col.primaryKey() : col.primaryKey().autoIncrement()
  const plan = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    col.notNull().references('plans.id').onDelete('cascade')

  await createDeliveryTables(db, { idType, id, plan })
  await createRiskTables(db, { idType, id, plan })
  await db.schema
    .createTable('kloe_scores')
    .addColumn('id', idType, id)
    .addColumn('plan_id', 'integer', plan)
    .addColumn('year', 'text', (col) => col.notNull())
    .addColumn('ref', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('score', 'integer', (col) => col.notNull())
    .addColumn('judgement', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addUniqueConstraint('kloe_scores_plan_year_ref_unique', ['plan_id', 'year', 'ref'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'kloe_scores',
    'risk_reviews',
    'risk_treatments',
    'risks',
    'delivery_updates',
    'delivery_items',
    'delivery_groups',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}

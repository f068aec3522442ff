import type { Kysely } from 'kysely'

/**
 * A committee report's own details, per plan and period (its title, the council's name, the committee and date of
 * the meeting, its author, and draft or final), and the sections the officer writes per theme (key policy or
 * delivery programmes, and an overview).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_details')
    .addColumn('plan_id', 'integer', (col) => col.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('title', 'text')
    .addColumn('council_name', 'text')
    .addColumn('committee', 'text')
    .addColumn('meeting_date', 'text')
    .addColumn('author', 'text')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('draft'))
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('report_details_pk', ['plan_id', 'period'])
    .execute()
  await db.schema
    .createTable('report_sections')
    .addColumn('plan_id', 'integer', (col) => col.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('theme', 'text', (col) => col.notNull())
    .addColumn('key_programmes', 'text')
    .addColumn('overview', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('report_sections_pk', ['plan_id', 'period', 'theme'])
    .execute()
}

/** Drops the report's details and sections. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_sections').execute()
  await db.schema.dropTable('report_details').execute()
}

import { type Kysely, PostgresAdapter, sql } from 'kysely'

/** Users, server-side sessions, indicator owners, exception reports, and URL slugs for plans. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  const idType = postgres ? 'serial' : 'integer'

  await db.schema
    .createTable('users')
    .addColumn('id', idType as 'integer', (col) => (postgres ? col.primaryKey() : col.primaryKey().autoIncrement()))
    .addColumn('email', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('indicator_assignments')
    .addColumn('indicator_id', 'integer', (col) => col.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('indicator_assignments_pk', ['indicator_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('exception_reports')
    .addColumn('id', idType as 'integer', (col) => (postgres ? col.primaryKey() : col.primaryKey().autoIncrement()))
    .addColumn('indicator_id', 'integer', (col) => col.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('baseline', 'text')
    .addColumn('why', 'text')
    .addColumn('implications', 'text')
    .addColumn('improvement', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addUniqueConstraint('exception_reports_indicator_period_unique', ['indicator_id', 'period'])
    .execute()

  await db.schema.alterTable('plans').addColumn('slug', 'text').execute()
  // Existing plans get a slug from their name; new ones are given one on creation.
  await sql`update plans set slug = lower(replace(replace(name, ' ', '-'), '/', '-'))`.execute(db)
  await db.schema.createIndex('plans_slug_unique').on('plans').column('slug').unique().execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('plans_slug_unique').execute()
  await db.schema.alterTable('plans').dropColumn('slug').execute()
  for (const table of ['exception_reports', 'indicator_assignments', 'sessions', 'users']) {
    await db.schema.dropTable(table).execute()
  }
}

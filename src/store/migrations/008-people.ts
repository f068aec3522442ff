import type { Kysely } from 'kysely'

/**
 * People: a user can be deactivated (they cannot sign in, their history stays), and a single-use link lets a person
 * set their own password, on an invitation or a reset. Only the SHA-256 of a link's token is stored, with when it
 * expires and when it was used.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .execute()
  await db.schema.alterTable('users').addColumn('deactivated_at', 'text').execute()
  await db.schema
    .createTable('password_links')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema.createIndex('password_links_user').on('password_links').column('user_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('password_links_user').execute()
  await db.schema.dropTable('password_links').execute()
  await db.schema.alterTable('users').dropColumn('deactivated_at').execute()
  await db.schema.alterTable('users').dropColumn('active').execute()
}

import { type DatabaseIntrospector, type Kysely, type SchemaMetadata, type TableMetadata, sql } from 'kysely'
import type { Database } from './schema.ts'

/**
 * Kysely's PostgreSQL introspector reads every schema on the server and asks `has_schema_privilege` of each, so a
 * schema that another program drops at that moment fails our migration with "schema … does not exist". The migrator
 * only needs to know whether its own tables exist in our schema, so this introspector looks there and nowhere else.
 */
export function schemaIntrospector(db: Kysely<Database>, schema: string): DatabaseIntrospector {
  const getSchemas = async (): Promise<SchemaMetadata[]> => {
    const { rows } = await sql<{ name: string }>`
      select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db)
    return rows.map((row) => ({ name: row.name }))
  }
  const getTables = async (): Promise<TableMetadata[]> => {
    const { rows } = await sql<{ name: string; kind: string }>`
      select table_name as name, table_type as kind from information_schema.tables where table_schema = ${schema}`.execute(
      db,
    )
    return rows.map((row) => ({ name: row.name, schema, isView: row.kind === 'VIEW', columns: [] }))
  }
  return {
    getSchemas,
    getTables,
    // Kysely's interface still requires the deprecated method; it answers as getTables does.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    getMetadata: async () => ({ tables: await getTables() }),
  }
}

/** The same Kysely instance, but whose `introspection` is limited to one schema (for the migrator). */
export function withSchemaIntrospection(db: Kysely<Database>, schema: string): Kysely<Database> {
  const introspection = schemaIntrospector(db, schema)
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
}

import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { CopyIn } from './copy-in.ts'
import type { Database } from './schema.ts'

/**
 * Opening a PostgreSQL database. database.ts imports this module only for a postgres:// location, so a server or
 * command on SQLite never loads pg (about a megabyte of code held in memory for nothing).
 */

async function copyIn(client: pg.PoolClient, text: string, data: CopyIn): Promise<PostgresQueryResult<never>> {
  const stream = client.query(copyFrom(text))
  await pipeline(Readable.from(data.chunks), stream)
  // Kysely reads the row count of an INSERT, which is what a COPY FROM is.
  return { command: 'INSERT', rowCount: stream.rowCount, rows: [] }
}

/** A pg pool whose clients also run `COPY ... FROM STDIN` when the one parameter is a CopyIn. */
function copyingPool(pool: pg.Pool): PostgresPool {
  // Kysely keeps one connection per client object, so each pg client gets one wrapper.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>()
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let wrapper = wrappers.get(client)
    if (!wrapper) {
      const query = (text: unknown, parameters?: readonly unknown[]): unknown => {
        const data = parameters?.[0]
        if (typeof text === 'string' && parameters?.length === 1 && data instanceof CopyIn) {
          return copyIn(client, text, data)
        }
        return client.query(text as string, parameters as unknown[])
      }
      wrapper = {
        query: query as PostgresPoolClient['query'],
        release: () => {
          client.release()
        },
      }
      wrappers.set(client, wrapper)
    }
    return wrapper
  }
  return { connect: async () => wrap(await pool.connect()), end: () => pool.end() }
}

/**
 * Opens the PostgreSQL database a postgres:// URL names. A `schema` query parameter keeps Outturn's tables in that
 * schema (created if missing).
 */
export async function openPostgres(location: string): Promise<{ db: Kysely<Database>; pool: pg.Pool; schema: string }> {
  const url = new URL(location)
  const schema = url.searchParams.get('schema')
  url.searchParams.delete('schema')
  if (schema !== null && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`The schema "${schema}" in the database URL must be lower-case letters, digits and underscores.`)
  }
  const pool = new pg.Pool({
    connectionString: url.toString(),
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  })
  if (schema) await pool.query(`create schema if not exists ${schema}`)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: copyingPool(pool) }) })
  return { db, pool, schema: schema ?? 'public' }
}

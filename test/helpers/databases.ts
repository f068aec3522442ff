import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

/** The PostgreSQL server the store tests also run on; CI always sets it (see .ci/run). */
export const TEST_POSTGRES_URL = process.env.OUTTURN_TEST_DATABASE_URL?.trim() || null

export interface TestDatabase {
  readonly dialect: 'sqlite' | 'postgres'
  /** A location openDatabase/openServices accepts. */
  readonly location: string
  drop(): Promise<void>
}

/** A fresh, empty database of each dialect: SQLite always, PostgreSQL when a test database URL is set. */
export const DIALECTS: readonly ('sqlite' | 'postgres')[] = TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite']

/** Creates an empty database: a SQLite file in a temp folder, or a new schema on the PostgreSQL test server. */
export function createTestDatabase(dialect: 'sqlite' | 'postgres'): TestDatabase {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'outturn-test-'))
    return {
      dialect,
      location: join(dir, 'outturn.sqlite'),
      drop: () => {
        rmSync(dir, { recursive: true, force: true })
        return Promise.resolve()
      },
    }
  }
  if (!TEST_POSTGRES_URL) throw new Error('OUTTURN_TEST_DATABASE_URL is not set')
  const schema = `test_${randomBytes(6).toString('hex')}`
  const url = new URL(TEST_POSTGRES_URL)
  url.searchParams.set('schema', schema)
  return {
    dialect,
    location: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL })
      await client.connect()
      try {
        await client.query(`drop schema if exists ${schema} cascade`)
      } finally {
        await client.end()
      }
    },
  }
}

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after } from 'node:test'
import { type Services, createServices } from '../../src/services/index.ts'
import { type OpenDatabase, migrateToLatest, openDatabase } from '../../src/store/database.ts'
import { type TestDatabase, createTestDatabase } from './databases.ts'

/** A migrated, empty database of its own for a test, and the services over it. */
export interface FreshDatabase {
  readonly testDb: TestDatabase
  readonly database: OpenDatabase
  readonly services: Services
}

/**
 * For a test file that makes many databases (backups and restores): a scratch folder for its files, and fresh
 * databases on either dialect, all closed, dropped and removed once the file's tests are done.
 */
export function freshDatabases(prefix: string, now: () => Date) {
  const scratch = mkdtempSync(join(tmpdir(), prefix))
  const dropped: TestDatabase[] = []
  const opened: OpenDatabase[] = []
  after(async () => {
    for (const database of opened) await database.close()
    for (const database of dropped) await database.drop()
    rmSync(scratch, { recursive: true, force: true })
  })
  async function freshDatabase(dialect: 'sqlite' | 'postgres'): Promise<FreshDatabase> {
    const testDb = createTestDatabase(dialect)
    dropped.push(testDb)
    const database = await openDatabase(testDb.location)
    opened.push(database)
    await migrateToLatest(database)
    return { testDb, database, services: createServices(database.db, { now }) }
  }
  /** Another connection to a database, closed with the rest. */
  async function openAgain(location: string): Promise<OpenDatabase> {
    const database = await openDatabase(location)
    opened.push(database)
    return database
  }
  return { scratch, freshDatabase, openAgain }
}

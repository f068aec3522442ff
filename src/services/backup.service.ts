import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, rename, rm, stat } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import type { Kysely } from 'kysely'
import { DomainError } from '../domain/errors.ts'
import {
  BACKUP_TABLES,
  type BackupTable,
  type Cell,
  RefusedRow,
  type TableSink,
  copySqliteDatabase,
  dialectOf,
  openSqliteCopy,
  readTables,
  replaceContent,
  schemaLevel,
  sqliteFileOf,
} from '../store/backup.repository.ts'
import { type BackupKey, type RestoreOptions, checkSignature, signatureOf } from './backup-signature.ts'
import { MIGRATION_NAMES } from '../store/database.ts'
import type { Database } from '../store/schema.ts'

/** The portable format's name and version, in its header (README, "Backup and restore"). */
export const BACKUP_FORMAT = 'outturn-backup'
export const BACKUP_FORMAT_VERSION = 1

/** portable: JSON lines any Outturn database can restore; sqlite: SQLite's own copy of a SQLite database. */
export type BackupFormat = 'portable' | 'sqlite'

export interface BackupHeader {
  readonly format: string
  readonly formatVersion: number
  /** The schema level: the newest migration the database had run. */
  readonly migration: string
  readonly createdAt: string
  readonly source: 'sqlite' | 'postgres'
  /** "sha256:" and the hex SHA-256 of every byte after the header line. */
  readonly checksum: string
  /**
   * "hmac-sha256:" and the hex HMAC-SHA256, keyed with OUTTURN_BACKUP_KEY, of the header's other fields (the
   * checksum among them, so the body too): present only when the backup was made with a key.
   */
  readonly signature?: string
}

export interface BackupSummary {
  readonly file: string
  readonly format: BackupFormat
  readonly migration: string
  readonly tables: number
  readonly rows: number
  readonly bytes: number
  /** Whether the backup carries a signature (only a portable backup made with a key does). */
  readonly signed: boolean
}

export interface RestoreSummary {
  readonly file: string
  readonly format: BackupFormat
  readonly migration: string
  readonly tables: number
  readonly rows: number
  /** Whether its signature was checked against the key, and held. */
  readonly verified: boolean
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')
const PLACEHOLDER = '0'.repeat(64)
const BATCH = 1_000
const FLUSH_BYTES = 1 << 20

/** Reads the header line of a portable backup and checks it can be restored here. */
function checkHeader(text: string, file: string): BackupHeader {
  let header: Partial<BackupHeader>
  try {
    header = JSON.parse(text) as Partial<BackupHeader>
  } catch {
    throw new DomainError('invalid-value', `${file} is not an Outturn backup: its first line is not a backup header.`)
  }
  if (header.format !== BACKUP_FORMAT)
    throw new DomainError('invalid-value', `${file} is not an Outturn backup (its header names no ${BACKUP_FORMAT}).`)
  if (typeof header.formatVersion !== 'number' || header.formatVersion > BACKUP_FORMAT_VERSION)
    throw new DomainError(
      'invalid-value',
      `${file} is in backup format ${String(header.formatVersion)}, newer than this Outturn reads (${BACKUP_FORMAT_VERSION}). Upgrade Outturn to restore it.`,
    )
  if (typeof header.checksum !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(header.checksum))
    throw new DomainError('invalid-value', `${file}'s header has no checksum: it is damaged.`)
  if (
    header.signature !== undefined &&
    (typeof header.signature !== 'string' || !/^hmac-sha256:[0-9a-f]{64}$/.test(header.signature))
  )
    throw new DomainError(
      'invalid-value',
      `${file}'s signature is not an HMAC-SHA256: the file was changed after it was made. Nothing was restored.`,
    )
  checkLevel(String(header.migration), file)
  return header as BackupHeader
}

/** A backup restores only at this code's schema level: a newer one needs a newer Outturn. */
function checkLevel(level: string, file: string): void {
  const latest = MIGRATION_NAMES.at(-1) ?? ''
  if (level === latest) return
  if (!MIGRATION_NAMES.includes(level) && level > latest)
    throw new DomainError(
      'invalid-value',
      `${file} was made by a newer Outturn: its schema is at ${level}, and this Outturn's is at ${latest}. Upgrade Outturn, then restore it.`,
    )
  if (!MIGRATION_NAMES.includes(level))
    throw new DomainError('invalid-value', `${file} names a schema level this Outturn does not know (${level}).`)
  throw new DomainError(
    'invalid-value',
    `${file} was made at schema ${level}, older than this Outturn's ${latest}. Restore it with the Outturn that made it, then upgrade that database.`,
  )
}

/** The header line of a file, and the byte offset where the body starts. */
async function readHeaderLine(file: string): Promise<{ text: string; bodyStart: number; sqlite: boolean }> {
  const handle = await open(file, 'r').catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code
    throw new DomainError(
      'not-found',
      `Cannot read ${file}: ${code === 'ENOENT' ? 'there is no such file' : 'it could not be read'}.`,
    )
  })
  try {
    const buffer = Buffer.alloc(64 * 1024)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    const head = buffer.subarray(0, bytesRead)
    if (head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) return { text: '', bodyStart: 0, sqlite: true }
    const end = head.indexOf(0x0a)
    if (end < 0) throw new DomainError('invalid-value', `${file} is not an Outturn backup: it has no header line.`)
    return { text: head.subarray(0, end).toString('utf8'), bodyStart: end + 1, sqlite: false }
  } finally {
    await handle.close()
  }
}

async function checksumOf(file: string, start: number): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file, { start })) hash.update(chunk as Buffer)
  return `sha256:${hash.digest('hex')}`
}

/** Sends a portable backup's tables and rows to a sink, checking its structure as it goes. */
async function readPortable(file: string, start: number, sink: TableSink): Promise<void> {
  const lines = createInterface({ input: createReadStream(file, { start }), crlfDelay: Infinity })
  let batch: Cell[][] = []
  let batchLines: number[] = []
  let index = 0
  let line = 1
  const flush = async (): Promise<void> => {
    try {
      if (batch.length > 0) await sink.rows(batch)
    } catch (error) {
      if (error instanceof RefusedRow) throw error.inFile(file, batchLines[error.index])
      throw error
    }
    batch = []
    batchLines = []
  }
  for await (const text of lines) {
    line += 1
    if (text === '') continue
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      throw new DomainError('invalid-value', `${file}, line ${line}: not a row or a table header.`)
    }
    if (Array.isArray(value)) {
      batch.push(value as Cell[])
      batchLines.push(line)
      if (batch.length >= BATCH) await flush()
      continue
    }
    await flush()
    const table = value as { table?: string; columns?: string[]; rows?: number }
    const expected = BACKUP_TABLES[index]
    if (
      expected === undefined ||
      table.table !== expected ||
      !Array.isArray(table.columns) ||
      typeof table.rows !== 'number'
    )
      throw new DomainError(
        'invalid-value',
        `${file}, line ${line}: expected the ${expected ?? 'end of the'} table, found ${String(table.table)}.`,
      )
    await sink.table(expected, table.columns, table.rows)
    index += 1
  }
  await flush()
}

/** Backing a database up to a file and restoring one from it, whichever database each is on. */
export function createBackupService(db: Kysely<Database>, now: () => Date) {
  /**
   * Writes a backup of everything the council holds (plans, figures, audit trail, users with their password hashes;
   * not sign-in sessions) to a file, written beside it and renamed into place when complete.
   */
  async function backup(out: string, format: BackupFormat, options: BackupKey = {}): Promise<BackupSummary> {
    const partial = `${out}.partial`
    await rm(partial, { force: true })
    try {
      const summary =
        format === 'sqlite' ? await backupSqlite(partial) : await backupPortable(partial, options.key ?? null)
      await rename(partial, out)
      return { ...summary, file: out }
    } catch (error) {
      await rm(partial, { force: true })
      throw error
    }
  }

  async function backupSqlite(out: string): Promise<BackupSummary> {
    const file = await sqliteFileOf(db)
    if (file === null)
      throw new DomainError(
        'invalid-value',
        'Only a SQLite database file can be copied as SQLite: use --format portable (the default) for PostgreSQL.',
      )
    await copySqliteDatabase(file, out)
    const copy = openSqliteCopy(out)
    try {
      let rows = 0
      let tables = 0
      const migration = await readTables(copy.db, {
        table: () => {
          tables += 1
          return Promise.resolve()
        },
        rows: (batch) => {
          rows += batch.length
          return Promise.resolve()
        },
      })
      return { file: out, format: 'sqlite', migration, tables, rows, bytes: (await stat(out)).size, signed: false }
    } finally {
      await copy.close()
    }
  }

  async function backupPortable(out: string, key: string | null): Promise<BackupSummary> {
    const handle = await open(out, 'w')
    try {
      const level = (await schemaLevel(db)) ?? ''
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        migration: level,
        createdAt: now().toISOString(),
        source: dialectOf(db),
        checksum: `sha256:${PLACEHOLDER}`,
        ...(key === null ? {} : { signature: `hmac-sha256:${PLACEHOLDER}` }),
      }
      const headerText = `${JSON.stringify(header)}\n`
      const offsetOf = (field: string): number =>
        Buffer.byteLength(headerText.slice(0, headerText.indexOf(`"${field}":"`) + field.length + 4))
      const checksumAt = offsetOf('checksum') + 'sha256:'.length
      const signatureAt = offsetOf('signature') + 'hmac-sha256:'.length
      await handle.write(headerText)
      let bytes = Buffer.byteLength(headerText)
      const hash = createHash('sha256')
      let pending: string[] = []
      let pendingBytes = 0
      const write = async (text: string, force = false): Promise<void> => {
        pending.push(text)
        pendingBytes += text.length
        if (!force && pendingBytes < FLUSH_BYTES) return
        const chunk = Buffer.from(pending.join(''), 'utf8')
        pending = []
        pendingBytes = 0
        hash.update(chunk)
        await handle.write(chunk)
        bytes += chunk.length
      }
      let tables = 0
      let rows = 0
      const migration = await readTables(db, {
        table: async (name, columns, count) => {
          tables += 1
          await write(`${JSON.stringify({ table: name, columns, rows: count })}\n`)
        },
        rows: async (batch) => {
          rows += batch.length
          await write(batch.map((row) => `${JSON.stringify(row)}\n`).join(''))
        },
      })
      await write('', true)
      if (migration !== level)
        throw new DomainError('conflict', 'The database was migrated during the backup: try again.')
      const checksum = hash.digest('hex')
      await handle.write(checksum, checksumAt, 'ascii')
      if (key !== null) {
        const signature = signatureOf({ ...header, checksum: `sha256:${checksum}` }, key)
        await handle.write(signature.slice('hmac-sha256:'.length), signatureAt, 'ascii')
      }
      await handle.sync()
      return { file: out, format: 'portable', migration, tables, rows, bytes, signed: key !== null }
    } finally {
      await handle.close()
    }
  }

  /**
   * Restores a backup (either format, from either database) into this database, all or nothing. A damaged file, one
   * of a newer schema, or a database that already holds data (unless `replace`) is refused before anything changes.
   */
  async function restore(file: string, options: RestoreOptions): Promise<RestoreSummary> {
    const head = await readHeaderLine(file)
    if (head.sqlite) {
      if ((options.key ?? null) !== null && options.allowUnsigned !== true)
        throw new DomainError(
          'invalid-value',
          `${file} is a SQLite copy, which carries no signature, and OUTTURN_BACKUP_KEY is set. Nothing was restored. Add --allow-unsigned to restore it if you trust where it came from.`,
        )
      const copy = openSqliteCopy(file)
      try {
        const level = await schemaLevel(copy.db)
        checkLevel(level ?? '', file)
        const result = await replaceContent(db, options, (sink) => readTables(copy.db, sink).then(() => undefined))
        return { file, format: 'sqlite', migration: level ?? '', ...result, verified: false }
      } catch (error) {
        if (error instanceof RefusedRow) throw error.inFile(file)
        throw error
      } finally {
        await copy.close()
      }
    }
    const header = checkHeader(head.text, file)
    if ((await checksumOf(file, head.bodyStart)) !== header.checksum)
      throw new DomainError(
        'invalid-value',
        `${file} is damaged: its checksum does not match its contents. Nothing was restored; use another copy of the backup.`,
      )
    const verified = checkSignature(header, file, options)
    const result = await replaceContent(db, options, (sink) => readPortable(file, head.bodyStart, sink))
    return { file, format: 'portable', migration: header.migration, ...result, verified }
  }

  return { backup, restore }
}

export type BackupService = ReturnType<typeof createBackupService>
export type { BackupTable, BackupKey, RestoreOptions }

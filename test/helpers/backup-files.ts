import { createHash, createHmac } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { type Kysely, sql } from 'kysely'
import { BACKUP_TABLES } from '../../src/store/backup.repository.ts'
import type { Database } from '../../src/store/schema.ts'

/** A portable backup read into its parts, to change and write again as a test's hostile or damaged file. */
export interface BackupModel {
  header: Record<string, unknown>
  tables: { meta: { table: string; columns: string[]; rows: number }; rows: unknown[][] }[]
}

export function readBackup(file: string): BackupModel {
  const [headerLine = '', ...body] = readFileSync(file, 'utf8').split('\n')
  const model: BackupModel = { header: JSON.parse(headerLine) as Record<string, unknown>, tables: [] }
  for (const line of body) {
    if (line === '') continue
    const value = JSON.parse(line) as unknown
    if (Array.isArray(value)) model.tables.at(-1)?.rows.push(value as unknown[])
    else model.tables.push({ meta: value as BackupModel['tables'][number]['meta'], rows: [] })
  }
  return model
}

/** A table of a model, by name; its meta.rows is kept equal to its rows when written. */
export function tableOf(model: BackupModel, name: string): BackupModel['tables'][number] {
  const table = model.tables.find((t) => t.meta.table === name)
  if (!table) throw new Error(`no ${name} table`)
  return table
}

/** The line of the file a table's row (counting from 1) is written on, as writeBackup writes it. */
export function lineOf(model: BackupModel, name: string, row: number): number {
  let line = 1
  for (const table of model.tables) {
    line += 1
    if (table.meta.table === name) return line + row
    line += table.rows.length
  }
  throw new Error(`no ${name} table`)
}

/**
 * Writes a model as a backup file: each table's row count made to match, the checksum made to match (as anyone
 * editing the file could), and signed with `key` when one is given (as only the key's holder could).
 */
export function writeBackup(model: BackupModel, file: string, key?: string): void {
  const body = model.tables
    .map((t) =>
      [JSON.stringify({ ...t.meta, rows: t.rows.length }), ...t.rows.map((r) => JSON.stringify(r))].join('\n'),
    )
    .join('\n')
  const text = `${body}\n`
  const header: Record<string, unknown> = {
    ...model.header,
    checksum: `sha256:${createHash('sha256').update(text).digest('hex')}`,
  }
  if (key !== undefined) {
    const fields = [header.format, header.formatVersion, header.migration, header.createdAt, header.source]
    const signed = JSON.stringify([...fields, header.checksum])
    header.signature = `hmac-sha256:${createHmac('sha256', key).update(signed).digest('hex')}`
  }
  writeFileSync(file, `${JSON.stringify(header)}\n${text}`)
}

/** What a database holds, table by table: every row a backup holds, in a stable order. */
export async function contents(db: Kysely<Database>): Promise<Map<string, unknown[]>> {
  const out = new Map<string, unknown[]>()
  for (const table of BACKUP_TABLES) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)
    out.set(table, rows.map((row) => JSON.stringify(row)).sort())
  }
  return out
}

/**
 * A database's refusal of a row, in words: SQLite's SQLITE_CONSTRAINT_* codes and PostgreSQL's integrity (class 23)
 * and data (class 22) errors. Anything else (a lost connection, a full disk) is not a row's fault and gives null.
 */
export interface RowRefusal {
  /** What the row broke, in words: "another row already has the same id". */
  readonly reason: string
  /** The database's own words, for an operator: "UNIQUE constraint failed: plans.id". */
  readonly detail: string
}

const SQLITE_REASONS: ReadonlyMap<string, string> = new Map([
  ['SQLITE_CONSTRAINT_PRIMARYKEY', 'another row already has the same key'],
  ['SQLITE_CONSTRAINT_UNIQUE', 'another row already has the same value where each must differ'],
  ['SQLITE_CONSTRAINT_FOREIGNKEY', 'it refers to a row that is not there'],
  ['SQLITE_CONSTRAINT_NOTNULL', 'it leaves out a value that must be given'],
  ['SQLITE_CONSTRAINT_CHECK', 'a value is outside what the column allows'],
  ['SQLITE_CONSTRAINT_DATATYPE', 'a value is of the wrong type'],
  ['SQLITE_MISMATCH', 'a value is of the wrong type'],
  ['SQLITE_TOOBIG', 'a value is too big to store'],
])

const POSTGRES_REASONS: ReadonlyMap<string, string> = new Map([
  ['23505', 'another row already has the same value where each must differ'],
  ['23503', 'it refers to a row that is not there'],
  ['23502', 'it leaves out a value that must be given'],
  ['23514', 'a value is outside what the column allows'],
  ['22P02', 'a value is of the wrong type'],
  ['22003', 'a number is out of range'],
  ['22001', 'a value is too long'],
  ['22007', 'a date or time is not valid'],
  ['22008', 'a date or time is out of range'],
  ['22021', 'a value is not valid text'],
  ['22P04', 'a value cannot be read'],
])

/** The SQLite or PostgreSQL error code an error carries, if any. */
function codeOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? code : null
}

/** The columns an error names: SQLite's "UNIQUE constraint failed: plans.id", PostgreSQL's "Key (id)=(1) ...". */
function columnsNamed(error: unknown): string | null {
  const { message, detail, column } = error as { message?: unknown; detail?: unknown; column?: unknown }
  if (typeof column === 'string' && column !== '') return column
  if (typeof detail === 'string') {
    const key = /^Key \(([^)]+)\)=/.exec(detail)
    if (key?.[1]) return key[1]
  }
  if (typeof message === 'string') {
    const failed = /constraint failed: ([\w.]+(?:, [\w.]+)*)$/.exec(message)
    if (failed?.[1]) return failed[1].replace(/\b\w+\./g, '')
  }
  return null
}

/** The reason in words, naming the columns where the database said which. */
function worded(code: string, reason: string, columns: string | null): string {
  if (columns === null) return reason
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505')
    return `another row already has the same ${columns}`
  if (code === 'SQLITE_CONSTRAINT_NOTNULL' || code === '23502') return `it has no ${columns}, which must be given`
  if (code === '23503') return `its ${columns} refers to a row that is not there`
  return reason
}

/** Why the database refused a row, or null when the error is not about the row's data. */
export function rowRefusal(error: unknown): RowRefusal | null {
  const code = codeOf(error)
  if (code === null) return null
  const detail = error instanceof Error ? error.message : String(error)
  const known = SQLITE_REASONS.get(code) ?? POSTGRES_REASONS.get(code)
  if (known !== undefined) return { reason: worded(code, known, columnsNamed(error)), detail }
  if (code.startsWith('SQLITE_CONSTRAINT')) return { reason: 'it breaks a rule of the database', detail }
  if (/^2[23][0-9A-Z]{3}$/.test(code)) return { reason: 'it breaks a rule of the database', detail }
  return null
}

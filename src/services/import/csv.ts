import { CsvError, parse } from 'csv-parse/sync'
import { DomainError } from '../../domain/errors.ts'
import { type TextLimit, lengthProblem, withinLimit } from '../../domain/limits.ts'

/** A file as uploaded or read from disk: its name (for error messages) and its bytes. */
export interface InputFile {
  readonly name: string
  readonly content: Buffer | string
}

/** One problem in an input file, located so an officer can find and fix it. */
export interface ImportProblem {
  readonly file: string
  /** The line in the file (the header is line 1); null for a problem with the whole file. */
  readonly line: number | null
  readonly column: string | null
  readonly message: string
}

/** "observations.csv, line 12, column actual: ..." */
export function describeProblem(problem: ImportProblem): string {
  const where = [
    problem.file,
    problem.line === null ? null : `line ${problem.line}`,
    problem.column === null ? null : `column ${problem.column}`,
  ]
  return `${where.filter((part) => part !== null).join(', ')}: ${problem.message}`
}

export interface CsvRow {
  readonly line: number
  readonly values: Readonly<Record<string, string>>
}

/** What a file held: its header, the rows that could be read, and the problems with the rest. */
export interface CsvResult {
  readonly header: readonly string[]
  readonly rows: readonly CsvRow[]
  readonly problems: readonly ImportProblem[]
}

// Characters no report can show: those XML 1.0 (Word, Excel) forbids, and the C1 controls it discourages (as from
// the bytes Windows-1252 leaves undefined); NUL is also refused by PostgreSQL.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/ // eslint-disable-line no-control-regex

function lineAt(text: string, index: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line += 1
  return line
}

/**
 * Whether every physical line of the file is one record: each record's line is then its index plus one, and the
 * parser need not build a description of every record to say so. True when the records are as many as the lines
 * and every line ends in LF or CRLF; a record over several lines, or a line skipped as empty, makes them fewer.
 */
function oneRecordPerLine(text: string, records: number): boolean {
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) !== 0x0a) return false
  }
  let lines = text.length > 0 && !text.endsWith('\n') ? 1 : 0
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1
  return lines === records
}

const CSV_OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true } as const

/**
 * Where the bytes hold a sequence shaped like UTF-8 (a lead byte and its continuation bytes), even a damaged one, or
 * -1. Windows-1252 text almost never does: its "£" (A3) and "–" (96) are continuation bytes with no lead, and its
 * accented letters (E9 for "é") are followed by plain letters. So a file that is not valid UTF-8 and holds no such
 * sequence is Windows-1252; one that holds one is UTF-8 damaged or mixed with another encoding.
 */
function utf8Shaped(bytes: Uint8Array): number {
  for (let at = 0; at < bytes.length; at += 1) {
    const lead = bytes[at] ?? 0
    const length =
      lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0
    if (length === 0) continue
    let continued = 1
    while (continued < length && ((bytes[at + continued] ?? 0) & 0xc0) === 0x80) continued += 1
    if (continued === length) return at
  }
  return -1
}

/**
 * Windows-1252's characters for the bytes 80 to 9F, where it differs from Latin-1 ("€", "–", "’"...); the five bytes
 * it leaves undefined keep their control character, which the import then refuses. (Node's TextDecoder, asked for
 * "windows-1252", decodes these bytes as Latin-1's control characters, so the table is here.)
 */
const WINDOWS_1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178'

function windows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009F]/g, (c) => WINDOWS_1252_HIGH.charAt(c.charCodeAt(0) - 0x80))
}

/**
 * The file's text: UTF-8 (with or without a byte-order mark); UTF-16 with its byte-order mark (Excel's "Unicode
 * Text"); or Windows-1252, as Excel's "CSV (Comma delimited)" saves it, where "£" is one byte. A file that mixes UTF-8
 * with another encoding, or whose UTF-8 is damaged, is refused with the line, rather than read as the wrong
 * characters.
 */
function decode(file: InputFile): { text: string } | { problem: ImportProblem } {
  if (typeof file.content === 'string') return { text: file.content }
  const bytes = file.content
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes) }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes) }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) }
  } catch {
    if (utf8Shaped(bytes) < 0) return { text: windows1252(bytes) }
    const loose = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    const line = lineAt(loose, loose.indexOf('\uFFFD'))
    const message = `The file mixes UTF-8 with another encoding, or its UTF-8 is damaged: line ${line} has a character (such as £ or –) that is not UTF-8, while other lines are. Save it from Excel as "CSV UTF-8 (Comma delimited)" and import it again.`
    return { problem: { file: file.name, line, column: null, message } }
  }
}

/**
 * Reads a CSV file as Excel saves it as well as by hand: UTF-8 with or without a byte-order mark (or UTF-16 with
 * one, or Windows-1252), CRLF or LF line endings, quoted fields with commas and line breaks. Text is composed (NFC), so "é" typed as
 * e and an accent matches "é". Header names are trimmed and lower-cased; values are trimmed. A row with the wrong
 * number of fields is a problem on that row; the rest of the file is still read.
 */
export function readCsv(file: InputFile): CsvResult {
  const decoded = decode(file)
  if ('problem' in decoded) return { header: [], rows: [], problems: [decoded.problem] }
  const control = CONTROL.exec(decoded.text)
  if (control) {
    const code = `U+${(control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
    const line = lineAt(decoded.text, control.index)
    const message = `Line ${line} has a control character (${code}) that no report can show. Remove it; if the file was saved as "Unicode Text", save it as "CSV UTF-8 (Comma delimited)" instead.`
    return { header: [], rows: [], problems: [{ file: file.name, line, column: null, message }] }
  }
  const text = decoded.text.normalize('NFC')
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    const message = 'The file is empty. It needs a header row, then one row per record.'
    return { header: [], rows: [], problems: [{ file: file.name, line: null, column: null, message }] }
  }
  let records: string[][]
  let lines: readonly number[] | null = null
  try {
    records = parse(text, CSV_OPTIONS)
    // Line numbers come free when each line is a record; otherwise the parser counts them, at twice the cost.
    if (!oneRecordPerLine(text, records.length)) {
      const described = parse(text, { ...CSV_OPTIONS, info: true }) as unknown as { info: { lines: number } }[]
      lines = described.map(({ info }) => info.lines)
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    const line = (error as CsvError & { lines?: number }).lines ?? null
    const message = `The file is not valid CSV (${error.message}). Save it from Excel as "CSV UTF-8".`
    return { header: [], rows: [], problems: [{ file: file.name, line, column: null, message }] }
  }
  const header = (records[0] ?? []).map((name) => name.trim().toLowerCase())
  if (header.length === 1 && header[0]?.includes('\t')) {
    const message =
      'The columns are separated by tabs, not commas. Save the file from Excel as "CSV UTF-8 (Comma delimited)".'
    return { header: [], rows: [], problems: [{ file: file.name, line: 1, column: null, message }] }
  }
  // Rows are built key by key, so they share one shape; a "__proto__" column (refused later) needs defineProperty.
  const plain = !header.includes('__proto__')
  const problems: ImportProblem[] = []
  const rows: CsvRow[] = []
  for (let index = 1; index < records.length; index += 1) {
    const record = records[index] as string[]
    const line = lines === null ? index + 1 : (lines[index] as number)
    if (record.length !== header.length) {
      problems.push({
        file: file.name,
        line,
        column: null,
        message: `The row has ${record.length} fields but the header has ${header.length}. Check for a missing or extra comma, and put quotes around text that contains a comma.`,
      })
      continue
    }
    let values: Record<string, string>
    if (plain) {
      values = {}
      for (let column = 0; column < header.length; column += 1) values[header[column] as string] = record[column] ?? ''
    } else {
      values = Object.fromEntries(header.map((name, i) => [name, record[i] ?? '']))
    }
    rows.push({ line, values })
  }
  return { header, rows, problems }
}

/** Collects problems for one file, so every problem in every row is reported together. */
export class ProblemList {
  readonly problems: ImportProblem[] = []
  constructor(private readonly file: string) {}

  add(line: number | null, column: string | null, message: string): void {
    this.problems.push({ file: this.file, line, column, message })
  }

  /** Runs a parse; a DomainError becomes a problem on that cell and the result is undefined. */
  cell<T>(row: CsvRow, column: string, parse: (text: string) => T): T | undefined {
    try {
      return parse(row.values[column] ?? '')
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      this.add(row.line, column, error.message)
      return undefined
    }
  }
}

/** A file's columns: those it must have, those it may have, and the most characters each may hold. */
export interface ColumnSet {
  readonly required: readonly string[]
  readonly optional: readonly string[]
  readonly limits: Readonly<Record<string, TextLimit>>
}

/**
 * A file's columns with a limit for every one of them: a column left without a limit does not compile, so a column
 * added later cannot take text of any length.
 */
export function columnSet<const R extends readonly string[], const O extends readonly string[]>(
  required: R,
  optional: O,
  limits: { readonly [K in R[number] | O[number]]: TextLimit },
): { readonly required: R; readonly optional: O; readonly limits: Readonly<Record<R[number] | O[number], TextLimit>> } {
  return { required, optional, limits }
}

/**
 * The rows whose every cell is within its column's limit. Each cell over its limit is a problem on its line and
 * column, saying the limit and what to do; its row is set apart (into `setAside`, when given, with the long cells
 * emptied), so no later check repeats the text in a message. The header has been checked: every column is known.
 */
export function withinLimits(
  header: readonly string[],
  rows: readonly CsvRow[],
  columns: ColumnSet,
  list: ProblemList,
  setAside?: CsvRow[],
): CsvRow[] {
  const limits = header.map((name) => (Object.hasOwn(columns.limits, name) ? columns.limits[name] : undefined))
  const kept: CsvRow[] = []
  for (const row of rows) {
    let long: string[] | null = null
    for (let at = 0; at < header.length; at += 1) {
      const name = header[at] as string
      const limit = limits[at]
      const value = row.values[name] ?? ''
      if (limit === undefined || withinLimit(value, limit)) continue
      list.add(row.line, name, lengthProblem(value, limit) ?? '')
      ;(long ??= []).push(name)
    }
    if (long === null) kept.push(row)
    else setAside?.push({ line: row.line, values: { ...row.values, ...Object.fromEntries(long.map((n) => [n, ''])) } })
  }
  return kept
}

/** Checks a header row: every required column present, nothing unknown. */
export function checkHeader(
  header: readonly string[],
  columns: { required: readonly string[]; optional: readonly string[] },
  list: ProblemList,
): boolean {
  let ok = true
  const seen = new Set<string>()
  for (const column of header) {
    if (seen.has(column)) {
      list.add(1, column, `The column "${column}" appears more than once in the header row. Keep one of them.`)
      ok = false
    }
    seen.add(column)
  }
  for (const column of columns.required) {
    if (!header.includes(column)) {
      list.add(
        1,
        column,
        `The column "${column}" is missing. Add it to the header row: ${[...columns.required, ...columns.optional].join(',')}.`,
      )
      ok = false
    }
  }
  for (const column of header) {
    if (!columns.required.includes(column) && !columns.optional.includes(column)) {
      list.add(
        1,
        column,
        `"${column}" is not a known column. Rename it to one of ${[...columns.required, ...columns.optional].join(', ')}, or remove it.`,
      )
      ok = false
    }
  }
  return ok
}

/**
 * Reads a file's rows after checking its header and every cell's length; problems go on the list, a bad header
 * gives no rows, and a row with a cell over its limit is set apart (see `withinLimits`).
 */
export function readRows(
  file: InputFile,
  columns: ColumnSet,
  list: ProblemList,
  setAside?: CsvRow[],
): readonly CsvRow[] {
  const csv = readCsv(file)
  list.problems.push(...csv.problems)
  if (csv.header.length === 0 || !checkHeader(csv.header, columns, list)) return []
  return withinLimits(csv.header, csv.rows, columns, list, setAside)
}

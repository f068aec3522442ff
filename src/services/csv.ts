import { CsvError, parse } from 'csv-parse/sync'
import { DomainError } from '../domain/errors.ts'

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

/** Nothing but spaces, line breaks and byte-order marks, as `text.replace(/^\uFEFF/, '').trim() === ''` decides. */
function isBlank(bytes: Buffer): boolean {
  for (let at = 0; at < bytes.length; at += 1) {
    const byte = bytes[at] as number
    if (byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)) continue
    // Other Unicode spaces (and the byte-order mark) need the text itself; an ASCII character settles it.
    if (byte >= 0x80)
      return (
        bytes
          .toString('utf8')
          .replace(/^\uFEFF/, '')
          .trim() === ''
      )
    return false
  }
  return true
}

/**
 * Whether every physical line of the file is one record: each record's line is then its index plus one, and the
 * parser need not build a description of every record to say so. True when the records are as many as the lines
 * and every line ends in LF or CRLF; a record over several lines, or a line skipped as empty, makes them fewer.
 */
function oneRecordPerLine(bytes: Buffer, records: number): boolean {
  for (let at = bytes.indexOf(0x0d); at !== -1; at = bytes.indexOf(0x0d, at + 1)) {
    if (bytes[at + 1] !== 0x0a) return false
  }
  let lines = bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a ? 1 : 0
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lines += 1
  return lines === records
}

const CSV_OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true } as const

/**
 * Reads a CSV file as Excel saves it as well as by hand: UTF-8 with or without a byte-order mark, CRLF or LF line
 * endings, quoted fields with commas and line breaks. Header names are trimmed and lower-cased; values are trimmed.
 * A row with the wrong number of fields is a problem on that row; the rest of the file is still read.
 */
export function readCsv(file: InputFile): CsvResult {
  const bytes = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content
  if (isBlank(bytes)) {
    const message = 'The file is empty. It needs a header row, then one row per record.'
    return { header: [], rows: [], problems: [{ file: file.name, line: null, column: null, message }] }
  }
  let records: string[][]
  let lines: readonly number[] | null = null
  try {
    records = parse(bytes, CSV_OPTIONS)
    // Line numbers come free when each line is a record; otherwise the parser counts them, at twice the cost.
    if (!oneRecordPerLine(bytes, records.length)) {
      const described = parse(bytes, { ...CSV_OPTIONS, info: true }) as unknown as { info: { lines: number } }[]
      lines = described.map(({ info }) => info.lines)
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    const line = (error as CsvError & { lines?: number }).lines ?? null
    const message = `The file is not valid CSV (${error.message}). Save it from Excel as "CSV UTF-8".`
    return { header: [], rows: [], problems: [{ file: file.name, line, column: null, message }] }
  }
  const header = (records[0] ?? []).map((name) => name.trim().toLowerCase())
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

/** Checks a header row: every required column present, nothing unknown. */
export function checkHeader(
  header: readonly string[],
  columns: { required: readonly string[]; optional: readonly string[] },
  list: ProblemList,
): boolean {
  let ok = true
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

/** Reads a file's rows after checking its header; problems go on the list, and a bad header gives no rows. */
export function readRows(
  file: InputFile,
  columns: { required: readonly string[]; optional: readonly string[] },
  list: ProblemList,
): readonly CsvRow[] {
  const csv = readCsv(file)
  list.problems.push(...csv.problems)
  return csv.header.length > 0 && checkHeader(csv.header, columns, list) ? csv.rows : []
}

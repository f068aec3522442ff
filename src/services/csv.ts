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

// Characters no report can show and XML 1.0 (Word, Excel) forbids; NUL is also refused by PostgreSQL.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/ // eslint-disable-line no-control-regex

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
 * The file's text: UTF-8 (with or without a byte-order mark), or UTF-16 with its byte-order mark (Excel's "Unicode
 * Text"). Anything else, such as the Windows-1252 of Excel's "CSV (Comma delimited)" where "£" is one byte, is
 * refused with the line it was found on, rather than read as the wrong characters.
 */
function decode(file: InputFile): { text: string } | { problem: ImportProblem } {
  if (typeof file.content === 'string') return { text: file.content }
  const bytes = file.content
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes) }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes) }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) }
  } catch {
    const loose = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    const line = lineAt(loose, loose.indexOf('\uFFFD'))
    const message = `The file is not saved as UTF-8: line ${line} has a character (such as £ or –) saved in another encoding, as Excel's "CSV (Comma delimited)" does. Save it from Excel as "CSV UTF-8 (Comma delimited)" and import it again.`
    return { problem: { file: file.name, line, column: null, message } }
  }
}

/**
 * Reads a CSV file as Excel saves it as well as by hand: UTF-8 with or without a byte-order mark (or UTF-16 with
 * one), CRLF or LF line endings, quoted fields with commas and line breaks. Text is composed (NFC), so "é" typed as
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

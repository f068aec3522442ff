import { parseDeliveryStatus } from '../../domain/delivery/delivery.ts'
import {
  DELIVERY_KINDS,
  type DeliveryGroup,
  type DeliveryItem,
  type DeliveryKind,
  type DeliveryUpdate,
} from '../../domain/delivery/delivery-plan.ts'
import { DomainError } from '../../domain/errors.ts'
import { parseChoice } from '../../domain/judgement/indicator.ts'
import { withArticle } from '../../domain/figures/words.ts'
import { formatPeriod, parsePeriod } from '../../domain/periods/period.ts'
import {
  type CsvRow,
  type ImportProblem,
  type InputFile,
  ProblemList,
  checkHeader,
  readCsv,
  readRows,
} from '../import/csv.ts'

/** The delivery import format's columns (README, "Delivery import format"). */
export const DELIVERY_COLUMNS = {
  required: ['kind', 'ref', 'title'],
  optional: [
    'group',
    'theme',
    'parent',
    'due_date',
    'responsible',
    'timescale',
    'measure_of_success',
    'linked_indicators',
    'flag',
  ],
} as const
export const DELIVERY_UPDATE_COLUMNS = {
  required: ['ref', 'period', 'status'],
  optional: ['commentary', 'override_reason'],
} as const

/** Which kinds an item may sit under. */
const PARENTS: Readonly<Record<DeliveryKind, readonly DeliveryKind[]>> = {
  objective: [],
  priority: [],
  'area-of-concern': [],
  milestone: ['objective', 'priority'],
  action: ['priority', 'area-of-concern', 'objective'],
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

export interface ParsedDelivery {
  readonly items: readonly DeliveryItem[]
  readonly updates: readonly DeliveryUpdate[]
  readonly problems: readonly ImportProblem[]
}

function optional(value: string | undefined): string | null {
  const trimmed = (value ?? '').trim()
  return trimmed === '' ? null : trimmed
}

/**
 * Reads and checks a plan's delivery files: items (objectives, priorities, milestones, actions, areas of concern)
 * and, optionally, their statuses per period. Every problem is listed with file, line, column and what to do.
 * `known` holds the plan's existing items by ref, so parents and updates may refer to them; `indicators` the
 * plan's indicator refs, for linked indicators.
 */
export function parseDelivery(
  itemsFile: InputFile,
  updatesFile: InputFile | null,
  known: ReadonlyMap<string, DeliveryKind>,
  indicators: ReadonlySet<string>,
): ParsedDelivery {
  const list = new ProblemList(itemsFile.name)
  const csv = readCsv(itemsFile)
  list.problems.push(...csv.problems)
  const items: DeliveryItem[] = []
  const kinds = new Map(known)
  const seen = new Map<string, number>()
  if (csv.header.length > 0 && checkHeader(csv.header, DELIVERY_COLUMNS, list)) {
    for (const row of csv.rows) {
      const item = parseItemRow(row, list, indicators, seen)
      if (!item) continue
      kinds.set(item.ref, item.kind)
      items.push(item)
    }
    checkParents(items, kinds, seen, list)
  }
  const updates = updatesFile ? parseUpdates(updatesFile, itemsFile.name, kinds) : { updates: [], problems: [] }
  return { items, updates: updates.updates, problems: [...list.problems, ...updates.problems] }
}

/** One row of the delivery file: the item, or null when a cell it needs has a problem (each kept in `list`). */
function parseItemRow(
  row: CsvRow,
  list: ProblemList,
  indicators: ReadonlySet<string>,
  seen: Map<string, number>,
): DeliveryItem | null {
  const v = row.values
  const kind = list.cell(row, 'kind', (t) => parseChoice(DELIVERY_KINDS, t, 'kind of delivery item'))
  const ref = optional(v.ref)
  const title = optional(v.title)
  if (ref === null) list.add(row.line, 'ref', 'Enter the reference, such as CSP 1 or SCS 2.')
  if (title === null) list.add(row.line, 'title', 'Enter the description.')
  const dueDate = optional(v.due_date)
  if (dueDate !== null && (!ISO_DATE.test(dueDate) || Number.isNaN(Date.parse(dueDate)))) {
    list.add(row.line, 'due_date', `"${dueDate}" is not a date. Write it as year-month-day, such as 2014-03-31.`)
  }
  const flagText = optional(v.flag)?.toLowerCase() ?? null
  if (flagText !== null && flagText !== 'red' && flagText !== 'green')
    list.add(row.line, 'flag', `"${flagText}" is not a flag. Use red or green.`)
  if (flagText !== null && kind !== undefined && kind !== 'area-of-concern')
    list.add(row.line, 'flag', 'Only an area of concern carries a flag. Clear it.')
  const linked = (optional(v.linked_indicators) ?? '')
    .split(';')
    .map((r) => r.trim())
    .filter((r) => r !== '')
  for (const indicator of linked) {
    if (!indicators.has(indicator))
      list.add(
        row.line,
        'linked_indicators',
        `"${indicator}" is not an indicator in the plan. Check the reference; separate several with semicolons.`,
      )
  }
  if (ref !== null) {
    const first = seen.get(ref)
    if (first !== undefined)
      list.add(row.line, 'ref', `"${ref}" is already used on line ${first}. Each item has its own reference.`)
    seen.set(ref, row.line)
  }
  if (kind === undefined || ref === null || title === null) return null
  return {
    kind,
    ref,
    title,
    group: optional(v.group),
    theme: optional(v.theme),
    parent: optional(v.parent),
    dueDate,
    responsible: optional(v.responsible),
    timescale: optional(v.timescale),
    measureOfSuccess: optional(v.measure_of_success),
    linkedIndicators: linked,
    flag: flagText === 'red' || flagText === 'green' ? flagText : null,
  }
}

/** Parents are checked once every item is known, so a file may list an action before its priority. */
function checkParents(
  items: readonly DeliveryItem[],
  kinds: ReadonlyMap<string, DeliveryKind>,
  seen: ReadonlyMap<string, number>,
  list: ProblemList,
): void {
  for (const item of items) {
    if (item.parent === null) continue
    const parentKind = kinds.get(item.parent)
    const line = seen.get(item.ref) ?? null
    if (parentKind === undefined)
      list.add(line, 'parent', `"${item.parent}" is not an item in this file or the plan. Check the reference.`)
    else if (!PARENTS[item.kind].includes(parentKind)) {
      list.add(
        line,
        'parent',
        `${withArticle(item.kind).replace(/^a/, 'A')} cannot sit under ${withArticle(parentKind)}. Put it under ${PARENTS[item.kind].map(withArticle).join(' or ') || 'nothing: leave parent empty'}.`,
      )
    }
  }
}

/** The status file: one status a row for an item (in the items file or the plan) and period. */
function parseUpdates(
  updatesFile: InputFile,
  itemsFileName: string,
  kinds: ReadonlyMap<string, DeliveryKind>,
): { updates: DeliveryUpdate[]; problems: ImportProblem[] } {
  const updates: DeliveryUpdate[] = []
  const updateList = new ProblemList(updatesFile.name)
  const updateCsv = readCsv(updatesFile)
  updateList.problems.push(...updateCsv.problems)
  const seenUpdates = new Map<string, number>()
  if (updateCsv.header.length === 0 || !checkHeader(updateCsv.header, DELIVERY_UPDATE_COLUMNS, updateList))
    return { updates, problems: updateList.problems }
  for (const row of updateCsv.rows) {
    const ref = optional(row.values.ref) ?? ''
    if (!kinds.has(ref)) {
      updateList.add(
        row.line,
        'ref',
        ref === '' ? 'Enter the item reference.' : `"${ref}" is not an item in ${itemsFileName} or the plan.`,
      )
      continue
    }
    const period = updateList.cell(row, 'period', parsePeriod)
    const status = updateList.cell(row, 'status', (t) => {
      if (t.trim() === '')
        throw new DomainError('invalid-value', 'Enter the status: Green, Amber, Red, Not started or Complete.')
      return parseDeliveryStatus(t)
    })
    if (period === undefined || status === undefined) continue
    const key = `${ref}\u0000${formatPeriod(period)}`
    const first = seenUpdates.get(key)
    if (first !== undefined) {
      updateList.add(
        row.line,
        'period',
        `${ref} already has a status for ${formatPeriod(period)} on line ${first}. Keep one row per item and period.`,
      )
      continue
    }
    seenUpdates.set(key, row.line)
    updates.push({
      ref,
      period,
      status,
      commentary: optional(row.values.commentary),
      overrideReason: optional(row.values.override_reason),
    })
  }
  return { updates, problems: updateList.problems }
}

/** The groups import format's columns: a partnership group or organisation, how it decides and how it delivers. */
export const GROUP_COLUMNS = { required: ['name'], optional: ['decision_making', 'delivery'] } as const

/** Reads and checks a groups file (README, "Delivery import format"). */
export function parseGroups(file: InputFile): { groups: DeliveryGroup[]; problems: ImportProblem[] } {
  const list = new ProblemList(file.name)
  const groups: DeliveryGroup[] = []
  for (const row of readRows(file, GROUP_COLUMNS, list)) {
    const name = optional(row.values.name)
    if (name === null) {
      list.add(row.line, 'name', 'Enter the name of the partnership group or organisation.')
      continue
    }
    if (groups.some((g) => g.name === name)) {
      list.add(row.line, 'name', `"${name}" is already listed. Give each group one row.`)
      continue
    }
    groups.push({
      name,
      decisionMaking: optional(row.values.decision_making),
      delivery: optional(row.values.delivery),
    })
  }
  return { groups, problems: list.problems }
}

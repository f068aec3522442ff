import type { Kysely } from 'kysely'
import type { Role } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import type { Indicator } from '../../domain/judgement/indicator.ts'
import { OBSERVATION_FIELDS } from '../../domain/judgement/observation.ts'
import { formatPeriod } from '../../domain/periods/period.ts'
import { type AuditChange, insertAuditChangeSets, insertAuditEvents } from '../../store/audit.repository.ts'
import { AuditRecorder } from '../audit-recorder.ts'
import {
  type ComparatorColumns,
  type NewComparator,
  comparatorColumns,
  insertComparators,
  listComparators,
  updateComparator,
} from '../../store/comparator.repository.ts'
import {
  type IndicatorColumns,
  type IndicatorRecord,
  indicatorColumns,
  insertIndicators,
  listIndicators,
  updateIndicator,
} from '../../store/indicator.repository.ts'
import {
  type NewObservation,
  type ObservationColumns,
  type ObservationRecord,
  insertObservations,
  listObservations,
  observationColumns,
  updateObservation,
} from '../../store/observation.repository.ts'
import { findPlanByName, insertPlan, insertTheme, listThemes } from '../../store/plan.repository.ts'
import type { Database } from '../../store/schema.ts'
import { type ImportProblem, type InputFile, describeProblem } from './csv.ts'
import { type ParsedObservation, parseImport } from './import-validation.ts'
import { signedOffChanges } from './import-sign-off.ts'

/** An import that was refused: nothing was written, and every problem is listed. */
export class ImportRejected extends DomainError {
  readonly problems: readonly ImportProblem[]

  constructor(problems: readonly ImportProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`
    super(
      'import-invalid',
      `Nothing was imported: the files have ${count}.\n${problems.map(describeProblem).join('\n')}`,
    )
    this.problems = problems
  }
}

export type ImportStage =
  'checking' | 'writing indicators' | 'writing observations' | 'writing comparators' | 'writing audit trail' | 'done'

export interface ImportRequest {
  readonly planName: string
  readonly indicatorsFile: InputFile
  readonly observationsFile: InputFile
  /** Optional: comparators' figures per indicator and period (England, the Greater Manchester average). */
  readonly comparatorsFile?: InputFile | null
  /** Who or what made the change, for the audit trail: a user name, or "cli:<login>". */
  readonly actor: string
  readonly onProgress?: (stage: ImportStage, done: number, total: number) => void
  /** Why figures in signed-off periods are being revised; without it, rows changing such a period are refused. */
  readonly reason?: string | null
  /** The importer's role, for revising signed-off periods; the CLI and the import page act as an officer. */
  readonly role?: Role
}

/** How many records an import added, changed and left as they were. */
export interface ChangeCounts {
  added: number
  updated: number
  unchanged: number
}

export interface ImportOutcome {
  readonly planName: string
  readonly planCreated: boolean
  readonly indicators: ChangeCounts
  readonly observations: ChangeCounts
  /** All zero when no comparators file was given. */
  readonly comparators: ChangeCounts
  readonly auditEvents: number
}

function auditValue(value: string | number | null): string | null {
  return value === null ? null : String(value)
}

/** The audit trail shows the estimate flag as yes or no, as the import file and the form do. */
function observationValue(columns: ObservationColumns, field: keyof ObservationColumns): string | null {
  return field === 'estimated' ? (columns.estimated === 1 ? 'yes' : 'no') : columns[field]
}

/** The parts of a comparator's figure, each audited as its own field: "comparator:England", "comparator:England:lower". */
const COMPARATOR_PARTS: readonly { readonly column: keyof ComparatorColumns; readonly suffix: string }[] = [
  { column: 'value', suffix: '' },
  { column: 'lower', suffix: ':lower' },
  { column: 'upper', suffix: ':upper' },
]

/**
 * Imports a plan's framework, figures and comparators from the exchange files: all or nothing, audited, and
 * repeatable.
 */
export function createImportService(db: Kysely<Database>, now: () => Date) {
  async function importPlan(request: ImportRequest): Promise<ImportOutcome> {
    const progress = request.onProgress ?? (() => undefined)
    const existingPlan = await findPlanByName(db, request.planName)
    const known = new Map<string, Indicator>()
    if (existingPlan)
      for (const record of await listIndicators(db, existingPlan.id)) known.set(record.indicator.ref, record.indicator)

    progress('checking', 0, 1)
    const comparatorsFile = request.comparatorsFile ?? null
    const parsed = parseImport(request.indicatorsFile, request.observationsFile, known, comparatorsFile)
    if (parsed.problems.length > 0) throw new ImportRejected(parsed.problems)
    // Rows that would change a signed-off period: refused, or revisions with the reason given.
    const { marks: revisions, problems: locked } = existingPlan
      ? await signedOffChanges(db, existingPlan.id, request, parsed)
      : { marks: new Map<string, { reason: string; signOffId: number }>(), problems: [] }
    if (locked.length > 0) throw new ImportRejected(locked)
    progress('checking', 1, 1)

    const at = now().toISOString()
    const files = [request.indicatorsFile, request.observationsFile, ...(comparatorsFile ? [comparatorsFile] : [])]
    const source = `import:${files.map((file) => file.name).join(',')}`
    const indicatorCounts: ChangeCounts = { added: 0, updated: 0, unchanged: 0 }
    const observationCounts: ChangeCounts = { added: 0, updated: 0, unchanged: 0 }
    const comparatorCounts: ChangeCounts = { added: 0, updated: 0, unchanged: 0 }

    const auditEvents = await db.transaction().execute(async (trx) => {
      const planId = existingPlan?.id ?? (await insertPlan(trx, request.planName, at))
      const audit = new AuditRecorder({ at, actor: request.actor, source, planId })
      const event = audit.record.bind(audit)
      // A change to a signed-off period is recorded as its own event, to carry the revision's reason and sign-off.
      const recordSingly = (ref: string, changes: readonly AuditChange[]): void => {
        for (const [period, field, oldValue, newValue] of changes)
          event('observation', ref, period, field, oldValue, newValue)
      }
      if (!existingPlan) event('plan', request.planName, null, 'created', null, request.planName)

      // A new plan has nothing to read back yet: its themes, indicators, observations and comparators are all new.
      const themeIds = new Map(
        existingPlan ? (await listThemes(trx, planId)).map((theme) => [theme.name, theme.id]) : [],
      )
      for (const indicator of parsed.indicators) {
        if (!themeIds.has(indicator.theme))
          themeIds.set(indicator.theme, await insertTheme(trx, planId, indicator.theme, themeIds.size))
      }

      progress('writing indicators', 0, parsed.indicators.length)
      const stored = existingPlan
        ? new Map((await listIndicators(trx, planId)).map((record) => [record.indicator.ref, record]))
        : new Map<string, IndicatorRecord>()
      const newIndicators: IndicatorColumns[] = []
      for (const [index, indicator] of parsed.indicators.entries()) {
        const themeId = themeIds.get(indicator.theme) ?? 0
        const columns = indicatorColumns(indicator)
        const existing = stored.get(indicator.ref)
        if (!existing) {
          newIndicators.push({ ...columns, theme_id: themeId, position: stored.size + index })
          event('indicator', indicator.ref, null, 'created', null, indicator.title)
          indicatorCounts.added += 1
          continue
        }
        const before = indicatorColumns(existing.indicator)
        const changes: Partial<IndicatorColumns> = {}
        const fields = (Object.keys(columns) as (keyof typeof columns)[]).filter((field) => field !== 'ref')
        for (const field of fields) {
          if (before[field] !== columns[field]) {
            Object.assign(changes, { [field]: columns[field] })
            event('indicator', indicator.ref, null, field, auditValue(before[field]), auditValue(columns[field]))
          }
        }
        if (existing.themeId !== themeId) {
          changes.theme_id = themeId
          event('indicator', indicator.ref, null, 'theme', existing.indicator.theme, indicator.theme)
        }
        if (Object.keys(changes).length > 0) {
          await updateIndicator(trx, existing.id, changes)
          indicatorCounts.updated += 1
        } else {
          indicatorCounts.unchanged += 1
        }
      }
      await insertIndicators(trx, planId, newIndicators)
      progress('writing indicators', parsed.indicators.length, parsed.indicators.length)

      const indicatorIds = new Map(
        (await listIndicators(trx, planId)).map((record) => [record.indicator.ref, record.id]),
      )
      const existingObservations = new Map<string, ObservationRecord>()
      if (existingPlan) {
        for (const record of await listObservations(trx, planId))
          existingObservations.set(`${record.indicatorId}\u0000${formatPeriod(record.observation.period)}`, record)
      }
      const inserts: NewObservation[] = []
      const total = parsed.observations.length
      progress('writing observations', 0, total)
      for (let index = 0; index < total; index += 1) {
        const { ref, observation } = parsed.observations[index] as ParsedObservation
        const indicatorId = indicatorIds.get(ref) ?? 0
        const period = formatPeriod(observation.period)
        const after = observationColumns(observation)
        const existing = existingPlan ? existingObservations.get(`${indicatorId}\u0000${period}`) : undefined
        const revised = revisions.has(`${ref}\u0000${period}`)
        const changes = revised ? [] : audit.changesOf('observation', ref)
        if (!existing) {
          inserts.push({ indicatorId, observation, columns: after })
          for (const field of OBSERVATION_FIELDS) {
            if (after[field] !== null && !(field === 'estimated' && after.estimated === 0))
              changes.push([period, field, null, observationValue(after, field)])
          }
          observationCounts.added += 1
        } else {
          const before = observationColumns(existing.observation)
          let changed = false
          for (const field of OBSERVATION_FIELDS) {
            if (before[field] === after[field]) continue
            changes.push([period, field, observationValue(before, field), observationValue(after, field)])
            changed = true
          }
          if (changed) {
            await updateObservation(trx, existing.id, after, at, request.actor)
            observationCounts.updated += 1
          } else {
            observationCounts.unchanged += 1
          }
        }
        if (revised) recordSingly(ref, changes)
        // Rows held already are done when compared (or updated); new ones when written, below.
        if ((index + 1) % 5000 === 0) progress('writing observations', index + 1 - inserts.length, total)
      }
      const held = total - inserts.length
      await insertObservations(trx, inserts, at, request.actor, (written) => {
        progress('writing observations', held + written, total)
      })
      progress('writing observations', total, total)

      progress('writing comparators', 0, parsed.comparators.length)
      const existingComparators = new Map(
        (existingPlan ? await listComparators(trx, planId) : []).map((record) => [
          `${record.indicatorId}\u0000${formatPeriod(record.comparator.period)}\u0000${record.comparator.name}`,
          record,
        ]),
      )
      const newComparators: NewComparator[] = []
      for (const { ref, comparator } of parsed.comparators) {
        const indicatorId = indicatorIds.get(ref) ?? 0
        const period = formatPeriod(comparator.period)
        const after = comparatorColumns(comparator)
        const existing = existingComparators.get(`${indicatorId}\u0000${period}\u0000${comparator.name}`)
        const field = (suffix: string): string => `comparator:${comparator.name}${suffix}`
        const revised = revisions.has(`${ref}\u0000${period}`)
        const changes = revised ? [] : audit.changesOf('observation', ref)
        if (!existing) {
          newComparators.push({ indicatorId, comparator })
          for (const { column, suffix } of COMPARATOR_PARTS) {
            if (after[column] !== null) changes.push([period, field(suffix), null, after[column]])
          }
          if (revised) recordSingly(ref, changes)
          comparatorCounts.added += 1
          continue
        }
        const before = comparatorColumns(existing.comparator)
        const changed = COMPARATOR_PARTS.filter(({ column }) => before[column] !== after[column])
        if (changed.length === 0) {
          comparatorCounts.unchanged += 1
          continue
        }
        for (const { column, suffix } of changed) changes.push([period, field(suffix), before[column], after[column]])
        if (revised) recordSingly(ref, changes)
        await updateComparator(trx, existing.id, after, at, request.actor)
        comparatorCounts.updated += 1
      }
      await insertComparators(trx, newComparators, at, request.actor)
      progress('writing comparators', parsed.comparators.length, parsed.comparators.length)

      // Revisions of signed-off periods were recorded singly (below), so each carries its reason and sign-off.
      if (revisions.size > 0)
        for (const [index, e] of audit.events.entries()) {
          const revision = e.entity === 'observation' ? revisions.get(`${e.ref}\u0000${e.period ?? ''}`) : undefined
          if (revision) audit.events[index] = { ...e, ...revision }
        }
      // Single events (the plan, definitions, revisions) first, then each indicator's changes to its figures as one set.
      const changes = audit.count
      progress('writing audit trail', 0, changes)
      await insertAuditEvents(trx, audit.events)
      const sets = audit.changeSets
      const writtenBySets: number[] = []
      let running = audit.events.length
      for (const set of sets) writtenBySets.push((running += set.changes.length))
      progress('writing audit trail', audit.events.length, changes)
      await insertAuditChangeSets(trx, sets, (written) => {
        progress('writing audit trail', writtenBySets[written - 1] ?? audit.events.length, changes)
      })
      progress('writing audit trail', changes, changes)
      return changes
    })
    progress('done', 1, 1)

    return {
      planName: request.planName,
      planCreated: !existingPlan,
      indicators: indicatorCounts,
      observations: observationCounts,
      comparators: comparatorCounts,
      auditEvents,
    }
  }

  return { importPlan }
}

export type ImportService = ReturnType<typeof createImportService>

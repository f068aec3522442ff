import type { Kysely } from 'kysely'
import type { Role } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import type { Indicator } from '../../domain/judgement/indicator.ts'
import { insertAuditChangeSets, insertAuditEvents } from '../../store/audit.repository.ts'
import { insertComparators, listComparators, updateComparator } from '../../store/comparator.repository.ts'
import {
  indicatorColumns,
  insertIndicators,
  listIndicators,
  updateIndicator,
} from '../../store/indicator.repository.ts'
import {
  type NewObservation,
  insertObservations,
  listObservations,
  updateObservation,
} from '../../store/observation.repository.ts'
import { findPlanByName, insertPlan, insertTheme, listThemes } from '../../store/plan.repository.ts'
import type { Database } from '../../store/schema.ts'
import type { AuditRecorder } from '../audit-recorder.ts'
import { type ImportProblem, type InputFile, describeProblem } from './csv.ts'
import {
  type ChangeCounts,
  type HeldPlan,
  type ImportChanges,
  type RevisionMark,
  planImportChanges,
} from './import-changes.ts'
import { parseImport } from './import-validation.ts'
import { type PlaceholderRead, countPlaceholders } from './import-placeholders.ts'
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

export type { ChangeCounts }

export interface ImportOutcome {
  readonly planName: string
  readonly planCreated: boolean
  readonly indicators: ChangeCounts
  readonly observations: ChangeCounts
  /** All zero when no comparators file was given. */
  readonly comparators: ChangeCounts
  readonly auditEvents: number
  /** The placeholders (n/a, .., x) read in the figures' place, and what each was read as. */
  readonly placeholders: readonly PlaceholderRead[]
}

type Progress = NonNullable<ImportRequest['onProgress']>

/**
 * Imports a plan's framework, figures and comparators from the exchange files: all or nothing, audited, and
 * repeatable. The files are checked in full first; then, in one transaction, the plan as held is read, the changes
 * worked out (planImportChanges, pure) and written.
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
      : { marks: new Map<string, RevisionMark>(), problems: [] }
    if (locked.length > 0) throw new ImportRejected(locked)
    progress('checking', 1, 1)

    const at = now().toISOString()
    const files = [request.indicatorsFile, request.observationsFile, ...(comparatorsFile ? [comparatorsFile] : [])]
    const source = `import:${files.map((file) => file.name).join(',')}`
    const { counts, auditEvents } = await db.transaction().execute(async (trx) => {
      const planId = existingPlan?.id ?? (await insertPlan(trx, request.planName, at))
      const held = existingPlan ? await readHeldPlan(trx, planId) : null
      const changes = planImportChanges({
        planName: request.planName,
        planId,
        held,
        parsed,
        revisions,
        audit: { at, actor: request.actor, source },
      })
      await writeImportChanges(trx, planId, held, changes, { at, actor: request.actor, progress })
      return { counts: changes.counts, auditEvents: changes.audit.count }
    })
    progress('done', 1, 1)
    const placeholders = countPlaceholders(parsed.observations)
    return { planName: request.planName, planCreated: !existingPlan, ...counts, auditEvents, placeholders }
  }

  return { importPlan }
}

/** The plan as held, read in the import's transaction so that the changes are worked out against what it writes to. */
async function readHeldPlan(trx: Kysely<Database>, planId: number): Promise<HeldPlan> {
  const [themes, indicators, observations, comparators] = [
    await listThemes(trx, planId),
    await listIndicators(trx, planId),
    await listObservations(trx, planId),
    await listComparators(trx, planId),
  ]
  return { themes: new Map(themes.map((theme) => [theme.name, theme.id])), indicators, observations, comparators }
}

const sum = (counts: ChangeCounts): number => counts.added + counts.updated + counts.unchanged

/** Writes an import's changes, in the order planned, telling `progress` how far it has got. */
async function writeImportChanges(
  trx: Kysely<Database>,
  planId: number,
  held: HeldPlan | null,
  changes: ImportChanges,
  by: { readonly at: string; readonly actor: string; readonly progress: Progress },
): Promise<void> {
  const { at, actor, progress } = by
  const themeIds = new Map(held?.themes)
  for (const theme of changes.newThemes) themeIds.set(theme, await insertTheme(trx, planId, theme, themeIds.size))

  const indicators = sum(changes.counts.indicators)
  progress('writing indicators', 0, indicators)
  for (const { id, columns, theme } of changes.indicatorUpdates)
    await updateIndicator(trx, id, theme === undefined ? columns : { ...columns, theme_id: themeIds.get(theme) ?? 0 })
  await insertIndicators(
    trx,
    planId,
    changes.indicatorInserts.map(({ indicator, position }) => ({
      ...indicatorColumns(indicator),
      theme_id: themeIds.get(indicator.theme) ?? 0,
      position,
    })),
  )
  progress('writing indicators', indicators, indicators)

  const indicatorIds = new Map((await listIndicators(trx, planId)).map((record) => [record.indicator.ref, record.id]))
  const figures = sum(changes.counts.observations)
  // Figures held already are done once compared (or updated); new ones when written.
  let done = changes.counts.observations.unchanged
  progress('writing observations', 0, figures)
  for (const { id, columns } of changes.observationUpdates) {
    await updateObservation(trx, id, columns, at, actor)
    if ((done += 1) % 5000 === 0) progress('writing observations', done, figures)
  }
  const inserts: NewObservation[] = changes.observationInserts.map(({ ref, observation, columns }) => ({
    indicatorId: indicatorIds.get(ref) ?? 0,
    observation,
    columns,
  }))
  await insertObservations(trx, inserts, at, actor, (written) => {
    progress('writing observations', done + written, figures)
  })
  progress('writing observations', figures, figures)

  const comparators = sum(changes.counts.comparators)
  progress('writing comparators', 0, comparators)
  for (const { id, columns } of changes.comparatorUpdates) await updateComparator(trx, id, columns, at, actor)
  await insertComparators(
    trx,
    changes.comparatorInserts.map(({ ref, comparator }) => ({ indicatorId: indicatorIds.get(ref) ?? 0, comparator })),
    at,
    actor,
  )
  progress('writing comparators', comparators, comparators)
  await writeAuditTrail(trx, changes.audit, progress)
}

/** Single events (the plan, definitions, revisions) first, then each indicator's changes to its figures as one set. */
async function writeAuditTrail(trx: Kysely<Database>, audit: AuditRecorder, progress: Progress): Promise<void> {
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
}

export type ImportService = ReturnType<typeof createImportService>

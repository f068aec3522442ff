import type { Kysely } from 'kysely'
import { OBSERVATION_FIELDS } from '../../domain/judgement/observation.ts'
import { formatPeriod } from '../../domain/periods/period.ts'
import { type SignOff, checkRevision, lockingSignOff, signOffsInForce } from '../../domain/access/sign-off.ts'
import { comparatorColumns, listComparators } from '../../store/comparator.repository.ts'
import { listIndicators } from '../../store/indicator.repository.ts'
import { listObservations, observationColumns } from '../../store/observation.repository.ts'
import type { Database } from '../../store/schema.ts'
import { listSignOffs } from '../../store/sign-off.repository.ts'
import type { ImportProblem } from './csv.ts'
import type { ImportRequest } from './import.service.ts'
import type { ParsedImport } from './import-validation.ts'

/** What an import's audit events for one indicator and period carry when they revise a signed-off period. */
export interface RevisionMark {
  readonly reason: string
  readonly signOffId: number
}

interface Touch {
  readonly ref: string
  readonly period: string
  readonly file: string
  readonly line: number
  readonly signOff: SignOff
}

/**
 * The rows of an import that would change a signed-off period, checked before anything is written. Rows that change
 * nothing (the same file imported again) pass. If any remain and the importer gave no reason (or may not revise),
 * they are the problems that refuse the whole import, each row named by file, line and column; otherwise the
 * revisions are returned by indicator and period ("ref\0period"), for the audit trail.
 */
export async function signedOffChanges(
  db: Kysely<Database>,
  planId: number,
  request: Pick<ImportRequest, 'reason' | 'role' | 'observationsFile' | 'comparatorsFile'>,
  parsed: Pick<ParsedImport, 'observations' | 'comparators'>,
): Promise<{ marks: Map<string, RevisionMark>; problems: ImportProblem[] }> {
  const marks = new Map<string, RevisionMark>()
  const problems: ImportProblem[] = []
  const signOffs = signOffsInForce(await listSignOffs(db, planId))
  if (signOffs.length === 0) return { marks, problems }
  const observations = parsed.observations.flatMap((row) => {
    const signOff = lockingSignOff(signOffs, row.observation.period)
    return signOff ? [{ row, signOff }] : []
  })
  const comparators = parsed.comparators.flatMap((row) => {
    const signOff = lockingSignOff(signOffs, row.comparator.period)
    return signOff ? [{ row, signOff }] : []
  })
  if (observations.length === 0 && comparators.length === 0) return { marks, problems }

  const refs = new Map((await listIndicators(db, planId)).map((record) => [record.id, record.indicator.ref]))
  const storedObservations = new Map(
    (await listObservations(db, planId)).map((record) => [
      `${refs.get(record.indicatorId) ?? ''}\u0000${formatPeriod(record.observation.period)}`,
      record.observation,
    ]),
  )
  const touches: Touch[] = []
  for (const { row, signOff } of observations) {
    const period = formatPeriod(row.observation.period)
    const before = storedObservations.get(`${row.ref}\u0000${period}`)
    const after = observationColumns(row.observation)
    const old = before ? observationColumns(before) : null
    if (old && OBSERVATION_FIELDS.every((field) => old[field] === after[field])) continue
    touches.push({ ref: row.ref, period, file: request.observationsFile.name, line: row.line, signOff })
  }
  if (comparators.length > 0) {
    const storedComparators = new Map(
      (await listComparators(db, planId)).map((record) => [
        `${refs.get(record.indicatorId) ?? ''}\u0000${formatPeriod(record.comparator.period)}\u0000${record.comparator.name}`,
        comparatorColumns(record.comparator),
      ]),
    )
    for (const { row, signOff } of comparators) {
      const period = formatPeriod(row.comparator.period)
      const old = storedComparators.get(`${row.ref}\u0000${period}\u0000${row.comparator.name}`)
      const after = comparatorColumns(row.comparator)
      if (old && old.value === after.value && old.lower === after.lower && old.upper === after.upper) continue
      touches.push({
        ref: row.ref,
        period,
        file: request.comparatorsFile?.name ?? 'comparators.csv',
        line: row.line,
        signOff,
      })
    }
  }
  for (const touch of touches) {
    const check = checkRevision(
      { role: request.role ?? 'officer' },
      [touch.signOff],
      touch.signOff.period,
      request.reason ?? null,
    )
    const phrase = `${touch.ref} for ${touch.period}: `
    if (check.kind === 'refused')
      problems.push({ file: touch.file, line: touch.line, column: 'period', message: `${phrase}${check.message}` })
    else if (check.kind === 'reason-needed')
      problems.push({
        file: touch.file,
        line: touch.line,
        column: 'period',
        message: `${phrase}${check.message}. Import again with the reason for the revision (outturn import --reason "...", or the reason on the import page), or remove the row.`,
      })
    else if (check.kind === 'revision')
      marks.set(`${touch.ref}\u0000${touch.period}`, { reason: check.reason, signOffId: check.signOff.id })
  }
  return { marks, problems }
}

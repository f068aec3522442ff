import type { Kysely } from 'kysely'
import { evaluateDelivery, type DeliveryResult } from '../../domain/delivery/delivery-plan.ts'
import { DomainError } from '../../domain/errors.ts'
import { withArticle } from '../../domain/figures/words.ts'
import {
  type KloeScore,
  countKloeLevels,
  parseKloeJudgement,
  parseKloeScore,
  weakKloes,
} from '../../domain/delivery/inspection.ts'
import type { Period } from '../../domain/periods/period.ts'
import { insertAuditEvents } from '../../store/audit.repository.ts'
import { listDeliveryItems, listDeliveryUpdates } from '../../store/delivery.repository.ts'
import { listKloeScores, saveKloeScore } from '../../store/inspection.repository.ts'
import { findPlanByName, insertPlan } from '../../store/plan.repository.ts'
import type { Database } from '../../store/schema.ts'
import { AuditRecorder } from '../audit-recorder.ts'
import { type ImportProblem, type InputFile, ProblemList, readRows } from '../import/csv.ts'
import { type ChangeCounts, ImportRejected } from '../import/import.service.ts'

/** The KLOE scores import format's columns (README, "Inspection import format"). */
export const KLOE_COLUMNS = {
  required: ['assessment', 'year', 'ref', 'title', 'score'],
  optional: ['judgement', 'note'],
} as const

function optional(value: string | undefined): string | null {
  const trimmed = (value ?? '').trim()
  return trimmed === '' ? null : trimmed
}

/** Reads and checks a KLOE scores file; every problem is listed with its line and column. */
export function parseKloeScores(file: InputFile): { scores: KloeScore[]; problems: ImportProblem[] } {
  const list = new ProblemList(file.name)
  const scores: KloeScore[] = []
  const seen = new Set<string>()
  for (const row of readRows(file, KLOE_COLUMNS, list)) {
    const assessment = optional(row.values.assessment)
    const year = optional(row.values.year)
    const ref = optional(row.values.ref)
    const title = optional(row.values.title)
    if (assessment === null) list.add(row.line, 'assessment', 'Enter the assessment, such as Use of Resources.')
    if (year === null) list.add(row.line, 'year', 'Enter the year of the assessment, such as 2009.')
    if (ref === null) list.add(row.line, 'ref', 'Enter the Key Line of Enquiry number, such as 2.2.')
    if (title === null) list.add(row.line, 'title', 'Enter the Key Line of Enquiry, such as Data Quality.')
    const score = list.cell(row, 'score', parseKloeScore)
    const judgement = list.cell(row, 'judgement', parseKloeJudgement)
    if (score === null && judgement !== null && judgement !== undefined)
      list.add(
        row.line,
        'judgement',
        'A KLOE that was not assessed has no judgement. Leave it empty, or enter the score.',
      )
    const key = `${assessment}\u0000${year}\u0000${ref}`
    const keyed = assessment !== null && year !== null && ref !== null
    if (keyed && seen.has(key))
      list.add(
        row.line,
        'ref',
        `KLOE ${ref} already has ${withArticle(assessment)} score for ${year}. Give each one row.`,
      )
    if (!keyed || seen.has(key)) continue
    seen.add(key)
    if (title === null || score === undefined || judgement === undefined) continue
    scores.push({ assessment, year, ref, title, score, judgement, note: optional(row.values.note) })
  }
  return { scores, problems: list.problems }
}

/** One assessment year's scores, as the inspection page and report show them. */
export interface KloeAssessment {
  readonly assessment: string
  readonly year: string
  readonly scores: readonly KloeScore[]
  readonly levels: Readonly<Record<1 | 2 | 3 | 4, number>>
  readonly weak: readonly KloeScore[]
}

/** An area of concern with its flag and actions, judged for a period. */
export interface AreaOfConcern {
  readonly result: DeliveryResult
  readonly actions: readonly DeliveryResult[]
}

/** Inspection: Key Line of Enquiry scores per assessment year, and the areas of concern with their action plans. */
export function createInspectionService(db: Kysely<Database>, now: () => Date) {
  /** Imports a plan's KLOE scores, all or nothing and audited; repeatable (an unchanged row changes nothing). */
  async function importKloeScores(request: {
    planName: string
    file: InputFile
    actor: string
  }): Promise<{ scores: ChangeCounts; auditEvents: number; planCreated: boolean }> {
    const parsed = parseKloeScores(request.file)
    if (parsed.problems.length > 0) throw new ImportRejected(parsed.problems)
    const plan = await findPlanByName(db, request.planName)
    const at = now().toISOString()
    const counts: ChangeCounts = { added: 0, updated: 0, unchanged: 0 }
    const events = await db.transaction().execute(async (trx) => {
      const planId = plan?.id ?? (await insertPlan(trx, request.planName, at))
      const audit = new AuditRecorder({ at, actor: request.actor, source: `import:${request.file.name}`, planId })
      if (!plan) audit.record('plan', request.planName, null, 'created', null, request.planName)
      const stored = new Map(
        (await listKloeScores(trx, planId)).map((s) => [
          `${s.score.assessment}\u0000${s.score.year}\u0000${s.score.ref}`,
          s,
        ]),
      )
      for (const [position, score] of parsed.scores.entries()) {
        const before = stored.get(`${score.assessment}\u0000${score.year}\u0000${score.ref}`)
        const label = `KLOE ${score.ref}`
        const period = `${score.assessment} ${score.year}`
        const fields = [
          ['title', before?.score.title ?? null, score.title],
          ['score', before?.score.score?.toString() ?? null, score.score?.toString() ?? null],
          ['judgement', before?.score.judgement ?? null, score.judgement],
          ['note', before?.score.note ?? null, score.note],
        ] as const
        const changed = fields.filter(([, old, next]) => old !== next)
        if (before && changed.length === 0) {
          counts.unchanged += 1
          continue
        }
        await saveKloeScore(trx, planId, score, before?.id ?? null, position)
        if (!before) {
          audit.record('inspection', label, period, 'created', null, score.score?.toString() ?? 'not assessed')
          counts.added += 1
        } else {
          for (const [field, old, next] of changed) audit.record('inspection', label, period, field, old, next)
          counts.updated += 1
        }
      }
      await insertAuditEvents(trx, audit.events)
      return audit.events.length
    })
    return { scores: counts, auditEvents: events, planCreated: !plan }
  }

  /** A plan's KLOE scores grouped by assessment and year, latest year first. */
  async function assessments(planName: string): Promise<KloeAssessment[]> {
    const plan = await findPlanByName(db, planName)
    if (!plan) throw new DomainError('plan-not-found', `There is no plan called "${planName}".`)
    const groups = new Map<string, KloeScore[]>()
    for (const { score } of await listKloeScores(db, plan.id)) {
      const key = `${score.assessment}\u0000${score.year}`
      groups.set(key, [...(groups.get(key) ?? []), score])
    }
    return [...groups.values()]
      .map((scores) => {
        const first = scores[0] as KloeScore
        return {
          assessment: first.assessment,
          year: first.year,
          scores,
          levels: countKloeLevels(scores),
          weak: weakKloes(scores),
        }
      })
      .sort((a, b) => b.year.localeCompare(a.year) || a.assessment.localeCompare(b.assessment))
  }

  /** A plan's areas of concern (red and green flags) with their actions, judged for a period. */
  async function areasOfConcern(planName: string, period: Period): Promise<AreaOfConcern[]> {
    const plan = await findPlanByName(db, planName)
    if (!plan) throw new DomainError('plan-not-found', `There is no plan called "${planName}".`)
    const [items, updates] = await Promise.all([listDeliveryItems(db, plan.id), listDeliveryUpdates(db, plan.id)])
    const summary = evaluateDelivery(
      items.map((r) => r.item),
      updates.map((r) => r.update),
      period,
    )
    return summary.results
      .filter((r) => r.item.kind === 'area-of-concern')
      .map((result) => ({
        result,
        actions: summary.results.filter((r) => r.item.parent === result.item.ref),
      }))
  }

  return { importKloeScores, assessments, areasOfConcern }
}

export type InspectionService = ReturnType<typeof createInspectionService>

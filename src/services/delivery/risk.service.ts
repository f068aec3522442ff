import type { Kysely } from 'kysely'
import { type Actor, type Role, can } from '../../domain/access/access.ts'
import { type DeliveryStatus, parseDeliveryStatus } from '../../domain/delivery/delivery.ts'
import { DomainError } from '../../domain/errors.ts'
import { LIMITS, lengthErrors, requireWithinLimit } from '../../domain/limits.ts'
import { type Period, formatPeriod, parsePeriod } from '../../domain/periods/period.ts'
import { highRisks } from '../../domain/delivery/risk.ts'
import { insertAuditEvents } from '../../store/audit.repository.ts'
import { AuditRecorder } from '../audit-recorder.ts'
import { listDeliveryItems } from '../../store/delivery.repository.ts'
import { findPlanByName, findPlanBySlug } from '../../store/plan.repository.ts'
import {
  listRisks,
  riskColumns,
  saveReview,
  saveRisk,
  saveTreatment,
  treatmentRefsAssignedTo,
} from '../../store/risk.repository.ts'
import type { Database } from '../../store/schema.ts'
import type { InputFile } from '../import/csv.ts'
import type { FieldError, SaveResult } from '../round/entry.service.ts'
import { type ChangeCounts, ImportRejected } from '../import/import.service.ts'
import { parseRisks } from './risk-validation.ts'
import { importLockCheck, reasonError, revisionCheck, revisionMarks } from '../periods/period-lock.ts'

export interface RiskImportRequest {
  readonly planName: string
  readonly risksFile: InputFile
  readonly treatmentsFile: InputFile | null
  readonly reviewsFile: InputFile | null
  readonly actor: string
  /** Why reviews of signed-off periods are being revised; without it such changes are refused. */
  readonly reason?: string | null
  readonly role?: Role
}

/** The risk register: importing it all or nothing (audited), and the quarterly high-risk list. */
export function createRiskService(db: Kysely<Database>, now: () => Date) {
  async function importRisks(
    request: RiskImportRequest,
  ): Promise<{ risks: ChangeCounts; reviews: ChangeCounts; auditEvents: number }> {
    const plan = await findPlanByName(db, request.planName)
    if (!plan)
      throw new DomainError(
        'plan-not-found',
        `There is no plan called "${request.planName}". Import its indicators or delivery items first.`,
      )
    requireWithinLimit(request.reason ?? '', LIMITS.reason)
    const objectives = new Set((await listDeliveryItems(db, plan.id)).map((r) => r.item.ref))
    const parsed = parseRisks(request.risksFile, request.treatmentsFile, request.reviewsFile, objectives)
    if (parsed.problems.length > 0) throw new ImportRejected(parsed.problems)
    const at = now().toISOString()
    const source = `import:${[request.risksFile, request.treatmentsFile, request.reviewsFile]
      .filter((f) => f !== null)
      .map((f) => f.name)
      .join(',')}`
    const risks: ChangeCounts = { added: 0, updated: 0, unchanged: 0 }
    const reviews: ChangeCounts = { added: 0, updated: 0, unchanged: 0 }
    const audit = new AuditRecorder({ at, actor: request.actor, source, planId: plan.id })
    const event = (
      ref: string,
      period: string | null,
      field: string,
      oldValue: string | null,
      newValue: string | null,
    ): void => {
      audit.record('risk', ref, period, field, oldValue, newValue)
    }
    const locks = await importLockCheck(db, plan.id, request.role ?? 'officer', request.reason ?? null)
    await db.transaction().execute(async (trx) => {
      const stored = new Map((await listRisks(trx, plan.id)).map((s) => [s.risk.ref, s]))
      for (const [index, risk] of parsed.risks.entries()) {
        const before = stored.get(risk.ref)
        const after = riskColumns(risk)
        const old = before ? riskColumns(before.risk) : null
        const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
          (f) => old === null || old[f] !== after[f],
        )
        const riskId = await saveRisk(trx, plan.id, risk, before?.id ?? null, stored.size + index)
        if (!before) {
          event(risk.ref, null, 'created', null, risk.description)
          risks.added += 1
        } else if (changed.length > 0) {
          for (const f of changed)
            event(
              risk.ref,
              null,
              f,
              old?.[f] === null || old?.[f] === undefined ? null : String(old[f]),
              after[f] === null ? null : String(after[f]),
            )
          risks.updated += 1
        } else {
          risks.unchanged += 1
        }
        for (const [position, treatment] of risk.treatments.entries()) {
          const treatmentId = await saveTreatment(
            trx,
            riskId,
            treatment,
            before?.treatmentIds.get(treatment.ref) ?? null,
            position,
          )
          const previous = before?.risk.treatments.find((t) => t.ref === treatment.ref)
          for (const [period, review] of treatment.reviews) {
            const was = previous?.reviews.get(period)
            if (was && was.progress === review.progress && was.commentary === review.commentary) {
              reviews.unchanged += 1
              continue
            }
            if (!locks.allows(request.reviewsFile?.name ?? 'risk_reviews.csv', treatment.ref, parsePeriod(period)))
              continue
            await saveReview(
              trx,
              treatmentId,
              period,
              review,
              before?.reviewIds.get(`${treatment.ref}\u0000${period}`) ?? null,
              at,
              request.actor,
            )
            locks.mark(parsePeriod(period), audit.events.length, audit.events.length + 1)
            event(treatment.ref, period, 'progress', was?.progress ?? null, review.progress)
            if (was) reviews.updated += 1
            else reviews.added += 1
          }
        }
      }
      // A change to a signed-off period without a reason refuses the whole import: rolled back, nothing written.
      if (locks.problems.length > 0) throw new ImportRejected(locks.problems)
      await insertAuditEvents(trx, locks.apply(audit.events))
    })
    return { risks, reviews, auditEvents: audit.events.length }
  }

  /** The high risks (residual High) for a period, with each treatment's progress; empty for an unknown plan. */
  async function highRiskList(planName: string, period: Period) {
    const plan = await findPlanByName(db, planName)
    if (!plan) return []
    return highRisks(
      (await listRisks(db, plan.id)).map((s) => s.risk),
      formatPeriod(period),
    )
  }

  /** The whole register for a period: every risk, each treatment with its progress for the period. */
  async function register(planName: string, period: Period) {
    const plan = await findPlanByName(db, planName)
    if (!plan) return []
    const key = formatPeriod(period)
    return (await listRisks(db, plan.id)).map(({ risk }) => ({
      risk,
      treatments: risk.treatments.map((treatment) => ({ treatment, review: treatment.reviews.get(key) ?? null })),
    }))
  }

  /** The refs of a plan's treatments an actor may review ('all' for the performance team). */
  async function editableTreatments(actor: Actor, planName: string): Promise<'all' | ReadonlySet<string>> {
    if (can(actor, 'assess')) return 'all'
    const plan = await findPlanByName(db, planName)
    if (!plan || !can(actor, 'enter-data', true)) return new Set()
    return treatmentRefsAssignedTo(db, plan.id, actor.id)
  }

  /**
   * Records a treatment measure's quarterly progress: a delivery status, with commentary (needed when it is amber
   * or red: what is being done). The performance team may review any treatment; its owner (assigned with
   * `outturn user assign --treatment`) theirs. Audited.
   */
  async function recordReview(
    actor: Actor,
    planSlug: string,
    treatmentRef: string,
    period: Period,
    input: { progress: string; commentary: string; reason?: string },
  ): Promise<SaveResult> {
    const plan = await findPlanBySlug(db, planSlug)
    if (!plan) throw new DomainError('not-found', `There is no plan at ${planSlug}.`)
    const stored = await listRisks(db, plan.id)
    const owner = stored.find((s) => s.treatmentIds.has(treatmentRef))
    const treatment = owner?.risk.treatments.find((t) => t.ref === treatmentRef)
    if (!owner || !treatment) throw new DomainError('not-found', `The plan has no risk treatment ${treatmentRef}.`)
    const allowed =
      can(actor, 'assess') ||
      can(actor, 'enter-data', (await treatmentRefsAssignedTo(db, plan.id, actor.id)).has(treatmentRef))
    if (!allowed)
      throw new DomainError(
        'forbidden',
        'Only the owner of this treatment measure, or the performance team, can record its progress.',
      )
    const lock = await revisionCheck(db, actor, plan.id, period, input.reason ?? null)
    // The reason is asked for, and kept, only when a signed-off period is revised.
    const long = lengthErrors([
      ['progress', input.progress, LIMITS.choice],
      ['commentary', input.commentary, LIMITS.commentary],
      ['reason', lock.kind === 'revision' ? input.reason : undefined, LIMITS.reason],
    ])
    if (long.length > 0) return { ok: false, errors: long }
    const errors: FieldError[] = []
    let progress: DeliveryStatus | null = null
    try {
      progress = parseDeliveryStatus(input.progress)
    } catch {
      errors.push({ field: 'progress', message: 'Choose the progress of the treatment measure' })
    }
    const commentary = input.commentary.trim() === '' ? null : input.commentary.trim()
    if ((progress === 'amber' || progress === 'red') && commentary === null)
      errors.push({ field: 'commentary', message: 'Explain what is being done, as the progress is amber or red' })
    if (errors.length > 0 || progress === null) return { ok: false, errors: [...errors, ...reasonError(lock)] }
    const key = formatPeriod(period)
    const was = treatment.reviews.get(key)
    const changed = (
      [
        ['progress', was?.progress ?? null, progress],
        ['commentary', was?.commentary ?? null, commentary],
      ] as const
    ).filter(([, old, next]) => old !== next)
    if (changed.length === 0) return { ok: true, changes: 0 }
    if (lock.kind === 'reason-needed') return { ok: false, errors: reasonError(lock) }
    const revision = revisionMarks(lock)
    const at = now().toISOString()
    const audit = new AuditRecorder({ at, actor: actor.email, source: 'web', planId: plan.id })
    audit.recordEdit('risk', treatmentRef, key, changed, () => revision?.reason ?? null, revision?.signOffId)
    await db.transaction().execute(async (trx) => {
      await saveReview(
        trx,
        owner.treatmentIds.get(treatmentRef) as number,
        key,
        { progress, commentary },
        owner.reviewIds.get(`${treatmentRef}\u0000${key}`) ?? null,
        at,
        actor.email,
      )
      await insertAuditEvents(trx, audit.events)
    })
    return { ok: true, changes: changed.length }
  }

  return { importRisks, highRiskList, register, editableTreatments, recordReview }
}

export type RiskService = ReturnType<typeof createRiskService>

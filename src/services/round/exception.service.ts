import type { Kysely } from 'kysely'
import { type Actor, can } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import { LIMITS, lengthErrors } from '../../domain/limits.ts'
import {
  EXCEPTION_QUESTIONS,
  type ExceptionAnswerField,
  type ExceptionReport,
} from '../../domain/judgement/exception-report.ts'
import { type Period, formatPeriod } from '../../domain/periods/period.ts'
import { insertAuditEvents } from '../../store/audit.repository.ts'
import { AuditRecorder } from '../audit-recorder.ts'
import {
  findExceptionReport,
  listExceptionReports,
  saveExceptionReport,
} from '../../store/exception-report.repository.ts'
import { listIndicators } from '../../store/indicator.repository.ts'
import { findPlanBySlug } from '../../store/plan.repository.ts'
import type { Database } from '../../store/schema.ts'
import type { EntryService, FieldError, SaveResult } from './entry.service.ts'
import { reasonError, revisionCheck, revisionMarks } from '../periods/period-lock.ts'

export interface ExceptionInput {
  readonly baseline: string
  readonly why: string
  readonly implications: string
  readonly improvement: string
  /** Save as a draft, or submit for the committee report. */
  readonly submit: boolean
  /** Why a signed-off period's report is being changed (the performance team only). */
  readonly reason?: string
}

const FIELDS = ['baseline', 'why', 'implications', 'improvement'] as const

function orNull(text: string): string | null {
  const trimmed = text.trim()
  return trimmed === '' ? null : trimmed
}

/** Exception reports: the owner's explanation of a Red or Amber indicator, drafted then submitted. */
export function createExceptionService(db: Kysely<Database>, entries: EntryService, now: () => Date) {
  async function find(actor: Actor, planSlug: string, ref: string, period: Period): Promise<ExceptionReport | null> {
    const context = await entries.indicatorContext(actor, planSlug, ref)
    return (await findExceptionReport(db, context.record.id, formatPeriod(period)))?.report ?? null
  }

  /** A plan's exception reports for a period, by indicator ref. */
  async function forPeriod(planSlug: string, period: Period): Promise<Map<string, ExceptionReport>> {
    const plan = await findPlanBySlug(db, planSlug)
    if (!plan) throw new DomainError('not-found', `There is no plan at ${planSlug}.`)
    const reports = await listExceptionReports(db, plan.id, formatPeriod(period))
    const byRef = new Map<string, ExceptionReport>()
    for (const { id, indicator } of await listIndicators(db, plan.id)) {
      const record = reports.get(id)
      if (record) byRef.set(indicator.ref, record.report)
    }
    return byRef
  }

  async function save(
    actor: Actor,
    planSlug: string,
    ref: string,
    period: Period,
    input: ExceptionInput,
  ): Promise<SaveResult> {
    const context = await entries.indicatorContext(actor, planSlug, ref)
    if (!can(actor, 'enter-data', context.owned)) {
      throw new DomainError('forbidden', `You cannot write the exception report for ${ref}: it is not assigned to you.`)
    }
    const lock = await revisionCheck(db, actor, context.plan.id, period, orNull(input.reason ?? ''))
    // The reason is asked for, and kept, only when a signed-off period is revised.
    const long = lengthErrors([
      ...FIELDS.map((field) => [field, input[field], LIMITS.commentary] as const),
      ['reason', lock.kind === 'revision' ? input.reason : undefined, LIMITS.reason],
    ])
    if (long.length > 0) return { ok: false, errors: long }
    const errors: FieldError[] = []
    if (input.submit) {
      for (const { field, question } of EXCEPTION_QUESTIONS) {
        if (orNull(input[field]) === null)
          errors.push({ field, message: `Answer “${question}” before submitting, or save as a draft` })
      }
    }
    const key = formatPeriod(period)
    const before = (await findExceptionReport(db, context.record.id, key))?.report
    if (errors.length > 0) return { ok: false, errors: [...errors, ...reasonError(lock)] }
    const at = now().toISOString()
    const after: ExceptionReport = {
      state: input.submit ? 'submitted' : 'draft',
      baseline: orNull(input.baseline),
      why: orNull(input.why),
      implications: orNull(input.implications),
      improvement: orNull(input.improvement),
      updatedAt: at,
      updatedBy: actor.email,
    }
    const fields: (ExceptionAnswerField | 'baseline' | 'state')[] = [...FIELDS, 'state']
    const changed = fields.filter((field) => (before?.[field] ?? null) !== after[field])
    if (changed.length === 0) return { ok: true, changes: 0 }
    if (lock.kind === 'reason-needed') return { ok: false, errors: reasonError(lock) }
    const revision = revisionMarks(lock)
    const audit = new AuditRecorder({ at, actor: actor.email, source: 'web', planId: context.plan.id })
    audit.recordEdit(
      'exception-report',
      ref,
      key,
      changed.map((field) => [field, before?.[field] ?? null, after[field]] as const),
      () => revision?.reason ?? null,
      revision?.signOffId,
    )
    await db.transaction().execute(async (trx) => {
      await saveExceptionReport(trx, context.record.id, key, after)
      await insertAuditEvents(trx, audit.events)
    })
    return { ok: true, changes: changed.length }
  }

  return { find, forPeriod, save }
}

export type ExceptionService = ReturnType<typeof createExceptionService>

import type { Kysely } from 'kysely'
import type { Actor } from '../../domain/access/access.ts'
import { can } from '../../domain/access/access.ts'
import { isLocked } from '../../domain/access/sign-off.ts'
import { DomainError } from '../../domain/errors.ts'
import { type Period, formatPeriod } from '../../domain/periods/period.ts'
import { type ReportDetails, type ThemeSections, reportDetailsProblems } from '../../domain/round/report-details.ts'
import { insertAuditEvents } from '../../store/audit.repository.ts'
import { findPlanByName, findPlanBySlug } from '../../store/plan.repository.ts'
import {
  getReportDetails,
  listThemeSections,
  saveReportDetails,
  saveThemeSections,
} from '../../store/report-details.repository.ts'
import type { Database } from '../../store/schema.ts'
import { listSignOffs } from '../../store/sign-off.repository.ts'
import { AuditRecorder } from '../audit-recorder.ts'
import type { FieldError } from './entry.service.ts'

/** What the officer enters for a report: its details and each theme's sections. */
export interface ReportDetailsInput {
  readonly details: ReportDetails
  readonly sections: readonly ThemeSections[]
}

const DETAIL_FIELDS = ['title', 'councilName', 'committee', 'meetingDate', 'author', 'status'] as const

/** A report's details and sections for a plan's period: read, and kept (audited, refused once signed off). */
export function createReportDetailsService(db: Kysely<Database>, now: () => Date) {
  async function planOf(slugOrName: string): Promise<{ id: number; name: string }> {
    const plan = (await findPlanBySlug(db, slugOrName)) ?? (await findPlanByName(db, slugOrName))
    if (!plan) throw new DomainError('plan-not-found', `There is no plan called "${slugOrName}".`)
    return plan
  }

  /** The report's details and each theme's sections, as kept for the period. */
  async function read(slugOrName: string, period: Period): Promise<ReportDetailsInput> {
    const plan = await planOf(slugOrName)
    const key = formatPeriod(period)
    const [details, sections] = await Promise.all([
      getReportDetails(db, plan.id, key),
      listThemeSections(db, plan.id, key),
    ])
    return { details, sections: [...sections.values()] }
  }

  /** Keeps the report's details and sections, each change audited; refused for a signed-off period. */
  async function save(
    actor: Actor,
    slugOrName: string,
    period: Period,
    input: ReportDetailsInput,
    source = 'web',
  ): Promise<{ ok: true; changes: number } | { ok: false; errors: FieldError[] }> {
    if (!can(actor, 'edit-framework'))
      throw new DomainError('forbidden', 'Only the performance team can set a report’s details.')
    const plan = await planOf(slugOrName)
    if (isLocked(await listSignOffs(db, plan.id), period))
      throw new DomainError('forbidden', `${formatPeriod(period)} is signed off: its report can no longer be changed.`)
    const errors = reportDetailsProblems(input.details)
    if (errors.length > 0) return { ok: false, errors }
    const key = formatPeriod(period)
    const before = await read(slugOrName, period)
    const at = now().toISOString()
    const audit = new AuditRecorder({ at, actor: actor.email, source, planId: plan.id })
    audit.recordEdit(
      'report',
      plan.name,
      key,
      DETAIL_FIELDS.filter((f) => before.details[f] !== input.details[f]).map(
        (f) => [f, before.details[f], input.details[f]] as const,
      ),
      () => null,
    )
    for (const s of input.sections) {
      const old = before.sections.find((b) => b.theme === s.theme)
      for (const f of ['keyProgrammes', 'overview'] as const)
        if ((old?.[f] ?? null) !== s[f])
          audit.record('report', `${plan.name}: ${s.theme}`, key, f, old?.[f] ?? null, s[f])
    }
    await db.transaction().execute(async (trx) => {
      await saveReportDetails(trx, plan.id, key, input.details, { at, by: actor.email })
      for (const s of input.sections) await saveThemeSections(trx, plan.id, key, s, { at, by: actor.email })
      await insertAuditEvents(trx, audit.events)
    })
    return { ok: true, changes: audit.events.length }
  }

  return { read, save }
}

export type ReportDetailsService = ReturnType<typeof createReportDetailsService>

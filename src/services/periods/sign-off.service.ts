import type { Kysely } from 'kysely'
import type { Actor } from '../../domain/access/access.ts'
import type { DeliverySummary } from '../../domain/delivery/delivery-plan.ts'
import { DomainError } from '../../domain/errors.ts'
import { LIMITS, lengthErrors, requireWithinLimit } from '../../domain/limits.ts'
import type { ExceptionReport } from '../../domain/judgement/exception-report.ts'
import {
  type Period,
  describePeriod,
  formatPeriod,
  periodEndDate,
  periodStartDate,
} from '../../domain/periods/period.ts'
import type { PlanData } from '../../domain/judgement/plan.ts'
import type { FinancePeriod } from '../../domain/finance/index.ts'
import type { HighRisk } from '../../domain/delivery/risk.ts'
import { type SignOff, checkLock, checkUnlock, inForce, latestSignOff } from '../../domain/access/sign-off.ts'
import { type AuditEvent, insertAuditEvents, listRevisions } from '../../store/audit.repository.ts'
import type { Database } from '../../store/schema.ts'
import { findSnapshot, insertSignOff, listSignOffs, unlockSignOff } from '../../store/sign-off.repository.ts'
import type { DeliveryService } from '../delivery/delivery.service.ts'
import type { SaveResult } from '../round/entry.service.ts'
import type { ExceptionService } from '../round/exception.service.ts'
import type { PlanService } from '../plans/plan.service.ts'
import {
  type ReportData,
  type ReportDataOptions,
  type ReportService,
  reportHistories,
} from '../round/report.service.ts'
import type { RiskService } from '../delivery/risk.service.ts'
import type { RoundService } from '../round/round.service.ts'
import { type Outstanding, outstandingAt, outstandingSentence } from './sign-off-outstanding.ts'

/** The data a signed-off report was made from, kept with it so every format can be made again as reported. */
interface SnapshotData {
  readonly version: 1
  readonly plan: PlanData
  readonly exceptionReports: readonly (readonly [string, ExceptionReport])[]
  readonly delivery: DeliverySummary
  readonly highRisks: readonly HighRisk[]
  /** The plan's finances for the period as signed off, when it had any. */
  readonly finance?: FinancePeriod
}

/** Turns the report data into the report JSON's text; the caller's (the report contract lives in src/reports). */
export type SnapshotWriter = (data: ReportData) => string

/** A report for a period, as signed off where it has been (unless the current figures are asked for). */
export interface PeriodReport extends ReportData {
  /** The sign-off in force and the revisions since; absent for a period not signed off. */
  readonly signOff?: {
    readonly signOff: SignOff
    readonly revisions: readonly AuditEvent[]
    readonly asReported: boolean
  }
  /** The report JSON as signed off; absent unless the report is the one signed off. */
  readonly snapshot?: string
}

/** A signed-off period's report as reported: the stored report JSON, the data behind it, and the revisions since. */
export interface AsReported {
  readonly signOff: SignOff
  /** The report JSON exactly as it was when signed off. */
  readonly snapshot: string
  readonly data: ReportData
  readonly revisions: readonly AuditEvent[]
}

// Maps (a risk treatment's reviews by period) are written as {"$map": [[key, value], ...]}.
/** The audit event for signing a period off (signed: true) or unlocking it, with the committee or the reason. */
function signOffEvent(
  actor: Actor,
  planId: number,
  key: string,
  at: string,
  signed: boolean,
  reason: string,
): AuditEvent {
  return {
    at,
    actor: actor.email,
    source: 'sign-off',
    planId,
    entity: 'sign-off',
    ref: key,
    period: key,
    field: 'signed off',
    oldValue: signed ? 'no' : 'yes',
    newValue: signed ? 'yes' : 'no',
    reason,
  }
}

/** Maps, and the bigints of exact decimals (an indicator's rules hold its bands as decimals), kept as JSON. */
function encode(data: SnapshotData): string {
  return JSON.stringify(data, (_key, value: unknown) =>
    value instanceof Map ? { $map: [...value] } : typeof value === 'bigint' ? { $bigint: value.toString() } : value,
  )
}

function decode(text: string): SnapshotData {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value === null || typeof value !== 'object' || Object.keys(value).length !== 1) return value
    if ('$map' in value) return new Map((value as { $map: [unknown, unknown][] }).$map)
    if ('$bigint' in value) return BigInt((value as { $bigint: string }).$bigint)
    return value
  }) as SnapshotData
}

/** Signing off a period as reported to committee, unlocking it, and the report as it was reported. */
export function createSignOffService(
  db: Kysely<Database>,
  services: {
    readonly plans: PlanService
    readonly exceptions: ExceptionService
    readonly delivery: DeliveryService
    readonly risks: RiskService
    readonly reports: ReportService
    readonly rounds: RoundService
  },
  now: () => Date,
) {
  const { plans } = services

  function reportDataOf(
    stored: SnapshotData,
    period: Period,
    themes?: readonly string[],
    options: ReportDataOptions = {},
  ): ReportData {
    const evaluation = plans.judge(stored.plan, period, themes)
    return {
      evaluation,
      ...(options.histories === false ? {} : { histories: reportHistories(evaluation, stored.plan.indicators) }),
      exceptionReports: new Map(stored.exceptionReports),
      delivery: stored.delivery,
      highRisks: stored.highRisks,
      ...(stored.finance ? { finance: stored.finance } : {}),
    }
  }

  /** The plan's data for a period's report: entries up to the period's end (later ones cannot affect it). */
  async function gather(planName: string, slug: string, period: Period): Promise<SnapshotData> {
    const end = periodEndDate(period)
    const upToPeriod = (p: Period): boolean => periodStartDate(p) <= end
    const [data, exceptionReports, delivery, highRisks, finance] = await Promise.all([
      plans.loadPlan(planName),
      services.exceptions.forPeriod(slug, period),
      services.delivery.evaluate(planName, period),
      services.risks.highRiskList(planName, period),
      plans.bySlug(slug).then((plan) => services.reports.financeOf(plan.id, period)),
    ])
    return {
      version: 1,
      plan: {
        name: data.name,
        indicators: data.indicators.map(({ indicator, observations, comparators }) => ({
          indicator,
          observations: observations.filter((o) => upToPeriod(o.period)),
          comparators: (comparators ?? []).filter((c) => upToPeriod(c.period)),
        })),
      },
      exceptionReports: [...exceptionReports],
      delivery,
      highRisks,
      ...finance,
    }
  }

  /** A plan's sign-offs, oldest first, with those unlocked. */
  async function history(planSlug: string): Promise<SignOff[]> {
    const plan = await plans.bySlug(planSlug)
    return listSignOffs(db, plan.id)
  }

  /** The sign-off in force for a period, or null when it is open. */
  async function inForceFor(planSlug: string, period: Period): Promise<SignOff | null> {
    const latest = latestSignOff(await history(planSlug), period)
    return latest && inForce(latest) ? latest : null
  }

  /** What is still outstanding for a period: figures missing, exception reports not submitted, returns not approved. */
  async function outstanding(planSlug: string, period: Period): Promise<Outstanding> {
    return outstandingAt(db, services, await plans.bySlug(planSlug), period)
  }

  /**
   * Signs off a period as reported to committee: keeps the report as it stands (its JSON, written by `write`, and
   * the data it was made from) and locks the period. With anything outstanding it needs a reason for signing off
   * regardless, recorded with the sign-off. Audited.
   */
  async function lock(
    actor: Actor,
    planSlug: string,
    period: Period,
    options: { readonly committee: string | null; readonly regardless?: string | null },
    write: SnapshotWriter,
  ): Promise<SignOff> {
    requireWithinLimit(options.committee?.trim() ?? '', LIMITS.committee)
    const plan = await plans.bySlug(planSlug)
    const check = checkLock(actor, await listSignOffs(db, plan.id), period)
    if (!check.ok) throw new DomainError(check.code === 'forbidden' ? 'forbidden' : 'conflict', check.message)
    const held = await outstandingAt(db, services, plan, period)
    const regardless = options.regardless?.trim() ?? ''
    if (held.count > 0 && regardless === '')
      throw new DomainError(
        'invalid-value',
        `${describePeriod(period)} has ${outstandingSentence(held)}: give the reason for signing it off regardless.`,
      )
    // The report is written from the stored form of the data, so that what is kept reproduces it exactly.
    const snapshotData = encode(await gather(plan.name, plan.slug, period))
    const snapshot = write(reportDataOf(decode(snapshotData), period, undefined, { histories: false }))
    const at = now().toISOString()
    const committee = options.committee?.trim() || null
    const key = formatPeriod(period)
    const id = await db.transaction().execute(async (trx) => {
      const signOffId = await insertSignOff(trx, plan.id, {
        period: key,
        lockedAt: at,
        lockedBy: actor.email,
        committee,
        snapshot,
        snapshotData,
      })
      await insertAuditEvents(trx, [
        signOffEvent(
          actor,
          plan.id,
          key,
          at,
          true,
          `${committee ? `Reported to ${committee}` : 'Reported to committee'}${held.count > 0 ? `; signed off with ${outstandingSentence(held)}: ${regardless}` : ''}`,
        ),
      ])
      return signOffId
    })
    return {
      id,
      period,
      lockedAt: at,
      lockedBy: actor.email,
      committee,
      unlockedAt: null,
      unlockedBy: null,
      unlockReason: null,
    }
  }

  /** Unlocks a signed-off period, with the reason; the sign-off and its snapshot are kept. Audited. */
  async function unlock(actor: Actor, planSlug: string, period: Period, reason: string): Promise<SaveResult> {
    const plan = await plans.bySlug(planSlug)
    const long = lengthErrors([['reason', reason, LIMITS.reason]])
    if (long.length > 0) return { ok: false, errors: long }
    const signOffs = await listSignOffs(db, plan.id)
    const check = checkUnlock(actor, signOffs, period, reason)
    if (!check.ok) {
      if (check.code === 'reason-needed') return { ok: false, errors: [{ field: 'reason', message: check.message }] }
      throw new DomainError(check.code, check.message)
    }
    const latest = latestSignOff(signOffs, period)
    if (!latest) throw new DomainError('conflict', `${describePeriod(period)} is not signed off.`)
    const at = now().toISOString()
    const key = formatPeriod(period)
    await db.transaction().execute(async (trx) => {
      await unlockSignOff(trx, latest.id, { at, by: actor.email, reason: reason.trim() })
      await insertAuditEvents(trx, [signOffEvent(actor, plan.id, key, at, false, reason.trim())])
    })
    return { ok: true, changes: 1 }
  }

  /** The changes made to a sign-off's period after it was signed off, oldest first. */
  function revisions(signOff: SignOff): Promise<AuditEvent[]> {
    return listRevisions(db, signOff.id)
  }

  /**
   * The report of a signed-off period as it was reported, with the revisions made since; null when the period is
   * not signed off. With themes, the report is made again from the data as signed off, limited to them.
   */
  async function asReported(
    planSlug: string,
    period: Period,
    themes?: readonly string[],
    options: ReportDataOptions = {},
  ): Promise<AsReported | null> {
    const signOff = await inForceFor(planSlug, period)
    if (!signOff) return null
    const [stored, changes] = await Promise.all([findSnapshot(db, signOff.id), revisions(signOff)])
    if (!stored) return null
    return {
      signOff,
      snapshot: stored.snapshot,
      data: reportDataOf(decode(stored.snapshotData), period, themes, options),
      revisions: changes,
    }
  }

  /**
   * The committee report's data for a period: for a signed-off period the report as it was signed off, with the
   * revisions since (or, with `current`, today's figures with the same list); otherwise today's figures.
   */
  async function report(
    planName: string,
    period: Period,
    options: { readonly themes?: readonly string[]; readonly current?: boolean } & ReportDataOptions = {},
  ): Promise<PeriodReport> {
    // An unknown plan is reported as the report itself reports it: naming the plans held.
    const plan = await plans.bySlugOrName(planName).catch(() => null)
    if (!plan) return services.reports.reportData(planName, period, options.themes, options)
    const signOff = await inForceFor(plan.slug, period)
    if (signOff && options.current !== true) {
      const held = await asReported(plan.slug, period, options.themes, options)
      if (held)
        return {
          ...held.data,
          signOff: { signOff, revisions: held.revisions, asReported: true },
          snapshot: held.snapshot,
        }
    }
    const data = await services.reports.reportData(plan.name, period, options.themes, options)
    if (!signOff) return data
    return { ...data, signOff: { signOff, revisions: await revisions(signOff), asReported: false } }
  }

  return { history, inForceFor, outstanding, lock, unlock, revisions, asReported, report }
}

export type SignOffService = ReturnType<typeof createSignOffService>

import type { Kysely } from 'kysely'
import { type Actor, can } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import { LIMITS, lengthErrors } from '../../domain/limits.ts'
import type { Indicator } from '../../domain/judgement/indicator.ts'
import {
  NOT_REPORTED_REASONS,
  type NotReportedReason,
  type Observation,
  hasCounts,
} from '../../domain/judgement/observation.ts'
import {
  type Period,
  comparePeriods,
  describePeriod,
  formatPeriod,
  tryParsePeriod,
} from '../../domain/periods/period.ts'
import { type Rag, parseFigure, parseRag } from '../../domain/figures/value.ts'
import { insertAuditEvents } from '../../store/audit.repository.ts'
import { AuditRecorder, observationAuditValue } from '../audit-recorder.ts'
import { type IndicatorRecord, listIndicators } from '../../store/indicator.repository.ts'
import {
  type ObservationColumns,
  insertObservations,
  listObservations,
  observationColumns,
  updateObservation,
} from '../../store/observation.repository.ts'
import { type PlanRecord, findPlanBySlug } from '../../store/plan.repository.ts'
import type { Database } from '../../store/schema.ts'
import { assignedIndicatorIds } from '../../store/user.repository.ts'
import { reasonError, revisionCheck, revisionMarks } from '../periods/period-lock.ts'

/** A problem with one form field, in GOV.UK style: the field's id and what to do. */
export interface FieldError {
  readonly field: string
  readonly message: string
}

export type SaveResult =
  { readonly ok: true; readonly changes: number } | { readonly ok: false; readonly errors: readonly FieldError[] }

/** What an owner (and, for status and target, an officer) submits for one indicator and period. */
export interface EntryInput {
  readonly actual: string
  readonly estimated: boolean
  readonly dataPeriod: string
  readonly notReported: string
  readonly note: string
  /** Why a figure already entered is being changed. */
  readonly reason: string
  /** Officers only: a management assessment, and why. Undefined when the form did not offer it. */
  readonly status?: string
  readonly statusReason?: string
  /** Officers only: the target for this period. */
  readonly target?: string
}

export interface IndicatorContext {
  readonly plan: PlanRecord
  readonly record: IndicatorRecord
  readonly observations: readonly Observation[]
  readonly owned: boolean
}

function blankObservation(period: Period): Observation {
  return {
    period,
    dataPeriod: null,
    actual: null,
    target: null,
    estimated: false,
    status: null,
    notReported: null,
    note: null,
    numerator: null,
    denominator: null,
  }
}

export function orNull(text: string): string | null {
  const trimmed = text.trim()
  return trimmed === '' ? null : trimmed
}

/** A figure typed into the form, as stored: commas dropped from a number; null and an error if it is not one. */
function figureField(indicator: Indicator, text: string, onError: () => void): string | null {
  try {
    const figure = parseFigure(indicator.valueType, text)
    return figure.kind === 'number' ? figure.text.replaceAll(',', '') : figure.text
  } catch {
    onError()
    return null
  }
}

/** The actual given, checked against the indicator's value type. */
function actualField(indicator: Indicator, label: string, actualText: string | null, errors: FieldError[]) {
  if (actualText === null) return null
  if (indicator.valueType === 'status') {
    errors.push({ field: 'actual', message: 'This indicator is status-only: leave the actual empty' })
    return null
  }
  const example = indicator.valueType === 'rank' ? 'a position like 1st' : 'a number like 12.5'
  return figureField(indicator, actualText, () =>
    errors.push({ field: 'actual', message: `Enter the actual for ${label} as ${example}` }),
  )
}

/** Why there is no figure, if the owner said; it and an actual cannot both be given. */
function notReportedField(input: EntryInput, actualText: string | null, errors: FieldError[]) {
  const reasonText = orNull(input.notReported)
  if (reasonText === null) return null
  const notReported: NotReportedReason | null = NOT_REPORTED_REASONS.find((reason) => reason === reasonText) ?? null
  if (notReported === null) errors.push({ field: 'notReported', message: 'Choose why the figure is not available' })
  if (actualText !== null)
    errors.push({
      field: 'notReported',
      message: 'Clear the reason, or leave the actual empty if it is not available',
    })
  return notReported
}

/** The management assessment, when the form has one (officers): a change of it needs its own reason. */
function statusField(before: Observation, input: EntryInput, errors: FieldError[]): Rag | null {
  if (input.status === undefined) return before.status
  const statusText = orNull(input.status)
  const status = statusText === null ? null : parseRag(statusText)
  if (status !== null && status !== before.status && orNull(input.statusReason ?? '') === null) {
    errors.push({ field: 'statusReason', message: 'Give the reason for the management assessment' })
  }
  return status
}

/** The period a figure in arrears relates to: not after the period it is filed under; null when the same. */
function dataPeriodField(input: EntryInput, period: Period, label: string, errors: FieldError[]): Period | null {
  const dataPeriodText = orNull(input.dataPeriod)
  if (dataPeriodText === null) return null
  const dataPeriod = tryParsePeriod(dataPeriodText)
  if (dataPeriod === null)
    errors.push({ field: 'dataPeriod', message: 'Enter the period the figure relates to, like 2013/14 Q1' })
  else if (comparePeriods(dataPeriod, period) > 0)
    errors.push({ field: 'dataPeriod', message: `The figure cannot relate to a period after ${label}` })
  else if (formatPeriod(dataPeriod) === formatPeriod(period)) return null
  return dataPeriod
}

/** The target, when the form has one (officers), in the same form as the actual. */
function targetField(
  indicator: Indicator,
  before: Observation,
  input: EntryInput,
  label: string,
  errors: FieldError[],
) {
  if (input.target === undefined) return before.target
  const targetText = orNull(input.target)
  if (targetText === null || indicator.valueType === 'status') return null
  return figureField(indicator, targetText, () =>
    errors.push({ field: 'target', message: `Enter the target for ${label} in the same form as the actual` }),
  )
}

/** The entry form's fields over their limits, in the form's order. */
function entryLengthErrors(input: EntryInput): FieldError[] {
  return lengthErrors([
    ['actual', input.actual, LIMITS.figure],
    ['dataPeriod', input.dataPeriod, LIMITS.choice],
    ['notReported', input.notReported, LIMITS.choice],
    ['note', input.note, LIMITS.commentary],
    ['reason', input.reason, LIMITS.reason],
    ['target', input.target, LIMITS.figure],
    ['status', input.status, LIMITS.choice],
    ['statusReason', input.statusReason, LIMITS.reason],
  ])
}

/** Checks the form against the indicator's value type and the period; returns the new observation or errors. */
function validateEntry(
  indicator: Indicator,
  period: Period,
  before: Observation,
  input: EntryInput,
): { observation: Observation; errors: FieldError[] } {
  const errors: FieldError[] = []
  const label = describePeriod(period)
  const actualText = orNull(input.actual)
  const actual = actualField(indicator, label, actualText, errors)
  const notReported = notReportedField(input, actualText, errors)
  // The form does not show the numerator and denominator a figure is made from: they stand as imported, unless the
  // figure is now said to be unavailable.
  const keepCounts = notReported === null && hasCounts(before)
  const status = statusField(before, input, errors)
  // An officer may set a target alone, for a period not yet reported or for the year.
  const targetOnly = input.target !== undefined && orNull(input.target) !== null
  if (
    actualText === null &&
    notReported === null &&
    status === null &&
    !targetOnly &&
    !keepCounts &&
    indicator.valueType !== 'status'
  ) {
    errors.push({ field: 'actual', message: `Enter the actual for ${label}, or choose why it is not available` })
  }
  if (indicator.valueType === 'status' && status === null && notReported === null) {
    errors.push({ field: 'status', message: `Choose the status for ${label}, or why it is not available` })
  }
  const dataPeriod = dataPeriodField(input, period, label, errors)
  const target = targetField(indicator, before, input, label, errors)
  const observation: Observation = {
    period,
    dataPeriod: actual === null && !keepCounts ? null : dataPeriod,
    actual,
    target,
    estimated: actual !== null && input.estimated,
    status,
    notReported,
    note: orNull(input.note),
    numerator: keepCounts ? before.numerator : null,
    denominator: keepCounts ? before.denominator : null,
  }
  const revised = (['actual', 'target'] as const).filter(
    (field) => before[field] !== null && before[field] !== observation[field],
  )
  if (revised.length > 0 && orNull(input.reason) === null) {
    const what = revised.map((field) => `the ${field} from ${before[field] ?? ''}`).join(' and ')
    errors.push({ field: 'reason', message: `Give the reason for changing ${what}` })
  }
  return { observation, errors }
}

/** Recording figures, commentary, assessments and targets from the web forms, with the audit trail. */
export function createEntryService(db: Kysely<Database>, now: () => Date) {
  /** The indicator, its observations, and whether the actor owns it; refuses an unknown plan or ref. */
  async function indicatorContext(actor: Actor, planSlug: string, ref: string): Promise<IndicatorContext> {
    const plan = await findPlanBySlug(db, planSlug)
    if (!plan) throw new DomainError('not-found', `There is no plan at ${planSlug}.`)
    const record = (await listIndicators(db, plan.id)).find((r) => r.indicator.ref === ref)
    if (!record) throw new DomainError('not-found', `The plan has no indicator ${ref}.`)
    const observations = (await listObservations(db, plan.id, record.id)).map((o) => o.observation)
    const owned = (await assignedIndicatorIds(db, actor.id)).has(record.id)
    return { plan, record, observations, owned }
  }

  /** Saves an owner's entry for a period: all checks first, then the change and its audit events together. */
  async function recordEntry(
    actor: Actor,
    planSlug: string,
    ref: string,
    period: Period,
    input: EntryInput,
  ): Promise<SaveResult> {
    const context = await indicatorContext(actor, planSlug, ref)
    if (!can(actor, 'enter-data', context.owned))
      throw new DomainError('forbidden', `You cannot enter data for ${ref}: it is not assigned to you.`)
    if ((input.status !== undefined || input.target !== undefined) && !can(actor, 'assess')) {
      throw new DomainError('forbidden', 'Only a performance officer can set an assessment or a target.')
    }
    // A signed-off period: an owner is refused here; the performance team must say why they are revising it.
    const lock = await revisionCheck(
      db,
      actor,
      context.plan.id,
      period,
      orNull(input.reason) ?? orNull(input.statusReason ?? ''),
    )
    // Text over its limit is refused before anything else is read from it.
    const long = entryLengthErrors(input)
    if (long.length > 0) return { ok: false, errors: long }
    const key = formatPeriod(period)
    const stored = (await listObservations(db, context.plan.id, context.record.id)).find(
      (o) => formatPeriod(o.observation.period) === key,
    )
    const before = stored?.observation ?? blankObservation(period)
    const { observation, errors } = validateEntry(context.record.indicator, period, before, input)

    const oldColumns = observationColumns(before)
    const newColumns = observationColumns(observation)
    const changed = (Object.keys(newColumns) as (keyof ObservationColumns)[]).filter(
      (field) => oldColumns[field] !== newColumns[field],
    )
    // The signed-off period's reason stands in for the ordinary one: one reason, saying why it is needed.
    const locked = errors.length > 0 || changed.length > 0 ? reasonError(lock) : []
    if (locked.length > 0) {
      const index = errors.findIndex((e) => e.field === 'reason')
      if (index >= 0) errors.splice(index, 1, ...locked)
      else errors.push(...locked)
    }
    if (errors.length > 0) return { ok: false, errors }
    if (changed.length === 0) return { ok: true, changes: 0 }
    const revision = revisionMarks(lock)
    const at = now().toISOString()
    const audit = new AuditRecorder({ at, actor: actor.email, source: 'web', planId: context.plan.id })
    const statusReason = orNull(input.statusReason ?? '')
    audit.recordEdit(
      'observation',
      ref,
      key,
      changed.map(
        (field) => [field, observationAuditValue(oldColumns, field), observationAuditValue(newColumns, field)] as const,
      ),
      // A management assessment's own reason, where given, beside the revision's or the form's.
      (field) =>
        field === 'status' ? (statusReason ?? revision?.reason ?? null) : (revision?.reason ?? orNull(input.reason)),
      revision?.signOffId,
    )
    await db.transaction().execute(async (trx) => {
      if (stored) await updateObservation(trx, stored.id, newColumns, at, actor.email)
      else await insertObservations(trx, [{ indicatorId: context.record.id, observation }], at, actor.email)
      await insertAuditEvents(trx, audit.events)
    })
    return { ok: true, changes: changed.length }
  }

  /** The refs of a plan's indicators the actor may enter data for: all of them for officers, their own for owners. */
  async function enterableRefs(actor: Actor, planSlug: string): Promise<ReadonlySet<string>> {
    const plan = await findPlanBySlug(db, planSlug)
    if (!plan) throw new DomainError('not-found', `There is no plan at ${planSlug}.`)
    const records = await listIndicators(db, plan.id)
    if (can(actor, 'enter-data')) return new Set(records.map((r) => r.indicator.ref))
    if (actor.role !== 'owner') return new Set()
    const owned = await assignedIndicatorIds(db, actor.id)
    return new Set(records.filter((r) => owned.has(r.id)).map((r) => r.indicator.ref))
  }

  return { indicatorContext, recordEntry, enterableRefs }
}

export type EntryService = ReturnType<typeof createEntryService>

import type { Kysely } from 'kysely'
import { type Actor, can } from '../domain/access.ts'
import { type DeliveryStatus, parseDeliveryStatus } from '../domain/delivery.ts'
import { type DeliverySummary, evaluateDelivery } from '../domain/delivery-plan.ts'
import { DomainError } from '../domain/errors.ts'
import type { Period } from '../domain/period.ts'
import { formatPeriod } from '../domain/period.ts'
import { insertAuditEvents } from '../store/audit.repository.ts'
import { AuditRecorder } from './audit-recorder.ts'
import {
  type DeliveryItemColumns,
  deliveryItemColumns,
  insertDeliveryItem,
  listDeliveryItems,
  listDeliveryUpdates,
  saveDeliveryUpdate,
  updateDeliveryItem,
} from '../store/delivery.repository.ts'
import { listIndicators } from '../store/indicator.repository.ts'
import { findPlanByName, findPlanBySlug, insertPlan } from '../store/plan.repository.ts'
import type { Database } from '../store/schema.ts'
import type { InputFile } from './csv.ts'
import { parseDelivery } from './delivery-validation.ts'
import type { FieldError, SaveResult } from './entry.service.ts'
import { type ChangeCounts, ImportRejected } from './import.service.ts'

export interface DeliveryImportRequest {
  readonly planName: string
  readonly itemsFile: InputFile
  readonly updatesFile: InputFile | null
  readonly actor: string
}

/** The status form for one item and period. */
export interface DeliveryStatusInput {
  readonly status: string
  readonly commentary: string
  readonly overrideReason: string
}

export interface DeliveryImportOutcome {
  readonly planName: string
  readonly planCreated: boolean
  readonly items: ChangeCounts
  readonly updates: ChangeCounts
  readonly auditEvents: number
}

/** Milestones, actions and priorities: importing them all or nothing, and judging them for a period. */
export function createDeliveryService(db: Kysely<Database>, now: () => Date) {
  async function importDelivery(request: DeliveryImportRequest): Promise<DeliveryImportOutcome> {
    const plan = await findPlanByName(db, request.planName)
    const existing = plan ? await listDeliveryItems(db, plan.id) : []
    const indicators = plan
      ? new Set((await listIndicators(db, plan.id)).map((r) => r.indicator.ref))
      : new Set<string>()
    const parsed = parseDelivery(
      request.itemsFile,
      request.updatesFile,
      new Map(existing.map((r) => [r.item.ref, r.item.kind])),
      indicators,
    )
    if (parsed.problems.length > 0) throw new ImportRejected(parsed.problems)

    const at = now().toISOString()
    const source = `import:${request.itemsFile.name}${request.updatesFile ? `,${request.updatesFile.name}` : ''}`
    const items: ChangeCounts = { added: 0, updated: 0, unchanged: 0 }
    const updates: ChangeCounts = { added: 0, updated: 0, unchanged: 0 }
    const auditEvents = await db.transaction().execute(async (trx) => {
      const planId = plan?.id ?? (await insertPlan(trx, request.planName, at))
      const audit = new AuditRecorder({ at, actor: request.actor, source, planId })
      const event = (
        ref: string,
        period: string | null,
        field: string,
        oldValue: string | null,
        newValue: string | null,
      ): void => {
        audit.record('delivery', ref, period, field, oldValue, newValue)
      }
      if (!plan) audit.record('plan', request.planName, null, 'created', null, request.planName)
      const stored = new Map(existing.map((r) => [r.item.ref, r]))
      const ids = new Map(existing.map((r) => [r.item.ref, r.id]))
      for (const [index, item] of parsed.items.entries()) {
        const columns = deliveryItemColumns(item)
        const before = stored.get(item.ref)
        if (!before) {
          ids.set(item.ref, await insertDeliveryItem(trx, planId, columns, existing.length + index))
          event(item.ref, null, 'created', null, item.title)
          items.added += 1
          continue
        }
        const old = deliveryItemColumns(before.item)
        const changed = (Object.keys(columns) as (keyof DeliveryItemColumns)[]).filter((f) => old[f] !== columns[f])
        if (changed.length === 0) {
          items.unchanged += 1
          continue
        }
        await updateDeliveryItem(trx, before.id, Object.fromEntries(changed.map((f) => [f, columns[f]])))
        for (const f of changed) event(item.ref, null, f, old[f], columns[f])
        items.updated += 1
      }
      const storedUpdates = new Map(
        (plan ? await listDeliveryUpdates(trx, planId) : []).map((r) => [
          `${r.update.ref}\u0000${formatPeriod(r.update.period)}`,
          r,
        ]),
      )
      for (const update of parsed.updates) {
        const period = formatPeriod(update.period)
        const before = storedUpdates.get(`${update.ref}\u0000${period}`)?.update
        const fields = [
          ['status', before?.status ?? null, update.status],
          ['commentary', before?.commentary ?? null, update.commentary],
          ['override_reason', before?.overrideReason ?? null, update.overrideReason],
        ] as const
        const changed = fields.filter(([, old, next]) => old !== next)
        if (before && changed.length === 0) {
          updates.unchanged += 1
          continue
        }
        const itemId = ids.get(update.ref)
        if (itemId === undefined) throw new Error(`No stored item for ${update.ref}`)
        await saveDeliveryUpdate(
          trx,
          itemId,
          update,
          storedUpdates.get(`${update.ref}\u0000${period}`)?.id ?? null,
          at,
          request.actor,
        )
        for (const [field, old, next] of changed) event(update.ref, period, field, old, next)
        if (before) updates.updated += 1
        else updates.added += 1
      }
      await insertAuditEvents(trx, audit.events)
      return audit.events.length
    })
    return { planName: request.planName, planCreated: !plan, items, updates, auditEvents }
  }

  /**
   * Records an item's status for a period from the web form, with commentary and (where it differs from what the
   * actions roll up to) the reason. The performance team may do this for any item.
   */
  async function recordStatus(
    actor: Actor,
    planSlug: string,
    ref: string,
    period: Period,
    input: DeliveryStatusInput,
  ): Promise<SaveResult> {
    if (!can(actor, 'assess'))
      throw new DomainError(
        'forbidden',
        'Only the performance team can set the status of a priority, action or milestone.',
      )
    const plan = await findPlanBySlug(db, planSlug)
    if (!plan) throw new DomainError('not-found', `There is no plan at ${planSlug}.`)
    const items = await listDeliveryItems(db, plan.id)
    const record = items.find((r) => r.item.ref === ref)
    if (!record) throw new DomainError('not-found', `The plan has no priority, action or milestone ${ref}.`)
    const errors: FieldError[] = []
    let status: DeliveryStatus | null = null
    try {
      status = parseDeliveryStatus(input.status)
    } catch {
      errors.push({ field: 'status', message: 'Choose the status' })
    }
    const summary = evaluateDelivery(
      items.map((r) => r.item),
      (await listDeliveryUpdates(db, plan.id)).map((r) => r.update),
      period,
    )
    const rolledUp = summary.results.find((r) => r.item.ref === ref)?.rolledUp ?? null
    const overrideReason = input.overrideReason.trim() === '' ? null : input.overrideReason.trim()
    if (status !== null && rolledUp !== null && status !== rolledUp && overrideReason === null) {
      errors.push({
        field: 'overrideReason',
        message: `Give the reason for a status different from the ${rolledUp.replace('-', ' ')} its actions roll up to`,
      })
    }
    if (errors.length > 0 || status === null) return { ok: false, errors }
    const key = formatPeriod(period)
    const stored = (await listDeliveryUpdates(db, plan.id)).find(
      (r) => r.itemId === record.id && formatPeriod(r.update.period) === key,
    )
    const update = {
      ref,
      period,
      status,
      commentary: input.commentary.trim() === '' ? null : input.commentary.trim(),
      overrideReason,
    }
    const fields = [
      ['status', stored?.update.status ?? null, update.status],
      ['commentary', stored?.update.commentary ?? null, update.commentary],
      ['override_reason', stored?.update.overrideReason ?? null, update.overrideReason],
    ] as const
    const changed = fields.filter(([, old, next]) => old !== next)
    if (changed.length === 0) return { ok: true, changes: 0 }
    const at = now().toISOString()
    await db.transaction().execute(async (trx) => {
      await saveDeliveryUpdate(trx, record.id, update, stored?.id ?? null, at, actor.email)
      await insertAuditEvents(
        trx,
        changed.map(([field, old, next]) => ({
          at,
          actor: actor.email,
          source: 'web',
          planId: plan.id,
          entity: 'delivery' as const,
          ref,
          period: key,
          field,
          oldValue: old,
          newValue: next,
          reason: field === 'status' ? overrideReason : null,
        })),
      )
    })
    return { ok: true, changes: changed.length }
  }

  /** A plan's delivery items judged for a period; empty when the plan has none. */
  async function evaluate(planName: string, period: Period): Promise<DeliverySummary> {
    const plan = await findPlanByName(db, planName)
    if (!plan) return evaluateDelivery([], [], period)
    const [items, updates] = await Promise.all([listDeliveryItems(db, plan.id), listDeliveryUpdates(db, plan.id)])
    return evaluateDelivery(
      items.map((r) => r.item),
      updates.map((r) => r.update),
      period,
    )
  }

  return { importDelivery, evaluate, recordStatus }
}

export type DeliveryService = ReturnType<typeof createDeliveryService>

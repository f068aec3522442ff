import type { Kysely } from 'kysely'
import { type Actor, type Role, can } from '../../domain/access/access.ts'
import { type DeliveryStatus, parseDeliveryStatus } from '../../domain/delivery/delivery.ts'
import { type DeliveryGroup, type DeliverySummary, evaluateDelivery } from '../../domain/delivery/delivery-plan.ts'
import { DomainError } from '../../domain/errors.ts'
import { LIMITS, lengthErrors, requireWithinLimit } from '../../domain/limits.ts'
import type { Period } from '../../domain/periods/period.ts'
import { formatPeriod } from '../../domain/periods/period.ts'
import { insertAuditEvents } from '../../store/audit.repository.ts'
import { AuditRecorder } from '../audit-recorder.ts'
import {
  type DeliveryItemRecord,
  deliveryRefsAssignedTo,
  insertDeliveryItem,
  listDeliveryGroups,
  listDeliveryItems,
  listDeliveryUpdates,
  saveDeliveryGroup,
  saveDeliveryUpdate,
  updateDeliveryItem,
} from '../../store/delivery.repository.ts'
import { listIndicators } from '../../store/indicator.repository.ts'
import { findPlanByName, findPlanBySlug, insertPlan } from '../../store/plan.repository.ts'
import type { Database } from '../../store/schema.ts'
import type { InputFile } from '../import/csv.ts'
import { type DeliveryChanges, planDeliveryChanges } from './delivery-changes.ts'
import { parseDelivery, parseGroups } from './delivery-validation.ts'
import type { FieldError, SaveResult } from '../round/entry.service.ts'
import { type ChangeCounts, ImportRejected } from '../import/import.service.ts'
import { importLockCheck, reasonError, revisionCheck, revisionMarks } from '../periods/period-lock.ts'

export interface DeliveryImportRequest {
  readonly planName: string
  readonly itemsFile: InputFile
  readonly updatesFile: InputFile | null
  /** Optional: the partnership groups, with their decision-making and delivery text. */
  readonly groupsFile?: InputFile | null
  readonly actor: string
  /** Why statuses of signed-off periods are being revised; without it such changes are refused. */
  readonly reason?: string | null
  readonly role?: Role
}

/** The status form for one item and period. */
export interface DeliveryStatusInput {
  readonly status: string
  readonly commentary: string
  readonly overrideReason: string
  /** Why a signed-off period's status is being changed (the performance team only). */
  readonly reason?: string
}

export interface DeliveryImportOutcome {
  readonly planName: string
  readonly planCreated: boolean
  readonly items: ChangeCounts
  readonly updates: ChangeCounts
  readonly groups: ChangeCounts
  readonly auditEvents: number
}

/** Writes a delivery import's changes, in the order planned. */
async function writeDeliveryChanges(
  trx: Kysely<Database>,
  planId: number,
  held: readonly DeliveryItemRecord[],
  changes: DeliveryChanges,
  by: { readonly at: string; readonly actor: string },
): Promise<void> {
  for (const { group, position } of changes.groupWrites) await saveDeliveryGroup(trx, planId, group, position)
  const ids = new Map(held.map((r) => [r.item.ref, r.id]))
  for (const { ref, columns, position } of changes.itemInserts)
    ids.set(ref, await insertDeliveryItem(trx, planId, columns, position))
  for (const { id, columns } of changes.itemUpdates) await updateDeliveryItem(trx, id, columns)
  for (const { update, heldId } of changes.statusWrites) {
    const itemId = ids.get(update.ref)
    if (itemId === undefined) throw new Error(`No stored item for ${update.ref}`)
    await saveDeliveryUpdate(trx, itemId, update, heldId, by.at, by.actor)
  }
  await insertAuditEvents(trx, changes.events)
}

/** The status form's fields over their limits; the reason is asked for, and kept, only for a signed-off period. */
function statusLengthErrors(input: DeliveryStatusInput, revising: boolean): FieldError[] {
  return lengthErrors([
    ['status', input.status, LIMITS.choice],
    ['commentary', input.commentary, LIMITS.commentary],
    ['overrideReason', input.overrideReason, LIMITS.reason],
    ['reason', revising ? input.reason : undefined, LIMITS.reason],
  ])
}

/** Milestones, actions and priorities: importing them all or nothing, and judging them for a period. */
export function createDeliveryService(db: Kysely<Database>, now: () => Date) {
  async function importDelivery(request: DeliveryImportRequest): Promise<DeliveryImportOutcome> {
    const plan = await findPlanByName(db, request.planName)
    if (!plan) requireWithinLimit(request.planName, LIMITS.planName)
    requireWithinLimit(request.reason ?? '', LIMITS.reason)
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
    const groupsFile = request.groupsFile ?? null
    const parsedGroups = groupsFile ? parseGroups(groupsFile) : { groups: [], problems: [] }
    const problems = [...parsedGroups.problems, ...parsed.problems]
    if (problems.length > 0) throw new ImportRejected(problems)

    const at = now().toISOString()
    const source = `import:${[groupsFile, request.itemsFile, request.updatesFile]
      .filter((f) => f !== null)
      .map((f) => f.name)
      .join(',')}`
    const locks = await importLockCheck(db, plan?.id ?? null, request.role ?? 'officer', request.reason ?? null)
    const { counts, auditEvents } = await db.transaction().execute(async (trx) => {
      const planId = plan?.id ?? (await insertPlan(trx, request.planName, at))
      const changes = planDeliveryChanges({
        planName: request.planName,
        planId,
        planCreated: !plan,
        held: {
          groups: await listDeliveryGroups(trx, planId),
          items: existing,
          updates: plan ? await listDeliveryUpdates(trx, planId) : [],
        },
        groups: parsedGroups.groups,
        items: parsed.items,
        updates: parsed.updates,
        locks,
        updatesFile: request.updatesFile?.name ?? 'delivery_updates.csv',
        audit: { at, actor: request.actor, source },
      })
      // A change to a signed-off period without a reason refuses the whole import: rolled back, nothing written.
      if (changes.problems.length > 0) throw new ImportRejected(changes.problems)
      await writeDeliveryChanges(trx, planId, existing, changes, { at, actor: request.actor })
      return { counts: changes.counts, auditEvents: changes.events.length }
    })
    return { planName: request.planName, planCreated: !plan, ...counts, auditEvents }
  }

  /** Whether an actor may record an item's status: the performance team for any item, others for those assigned. */
  async function mayRecord(actor: Actor, planId: number, ref: string): Promise<boolean> {
    if (can(actor, 'assess')) return true
    return can(actor, 'enter-data', (await deliveryRefsAssignedTo(db, planId, actor.id)).has(ref))
  }

  /** The refs of a plan's items an actor may record the status of ('all' for the performance team). */
  async function editableRefs(actor: Actor, planName: string): Promise<'all' | ReadonlySet<string>> {
    if (can(actor, 'assess')) return 'all'
    const plan = await findPlanByName(db, planName)
    if (!plan || !can(actor, 'enter-data', true)) return new Set()
    return deliveryRefsAssignedTo(db, plan.id, actor.id)
  }

  /** A plan's partnership groups with their decision-making and delivery text. */
  async function groupsOf(planName: string): Promise<DeliveryGroup[]> {
    const plan = await findPlanByName(db, planName)
    return plan ? listDeliveryGroups(db, plan.id) : []
  }

  /**
   * Records an item's status for a period from the web form, with commentary and (where it differs from what the
   * actions roll up to) the reason. The performance team may do this for any item; the person responsible (assigned with
   * `outturn user assign --item`) for theirs.
   */
  async function recordStatus(
    actor: Actor,
    planSlug: string,
    ref: string,
    period: Period,
    input: DeliveryStatusInput,
  ): Promise<SaveResult> {
    const plan = await findPlanBySlug(db, planSlug)
    if (!plan) throw new DomainError('not-found', `There is no plan at ${planSlug}.`)
    if (!(await mayRecord(actor, plan.id, ref)))
      throw new DomainError(
        'forbidden',
        'Only the person responsible for this item, or the performance team, can set its status.',
      )
    const items = await listDeliveryItems(db, plan.id)
    const record = items.find((r) => r.item.ref === ref)
    if (!record) throw new DomainError('not-found', `The plan has no priority, action or milestone ${ref}.`)
    const lock = await revisionCheck(db, actor, plan.id, period, input.reason ?? null)
    const long = statusLengthErrors(input, lock.kind === 'revision')
    if (long.length > 0) return { ok: false, errors: long }
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
    if (errors.length > 0 || status === null) return { ok: false, errors: [...errors, ...reasonError(lock)] }
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
    if (lock.kind === 'reason-needed') return { ok: false, errors: reasonError(lock) }
    const revision = revisionMarks(lock)
    const at = now().toISOString()
    const audit = new AuditRecorder({ at, actor: actor.email, source: 'web', planId: plan.id })
    audit.recordEdit(
      'delivery',
      ref,
      key,
      changed,
      (field) => revision?.reason ?? (field === 'status' ? overrideReason : null),
      revision?.signOffId,
    )
    await db.transaction().execute(async (trx) => {
      await saveDeliveryUpdate(trx, record.id, update, stored?.id ?? null, at, actor.email)
      await insertAuditEvents(trx, audit.events)
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

  return { importDelivery, evaluate, recordStatus, editableRefs, groupsOf }
}

export type DeliveryService = ReturnType<typeof createDeliveryService>

import type { DeliveryGroup, DeliveryItem, DeliveryUpdate } from '../../domain/delivery/delivery-plan.ts'
import { formatPeriod } from '../../domain/periods/period.ts'
import type { AuditEvent } from '../../store/audit.repository.ts'
import {
  type DeliveryItemColumns,
  type DeliveryItemRecord,
  type DeliveryUpdateRecord,
  deliveryItemColumns,
} from '../../store/delivery.repository.ts'
import { AuditRecorder } from '../audit-recorder.ts'
import type { ImportProblem } from '../import/csv.ts'
import type { ChangeCounts } from '../import/import-changes.ts'
import type { ImportLockCheck } from '../periods/period-lock.ts'

/**
 * What a delivery import changes, worked out before anything is written: which partnership groups, priorities,
 * actions and milestones are new or changed, which statuses are recorded, the audit trail, and the rows refused
 * because they would change a signed-off period without a reason. Pure; importDelivery writes exactly this.
 */

/** The plan's delivery as held before the import (empty for a new plan). */
export interface HeldDelivery {
  readonly groups: readonly DeliveryGroup[]
  readonly items: readonly DeliveryItemRecord[]
  readonly updates: readonly DeliveryUpdateRecord[]
}

export interface DeliveryChangesInput {
  readonly planName: string
  readonly planId: number
  readonly planCreated: boolean
  readonly held: HeldDelivery
  readonly groups: readonly DeliveryGroup[]
  readonly items: readonly DeliveryItem[]
  readonly updates: readonly DeliveryUpdate[]
  /** The sign-off check for status rows; it keeps the problems and marks the revisions. */
  readonly locks: ImportLockCheck
  /** The status file's name, for the problems. */
  readonly updatesFile: string
  readonly audit: { readonly at: string; readonly actor: string; readonly source: string }
}

export interface DeliveryChanges {
  readonly groupWrites: readonly { readonly group: DeliveryGroup; readonly position: number }[]
  readonly itemInserts: readonly {
    readonly ref: string
    readonly columns: DeliveryItemColumns
    readonly position: number
  }[]
  readonly itemUpdates: readonly { readonly id: number; readonly columns: Partial<DeliveryItemColumns> }[]
  /** Statuses to record, each replacing the one held for its item and period, if any. */
  readonly statusWrites: readonly { readonly update: DeliveryUpdate; readonly heldId: number | null }[]
  /** The audit events, revisions of signed-off periods marked with their reason and sign-off. */
  readonly events: readonly AuditEvent[]
  /** Status rows refused because they change a signed-off period without a reason: the import is refused. */
  readonly problems: readonly ImportProblem[]
  readonly counts: { readonly groups: ChangeCounts; readonly items: ChangeCounts; readonly updates: ChangeCounts }
}

const counts = (): ChangeCounts => ({ added: 0, updated: 0, unchanged: 0 })

/** The changes a delivery import makes to a plan, and their audit trail, without writing anything. */
export function planDeliveryChanges(input: DeliveryChangesInput): DeliveryChanges {
  const audit = new AuditRecorder({ ...input.audit, planId: input.planId })
  if (input.planCreated) audit.record('plan', input.planName, null, 'created', null, input.planName)
  const groups = groupChanges(input, audit)
  const items = itemChanges(input, audit)
  const statuses = statusChanges(input, audit)
  return {
    ...groups,
    ...items,
    ...statuses,
    events: input.locks.apply(audit.events),
    problems: input.locks.problems,
    counts: { groups: groups.counts, items: items.counts, updates: statuses.counts },
  }
}

function groupChanges(input: DeliveryChangesInput, audit: AuditRecorder) {
  const held = new Map(input.held.groups.map((g) => [g.name, g]))
  const groupWrites: { group: DeliveryGroup; position: number }[] = []
  const tally = counts()
  for (const [position, group] of input.groups.entries()) {
    const before = held.get(group.name)
    const changed = (
      [
        ['decision_making', before?.decisionMaking ?? null, group.decisionMaking],
        ['delivery', before?.delivery ?? null, group.delivery],
      ] as const
    ).filter(([, old, next]) => old !== next)
    if (before && changed.length === 0) {
      tally.unchanged += 1
      continue
    }
    groupWrites.push({ group, position: held.size + position })
    if (!before) {
      audit.record('delivery', `group: ${group.name}`, null, 'created', null, group.name)
      tally.added += 1
    } else {
      for (const [field, old, next] of changed) audit.record('delivery', `group: ${group.name}`, null, field, old, next)
      tally.updated += 1
    }
  }
  return { groupWrites, counts: tally }
}

function itemChanges(input: DeliveryChangesInput, audit: AuditRecorder) {
  const held = new Map(input.held.items.map((r) => [r.item.ref, r]))
  const itemInserts: { ref: string; columns: DeliveryItemColumns; position: number }[] = []
  const itemUpdates: { id: number; columns: Partial<DeliveryItemColumns> }[] = []
  const tally = counts()
  for (const [index, item] of input.items.entries()) {
    const columns = deliveryItemColumns(item)
    const before = held.get(item.ref)
    if (!before) {
      itemInserts.push({ ref: item.ref, columns, position: input.held.items.length + index })
      audit.record('delivery', item.ref, null, 'created', null, item.title)
      tally.added += 1
      continue
    }
    const old = deliveryItemColumns(before.item)
    const changed = (Object.keys(columns) as (keyof DeliveryItemColumns)[]).filter((f) => old[f] !== columns[f])
    if (changed.length === 0) {
      tally.unchanged += 1
      continue
    }
    itemUpdates.push({ id: before.id, columns: Object.fromEntries(changed.map((f) => [f, columns[f]])) })
    for (const f of changed) audit.record('delivery', item.ref, null, f, old[f], columns[f])
    tally.updated += 1
  }
  return { itemInserts, itemUpdates, counts: tally }
}

function statusChanges(input: DeliveryChangesInput, audit: AuditRecorder) {
  const held = new Map(input.held.updates.map((r) => [`${r.update.ref}\u0000${formatPeriod(r.update.period)}`, r]))
  const statusWrites: { update: DeliveryUpdate; heldId: number | null }[] = []
  const tally = counts()
  for (const update of input.updates) {
    const period = formatPeriod(update.period)
    const stored = held.get(`${update.ref}\u0000${period}`)
    const before = stored?.update
    const changed = (
      [
        ['status', before?.status ?? null, update.status],
        ['commentary', before?.commentary ?? null, update.commentary],
        ['override_reason', before?.overrideReason ?? null, update.overrideReason],
      ] as const
    ).filter(([, old, next]) => old !== next)
    if (before && changed.length === 0) {
      tally.unchanged += 1
      continue
    }
    if (!input.locks.allows(input.updatesFile, update.ref, update.period)) continue
    statusWrites.push({ update, heldId: stored?.id ?? null })
    const start = audit.events.length
    for (const [field, old, next] of changed) audit.record('delivery', update.ref, period, field, old, next)
    input.locks.mark(update.period, start, audit.events.length)
    if (before) tally.updated += 1
    else tally.added += 1
  }
  return { statusWrites, counts: tally }
}

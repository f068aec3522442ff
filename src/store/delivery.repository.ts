import type { Kysely } from 'kysely'
import { parseDeliveryStatus } from '../domain/delivery/delivery.ts'
import {
  DELIVERY_KINDS,
  type DeliveryGroup,
  type DeliveryItem,
  type DeliveryUpdate,
} from '../domain/delivery/delivery-plan.ts'
import { parseChoice } from '../domain/judgement/indicator.ts'
import { formatPeriod, parsePeriod } from '../domain/periods/period.ts'
import type { Database } from './schema.ts'

export interface DeliveryItemRecord {
  readonly id: number
  readonly item: DeliveryItem
}

export interface DeliveryUpdateRecord {
  readonly id: number
  readonly itemId: number
  readonly update: DeliveryUpdate
}

/** The stored columns of a delivery item (what the audit trail tracks). */
export function deliveryItemColumns(item: DeliveryItem) {
  return {
    kind: item.kind,
    ref: item.ref,
    title: item.title,
    group_name: item.group,
    theme: item.theme,
    parent_ref: item.parent,
    due_date: item.dueDate,
    responsible: item.responsible,
    timescale: item.timescale,
    measure_of_success: item.measureOfSuccess,
    linked_indicators: item.linkedIndicators.length > 0 ? item.linkedIndicators.join('; ') : null,
    flag: item.flag,
  }
}

export type DeliveryItemColumns = ReturnType<typeof deliveryItemColumns>

export async function listDeliveryItems(db: Kysely<Database>, planId: number): Promise<DeliveryItemRecord[]> {
  const rows = await db
    .selectFrom('delivery_items')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    item: {
      kind: parseChoice(DELIVERY_KINDS, row.kind, 'kind of delivery item'),
      ref: row.ref,
      title: row.title,
      group: row.group_name,
      theme: row.theme,
      parent: row.parent_ref,
      dueDate: row.due_date,
      responsible: row.responsible,
      timescale: row.timescale,
      measureOfSuccess: row.measure_of_success,
      linkedIndicators: (row.linked_indicators ?? '')
        .split(';')
        .map((r) => r.trim())
        .filter((r) => r !== ''),
      flag: row.flag === 'red' || row.flag === 'green' ? row.flag : null,
    },
  }))
}

export async function insertDeliveryItem(
  db: Kysely<Database>,
  planId: number,
  columns: DeliveryItemColumns,
  position: number,
): Promise<number> {
  const { id } = await db
    .insertInto('delivery_items')
    .values({ ...columns, plan_id: planId, position })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function updateDeliveryItem(
  db: Kysely<Database>,
  id: number,
  columns: Partial<DeliveryItemColumns>,
): Promise<void> {
  await db.updateTable('delivery_items').set(columns).where('id', '=', id).execute()
}

export async function listDeliveryUpdates(db: Kysely<Database>, planId: number): Promise<DeliveryUpdateRecord[]> {
  const rows = await db
    .selectFrom('delivery_updates')
    .innerJoin('delivery_items', 'delivery_items.id', 'delivery_updates.item_id')
    .select([
      'delivery_updates.id as id',
      'delivery_updates.item_id as itemId',
      'delivery_items.ref as ref',
      'delivery_updates.period as period',
      'delivery_updates.status as status',
      'delivery_updates.commentary as commentary',
      'delivery_updates.override_reason as overrideReason',
    ])
    .where('delivery_items.plan_id', '=', planId)
    .execute()
  return rows.map((row) => ({
    id: row.id,
    itemId: row.itemId,
    update: {
      ref: row.ref,
      period: parsePeriod(row.period),
      status: parseDeliveryStatus(row.status),
      commentary: row.commentary,
      overrideReason: row.overrideReason,
    },
  }))
}

export async function saveDeliveryUpdate(
  db: Kysely<Database>,
  itemId: number,
  update: DeliveryUpdate,
  existingId: number | null,
  at: string,
  by: string,
): Promise<void> {
  const values = {
    status: update.status,
    commentary: update.commentary,
    override_reason: update.overrideReason,
    updated_at: at,
    updated_by: by,
  }
  if (existingId !== null) await db.updateTable('delivery_updates').set(values).where('id', '=', existingId).execute()
  else
    await db
      .insertInto('delivery_updates')
      .values({ ...values, item_id: itemId, period: formatPeriod(update.period) })
      .execute()
}

/** Makes a user responsible for a delivery item, so they may record its status. False when they already were. */
export async function assignDeliveryItem(db: Kysely<Database>, itemId: number, userId: number): Promise<boolean> {
  const existing = await db
    .selectFrom('delivery_assignments')
    .select('user_id')
    .where('item_id', '=', itemId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (existing) return false
  await db.insertInto('delivery_assignments').values({ item_id: itemId, user_id: userId }).execute()
  return true
}

/** The refs of a plan's delivery items a user is responsible for. */
export async function deliveryRefsAssignedTo(
  db: Kysely<Database>,
  planId: number,
  userId: number,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('delivery_assignments')
    .innerJoin('delivery_items', 'delivery_items.id', 'delivery_assignments.item_id')
    .select('delivery_items.ref')
    .where('delivery_items.plan_id', '=', planId)
    .where('delivery_assignments.user_id', '=', userId)
    .execute()
  return new Set(rows.map((r) => r.ref))
}

/** A plan's partnership groups and organisations, in the order they were imported. */
export async function listDeliveryGroups(db: Kysely<Database>, planId: number): Promise<DeliveryGroup[]> {
  const rows = await db
    .selectFrom('delivery_groups')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute()
  return rows.map((r) => ({ name: r.name, decisionMaking: r.decision_making, delivery: r.delivery }))
}

/** Adds or updates a group by name. */
export async function saveDeliveryGroup(
  db: Kysely<Database>,
  planId: number,
  group: DeliveryGroup,
  position: number,
): Promise<void> {
  const columns = { decision_making: group.decisionMaking, delivery: group.delivery }
  const updated = await db
    .updateTable('delivery_groups')
    .set(columns)
    .where('plan_id', '=', planId)
    .where('name', '=', group.name)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) === 0)
    await db
      .insertInto('delivery_groups')
      .values({ ...columns, plan_id: planId, name: group.name, position })
      .execute()
}

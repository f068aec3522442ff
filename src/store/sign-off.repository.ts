import type { Kysely } from 'kysely'
import { parsePeriod } from '../domain/periods/period.ts'
import type { SignOff } from '../domain/access/sign-off.ts'
import type { Database } from './schema.ts'

/** A sign-off as stored: the domain's view of it and the plan it belongs to. */
export interface SignOffRecord {
  readonly planId: number
  readonly signOff: SignOff
}

const COLUMNS = [
  'id',
  'plan_id',
  'period',
  'locked_at',
  'locked_by',
  'committee',
  'unlocked_at',
  'unlocked_by',
  'unlock_reason',
] as const

function toSignOff(row: {
  id: number
  period: string
  locked_at: string
  locked_by: string
  committee: string | null
  unlocked_at: string | null
  unlocked_by: string | null
  unlock_reason: string | null
}): SignOff {
  return {
    id: row.id,
    period: parsePeriod(row.period),
    lockedAt: row.locked_at,
    lockedBy: row.locked_by,
    committee: row.committee,
    unlockedAt: row.unlocked_at,
    unlockedBy: row.unlocked_by,
    unlockReason: row.unlock_reason,
  }
}

/** A plan's sign-offs, oldest first (without their snapshots, which can be megabytes). */
export async function listSignOffs(db: Kysely<Database>, planId: number): Promise<SignOff[]> {
  const rows = await db
    .selectFrom('period_sign_offs')
    .select(COLUMNS)
    .where('plan_id', '=', planId)
    .orderBy('id')
    .execute()
  return rows.map(toSignOff)
}

export async function insertSignOff(
  db: Kysely<Database>,
  planId: number,
  row: {
    period: string
    lockedAt: string
    lockedBy: string
    committee: string | null
    snapshot: string
    snapshotData: string
  },
): Promise<number> {
  const inserted = await db
    .insertInto('period_sign_offs')
    .values({
      plan_id: planId,
      period: row.period,
      locked_at: row.lockedAt,
      locked_by: row.lockedBy,
      committee: row.committee,
      snapshot: row.snapshot,
      snapshot_data: row.snapshotData,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return inserted.id
}

/** Records the unlocking of a sign-off on its own row; nothing is deleted. */
export async function unlockSignOff(
  db: Kysely<Database>,
  id: number,
  unlock: { at: string; by: string; reason: string },
): Promise<void> {
  await db
    .updateTable('period_sign_offs')
    .set({ unlocked_at: unlock.at, unlocked_by: unlock.by, unlock_reason: unlock.reason })
    .where('id', '=', id)
    .where('unlocked_at', 'is', null)
    .execute()
}

/** A sign-off's stored report JSON and the data it was made from. */
export async function findSnapshot(
  db: Kysely<Database>,
  id: number,
): Promise<{ readonly snapshot: string; readonly snapshotData: string } | undefined> {
  const row = await db
    .selectFrom('period_sign_offs')
    .select(['snapshot', 'snapshot_data'])
    .where('id', '=', id)
    .executeTakeFirst()
  return row && { snapshot: row.snapshot, snapshotData: row.snapshot_data }
}

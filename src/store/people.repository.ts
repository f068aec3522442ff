import type { Kysely } from 'kysely'
import type { Role } from '../domain/access/access.ts'
import type { Database } from './schema.ts'
import { type UserRecord, toUser } from './user.repository.ts'

/** People: one person by id, their details, deactivation, and the single-use links that set a password. */
export async function findUserById(db: Kysely<Database>, id: number): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toUser(row)
}

export async function updateUserDetails(
  db: Kysely<Database>,
  id: number,
  details: { name: string; role: Role },
): Promise<void> {
  await db.updateTable('users').set({ name: details.name, role: details.role }).where('id', '=', id).execute()
}

/** Deactivates a person and ends every session they have, in one transaction; or reactivates them. */
export async function setUserActive(db: Kysely<Database>, id: number, active: boolean, at: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ active: active ? 1 : 0, deactivated_at: active ? null : at })
      .where('id', '=', id)
      .execute()
    if (!active) {
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute()
      await trx.deleteFrom('password_links').where('user_id', '=', id).execute()
    }
  })
}

export interface PasswordLinkRecord {
  readonly userId: number
  readonly purpose: 'invite' | 'reset'
  readonly expiresAt: string
  readonly usedAt: string | null
}

/** Stores a new link, replacing any earlier unused one of the person's: only the newest link works. */
export async function insertPasswordLink(
  db: Kysely<Database>,
  link: { tokenHash: string; userId: number; purpose: 'invite' | 'reset'; at: string; by: string; expiresAt: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('password_links').where('user_id', '=', link.userId).where('used_at', 'is', null).execute()
    await trx
      .insertInto('password_links')
      .values({
        token_hash: link.tokenHash,
        user_id: link.userId,
        purpose: link.purpose,
        created_at: link.at,
        created_by: link.by,
        expires_at: link.expiresAt,
      })
      .execute()
  })
}

export async function findPasswordLink(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<PasswordLinkRecord | undefined> {
  const row = await db.selectFrom('password_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
  return (
    row && {
      userId: row.user_id,
      purpose: row.purpose === 'reset' ? 'reset' : 'invite',
      expiresAt: row.expires_at,
      usedAt: row.used_at,
    }
  )
}

/**
 * Uses a link: sets the password and marks the link used, once. False when the link was used meanwhile (two tabs,
 * a double click): the update only takes an unused link. A reset also ends the person's other sessions.
 */
export async function usePasswordLink(
  db: Kysely<Database>,
  tokenHash: string,
  userId: number,
  passwordHash: string,
  at: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('password_links')
      .set({ used_at: at })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .executeTakeFirst()
    if (Number(used.numUpdatedRows) !== 1) return false
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute()
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute()
    return true
  })
}

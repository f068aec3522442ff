import { CompiledQuery, type Kysely } from 'kysely'
import { type Actor, ROLES, parseRole } from '../domain/access/access.ts'
import type { Database, UserRow } from './schema.ts'

export interface UserRecord extends Actor {
  readonly passwordHash: string
  readonly createdAt: string
  /** False once deactivated: they cannot sign in. */
  readonly active: boolean
}

export function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: parseRole(row.role),
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    active: row.active !== 0,
  }
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRecord | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst()
  return row && toUser(row)
}

export async function listUsers(db: Kysely<Database>): Promise<UserRecord[]> {
  return (await db.selectFrom('users').selectAll().orderBy('name').execute()).map(toUser)
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const { count } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow()
  return Number(count)
}

export async function insertUser(
  db: Kysely<Database>,
  user: { email: string; name: string; role: (typeof ROLES)[number]; passwordHash: string; createdAt: string },
): Promise<number> {
  const { id } = await db
    .insertInto('users')
    .values({
      email: user.email.trim().toLowerCase(),
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      created_at: user.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function insertSession(
  db: Kysely<Database>,
  tokenHash: string,
  userId: number,
  createdAt: string,
  expiresAt: string,
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ token_hash: tokenHash, user_id: userId, created_at: createdAt, expires_at: expiresAt })
    .execute()
}

/** The session look-up's SQL, written once per database: it runs on every request, and building it costs more than it. */
const sessionQueries = new WeakMap<Kysely<Database>, string>()

/** A session and its user, for checking its idle and absolute expiry; expired sessions are ignored. */
export async function findSession(
  db: Kysely<Database>,
  tokenHash: string,
  now: string,
): Promise<{ user: UserRecord; createdAt: string; expiresAt: string } | undefined> {
  let text = sessionQueries.get(db)
  if (text === undefined) {
    text = db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select(['sessions.created_at as session_created_at', 'sessions.expires_at as session_expires_at'])
      .where('sessions.token_hash', '=', '')
      .where('sessions.expires_at', '>', '')
      .compile().sql
    sessionQueries.set(db, text)
  }
  const { rows } = await db.executeQuery<UserRow & { session_created_at: string; session_expires_at: string }>(
    CompiledQuery.raw(text, [tokenHash, now]),
  )
  const row = rows[0]
  if (!row) return undefined
  const { session_created_at: createdAt, session_expires_at: expiresAt, ...user } = row
  return { user: toUser(user), createdAt, expiresAt }
}

/** Moves a session's idle deadline on. */
export async function extendSession(db: Kysely<Database>, tokenHash: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute()
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute()
}

export async function assignIndicator(db: Kysely<Database>, indicatorId: number, userId: number): Promise<boolean> {
  const existing = await db
    .selectFrom('indicator_assignments')
    .select('user_id')
    .where('indicator_id', '=', indicatorId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (existing) return false
  await db.insertInto('indicator_assignments').values({ indicator_id: indicatorId, user_id: userId }).execute()
  return true
}

/** The ids of the indicators assigned to a user. */
export async function assignedIndicatorIds(db: Kysely<Database>, userId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('indicator_assignments')
    .select('indicator_id')
    .where('user_id', '=', userId)
    .execute()
  return new Set(rows.map((row) => row.indicator_id))
}

/** Who owns each of a plan's indicators: indicator id to user names. */
export async function ownersOfPlan(db: Kysely<Database>, planId: number): Promise<Map<number, string[]>> {
  const rows = await db
    .selectFrom('indicator_assignments')
    .innerJoin('indicators', 'indicators.id', 'indicator_assignments.indicator_id')
    .innerJoin('users', 'users.id', 'indicator_assignments.user_id')
    .select(['indicators.id as indicatorId', 'users.name as name'])
    .where('indicators.plan_id', '=', planId)
    .orderBy('users.name')
    .execute()
  const owners = new Map<number, string[]>()
  for (const row of rows) owners.set(row.indicatorId, [...(owners.get(row.indicatorId) ?? []), row.name])
  return owners
}

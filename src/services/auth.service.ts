import { createHash, randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import type { Kysely } from 'kysely'
import { type Actor, type Role, parseRole } from '../domain/access.ts'
import { DomainError } from '../domain/errors.ts'
import { assignDeliveryItem, listDeliveryItems } from '../store/delivery.repository.ts'
import { listIndicators } from '../store/indicator.repository.ts'
import { assignTreatment, listRisks } from '../store/risk.repository.ts'
import { findPlanByName, listPlans } from '../store/plan.repository.ts'
import type { Database } from '../store/schema.ts'
import {
  assignIndicator,
  assignedIndicatorIds,
  countUsers,
  deleteExpiredSessions,
  deleteSession,
  findSessionUser,
  findUserByEmail,
  insertSession,
  insertUser,
  listUsers,
} from '../store/user.repository.ts'

/** Sessions last a working day and a half; signing in again is cheap, a stolen cookie's life is short. */
const SESSION_HOURS = 36
const MIN_PASSWORD_LENGTH = 12
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** argon2id (the library's default algorithm) at its recommended cost; the PHC string starts "$argon2id$". */
function hashPassword(password: string): Promise<string> {
  return hash(password)
}

/** What a user can be made responsible for. */
export type AssignmentKind = 'indicator' | 'item' | 'treatment'

const ASSIGNABLE: Readonly<Record<AssignmentKind, string>> = {
  indicator: 'indicator',
  item: 'priority, action or milestone',
  treatment: 'risk treatment',
}

export interface NewUser {
  readonly email: string
  readonly name: string
  /** A role, or its long name as typed ("performance officer"). */
  readonly role: string
  readonly password: string
}

/** Signing in and out, sessions, users and who owns which indicator. */
export function createAuthService(db: Kysely<Database>, now: () => Date) {
  // Verified against when the email is unknown, so a wrong email takes as long as a wrong password.
  let decoyHash: Promise<string> | null = null

  async function signIn(email: string, password: string): Promise<{ token: string; user: Actor } | null> {
    const user = await findUserByEmail(db, email)
    if (!user) {
      decoyHash ??= hashPassword(randomBytes(16).toString('hex'))
      await verify(await decoyHash, password).catch(() => false)
      return null
    }
    if (!(await verify(user.passwordHash, password).catch(() => false))) return null
    const token = randomBytes(32).toString('base64url')
    const at = now()
    await deleteExpiredSessions(db, at.toISOString())
    await insertSession(
      db,
      tokenHash(token),
      user.id,
      at.toISOString(),
      new Date(at.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
    )
    return { token, user: { id: user.id, email: user.email, name: user.name, role: user.role } }
  }

  async function userForSession(token: string | undefined): Promise<Actor | null> {
    if (!token) return null
    const user = await findSessionUser(db, tokenHash(token), now().toISOString())
    return user ? { id: user.id, email: user.email, name: user.name, role: user.role } : null
  }

  async function signOut(token: string | undefined): Promise<void> {
    if (token) await deleteSession(db, tokenHash(token))
  }

  async function addUser(user: NewUser): Promise<Actor> {
    const email = user.email.trim().toLowerCase()
    if (!EMAIL.test(email))
      throw new DomainError(
        'invalid-value',
        `"${user.email}" is not an email address. Enter one like name@council.gov.uk.`,
      )
    if (user.name.trim() === '') throw new DomainError('invalid-value', 'Enter the person’s name.')
    if (user.password.length < MIN_PASSWORD_LENGTH) {
      throw new DomainError('invalid-value', `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`)
    }
    let role: Role
    try {
      role = parseRole(user.role)
    } catch (error) {
      throw new DomainError('invalid-value', (error as Error).message)
    }
    if (await findUserByEmail(db, email))
      throw new DomainError('conflict', `A user with the email ${email} already exists.`)
    const id = await insertUser(db, {
      email,
      name: user.name.trim(),
      role,
      passwordHash: await hashPassword(user.password),
      createdAt: now().toISOString(),
    })
    return { id, email, name: user.name.trim(), role }
  }

  /**
   * Makes a user responsible for something in a plan: an indicator (its figures and exception reports), a delivery
   * item (its status) or a risk treatment (its quarterly progress). With one plan holding the ref, the plan may be
   * left out.
   */
  async function assign(
    email: string,
    ref: string,
    planName?: string,
    kind: AssignmentKind = 'indicator',
  ): Promise<{ plan: string; added: boolean }> {
    const user = await findUserByEmail(db, email)
    if (!user)
      throw new DomainError(
        'not-found',
        `There is no user with the email ${email}. Add them first with: outturn user add`,
      )
    const plans =
      planName === undefined ? await listPlans(db) : [await findPlanByName(db, planName)].filter((p) => p !== undefined)
    const matches: { plan: { name: string }; id: number }[] = []
    for (const plan of plans) {
      const id = await findAssignable(plan.id, ref, kind)
      if (id !== undefined) matches.push({ plan, id })
    }
    const [match, ...others] = matches
    if (!match)
      throw new DomainError(
        'not-found',
        `No ${ASSIGNABLE[kind]} has the reference "${ref}"${planName ? ` in the plan "${planName}"` : ''}.`,
      )
    if (others.length > 0) {
      throw new DomainError(
        'conflict',
        `"${ref}" is in more than one plan (${matches.map((m) => m.plan.name).join(', ')}). Name the plan with --plan.`,
      )
    }
    const added =
      kind === 'indicator'
        ? await assignIndicator(db, match.id, user.id)
        : kind === 'item'
          ? await assignDeliveryItem(db, match.id, user.id)
          : await assignTreatment(db, match.id, user.id)
    return { plan: match.plan.name, added }
  }

  async function findAssignable(planId: number, ref: string, kind: AssignmentKind): Promise<number | undefined> {
    switch (kind) {
      case 'indicator':
        return (await listIndicators(db, planId)).find((record) => record.indicator.ref === ref)?.id
      case 'item':
        return (await listDeliveryItems(db, planId)).find((record) => record.item.ref === ref)?.id
      case 'treatment':
        return (await listRisks(db, planId)).find((stored) => stored.treatmentIds.has(ref))?.treatmentIds.get(ref)
    }
  }

  return {
    signIn,
    userForSession,
    signOut,
    addUser,
    assign,
    listUsers: async () => (await listUsers(db)).map(({ id, email, name, role }) => ({ id, email, name, role })),
    countUsers: () => countUsers(db),
    assignedIndicatorIds: (userId: number) => assignedIndicatorIds(db, userId),
  }
}

export type AuthService = ReturnType<typeof createAuthService>

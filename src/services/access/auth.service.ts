import { createHash, randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import type { Kysely } from 'kysely'
import { type Actor, type Role, parseRole } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import { normalisePassword, passwordProblem } from '../../domain/access/password.ts'
import { assignDeliveryItem, listDeliveryItems } from '../../store/delivery.repository.ts'
import { listIndicators } from '../../store/indicator.repository.ts'
import { assignTreatment, listRisks } from '../../store/risk.repository.ts'
import { findPlanByName, listPlans } from '../../store/plan.repository.ts'
import { insertAuditEvents } from '../../store/audit.repository.ts'
import type { Database } from '../../store/schema.ts'
import { webAuditEvent } from '../audit-recorder.ts'
import { commonPasswords } from './common-passwords.ts'
import { createSignInThrottle } from './sign-in-throttle.ts'
import {
  assignIndicator,
  assignedIndicatorIds,
  countUsers,
  deleteExpiredSessions,
  deleteSession,
  extendSession,
  findSession,
  findUserByEmail,
  insertSession,
  insertUser,
  listUsers,
} from '../../store/user.repository.ts'

/**
 * A session ends after an hour without a request (a desk left unlocked at lunch) and ten hours after signing in,
 * whatever happens (a working day: a stolen cookie is good for one day at most). Signing in again is cheap.
 */
export const SESSION_IDLE_MINUTES = 60
export const SESSION_ABSOLUTE_HOURS = 10
/** The idle deadline moves on at most once a minute, so a busy page does not write on every request. */
const EXTEND_EVERY_MS = 60_000
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** argon2id (the library's default algorithm) at its recommended cost; the PHC string starts "$argon2id$". */
export function hashPassword(password: string): Promise<string> {
  return hash(normalisePassword(password))
}

/** Checks a password against its hash, as typed now however the keyboard composed it, or as it was first set. */
async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  const normalised = normalisePassword(password)
  if (await verify(passwordHash, normalised).catch(() => false)) return true
  return normalised !== password && (await verify(passwordHash, password).catch(() => false))
}

/** What a user can be made responsible for. */
export type AssignmentKind = 'indicator' | 'item' | 'treatment'

const ASSIGNABLE: Readonly<Record<AssignmentKind, string>> = {
  indicator: 'indicator',
  item: 'priority, action or milestone',
  treatment: 'risk treatment',
}

/** The audit event for making a person responsible for something in a plan. */
function assignmentEvent(by: Actor, planId: number, kind: AssignmentKind, ref: string, name: string, at: Date) {
  const entity = kind === 'indicator' ? 'indicator' : kind === 'item' ? 'delivery' : 'risk'
  return webAuditEvent(by, at, { planId, entity, ref, field: 'responsible', oldValue: null, newValue: name })
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
  const throttle = createSignInThrottle(now)
  const idleMs = SESSION_IDLE_MINUTES * 60_000
  const absoluteMs = SESSION_ABSOLUTE_HOURS * 3_600_000

  /**
   * Signs a person in from an address: a new session with a new random token, or the reason there is none. While
   * the email or address is locked after repeated failures, nothing is checked, so the answer is the same for an
   * account that exists and one that does not.
   */
  async function signIn(
    email: string,
    password: string,
    address = 'unknown',
  ): Promise<
    | { ok: true; token: string; user: Actor }
    | { ok: false; reason: 'wrong' }
    | { ok: false; reason: 'locked'; minutes: number }
  > {
    const lockedUntil = throttle.lockedUntil(email, address)
    if (lockedUntil !== null)
      return { ok: false, reason: 'locked', minutes: Math.max(1, Math.ceil((lockedUntil - now().getTime()) / 60_000)) }
    const user = await findUserByEmail(db, email)
    if (!user) {
      decoyHash ??= hashPassword(randomBytes(16).toString('hex'))
      await verify(await decoyHash, password).catch(() => false)
      throttle.recordFailure(email, address)
      return { ok: false, reason: 'wrong' }
    }
    if (!user.active || !(await passwordMatches(user.passwordHash, password))) {
      throttle.recordFailure(email, address)
      return { ok: false, reason: 'wrong' }
    }
    throttle.recordSuccess(email, address)
    const token = randomBytes(32).toString('base64url')
    const at = now()
    await deleteExpiredSessions(db, at.toISOString())
    await insertSession(db, tokenHash(token), user.id, at.toISOString(), new Date(at.getTime() + idleMs).toISOString())
    return { ok: true, token, user: { id: user.id, email: user.email, name: user.name, role: user.role } }
  }

  /**
   * The person a session token belongs to, while the session is live: used within the idle time and younger than
   * the absolute limit. Using it moves the idle deadline on, never past the absolute one.
   */
  async function userForSession(token: string | undefined): Promise<Actor | null> {
    if (!token) return null
    const at = now().getTime()
    const hashed = tokenHash(token)
    const session = await findSession(db, hashed, new Date(at).toISOString())
    if (!session?.user.active) return null
    const absoluteEnd = Date.parse(session.createdAt) + absoluteMs
    if (absoluteEnd <= at) {
      await deleteSession(db, hashed)
      return null
    }
    const next = Math.min(at + idleMs, absoluteEnd)
    if (next - Date.parse(session.expiresAt) >= EXTEND_EVERY_MS)
      await extendSession(db, hashed, new Date(next).toISOString())
    const { user } = session
    return { id: user.id, email: user.email, name: user.name, role: user.role }
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
    const problem = passwordProblem(user.password, { email, name: user.name }, commonPasswords())
    if (problem !== null) throw new DomainError('invalid-value', problem)
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
    by?: Actor,
  ): Promise<{ plan: string; added: boolean }> {
    const user = await findUserByEmail(db, email)
    if (!user) throw new DomainError('not-found', `There is no user with the email ${email}. Invite them first.`)
    const plans =
      planName === undefined ? await listPlans(db) : [await findPlanByName(db, planName)].filter((p) => p !== undefined)
    const matches: { plan: { id: number; name: string }; id: number }[] = []
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
    if (added && by) await insertAuditEvents(db, [assignmentEvent(by, match.plan.id, kind, ref, user.name, now())])
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

import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { type Actor, type Role, can, parseRole } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import { LIMITS, requireWithinLimit } from '../../domain/limits.ts'
import { passwordProblem } from '../../domain/access/password.ts'
import { insertAuditEvents } from '../../store/audit.repository.ts'
import {
  findPasswordLink,
  findUserById,
  insertPasswordLink,
  setUserActive,
  updateUserDetails,
  usePasswordLink,
} from '../../store/people.repository.ts'
import { responsibilities } from '../../store/responsibility.repository.ts'
import type { Database } from '../../store/schema.ts'
import { findUserByEmail, insertUser, listUsers } from '../../store/user.repository.ts'
import { webAuditEvent } from '../audit-recorder.ts'
import { EMAIL, hashPassword } from './auth.service.ts'
import { commonPasswords } from './common-passwords.ts'
import { type LinkDelivery, type LinkMailing, sendOrShow } from './send-or-show.ts'

/** An invitation's link works for a week; a reset's for a day. Either works once. */
export const LINK_DAYS = { invite: 7, reset: 1 } as const

const digest = (token: string): string => createHash('sha256').update(token).digest('hex')

export interface Person {
  readonly id: number
  readonly email: string
  readonly name: string
  readonly role: Role
  readonly active: boolean
  /** True until they have set a password from their invitation. */
  readonly invited: boolean
}

/** What a link was made for, and how it left: sent, or to be shown to the administrator. */
export interface LinkIssued {
  readonly person: Person
  readonly purpose: 'invite' | 'reset'
  readonly expiresAt: string
  readonly delivery: LinkDelivery
}

/** Inviting people, editing and deactivating them, and the single-use links that let them set their own password. */
export function createPeopleService(db: Kysely<Database>, now: () => Date, mailing: LinkMailing) {
  function requireAdmin(actor: Actor): void {
    if (!can(actor, 'manage-users')) throw new DomainError('forbidden', 'Only an administrator can manage users.')
  }

  const event = (actor: Actor, ref: string, field: string, oldValue: string | null, newValue: string | null) =>
    webAuditEvent(actor, now(), { planId: null, entity: 'user', ref, field, oldValue, newValue })

  async function person(id: number): Promise<Person> {
    const user = await findUserById(db, id)
    if (!user) throw new DomainError('not-found', 'There is no such user.')
    const { email, name, role, active, passwordHash } = user
    return { id, email, name, role, active, invited: passwordHash === '' }
  }

  async function issueLink(actor: Actor, target: Person, purpose: 'invite' | 'reset'): Promise<LinkIssued> {
    const token = randomBytes(32).toString('base64url')
    const at = now()
    const expiresAt = new Date(at.getTime() + LINK_DAYS[purpose] * 86_400_000).toISOString()
    await insertPasswordLink(db, {
      tokenHash: digest(token),
      userId: target.id,
      purpose,
      at: at.toISOString(),
      by: actor.name,
      expiresAt,
    })
    const path = `/account/password?token=${token}`
    const message = { to: target.email, name: target.name, purpose, path, expiresAt }
    const delivery = await sendOrShow(db, mailing, message, at.toISOString())
    return { person: target, purpose, expiresAt, delivery }
  }

  function roleOf(text: string): Role {
    try {
      return parseRole(text)
    } catch (error) {
      throw new DomainError('invalid-value', (error as Error).message)
    }
  }

  /** Invites a person: their account, with no password until they set one from the link. */
  async function invite(actor: Actor, input: { email: string; name: string; role: string }): Promise<LinkIssued> {
    requireAdmin(actor)
    const email = input.email.trim().toLowerCase()
    const name = input.name.trim()
    if (name === '') throw new DomainError('invalid-value', 'Enter the person’s name.')
    requireWithinLimit(name, LIMITS.personName)
    requireWithinLimit(email, LIMITS.email)
    if (!EMAIL.test(email)) throw new DomainError('invalid-value', `Enter an email address like name@council.gov.uk.`)
    const role = roleOf(input.role)
    if (await findUserByEmail(db, email))
      throw new DomainError('conflict', `A user with the email ${email} already exists.`)
    const id = await insertUser(db, { email, name, role, passwordHash: '', createdAt: now().toISOString() })
    await insertAuditEvents(db, [event(actor, email, 'invited', null, role)])
    return issueLink(actor, await person(id), 'invite')
  }

  /** Sends a person a link to set a new password; their password works until they use it. */
  async function resetPassword(actor: Actor, id: number): Promise<LinkIssued> {
    requireAdmin(actor)
    const target = await person(id)
    if (!target.active) throw new DomainError('conflict', `${target.name} is deactivated: reactivate them first.`)
    await insertAuditEvents(db, [event(actor, target.email, 'password reset link', null, 'sent')])
    return issueLink(actor, target, target.invited ? 'invite' : 'reset')
  }

  async function edit(actor: Actor, id: number, input: { name: string; role: string }): Promise<Person> {
    requireAdmin(actor)
    const before = await person(id)
    const name = input.name.trim()
    if (name === '') throw new DomainError('invalid-value', 'Enter the person’s name.')
    requireWithinLimit(name, LIMITS.personName)
    const role = roleOf(input.role)
    if (before.id === actor.id && role !== before.role)
      throw new DomainError('invalid-value', 'You cannot change your own role: ask another administrator.')
    await updateUserDetails(db, id, { name, role })
    const events = [
      ...(name !== before.name ? [event(actor, before.email, 'name', before.name, name)] : []),
      ...(role !== before.role ? [event(actor, before.email, 'role', before.role, role)] : []),
    ]
    if (events.length > 0) await insertAuditEvents(db, events)
    return person(id)
  }

  /** Deactivates a person (their sessions end at once, their history stays), or reactivates them. */
  async function setActive(actor: Actor, id: number, active: boolean): Promise<Person> {
    requireAdmin(actor)
    const target = await person(id)
    if (target.id === actor.id) throw new DomainError('invalid-value', 'You cannot deactivate yourself.')
    if (target.active === active) return target
    await setUserActive(db, id, active, now().toISOString())
    await insertAuditEvents(db, [
      event(actor, target.email, 'active', target.active ? 'yes' : 'no', active ? 'yes' : 'no'),
    ])
    return person(id)
  }

  /** Whom a link is for, while it works: unused, unexpired, for an active person. */
  async function linkHolder(token: string): Promise<Person | null> {
    const link = await findPasswordLink(db, digest(token))
    if (!link || link.usedAt !== null || link.expiresAt <= now().toISOString()) return null
    const holder = await person(link.userId)
    return holder.active ? holder : null
  }

  /** Sets a person's own password from their link, once. Returns them, or why not. */
  async function setPasswordFromLink(
    token: string,
    password: string,
    confirmation: string,
  ): Promise<{ ok: true; person: Person } | { ok: false; field: 'password' | 'confirm' | 'link'; message: string }> {
    const holder = await linkHolder(token)
    const expired = {
      ok: false,
      field: 'link',
      message: 'This link has been used or has expired. Ask an administrator for a new one.',
    } as const
    if (!holder) return expired
    const problem = passwordProblem(password, { email: holder.email, name: holder.name }, commonPasswords())
    if (problem !== null) return { ok: false, field: 'password', message: problem }
    if (password !== confirmation)
      return { ok: false, field: 'confirm', message: 'The passwords do not match. Enter the same password twice.' }
    const at = now().toISOString()
    if (!(await usePasswordLink(db, digest(token), holder.id, await hashPassword(password), at))) return expired
    await insertAuditEvents(db, [event(holder, holder.email, 'password', null, 'set from a single-use link')])
    return { ok: true, person: await person(holder.id) }
  }

  async function list(): Promise<Person[]> {
    return (await listUsers(db)).map(({ id, email, name, role, active, passwordHash }) => ({
      id,
      email,
      name,
      role,
      active,
      invited: passwordHash === '',
    }))
  }

  return {
    invite,
    resetPassword,
    edit,
    setActive,
    linkHolder,
    setPasswordFromLink,
    person,
    list,
    /** What a person is responsible for, each in its plan. */
    responsibilitiesOf: (id: number) => responsibilities(db, id),
    /** Everything in every plan a person can be made responsible for. */
    assignable: () => responsibilities(db),
  }
}

export type PeopleService = ReturnType<typeof createPeopleService>

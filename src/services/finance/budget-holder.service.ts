import type { Kysely } from 'kysely'
import type { Actor } from '../../domain/access/access.ts'
import { type SignOff, lockingSignOff, signOffsInForce } from '../../domain/access/sign-off.ts'
import { DomainError } from '../../domain/errors.ts'
import {
  type CommentaryEntry,
  type CommentaryInput,
  mayAssignBudgetHolders,
  mayHoldBudget,
  mayWriteCommentary,
  readCommentary as readCommentaryForm,
} from '../../domain/finance/commentary.ts'
import { LIMITS, lengthErrors } from '../../domain/limits.ts'
import { type Period, describePeriod, formatPeriod, parsePeriod } from '../../domain/periods/period.ts'
import { type AuditEvent, insertAuditEvents, listAuditEvents } from '../../store/audit.repository.ts'
import {
  type BudgetHolderRecord,
  type HeldCommentary,
  type StatementRecord,
  findPlanStatement,
  heldStatements,
  listPlanStatements,
  planBudgetHolders,
  readCommentary,
  removeBudgetHolder,
  statementsWithLines,
} from '../../store/budget-holder.repository.ts'
import { assignBudgetHolder, budgetHolders, saveCommentary } from '../../store/finance.repository.ts'
import { type PlanRecord, findPlanBySlug } from '../../store/plan.repository.ts'
import { listRounds } from '../../store/round.repository.ts'
import type { Database } from '../../store/schema.ts'
import { listSignOffs } from '../../store/sign-off.repository.ts'
import { listUsers } from '../../store/user.repository.ts'
import { AuditRecorder } from '../audit-recorder.ts'
import { reasonError, revisionCheck, revisionMarks } from '../periods/period-lock.ts'
import type { SaveResult } from '../round/entry.service.ts'

/** The audit trail's names for the budget holder's two fields, and for who holds a statement. */
export const COMMENTARY_FIELDS = { comments: 'comments', projectedOutturn: 'projected outturn' } as const
export const HOLDER_FIELD = 'budget holder'

/** What the budget holder's form shows: the statement, what is held for the period, its holders and its changes. */
export interface CommentaryContext {
  readonly plan: PlanRecord
  readonly statement: StatementRecord
  readonly period: Period
  readonly held: HeldCommentary | null
  readonly holders: readonly BudgetHolderRecord[]
  /** The sign-off locking the period, if any. */
  readonly lock: SignOff | null
  /** Every change to the statement's entries and holders, newest first. */
  readonly history: readonly AuditEvent[]
}

/** What a budget holder submits: the entry, and the reason when revising a signed-off period. */
export interface CommentarySubmission extends CommentaryInput {
  readonly reason: string
}

/** A statement with its holders, for the assignment page. */
export interface StatementHolders {
  readonly statement: StatementRecord
  readonly holders: readonly BudgetHolderRecord[]
}

/** A statement a person holds in a plan's open reporting round, and whether its comments are written. */
export interface HeldInRound {
  readonly plan: { readonly name: string; readonly slug: string }
  readonly statement: StatementRecord
  readonly period: Period
  readonly due: string
  readonly written: boolean
}

const person = (p: { name: string; email: string }): string => `${p.name} (${p.email})`

/**
 * Budget holders: the performance team makes people the holders of a plan's revenue statements, and each holder
 * writes their statements' comments and projected outturn for a period. Every save and assignment is audited.
 */
export function createBudgetHolderService(db: Kysely<Database>, now: () => Date) {
  async function requirePlan(slug: string): Promise<PlanRecord> {
    const plan = await findPlanBySlug(db, slug)
    if (!plan) throw new DomainError('not-found', `There is no plan at ${slug}.`)
    return plan
  }

  async function requireStatement(plan: PlanRecord, statementId: number): Promise<StatementRecord> {
    const statement = await findPlanStatement(db, plan.id, statementId)
    if (!statement) throw new DomainError('not-found', `${plan.name} has no financial statement ${statementId}.`)
    return statement
  }

  async function holds(actor: Actor, statementId: number): Promise<boolean> {
    return (await budgetHolders(db, statementId)).includes(actor.id)
  }

  async function history(plan: PlanRecord, statement: StatementRecord): Promise<AuditEvent[]> {
    return (await listAuditEvents(db, plan.id, statement.name)).filter((e) => e.entity === 'budget')
  }

  /**
   * The form for a statement's period, for those who may write it: refuses an unknown plan or statement, a period
   * the statement has no figures for, and anyone but the performance team and the statement's own holders.
   */
  async function commentaryContext(
    actor: Actor,
    planSlug: string,
    statementId: number,
    period: Period,
  ): Promise<CommentaryContext> {
    const plan = await requirePlan(planSlug)
    const statement = await requireStatement(plan, statementId)
    if (!mayWriteCommentary(actor, await holds(actor, statement.id)))
      throw new DomainError(
        'forbidden',
        `You cannot write the comments for ${statement.name}: you are not its budget holder.`,
      )
    const key = formatPeriod(period)
    if (!(await statementsWithLines(db, plan.id, key)).has(statement.id))
      throw new DomainError(
        'not-found',
        `${statement.name} has no figures for ${describePeriod(period)}: import its budget for the period first.`,
      )
    const [held, holders, signOffs, changes] = await Promise.all([
      readCommentary(db, statement.id, key),
      planBudgetHolders(db, plan.id),
      listSignOffs(db, plan.id),
      history(plan, statement),
    ])
    return {
      plan,
      statement,
      period,
      held: held ?? null,
      holders: holders.filter((h) => h.statementId === statement.id),
      lock: lockingSignOff(signOffsInForce(signOffs), period),
      history: changes,
    }
  }

  /**
   * Saves the comments and projected outturn for a statement's period: the holder for their own statements, the
   * performance team for any. A signed-off period refuses a holder outright; the performance team gives a reason,
   * and the change is listed among the period's revisions. All checks first, then the entry and its audit events
   * together; nothing is written when anything is refused.
   */
  async function saveEntry(
    actor: Actor,
    planSlug: string,
    statementId: number,
    period: Period,
    input: CommentarySubmission,
  ): Promise<SaveResult> {
    const context = await commentaryContext(actor, planSlug, statementId, period)
    const lock = await revisionCheck(db, actor, context.plan.id, period, input.reason.trim() || null)
    const long = lengthErrors([['reason', input.reason, LIMITS.reason]])
    const read = readCommentaryForm(input, context.statement)
    const errors = [...(read.ok ? [] : read.errors), ...long]
    const before: CommentaryEntry = {
      comments: context.held?.comments ?? null,
      projectedOutturn: context.held?.projectedOutturn ?? null,
    }
    const after = read.ok ? read.entry : before
    const changed = (['comments', 'projectedOutturn'] as const).filter((field) => before[field] !== after[field])
    if (errors.length > 0 || changed.length > 0) errors.push(...reasonError(lock))
    if (errors.length > 0) return { ok: false, errors }
    if (changed.length === 0) return { ok: true, changes: 0 }
    const at = now().toISOString()
    const revision = revisionMarks(lock)
    const audit = new AuditRecorder({ at, actor: actor.email, source: 'web', planId: context.plan.id })
    audit.recordEdit(
      'budget',
      context.statement.name,
      formatPeriod(period),
      changed.map((field) => [COMMENTARY_FIELDS[field], before[field], after[field]] as const),
      () => revision?.reason ?? null,
      revision?.signOffId,
    )
    await db.transaction().execute(async (trx) => {
      await saveCommentary(trx, context.statement.id, formatPeriod(period), after, actor.email, at)
      await insertAuditEvents(trx, audit.events)
    })
    return { ok: true, changes: changed.length }
  }

  function requireAssigner(actor: Actor): void {
    if (!mayAssignBudgetHolders(actor))
      throw new DomainError('forbidden', 'Only the performance team can choose budget holders.')
  }

  /** A plan's statements with their holders, and everyone who may hold a budget: for the assignment page. */
  async function assignments(
    actor: Actor,
    planSlug: string,
  ): Promise<{
    plan: PlanRecord
    statements: StatementHolders[]
    people: { id: number; name: string; email: string }[]
  }> {
    requireAssigner(actor)
    const plan = await requirePlan(planSlug)
    const [statements, holders, users] = await Promise.all([
      listPlanStatements(db, plan.id),
      planBudgetHolders(db, plan.id),
      listUsers(db),
    ])
    return {
      plan,
      statements: statements.map((statement) => ({
        statement,
        holders: holders.filter((h) => h.statementId === statement.id),
      })),
      people: users.filter((u) => u.active && mayHoldBudget(u)).map(({ id, name, email }) => ({ id, name, email })),
    }
  }

  /**
   * Makes a person a statement's budget holder (`assign`) or takes them off (`remove`), audited with who was added
   * or removed. Refuses anyone but the performance team, an unknown person, and a viewer (who may not write).
   */
  async function changeHolder(
    actor: Actor,
    planSlug: string,
    statementId: number,
    userId: number,
    action: 'assign' | 'remove',
  ): Promise<{ statement: StatementRecord; person: string; changed: boolean }> {
    requireAssigner(actor)
    const plan = await requirePlan(planSlug)
    const statement = await requireStatement(plan, statementId)
    const user = (await listUsers(db)).find((u) => u.id === userId)
    if (!user) throw new DomainError('not-found', 'There is no such person. Choose one from the list.')
    if (action === 'assign' && (!user.active || !mayHoldBudget(user)))
      throw new DomainError(
        'invalid-value',
        `${user.name} cannot hold a budget: ${user.active ? 'a viewer cannot write comments. Change their role first' : 'their account is deactivated'}.`,
      )
    const at = now()
    const audit = new AuditRecorder({ at: at.toISOString(), actor: actor.email, source: 'web', planId: plan.id })
    const name = person(user)
    let changed = false
    await db.transaction().execute(async (trx) => {
      const held = (await budgetHolders(trx, statement.id)).includes(user.id)
      if (action === 'assign' && !held) {
        await assignBudgetHolder(trx, statement.id, user.id, actor.email, at.toISOString())
        audit.record('budget', statement.name, null, HOLDER_FIELD, null, name)
      } else if (action === 'remove' && held) {
        await removeBudgetHolder(trx, statement.id, user.id)
        audit.record('budget', statement.name, null, HOLDER_FIELD, name, null)
      }
      changed = audit.events.length > 0
      await insertAuditEvents(trx, audit.events)
    })
    return { statement, person: name, changed }
  }

  /** The ids of a plan's statements an actor may write for a period (those with figures): for the finance page. */
  async function writableStatements(actor: Actor, planId: number, period: string): Promise<Map<string, number>> {
    const [statements, withLines, holders] = await Promise.all([
      listPlanStatements(db, planId),
      statementsWithLines(db, planId, period),
      planBudgetHolders(db, planId),
    ])
    const mine = new Set(holders.filter((h) => h.userId === actor.id).map((h) => h.statementId))
    return new Map(
      statements
        .filter((s) => withLines.has(s.id) && mayWriteCommentary(actor, mine.has(s.id)))
        .map((s) => [s.name, s.id]),
    )
  }

  /**
   * The statements a person holds in each plan's open reporting round (one not yet signed off) that has figures for
   * the round's period, with whether the comments are written: what they have to do as budget holder.
   */
  async function heldInRounds(actor: Actor): Promise<HeldInRound[]> {
    if (actor.role === 'viewer') return []
    const held = await heldStatements(db, actor.id)
    if (held.length === 0) return []
    const rounds = await listRounds(db)
    const found: HeldInRound[] = []
    for (const planId of new Set(held.map((s) => s.planId))) {
      const signOffs = signOffsInForce(await listSignOffs(db, planId))
      for (const round of rounds.filter((r) => r.planId === planId)) {
        const period = parsePeriod(round.period)
        if (lockingSignOff(signOffs, period)) continue
        const withLines = await statementsWithLines(db, planId, round.period)
        for (const s of held.filter((h) => h.planId === planId && withLines.has(h.id))) {
          const entry = await readCommentary(db, s.id, round.period)
          found.push({
            plan: { name: s.planName, slug: s.planSlug },
            statement: { id: s.id, planId: s.planId, name: s.name, unit: s.unit },
            period,
            due: round.due,
            written: (entry?.comments ?? '') !== '',
          })
        }
      }
    }
    return found
  }

  return { commentaryContext, saveEntry, assignments, changeHolder, writableStatements, heldInRounds }
}

export type BudgetHolderService = ReturnType<typeof createBudgetHolderService>

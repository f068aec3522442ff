import type { Kysely } from 'kysely'
import { type Actor, can } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import { type Decimal, compare, decimalToString, parseDecimal } from '../../domain/figures/decimal.ts'
import { type BudgetRule, DEFAULT_BUDGET_RULE, budgetRule } from '../../domain/finance/index.ts'
import { type AuditEvent, insertAuditEvents, listAuditEvents } from '../../store/audit.repository.ts'
import { readBudgetRule, writeBudgetRule } from '../../store/budget-rule.repository.ts'
import { type PlanRecord, findPlanByName, findPlanBySlug } from '../../store/plan.repository.ts'
import type { Database } from '../../store/schema.ts'
import { AuditRecorder } from '../audit-recorder.ts'
import type { FieldError, SaveResult } from '../round/entry.service.ts'

/** The audit trail's name for the rule, as the Rules page and `outturn plan rules --budget-red-over` call it. */
export const BUDGET_RULE_FIELD = 'rule: budget_red_over'

const HUNDRED: Decimal = { units: 100n, scale: 0 }

/** A plan's budget rule as a person reads it. */
export interface BudgetRuleView {
  readonly plan: PlanRecord
  /** The percentage the plan sets ("5"), or null where it sets none and the default applies. */
  readonly text: string | null
  readonly rule: BudgetRule
  /** Every change to it, newest first. */
  readonly history: readonly AuditEvent[]
}

/** The rule a stored percentage makes; the default where the plan sets none. */
export function budgetRuleOf(text: string | null): BudgetRule {
  const pct = text === null ? null : parseDecimal(text)
  return pct === null ? DEFAULT_BUDGET_RULE : budgetRule(pct)
}

/** Reads "5", "5%" or " 7.5 % " as a percentage from 0 to 100; empty is "the default". */
export function readRedOverPercent(text: string): { value: string | null } | { error: string } {
  const trimmed = text.trim().replace(/\s*%$/, '')
  if (trimmed === '') return { value: null }
  const pct = parseDecimal(trimmed)
  if (pct === null || compare(pct, { units: 0n, scale: 0 }) < 0 || compare(pct, HUNDRED) > 0)
    return { error: 'Enter the percentage over profile as a number from 0 to 100, like 5 or 7.5' }
  return { value: decimalToString(pct) }
}

/** A plan's rule for the budget status of its statements: read by every report and page, set by the performance team. */
export function createBudgetRuleService(db: Kysely<Database>, now: () => Date) {
  async function planOf(planSlugOrName: string): Promise<PlanRecord> {
    const plan = (await findPlanBySlug(db, planSlugOrName)) ?? (await findPlanByName(db, planSlugOrName))
    if (!plan) throw new DomainError('not-found', `There is no plan "${planSlugOrName}".`)
    return plan
  }

  return {
    async view(planSlugOrName: string): Promise<BudgetRuleView> {
      const plan = await planOf(planSlugOrName)
      const text = await readBudgetRule(db, plan.id)
      const history = (await listAuditEvents(db, plan.id, plan.name)).filter((e) => e.field === BUDGET_RULE_FIELD)
      return { plan, text, rule: budgetRuleOf(text), history }
    },

    /** Changes the percentage (empty: back to the default), with a reason; audited, and nothing written on error. */
    async setRule(
      actor: Actor,
      planSlugOrName: string,
      input: { readonly redOverPercent: string; readonly reason: string },
      source = 'web',
    ): Promise<SaveResult> {
      if (!can(actor, 'edit-framework'))
        throw new DomainError('forbidden', 'Only the performance team can change the budget rule.')
      const plan = await planOf(planSlugOrName)
      const errors: FieldError[] = []
      const read = readRedOverPercent(input.redOverPercent)
      if ('error' in read) errors.push({ field: 'redOverPercent', message: read.error })
      const held = await readBudgetRule(db, plan.id)
      const value = 'value' in read ? read.value : held
      if (errors.length === 0 && value !== held && input.reason.trim() === '')
        errors.push({ field: 'budgetReason', message: 'Give the reason for changing the budget rule' })
      if (errors.length > 0) return { ok: false, errors }
      if (value === held) return { ok: true, changes: 0 }
      const at = now().toISOString()
      const audit = new AuditRecorder({ at, actor: actor.email, source, planId: plan.id })
      audit.record('plan', plan.name, null, BUDGET_RULE_FIELD, held, value, input.reason.trim())
      await db.transaction().execute(async (trx) => {
        await writeBudgetRule(trx, plan.id, value, actor.email, at)
        await insertAuditEvents(trx, audit.events)
      })
      return { ok: true, changes: 1 }
    },
  }
}

export type BudgetRuleService = ReturnType<typeof createBudgetRuleService>

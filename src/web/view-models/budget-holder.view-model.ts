import { describePeriod, longDate } from '../../domain/periods/period.ts'
import type { BudgetHolderService, HeldInRound } from '../../services/finance/budget-holder.service.ts'
import { paths } from '../paths.ts'

type Assignments = Awaited<ReturnType<BudgetHolderService['assignments']>>

/** One statement on the budget holders page: its holders (each with a remove button) and who else may be added. */
export interface StatementHoldersView {
  readonly id: number
  readonly name: string
  readonly unit: string
  readonly holders: readonly { readonly id: number; readonly text: string }[]
  /** The people who could be added, for the select: the first item asks to choose. */
  readonly options: readonly { readonly value: string; readonly text: string }[]
}

export interface BudgetHoldersPageModel {
  readonly planName: string
  readonly statements: readonly StatementHoldersView[]
}

const personText = (p: { name: string; email: string }): string => `${p.name} (${p.email})`

/** The budget holders page: each of the plan's statements with its holders and the people who may be added. */
export function budgetHoldersPage(model: Assignments): BudgetHoldersPageModel {
  return {
    planName: model.plan.name,
    statements: model.statements.map(({ statement, holders }) => {
      const holding = new Set(holders.map((h) => h.userId))
      return {
        id: statement.id,
        name: statement.name,
        unit: statement.unit,
        holders: holders.map((h) => ({ id: h.userId, text: personText(h) })),
        options: [
          { value: '', text: 'Choose a person' },
          ...model.people.filter((p) => !holding.has(p.id)).map((p) => ({ value: String(p.id), text: personText(p) })),
        ],
      }
    }),
  }
}

/** What the banner says after a change on the page, from the data as it now stands; null when nothing was. */
export function holdersBanner(
  model: Assignments,
  query: { statement?: string | undefined; person?: string | undefined; done?: string | undefined },
): string | null {
  const statement = model.statements.find((s) => String(s.statement.id) === query.statement)?.statement
  const person = model.people.find((p) => String(p.id) === query.person)
  const holder = model.statements
    .flatMap((s) => s.holders)
    .find((h) => String(h.userId) === query.person && String(h.statementId) === query.statement)
  const name = person?.name ?? holder?.name
  if (!statement || name === undefined) return null
  switch (query.done) {
    case 'assigned':
      return `${name} is now a budget holder for ${statement.name}: they can write its comments and projected outturn.`
    case 'removed':
      return `${name} is no longer a budget holder for ${statement.name}.`
    case 'unchanged':
      return `Nothing changed: ${name} was already as asked for ${statement.name}.`
    default:
      return null
  }
}

/** A statement a person holds in an open round, as their returns page lists it. */
export interface HeldBudgetView {
  readonly plan: string
  readonly statement: string
  readonly period: string
  readonly due: string
  readonly written: boolean
  readonly href: string
}

/** The statements a person holds in open rounds, for their returns page: written or not, each linking to its form. */
export function heldBudgetsView(held: readonly HeldInRound[]): HeldBudgetView[] {
  return held.map((h) => ({
    plan: h.plan.name,
    statement: h.statement.name,
    period: describePeriod(h.period),
    due: longDate(h.due),
    written: h.written,
    href: paths.budgetCommentary(h.plan.slug, h.statement.id, h.period, { from: 'returns' }),
  }))
}

import { Type } from 'typebox'
import { DomainError } from '../../domain/errors.ts'
import { type Period, describePeriod, formatPeriod } from '../../domain/periods/period.ts'
import { TOTAL_LABELS } from '../../domain/finance/index.ts'
import type { Services } from '../../services/index.ts'
import { mayAssignBudgetHolders } from '../../domain/finance/commentary.ts'
import { type App, actorOf } from '../app.ts'
import { paths } from '../paths.ts'
import { periodOptions } from '../view-models/common.ts'
import {
  type FinanceSource,
  type FinanceSummaryRow,
  financePageModel,
  financeSummary,
} from '../view-models/finance.view-model.ts'
import { planAndPeriod } from './plan-period.ts'

/** A plan's financial statements for a period: revenue statements, comments, status, variance charts, capital. */
export function financeRoutes(app: App, services: Services, finance: FinanceSource | null): void {
  app.get(
    '/plans/:plan/finance',
    {
      schema: {
        params: Type.Object({ plan: Type.String() }),
        querystring: Type.Object({ period: Type.Optional(Type.String()) }),
      },
    },
    async (request, reply) => {
      const { plan, period, periods } = await planAndPeriod(services, request.params.plan, request.query.period)
      const held = finance ? await finance.financeFor(plan.id, formatPeriod(period)) : null
      const model = held && finance ? financePageModel(held, await finance.ruleFor(plan.id)) : null
      if (!model)
        throw new DomainError('not-found', `${plan.name} has no financial statements for ${describePeriod(period)}.`)
      // The budget holder's form, for each statement the person may write (by position, as the page lists them).
      const actor = actorOf(request)
      const writable = await services.budgetHolders.writableStatements(actor, plan.id, formatPeriod(period))
      const entryLinks = model.statements.map((s) => {
        const id = writable.get(s.view.name)
        return id === undefined ? null : paths.budgetCommentary(plan.slug, id, period)
      })
      return reply.page('finance.njk', {
        title: `Financial statements: ${describePeriod(period)}`,
        planName: plan.name,
        periodLabel: describePeriod(period),
        periodOptions: periodOptions(periods, period),
        formAction: paths.finance(plan.slug),
        model,
        entryLinks,
        holdersHref: mayAssignBudgetHolders(actor) ? paths.budgetHolders(plan.slug) : null,
        breadcrumbs: [
          { text: 'Plans', href: paths.plans() },
          { text: plan.name, href: paths.dashboard(plan.slug, period) },
        ],
      })
    },
  )
}

/** The finance summary on a plan's front page and dashboard, or null where the plan has no finances for the period. */
export async function financeSummaryContext(
  finance: FinanceSource | null,
  plan: { id: number; slug: string },
  period: Period,
): Promise<{
  rows: FinanceSummaryRow[]
  measure: string
  unit: string
  periodLabel: string
  href: string
} | null> {
  if (!finance) return null
  const held = await finance.financeFor(plan.id, formatPeriod(period))
  const rule = await finance.ruleFor(plan.id)
  const rows = financeSummary(held, rule)
  if (rows.length === 0) return null
  return {
    rows,
    measure: TOTAL_LABELS[rule.measure],
    unit: held.statements[0]?.unit ?? "£'000",
    periodLabel: describePeriod(period),
    href: paths.finance(plan.slug, period),
  }
}

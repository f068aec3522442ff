import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { Actor } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import { formatAmount, parseAmount, statementTotals } from '../../domain/finance/index.ts'
import { mayAssignBudgetHolders } from '../../domain/finance/commentary.ts'
import { type Period, describePeriod, formatPeriod, parsePeriod } from '../../domain/periods/period.ts'
import type { FieldError, Services } from '../../services/index.ts'
import type { BudgetHolderService, CommentaryContext } from '../../services/finance/budget-holder.service.ts'
import { type App, actorOf } from '../app.ts'
import { field, formErrors } from '../forms.ts'
import { fromOf, paths } from '../paths.ts'
import { lockNotice } from '../view-models/sign-off.view-model.ts'
import { budgetHoldersPage, holdersBanner } from '../view-models/budget-holder.view-model.ts'

const Params = Type.Object({ plan: Type.String(), statement: Type.String() })
const Query = Type.Object({
  period: Type.String(),
  saved: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
})
const HoldersQuery = Type.Object({
  statement: Type.Optional(Type.String()),
  person: Type.Optional(Type.String()),
  done: Type.Optional(Type.String()),
})
const FIELDS = ['comments', 'projectedOutturn', 'reason'] as const

type Assignments = Awaited<ReturnType<BudgetHolderService['assignments']>>

/** A statement's id from the address: a bounded number, or there is no such statement. */
function statementId(text: string): number {
  if (!/^\d{1,9}$/.test(text)) throw new DomainError('not-found', 'There is no such financial statement.')
  return Number(text)
}

/** The projected outturn as the form shows it: the amount with thousands separators, as the papers print it. */
function shownAmount(text: string | null): string {
  if (text === null) return ''
  const value = parseAmount(text)
  return value === null ? text : formatAmount(value)
}

/** What the success banner says, from the number of fields saved and the entry as it now stands. */
function savedText(context: CommentaryContext, saved: string | undefined): string | null {
  if (saved === undefined || !/^[0-2]$/.test(saved)) return null
  const where = `${context.statement.name}, ${describePeriod(context.period)}`
  if (saved === '0') return `Nothing changed: the comments and projected outturn for ${where} are as they were.`
  const projected = context.held?.projectedOutturn ?? null
  const comments = (context.held?.comments ?? '') !== ''
  const projection =
    projected === null
      ? 'no projected outturn'
      : `a projected outturn of ${shownAmount(projected)} (${context.statement.unit})`
  return `Saved for ${where}: ${comments ? 'the comments' : 'no comments'} and ${projection}. The change is recorded in the audit trail below.`
}

/** The statement's net figures for the period, to project from. */
async function figuresOf(services: Services, context: CommentaryContext) {
  const held = await services.finance.financeFor(context.plan.id, formatPeriod(context.period))
  const statement = held.statements.find((s) => s.name === context.statement.name)
  if (!statement) return null
  const net = statementTotals({ ...statement, projectedOutturn: null }).netDepartmentalTotal
  return [
    { key: 'Annual budget', value: formatAmount(net.annualBudget) },
    { key: 'Budget to date', value: formatAmount(net.budgetToDate) },
    { key: 'Actual to date', value: formatAmount(net.actualToDate) },
  ]
}

/** The budget holder's form for a statement and period, and the performance team's page choosing budget holders. */
export function budgetHolderRoutes(app: App, services: Services): void {
  async function render(
    reply: FastifyReply,
    actor: Actor,
    context: CommentaryContext,
    form: { values: Record<string, string>; errors: readonly FieldError[]; saved: string | undefined },
  ) {
    const { plan, statement, period } = context
    const label = describePeriod(period)
    const from = fromOf(reply.request.query as { from?: string })
    return reply.page(
      'budget-commentary.njk',
      {
        title: `Comments and projected outturn for ${statement.name}, ${label}`,
        planName: plan.name,
        statementName: statement.name,
        periodLabel: label,
        unit: statement.unit,
        figures: await figuresOf(services, context),
        holders: context.holders.map((h) => h.name),
        lock: lockNotice(context.lock, actor),
        values: form.values,
        saved: savedText(context, form.saved),
        history: context.history.map((e) => ({
          at: e.at.replace('T', ' ').slice(0, 16),
          who: e.actor,
          what: `${e.field}${e.period ? ` (${e.period})` : ''}`,
          from: e.oldValue ?? 'none',
          to: e.newValue ?? 'none',
          reason: e.reason ?? '',
        })),
        action: paths.budgetCommentary(plan.slug, statement.id, period, { from }),
        back:
          from === 'returns'
            ? { href: paths.returns(), text: 'Back to your returns' }
            : { href: paths.finance(plan.slug, period), text: 'Back to the financial statements' },
        ...(form.errors.length > 0 ? formErrors(form.errors) : { errors: {} }),
        breadcrumbs: [
          { text: 'Plans', href: paths.plans() },
          { text: plan.name, href: paths.dashboard(plan.slug, period) },
          { text: 'Financial statements', href: paths.finance(plan.slug, period) },
        ],
      },
      form.errors.length > 0 ? 400 : 200,
    )
  }

  const heldValues = (context: CommentaryContext): Record<string, string> => ({
    comments: context.held?.comments ?? '',
    projectedOutturn: shownAmount(context.held?.projectedOutturn ?? null),
    reason: '',
  })

  app.get(
    '/plans/:plan/finance/statements/:statement/commentary',
    { schema: { params: Params, querystring: Query } },
    async (request, reply) => {
      const actor = actorOf(request)
      const period = parsePeriod(request.query.period)
      const id = statementId(request.params.statement)
      const context = await services.budgetHolders.commentaryContext(actor, request.params.plan, id, period)
      return render(reply, actor, context, { values: heldValues(context), errors: [], saved: request.query.saved })
    },
  )

  app.post(
    '/plans/:plan/finance/statements/:statement/commentary',
    { schema: { params: Params, querystring: Query }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      const actor = actorOf(request)
      const period: Period = parsePeriod(request.query.period)
      const id = statementId(request.params.statement)
      const values = Object.fromEntries(FIELDS.map((name) => [name, field(request.body, name)])) as Record<
        (typeof FIELDS)[number],
        string
      >
      const result = await services.budgetHolders.saveEntry(actor, request.params.plan, id, period, values)
      if (!result.ok) {
        const context = await services.budgetHolders.commentaryContext(actor, request.params.plan, id, period)
        return render(reply, actor, context, { values, errors: result.errors, saved: undefined })
      }
      const from = fromOf(request.query)
      return reply.redirect(
        paths.budgetCommentary(request.params.plan, id, period, { saved: result.changes, from }),
        303,
      )
    },
  )

  function holdersPage(
    reply: FastifyReply,
    assignments: Assignments,
    banner: string | null,
    errors: readonly FieldError[],
  ) {
    const model = budgetHoldersPage(assignments)
    const slug = assignments.plan.slug
    return reply.page(
      'budget-holders.njk',
      {
        title: `Budget holders: ${model.planName}`,
        ...model,
        banner,
        action: paths.budgetHolders(slug),
        financeHref: paths.finance(slug),
        ...(errors.length > 0 ? formErrors(errors) : { errors: {} }),
        breadcrumbs: [
          { text: 'Plans', href: paths.plans() },
          { text: model.planName, href: paths.dashboard(slug) },
        ],
      },
      errors.length > 0 ? 400 : 200,
    )
  }

  app.get(
    '/plans/:plan/finance/holders',
    { schema: { params: Type.Object({ plan: Type.String() }), querystring: HoldersQuery } },
    async (request, reply) => {
      const actor = actorOf(request)
      const model = await services.budgetHolders.assignments(actor, request.params.plan)
      return holdersPage(reply, model, holdersBanner(model, request.query), [])
    },
  )

  app.post(
    '/plans/:plan/finance/holders',
    { schema: { params: Type.Object({ plan: Type.String() }) }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      const actor = actorOf(request)
      if (!mayAssignBudgetHolders(actor))
        throw new DomainError('forbidden', 'Only the performance team can choose budget holders.')
      const slug = request.params.plan
      const id = statementId(field(request.body, 'statement'))
      const action = field(request.body, 'action') === 'remove' ? 'remove' : 'assign'
      const personText = field(request.body, action === 'remove' ? 'person' : `person-${id}`)
      if (!/^\d{1,9}$/.test(personText)) {
        const model = await services.budgetHolders.assignments(actor, slug)
        const statement = model.statements.find((s) => s.statement.id === id)
        if (!statement) throw new DomainError('not-found', 'There is no such financial statement.')
        const message = `Choose who is to hold the budget for ${statement.statement.name}`
        return holdersPage(reply, model, null, [{ field: `person-${id}`, message }])
      }
      const result = await services.budgetHolders.changeHolder(actor, slug, id, Number(personText), action)
      const done = !result.changed ? 'unchanged' : action === 'remove' ? 'removed' : 'assigned'
      const changed = { statement: id, person: Number(personText), done } as const
      return reply.redirect(`${paths.budgetHolders(slug, changed)}#statement-${id}`, 303)
    },
  )
}

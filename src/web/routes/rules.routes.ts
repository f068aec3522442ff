import { longDateTime } from '../../domain/periods/date-time.ts'
import { actorText } from '../../presentation/audit-actor.ts'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { type Actor, can } from '../../domain/access/access.ts'
import type { BudgetRuleView, FieldError, PlanRulesInput, PlanRulesView, Services } from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'
import { field, formErrors, rawField } from '../forms.ts'
import { paths } from '../paths.ts'

const Params = Type.Object({ plan: Type.String() })
const Query = Type.Object({ saved: Type.Optional(Type.String()) })
const FIELDS = ['tolerance', 'greenWithin', 'greenWhen', 'amberAlso', 'reason'] as const

const GREEN_WHEN_ITEMS = [
  { value: 'meets', text: 'On target or better is Green', hint: { text: 'The default' } },
  { value: 'beats', text: 'Only better than target is Green', hint: { text: 'On target is Amber' } },
]
const AMBER_ALSO_ITEMS = [
  { value: 'none', text: 'Nothing else', hint: { text: 'The default: beyond the tolerance is Red' } },
  {
    value: 'improving',
    text: 'A figure better than its comparison period',
    hint: { text: 'For example, better than last quarter' },
  },
  {
    value: 'on-track-for-year',
    text: 'A figure whose year-end forecast meets the annual target',
    hint: { text: 'Behind its period target, but on track for the year' },
  },
]

/** What the success banner says, from the number of rules changed. */
function savedText(saved: string | undefined): string | null {
  if (saved === undefined) return null
  const changes = Number.parseInt(saved, 10)
  if (!Number.isInteger(changes) || changes < 0) return null
  if (changes === 0) return 'Nothing changed: the rules are as they were.'
  return `The plan’s rules are saved: ${changes === 1 ? 'one change' : `${changes} changes`} recorded in the audit trail below. Reports and dashboards now judge by them.`
}

/** The Rules page: a plan's rules in words for everyone; the performance team changes them, with a reason. */
export function rulesRoutes(app: App, services: Services): void {
  function render(
    reply: Pick<FastifyReply, 'page'>,
    actor: Actor,
    view: PlanRulesView,
    budget: BudgetRuleView,
    form: { values: Record<string, string>; errors: readonly FieldError[]; saved: string | null },
  ) {
    const mayChange = can(actor, 'edit-framework')
    const slug = view.plan.slug
    const radios = (items: typeof GREEN_WHEN_ITEMS, selected: string) =>
      items.map((item) => ({ ...item, checked: item.value === selected }))
    return reply.page(
      'rules.njk',
      {
        title: `Rules for judging indicators: ${view.plan.name}`,
        planName: view.plan.name,
        view,
        saved: form.saved,
        mayChange,
        values: form.values,
        greenWhenItems: radios(GREEN_WHEN_ITEMS, form.values.greenWhen ?? 'meets'),
        amberAlsoItems: radios(AMBER_ALSO_ITEMS, form.values.amberAlso ?? 'none'),
        own: view.own.map((o) => ({ ...o, href: paths.indicator(slug, o.ref) })),
        budget: { ruleText: budget.rule.ruleText, setsOwn: budget.text !== null, action: paths.budgetRule(slug) },
        history: view.history.map((e) => ({
          at: longDateTime(e.at),
          who: actorText(e),
          what: e.field.replace('rule: ', ''),
          from: e.oldValue ?? 'none',
          to: e.newValue ?? 'none',
          reason: e.reason ?? e.source,
        })),
        action: paths.rules(slug),
        ...(form.errors.length > 0 ? formErrors(form.errors) : { errors: {} }),
        breadcrumbs: [
          { text: 'Plans', href: paths.plans() },
          { text: view.plan.name, href: paths.dashboard(slug) },
        ],
      },
      form.errors.length > 0 ? 400 : 200,
    )
  }

  const heldValues = (view: PlanRulesView, budget: BudgetRuleView): Record<string, string> => ({
    tolerance: view.texts.tolerance ?? '',
    greenWithin: view.texts.greenWithin ?? '',
    greenWhen: view.texts.greenWhen ?? 'meets',
    amberAlso: view.texts.amberAlso ?? 'none',
    reason: '',
    redOverPercent: budget.text ?? '',
    budgetReason: '',
  })
  const views = async (slug: string) =>
    Promise.all([services.rules.view(slug), services.budgetRules.view(slug)] as const)

  app.get('/plans/:plan/rules', { schema: { params: Params, querystring: Query } }, async (request, reply) => {
    const [view, budget] = await views((await services.plans.bySlug(request.params.plan)).slug)
    return render(reply, actorOf(request), view, budget, {
      values: heldValues(view, budget),
      errors: [],
      saved: savedText(request.query.saved),
    })
  })

  app.get('/plans/:plan/rules/budget', { schema: { params: Params } }, async (request, reply) =>
    reply.redirect(paths.rules((await services.plans.bySlug(request.params.plan)).slug), 303),
  )

  app.post(
    '/plans/:plan/rules/budget',
    { schema: { params: Params }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      const actor = actorOf(request)
      const plan = await services.plans.bySlug(request.params.plan)
      const [view, budget] = await views(plan.slug)
      const held = heldValues(view, budget)
      const values = {
        ...held,
        // A field left out keeps the rule as it is; sent empty, it goes back to the default.
        redOverPercent:
          rawField(request.body, 'redOverPercent') === undefined
            ? (held.redOverPercent ?? '')
            : field(request.body, 'redOverPercent'),
        budgetReason: field(request.body, 'budgetReason'),
      }
      const result = await services.budgetRules.setRule(actor, plan.slug, {
        redOverPercent: values.redOverPercent,
        reason: values.budgetReason,
      })
      if (!result.ok) return render(reply, actor, view, budget, { values, errors: result.errors, saved: null })
      return reply.redirect(paths.rules(plan.slug, result.changes), 303)
    },
  )

  app.post(
    '/plans/:plan/rules',
    { schema: { params: Params }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      const actor = actorOf(request)
      const plan = await services.plans.bySlug(request.params.plan)
      const values = Object.fromEntries(FIELDS.map((name) => [name, field(request.body, name)])) as Record<
        (typeof FIELDS)[number],
        string
      >
      const input: PlanRulesInput = values
      const result = await services.rules.setRules(actor, plan.slug, input)
      if (!result.ok) {
        const [view, budget] = await views(plan.slug)
        return render(reply, actor, view, budget, {
          values: { ...heldValues(view, budget), ...values },
          errors: result.errors,
          saved: null,
        })
      }
      return reply.redirect(paths.rules(plan.slug, result.changes), 303)
    },
  )
}

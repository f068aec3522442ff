import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { Actor } from '../../domain/access/access.ts'
import { DELIVERY_MEANINGS, DELIVERY_STATUSES } from '../../domain/delivery/delivery.ts'
import { describePeriod, parsePeriod, type Period } from '../../domain/periods/period.ts'
import type { Services } from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'
import { updateFields } from '../form-update.ts'
import { formErrors } from '../forms.ts'
import { paths } from '../paths.ts'
import { lockNotice } from '../view-models/sign-off.view-model.ts'
import { planAndPeriod } from './plan-period.ts'
import { FormQuery, afterSave, openedFrom } from './after-save.ts'
import { KIND_LABEL, STATUS_LABEL, deliveryRow, mayEdit } from '../view-models/delivery.view-model.ts'

/** A plan's priorities, actions and milestones for a period, and the status form for each. */
export function deliveryRoutes(app: App, services: Services): void {
  app.get(
    '/plans/:plan/delivery',
    {
      schema: {
        params: Type.Object({ plan: Type.String() }),
        querystring: Type.Object({ period: Type.Optional(Type.String()) }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request)
      const { plan, period } = await planAndPeriod(services, request.params.plan, request.query.period)
      const [summary, editable, groups] = await Promise.all([
        services.delivery.evaluate(plan.name, period),
        services.delivery.editableRefs(actor, plan.name),
        services.delivery.groupsOf(plan.name),
      ])
      return reply.page('delivery.njk', {
        title: `Priorities, actions and milestones: ${describePeriod(period)}`,
        planName: plan.name,
        periodLabel: describePeriod(period),
        sentence: summary.prioritiesSentence,
        overdue: summary.overdueMilestones,
        groups,
        rows: summary.results.map((r) =>
          deliveryRow(r, mayEdit(editable, r.item.ref) ? paths.deliveryStatus(plan.slug, r.item.ref, period) : null),
        ),
        breadcrumbs: [
          { text: 'Plans', href: paths.plans() },
          { text: plan.name, href: paths.dashboard(plan.slug, period) },
        ],
      })
    },
  )

  async function render(
    reply: FastifyReply,
    actor: Actor,
    slug: string,
    ref: string,
    period: Period,
    values: Record<string, string> | null,
    errors: ReturnType<typeof formErrors> | null,
  ) {
    const plan = await services.plans.bySlug(slug)
    const summary = await services.delivery.evaluate(plan.name, period)
    const result = summary.results.find((r) => r.item.ref === ref)
    if (!result)
      return reply.page(
        'error.njk',
        { title: 'Page not found', message: `The plan has no priority, action or milestone ${ref}.`, status: 404 },
        404,
      )
    const current = values ?? { status: result.status ?? '', commentary: result.commentary ?? '', overrideReason: '' }
    const lock = lockNotice(await services.signOffs.inForceFor(plan.slug, period), actor)
    return reply.page(
      'delivery-status.njk',
      {
        lock,
        title: `Status of ${ref} for ${describePeriod(period)}`,
        ref,
        itemTitle: result.item.title,
        kind: KIND_LABEL[result.item.kind],
        periodLabel: describePeriod(period),
        rolledUp: result.rolledUp ? `${STATUS_LABEL[result.rolledUp]} (${result.childSentence ?? ''})` : null,
        statuses: DELIVERY_STATUSES.map((s) => ({
          value: s,
          text: STATUS_LABEL[s],
          hint: { text: DELIVERY_MEANINGS[s] },
          checked: current.status === s,
        })),
        values: current,
        action: paths.deliveryStatus(plan.slug, ref, period, openedFrom(reply)),
        cancel: paths.delivery(plan.slug, period),
        ...(errors ?? { errors: {} }),
        breadcrumbs: [
          { text: 'Plans', href: paths.plans() },
          { text: plan.name, href: paths.dashboard(plan.slug, period) },
        ],
      },
      errors ? 400 : 200,
    )
  }

  const Params = Type.Object({ plan: Type.String(), ref: Type.String() })
  const Query = FormQuery

  app.get('/plans/:plan/delivery/:ref', { schema: { params: Params, querystring: Query } }, async (request, reply) => {
    const actor = actorOf(request)
    const plan = await services.plans.bySlug(request.params.plan)
    if (!mayEdit(await services.delivery.editableRefs(actor, plan.name), request.params.ref))
      return reply.page(
        'error.njk',
        {
          title: 'You do not have permission to do this',
          message: 'Only the person responsible for this item, or the performance team, can set its status.',
          status: 403,
        },
        403,
      )
    return render(reply, actor, request.params.plan, request.params.ref, parsePeriod(request.query.period), null, null)
  })

  app.post(
    '/plans/:plan/delivery/:ref',
    { schema: { params: Params, querystring: Query }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      const actor = actorOf(request)
      const period = parsePeriod(request.query.period)
      const heldPlan = await services.plans.bySlug(request.params.plan)
      const held = (await services.delivery.evaluate(heldPlan.name, period)).results.find(
        (r) => r.item.ref === request.params.ref,
      )
      const values = updateFields(request.body, {
        status: held?.status ?? '',
        commentary: held?.commentary ?? '',
        overrideReason: '',
        reason: '',
      })
      const result = await services.delivery.recordStatus(
        actor,
        request.params.plan,
        request.params.ref,
        period,
        values,
      )
      if (!result.ok)
        return render(reply, actor, request.params.plan, request.params.ref, period, values, formErrors(result.errors))
      const { plan, ref } = request.params
      const change = { kind: 'milestone', planSlug: plan, ref, period } as const
      return afterSave(services, reply, actor, change, paths.delivery(plan, period))
    },
  )
}

import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { Actor } from '../../domain/access/access.ts'
import { DELIVERY_MEANINGS, DELIVERY_STATUSES } from '../../domain/delivery/delivery.ts'
import { describePeriod, parsePeriod, type Period } from '../../domain/periods/period.ts'
import { RISK_LEVELS, type RiskRating } from '../../domain/delivery/risk.ts'
import type { Services } from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'
import { updateFields } from '../form-update.ts'
import { formErrors } from '../forms.ts'
import { paths } from '../paths.ts'
import { lockNotice } from '../view-models/sign-off.view-model.ts'
import { STATUS_LABEL, mayEdit, statusTag } from '../view-models/delivery.view-model.ts'
import { planAndPeriod } from './plan-period.ts'
import { FormQuery, afterSave, openedFrom } from './after-save.ts'

const LEVEL_MODIFIER = { Low: 'G', Medium: 'A', High: 'R' } as const

function rating(r: RiskRating) {
  return {
    text: `${r.score} ${r.level}`,
    detail: `likelihood ${r.likelihood} × impact ${r.impact}`,
    modifier: LEVEL_MODIFIER[r.level],
  }
}

/** A plan's risk register for a period, and the quarterly review form for each treatment measure. */
export function riskRoutes(app: App, services: Services): void {
  app.get(
    '/plans/:plan/risks',
    {
      schema: {
        params: Type.Object({ plan: Type.String() }),
        querystring: Type.Object({ period: Type.Optional(Type.String()) }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request)
      const { plan, period } = await planAndPeriod(services, request.params.plan, request.query.period)
      const [register, editable] = await Promise.all([
        services.risks.register(plan.name, period),
        services.risks.editableTreatments(actor, plan.name),
      ])
      const risks = register.map(({ risk, treatments }) => ({
        ref: risk.ref,
        objective: risk.objective ?? '',
        description: risk.description,
        initial: rating(risk.initial),
        residual: rating(risk.residual),
        high: risk.residual.level === 'High',
        treatments: treatments.map(({ treatment, review }) => ({
          ref: treatment.ref,
          description: treatment.description,
          owner: treatment.owner ?? '',
          due: treatment.dueDate ?? '',
          progress: statusTag(review ? (review.progress as keyof typeof STATUS_LABEL) : null),
          commentary: review?.commentary ?? '',
          href: mayEdit(editable, treatment.ref) ? paths.riskReview(plan.slug, treatment.ref, period) : null,
        })),
      }))
      return reply.page('risks.njk', {
        title: `Risk register: ${describePeriod(period)}`,
        planName: plan.name,
        periodLabel: describePeriod(period),
        risks,
        high: risks.filter((r) => r.high),
        bands: RISK_LEVELS.map((level) => ({
          level,
          range: { Low: '1 to 4', Medium: '5 to 12', High: '15 to 25' }[level],
        })),
        breadcrumbs: [
          { text: 'Plans', href: paths.plans() },
          { text: plan.name, href: paths.dashboard(plan.slug, period) },
        ],
      })
    },
  )

  async function render(
    reply: FastifyReply,
    slug: string,
    ref: string,
    period: Period,
    values: Record<string, string> | null,
    errors: ReturnType<typeof formErrors> | null,
    actor: Actor,
  ) {
    const plan = await services.plans.bySlug(slug)
    const register = await services.risks.register(plan.name, period)
    const lock = lockNotice(await services.signOffs.inForceFor(plan.slug, period), actor)
    const found = register
      .flatMap(({ risk, treatments }) => treatments.map((t) => ({ risk, ...t })))
      .find((t) => t.treatment.ref === ref)
    if (!found)
      return reply.page(
        'error.njk',
        { title: 'Page not found', message: `The plan has no risk treatment ${ref}.`, status: 404 },
        404,
      )
    const current = values ?? { progress: found.review?.progress ?? '', commentary: found.review?.commentary ?? '' }
    return reply.page(
      'risk-review.njk',
      {
        title: `Progress of treatment ${ref} for ${describePeriod(period)}`,
        lock,
        ref,
        description: found.treatment.description,
        risk: `${found.risk.ref}: ${found.risk.description} (residual ${found.risk.residual.score}, ${found.risk.residual.level})`,
        periodLabel: describePeriod(period),
        statuses: DELIVERY_STATUSES.map((s) => ({
          value: s,
          text: STATUS_LABEL[s],
          hint: { text: DELIVERY_MEANINGS[s] },
          checked: current.progress === s,
        })),
        values: current,
        action: paths.riskReview(plan.slug, ref, period, openedFrom(reply)),
        cancel: paths.risks(plan.slug, period),
        ...(errors ?? { errors: {} }),
        breadcrumbs: [
          { text: 'Plans', href: paths.plans() },
          { text: plan.name, href: paths.dashboard(plan.slug, period) },
          { text: 'Risk register', href: paths.risks(plan.slug, period) },
        ],
      },
      errors ? 400 : 200,
    )
  }

  const Params = Type.Object({ plan: Type.String(), ref: Type.String() })
  const Query = FormQuery
  const forbidden = {
    title: 'You do not have permission to do this',
    message: 'Only the owner of this treatment measure, or the performance team, can record its progress.',
    status: 403,
  }

  app.get(
    '/plans/:plan/risks/treatments/:ref',
    { schema: { params: Params, querystring: Query } },
    async (request, reply) => {
      const plan = await services.plans.bySlug(request.params.plan)
      if (!mayEdit(await services.risks.editableTreatments(actorOf(request), plan.name), request.params.ref))
        return reply.page('error.njk', forbidden, 403)
      return render(
        reply,
        plan.slug,
        request.params.ref,
        parsePeriod(request.query.period),
        null,
        null,
        actorOf(request),
      )
    },
  )

  app.post(
    '/plans/:plan/risks/treatments/:ref',
    { schema: { params: Params, querystring: Query }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      const period = parsePeriod(request.query.period)
      const heldPlan = await services.plans.bySlug(request.params.plan)
      const held = (await services.risks.register(heldPlan.name, period))
        .flatMap(({ treatments }) => treatments)
        .find((t) => t.treatment.ref === request.params.ref)
      const values = updateFields(request.body, {
        progress: held?.review?.progress ?? '',
        commentary: held?.review?.commentary ?? '',
        reason: '',
      })
      const result = await services.risks.recordReview(
        actorOf(request),
        request.params.plan,
        request.params.ref,
        period,
        values,
      )
      if (!result.ok)
        return render(
          reply,
          request.params.plan,
          request.params.ref,
          period,
          values,
          formErrors(result.errors),
          actorOf(request),
        )
      const { plan, ref } = request.params
      const change = { kind: 'risk-review', planSlug: plan, ref, period } as const
      return afterSave(services, reply, actorOf(request), change, paths.risks(plan, period))
    },
  )
}

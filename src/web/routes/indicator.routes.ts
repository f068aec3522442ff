import { Type } from 'typebox'
import { evaluateIndicator } from '../../domain/judgement/evaluate.ts'
import type { Services } from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'
import { paths } from '../paths.ts'
import { indicatorViewModel } from '../view-models/indicator.view-model.ts'
import { choosePeriod } from './plan-period.ts'

/** The indicator page: definition, owner, history, charts, commentary and audit trail. */
export function indicatorRoutes(app: App, services: Services): void {
  app.get(
    '/plans/:plan/indicators/:ref',
    {
      schema: {
        params: Type.Object({ plan: Type.String(), ref: Type.String() }),
        querystring: Type.Object({ period: Type.Optional(Type.String()), saved: Type.Optional(Type.String()) }),
      },
    },
    async (request, reply) =>
      reply.cachedPage(async () => {
        const actor = actorOf(request)
        const context = await services.entries.indicatorContext(actor, request.params.plan, request.params.ref)
        const { period } = await choosePeriod(services, context.plan.slug, request.query.period)
        const [owners, audit] = await Promise.all([
          services.plans.owners(context.plan.slug),
          services.plans.auditTrail(context.plan.name, request.params.ref),
        ])
        const model = indicatorViewModel({
          plan: context.plan,
          observations: context.observations,
          evaluation: evaluateIndicator(context.record.indicator, context.observations, period),
          owners: owners.get(request.params.ref) ?? [],
          owned: context.owned,
          actor,
          audit,
        })
        const saved = request.query.saved
        const banner =
          saved === 'figure' || saved === 'exception-report'
            ? await services.confirmations.sentence(actor, {
                kind: saved,
                planSlug: context.plan.slug,
                ref: context.record.indicator.ref,
                period,
              })
            : null
        return {
          template: 'indicator.njk',
          context: {
            ...model,
            banner,
            breadcrumbs: [
              { text: 'Plans', href: paths.plans() },
              { text: context.plan.name, href: paths.dashboard(context.plan.slug, period) },
            ],
          },
        }
      }),
  )
}

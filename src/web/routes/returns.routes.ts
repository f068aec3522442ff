import { Type } from 'typebox'
import { type Actor } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import { describePeriod, parsePeriod, tryParsePeriod } from '../../domain/periods/period.ts'
import { OBLIGATION_KINDS } from '../../domain/round/obligations.ts'
import type { Services } from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'
import { formErrors } from '../forms.ts'
import { paths } from '../paths.ts'
import { yourReturnsView } from '../view-models/round.view-model.ts'
import { heldBudgetsView } from '../view-models/budget-holder.view-model.ts'

const ReturnsQuery = Type.Object({
  saved: Type.Optional(Type.String()),
  plan: Type.Optional(Type.String()),
  ref: Type.Optional(Type.String()),
  period: Type.Optional(Type.String()),
  count: Type.Optional(Type.String()),
})

type Banner = { readonly query: { saved?: string; plan?: string; ref?: string; period?: string; count?: string } }

/** What the banner says after a save or a submission, from the data as it now stands; null when nothing was. */
async function bannerOf(services: Services, actor: Actor, { query }: Banner): Promise<string | null> {
  const period = query.period ? tryParsePeriod(query.period) : null
  if (!query.saved || !query.plan || !period) return null
  if (query.saved === 'submitted') {
    const count = Number.parseInt(query.count ?? '', 10)
    const plan = await services.plans.bySlug(query.plan).catch(() => null)
    if (!plan || !(count > 0)) return null
    return `${count} ${count === 1 ? 'return' : 'returns'} for ${plan.name}, ${describePeriod(period)}, submitted to the performance team for approval.`
  }
  const kind = OBLIGATION_KINDS.find((k) => k === query.saved)
  if (!kind || !query.ref) return null
  try {
    return await services.confirmations.sentence(actor, { kind, planSlug: query.plan, ref: query.ref, period })
  } catch (error) {
    if (error instanceof DomainError) return null
    throw error
  }
}

/** "Your returns": what a person owes in each open round, and submitting what they have done. */
export function returnsRoutes(app: App, services: Services): void {
  async function page(actor: Actor, banner: string | null, errors: ReturnType<typeof formErrors> | null) {
    const rounds = yourReturnsView(await services.returns.yours(actor))
    return {
      title: 'Your returns',
      banner,
      rounds,
      budgets: heldBudgetsView(await services.budgetHolders.heldInRounds(actor)),
      ...(errors ?? { errors: {} }),
      plansHref: paths.plans(),
    }
  }

  app.get('/returns', { schema: { querystring: ReturnsQuery } }, async (request, reply) => {
    const actor = actorOf(request)
    return reply.page('returns.njk', await page(actor, await bannerOf(services, actor, request), null))
  })

  app.post(
    '/plans/:plan/round/submit',
    {
      schema: { params: Type.Object({ plan: Type.String() }), querystring: Type.Object({ period: Type.String() }) },
      preHandler: app.csrfProtection.bind(app),
    },
    async (request, reply) => {
      const actor = actorOf(request)
      const period = parsePeriod(request.query.period)
      const result = await services.returns.submit(actor, request.params.plan, period)
      if (!result.ok) return reply.page('returns.njk', await page(actor, null, formErrors(result.errors)), 400)
      return reply.redirect(
        paths.returns({ kind: 'submitted', plan: request.params.plan, period, count: result.changes }),
        303,
      )
    },
  )
}

import { Type } from 'typebox'
import { can } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import { LIMITS, lengthErrors } from '../../domain/limits.ts'
import { type Period, describePeriod } from '../../domain/periods/period.ts'
import { signedOffPhrase } from '../../domain/access/sign-off.ts'
import { reportJsonText } from '../../reports/report.json.ts'
import type { FieldError, Services } from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'
import { field, formErrors } from '../forms.ts'
import { paths } from '../paths.ts'
import { planAtPeriod } from './plan-period.ts'

const Params = Type.Object({ plan: Type.String() })
const Query = Type.Object({ period: Type.String() })

/** Signing off a period as reported to committee, and unlocking it: the performance team only. */
export function signOffRoutes(app: App, services: Services): void {
  async function context(request: { params: { plan: string }; query: { period: string } }) {
    const actor = actorOf(request as Parameters<typeof actorOf>[0])
    if (!can(actor, 'lock-period'))
      throw new DomainError('forbidden', 'Only a performance officer can sign off or unlock a period.')
    const { plan, period } = await planAtPeriod(services, request.params.plan, request.query.period)
    return { actor, plan, period, label: describePeriod(period) }
  }

  const breadcrumbs = (plan: { name: string; slug: string }, period: Period) => [
    { text: 'Plans', href: paths.plans() },
    { text: plan.name, href: paths.dashboard(plan.slug, period) },
    { text: 'Committee report', href: paths.report(plan.slug, period) },
  ]

  app.get('/plans/:plan/sign-off', { schema: { params: Params, querystring: Query } }, async (request, reply) => {
    const { plan, period, label } = await context(request)
    if (await services.signOffs.inForceFor(plan.slug, period))
      return reply.redirect(paths.unlock(plan.slug, period), 303)
    return reply.page('sign-off.njk', {
      title: `Sign off ${label}`,
      planName: plan.name,
      periodLabel: label,
      values: { committee: '' },
      errors: {},
      action: paths.signOff(plan.slug, period),
      cancel: paths.report(plan.slug, period),
      breadcrumbs: breadcrumbs(plan, period),
    })
  })

  app.post(
    '/plans/:plan/sign-off',
    { schema: { params: Params, querystring: Query }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      const { actor, plan, period, label } = await context(request)
      const committee = field(request.body, 'committee').trim()
      const errors: FieldError[] = lengthErrors([['committee', committee, LIMITS.committee]])
      if (errors.length > 0)
        return reply.page(
          'sign-off.njk',
          {
            title: `Sign off ${label}`,
            planName: plan.name,
            periodLabel: label,
            values: { committee },
            ...formErrors(errors),
            action: paths.signOff(plan.slug, period),
            cancel: paths.report(plan.slug, period),
            breadcrumbs: breadcrumbs(plan, period),
          },
          400,
        )
      await services.signOffs.lock(actor, plan.slug, period, { committee: committee || null }, reportJsonText)
      return reply.redirect(paths.report(plan.slug, period), 303)
    },
  )

  async function unlockPage(
    request: { params: { plan: string }; query: { period: string } },
    values: { reason: string },
    errors: readonly FieldError[],
  ) {
    const { plan, period, label } = await context(request)
    const signOff = await services.signOffs.inForceFor(plan.slug, period)
    if (!signOff) throw new DomainError('conflict', `${label} is not signed off.`)
    return {
      title: `Unlock ${label}`,
      planName: plan.name,
      periodLabel: label,
      signedOff: `${signedOffPhrase(signOff)} by ${signOff.lockedBy}${signOff.committee ? ` and reported to ${signOff.committee}` : ''}`,
      values,
      ...(errors.length > 0 ? formErrors(errors) : { errors: {} }),
      action: paths.unlock(plan.slug, period),
      cancel: paths.report(plan.slug, period),
      breadcrumbs: breadcrumbs(plan, period),
    }
  }

  app.get('/plans/:plan/sign-off/unlock', { schema: { params: Params, querystring: Query } }, async (request, reply) =>
    reply.page('unlock.njk', await unlockPage(request, { reason: '' }, [])),
  )

  app.post(
    '/plans/:plan/sign-off/unlock',
    { schema: { params: Params, querystring: Query }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      const { actor, plan, period } = await context(request)
      const reason = field(request.body, 'reason')
      const result = await services.signOffs.unlock(actor, plan.slug, period, reason)
      if (!result.ok) return reply.page('unlock.njk', await unlockPage(request, { reason }, result.errors), 400)
      return reply.redirect(paths.report(plan.slug, period), 303)
    },
  )
}

import { Type } from 'typebox'
import { can } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import { LIMITS, lengthErrors } from '../../domain/limits.ts'
import { type Period, describePeriod } from '../../domain/periods/period.ts'
import { signedOffPhrase } from '../../domain/access/sign-off.ts'
import { reportJsonText } from '../../reports/report.json.ts'
import { type FieldError, type Services, outstandingSentence } from '../../services/index.ts'
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

  async function signOffPage(
    request: { params: { plan: string }; query: { period: string } },
    values: { committee: string; confirm: string; regardless: string },
    errors: readonly FieldError[],
  ) {
    const { plan, period, label } = await context(request)
    const outstanding = await services.signOffs.outstanding(plan.slug, period)
    return {
      title: `Sign off ${label}`,
      planName: plan.name,
      periodLabel: label,
      outstanding,
      outstandingSentence: outstandingSentence(outstanding),
      values,
      ...(errors.length > 0 ? formErrors(errors) : { errors: {} }),
      action: paths.signOff(plan.slug, period),
      cancel: paths.report(plan.slug, period),
      breadcrumbs: breadcrumbs(plan, period),
    }
  }

  app.get('/plans/:plan/sign-off', { schema: { params: Params, querystring: Query } }, async (request, reply) => {
    const { plan, period } = await context(request)
    if (await services.signOffs.inForceFor(plan.slug, period))
      return reply.redirect(paths.unlock(plan.slug, period), 303)
    return reply.page('sign-off.njk', await signOffPage(request, { committee: '', confirm: '', regardless: '' }, []))
  })

  app.post(
    '/plans/:plan/sign-off',
    { schema: { params: Params, querystring: Query }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      const { actor, plan, period } = await context(request)
      const values = {
        committee: field(request.body, 'committee').trim(),
        confirm: field(request.body, 'confirm'),
        regardless: field(request.body, 'regardless').trim(),
      }
      const errors: FieldError[] = lengthErrors([
        ['committee', values.committee, LIMITS.committee],
        ['regardless', values.regardless, LIMITS.reason],
      ])
      const outstanding = await services.signOffs.outstanding(plan.slug, period)
      if (outstanding.count > 0) {
        if (values.confirm !== 'yes')
          errors.push({
            field: 'confirm',
            message: `Confirm that you are signing off with ${outstandingSentence(outstanding)}`,
          })
        if (values.regardless === '')
          errors.push({ field: 'regardless', message: 'Give the reason for signing off with things outstanding' })
      }
      if (errors.length > 0) return reply.page('sign-off.njk', await signOffPage(request, values, errors), 400)
      await services.signOffs.lock(
        actor,
        plan.slug,
        period,
        { committee: values.committee || null, regardless: outstanding.count > 0 ? values.regardless : null },
        reportJsonText,
      )
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

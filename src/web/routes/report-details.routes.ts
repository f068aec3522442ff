import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { type Actor, can } from '../../domain/access/access.ts'
import { isLocked } from '../../domain/access/sign-off.ts'
import { DomainError } from '../../domain/errors.ts'
import { type Period, describePeriod } from '../../domain/periods/period.ts'
import type { ReportDetails, ThemeSections } from '../../domain/round/report-details.ts'
import type { FieldError, Services } from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'
import { field, formErrors } from '../forms.ts'
import { paths } from '../paths.ts'
import { planAtPeriod } from './plan-period.ts'

const Params = Type.Object({ plan: Type.String() })
const Query = Type.Object({ period: Type.String(), saved: Type.Optional(Type.String()) })
const DETAIL_FIELDS = ['title', 'councilName', 'committee', 'meetingDate', 'author', 'status'] as const

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim())

/** The report details page: the performance team sets a period's report title, meeting and theme sections. */
export function reportDetailsRoutes(app: App, services: Services): void {
  async function themesOf(planName: string): Promise<string[]> {
    const data = await services.plans.loadPlan(planName)
    return [...new Set(data.indicators.map((i) => i.indicator.theme))]
  }

  async function render(
    reply: Pick<FastifyReply, 'page'>,
    plan: { slug: string; name: string; id: number },
    period: Period,
    form: { values: Record<string, string>; themes: string[]; errors: readonly FieldError[]; saved: boolean },
  ) {
    const locked = isLocked(await services.signOffs.history(plan.slug), period)
    return reply.page(
      'report-details.njk',
      {
        title: `Report details: ${plan.name}, ${describePeriod(period)}`,
        planName: plan.name,
        periodLabel: describePeriod(period),
        locked,
        saved: form.saved ? `The report’s details for ${describePeriod(period)} are saved.` : null,
        values: form.values,
        themes: form.themes.map((name, i) => ({ name, i })),
        statusItems: [
          { value: 'draft', text: 'Draft', checked: form.values.status !== 'final' },
          { value: 'final', text: 'Final', checked: form.values.status === 'final' },
        ],
        action: paths.reportDetails(plan.slug, period),
        reportHref: paths.report(plan.slug, period),
        ...(form.errors.length > 0 ? formErrors(form.errors) : { errors: {} }),
        breadcrumbs: [
          { text: 'Plans', href: paths.plans() },
          { text: plan.name, href: paths.dashboard(plan.slug, period) },
          { text: 'Report', href: paths.report(plan.slug, period) },
        ],
      },
      form.errors.length > 0 ? 400 : 200,
    )
  }

  function requireTeam(actor: Actor): void {
    if (!can(actor, 'edit-framework'))
      throw new DomainError('forbidden', 'Only the performance team can set a report’s details.')
  }

  app.get('/plans/:plan/report/details', { schema: { params: Params, querystring: Query } }, async (request, reply) => {
    requireTeam(actorOf(request))
    const { plan, period } = await planAtPeriod(services, request.params.plan, request.query.period)
    const [kept, themes] = await Promise.all([services.reportDetails.read(plan.slug, period), themesOf(plan.name)])
    const values: Record<string, string> = Object.fromEntries(DETAIL_FIELDS.map((f) => [f, kept.details[f] ?? '']))
    themes.forEach((theme, i) => {
      const s = kept.sections.find((k) => k.theme === theme)
      values[`overview-${i}`] = s?.overview ?? ''
      values[`keyProgrammes-${i}`] = s?.keyProgrammes ?? ''
    })
    return render(reply, plan, period, { values, themes, errors: [], saved: request.query.saved === '1' })
  })

  app.post(
    '/plans/:plan/report/details',
    { schema: { params: Params, querystring: Query }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      const actor = actorOf(request)
      requireTeam(actor)
      const { plan, period } = await planAtPeriod(services, request.params.plan, request.query.period)
      const themes = await themesOf(plan.name)
      const values: Record<string, string> = {}
      for (const f of DETAIL_FIELDS) values[f] = field(request.body, f)
      themes.forEach((_, i) => {
        values[`overview-${i}`] = field(request.body, `overview-${i}`)
        values[`keyProgrammes-${i}`] = field(request.body, `keyProgrammes-${i}`)
      })
      const details = {
        title: orNull(values.title ?? ''),
        councilName: orNull(values.councilName ?? ''),
        committee: orNull(values.committee ?? ''),
        meetingDate: orNull(values.meetingDate ?? ''),
        author: orNull(values.author ?? ''),
        status: values.status as ReportDetails['status'],
      }
      const sections: ThemeSections[] = themes.map((theme, i) => ({
        theme,
        overview: orNull(values[`overview-${i}`] ?? ''),
        keyProgrammes: orNull(values[`keyProgrammes-${i}`] ?? ''),
      }))
      const result = await services.reportDetails.save(actor, plan.slug, period, { details, sections })
      if (!result.ok) return render(reply, plan, period, { values, themes, errors: result.errors, saved: false })
      return reply.redirect(paths.reportDetails(plan.slug, period, true), 303)
    },
  )
}

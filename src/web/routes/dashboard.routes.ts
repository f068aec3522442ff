import { Type } from 'typebox'
import { describePeriod } from '../../domain/periods/period.ts'
import { planAndPeriod } from './plan-period.ts'
import { openPlan } from './plan-opening.ts'
import { contentSections } from '../view-models/plan-contents.view-model.ts'
import { type Services, placeholderSentences, placeholdersFromParameter } from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'
import { signOffStatus } from '../view-models/sign-off.view-model.ts'
import { paths } from '../paths.ts'
import { figureText } from '../view-models/common.ts'
import { dashboardViewModel, indicatorRow } from '../view-models/dashboard.view-model.ts'
import { roundLink } from '../view-models/round.view-model.ts'
import { financeSummaryContext } from './finance.routes.ts'

const PeriodQuery = Type.Object({ period: Type.Optional(Type.String()) })

/** The period asked for, or the plan's latest quarter with data. */
/** The plans list, a plan's dashboard, and a theme's indicator table. */
export function dashboardRoutes(app: App, services: Services): void {
  app.get('/plans', async (_request, reply) => {
    const plans = await services.plans.list()
    return reply.page('plans.njk', {
      title: 'Plans',
      plans: plans.map((p) => ({ name: p.name, href: paths.dashboard(p.slug) })),
      canImport: _request.actor?.role === 'admin' || _request.actor?.role === 'officer',
    })
  })

  app.get(
    '/plans/:plan',
    {
      schema: {
        params: Type.Object({ plan: Type.String() }),
        querystring: Type.Object({
          period: Type.Optional(Type.String()),
          theme: Type.Optional(Type.String()),
          status: Type.Optional(Type.String()),
          page: Type.Optional(Type.String()),
          imported: Type.Optional(Type.String()),
          placeholders: Type.Optional(Type.String()),
        }),
      },
    },
    async (request, reply) => {
      const opened = await planAndPeriod(services, request.params.plan, request.query.period)
      const contents = await services.contents.contentsOf(opened.plan.name, opened.period)
      const asked = Boolean(request.query.period)
      if (await openPlan(services, reply, { ...opened, contents, asked })) return reply
      return reply.cachedPage(async () => {
        const { plan, period, periods } = opened
        const actor = actorOf(request)
        const [evaluation, exceptionReports, signOff, round, writable, finance] = await Promise.all([
          services.plans.evaluate(plan.name, period),
          services.exceptions.forPeriod(plan.slug, period),
          services.signOffs.inForceFor(plan.slug, period),
          services.rounds.find(plan.slug, period),
          services.entries.enterableRefs(actor, plan.slug),
          financeSummaryContext(services.finance, plan, period),
        ])
        const filters = request.query
        const model = dashboardViewModel({ plan, evaluation, periods, filters, exceptionReports, writable })
        return {
          template: 'dashboard.njk',
          context: {
            ...model,
            signOffStatus: signOffStatus(plan.slug, period, signOff, actor),
            roundLink: roundLink(plan.slug, period, round, actor),
            imported: request.query.imported,
            placeholdersRead: placeholderSentences(placeholdersFromParameter(request.query.placeholders ?? '')),
            sections: contentSections(contents, plan.slug, period, 'indicators'),
            finance,
            breadcrumbs: [{ text: 'Plans', href: paths.plans() }],
          },
        }
      })
    },
  )

  app.get(
    '/plans/:plan/themes/:theme',
    { schema: { params: Type.Object({ plan: Type.String(), theme: Type.String() }), querystring: PeriodQuery } },
    async (request, reply) =>
      reply.cachedPage(async () => {
        const { plan, period } = await planAndPeriod(services, request.params.plan, request.query.period)
        const [evaluation, exceptionReports] = await Promise.all([
          services.plans.evaluate(plan.name, period, [request.params.theme]),
          services.exceptions.forPeriod(plan.slug, period),
        ])
        const previous = evaluation.evaluations[0]?.previous.period
        return {
          template: 'theme.njk',
          context: {
            title: `${request.params.theme}: ${describePeriod(period)}`,
            theme: request.params.theme,
            periodLabel: describePeriod(period),
            previousLabel: previous ? describePeriod(previous) : 'Previous',
            summaryText: evaluation.text,
            longTerm: evaluation.evaluations.some((e) => e.indicator.dotBasis === 'both'),
            rows: evaluation.evaluations.map((e) => ({
              ...indicatorRow(plan.slug, period, e, exceptionReports.get(e.indicator.ref)),
              frequency: e.indicator.frequency.charAt(0).toUpperCase(),
              lastYear: figureText(e.lastYear.actual, e.indicator.unit),
              annualTarget: figureText(e.annualTarget, e.indicator.unit),
              previous: figureText(e.previous.actual, e.indicator.unit),
            })),
            breadcrumbs: [
              { text: 'Plans', href: paths.plans() },
              { text: plan.name, href: paths.dashboard(plan.slug, period) },
            ],
          },
        }
      }),
  )
}

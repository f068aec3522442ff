import { Type } from 'typebox'
import { describePeriod } from '../../domain/periods/period.ts'
import {
  CONTENT_TYPES,
  REPORT_FORMATS,
  type ReportFormat,
  reportFileName,
  renderReport,
  showsHistory,
} from '../../reports/index.ts'
import { buildReportModel } from '../../reports/report.model.ts'
import * as charts from '../../presentation/charts/plan-charts.ts'
import type { Services } from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'
import { signOffStatus } from '../view-models/sign-off.view-model.ts'
import { paths } from '../paths.ts'
import { planAndPeriod } from './plan-period.ts'

const DOWNLOADS: readonly ReportFormat[] = ['docx', 'pdf', 'xlsx', 'html']

/** The committee report: as a page in the app, and as a download in each format. */
export function reportRoutes(app: App, services: Services, options: { chromiumPath?: string }): void {
  // A signed-off period's report is the one signed off, unless the current figures are asked for (?as=current).
  async function data(
    slug: string,
    periodText: string | undefined,
    themes: string[] | undefined,
    as: string | undefined,
    format: ReportFormat,
  ) {
    const { plan, period } = await planAndPeriod(services, slug, periodText)
    const reportData = await services.signOffs.report(plan.name, period, {
      ...(themes ? { themes } : {}),
      current: as === 'current',
      histories: showsHistory(format),
    })
    return { plan, period, reportData }
  }

  const AsQuery = Type.Optional(Type.Literal('current', { description: 'The current figures of a signed-off period' }))

  app.get(
    '/plans/:plan/report',
    {
      schema: {
        params: Type.Object({ plan: Type.String() }),
        querystring: Type.Object({
          period: Type.Optional(Type.String()),
          theme: Type.Optional(Type.Array(Type.String())),
          as: AsQuery,
        }),
      },
    },
    async (request, reply) => {
      // Rendered once per data change, audience and day (the report says the day it was produced on): drawing its
      // charts takes about a second for the demo plan.
      const producedOn = new Date().toISOString()
      return reply.cachedPage(
        async () => {
          const { plan, period, reportData } = await data(
            request.params.plan,
            request.query.period,
            request.query.theme,
            request.query.as,
            'html',
          )
          const signOff = reportData.signOff?.signOff ?? null
          const report = buildReportModel({
            ...reportData,
            charts,
            producedOn,
            ...(request.query.theme ? { themes: request.query.theme } : {}),
          })
          return {
            template: 'report-page.njk',
            context: {
              title: `${plan.name}: performance report, ${describePeriod(period)}`,
              report,
              periodLabel: describePeriod(period),
              signOffStatus: signOffStatus(plan.slug, period, signOff, actorOf(request)),
              otherView: signOff
                ? request.query.as === 'current'
                  ? { href: paths.report(plan.slug, period), text: 'See the report as signed off' }
                  : { href: paths.report(plan.slug, period, 'current'), text: 'See the current figures' }
                : null,
              downloads: DOWNLOADS.map((format) => ({
                format,
                href: paths.download(plan.slug, period, format, request.query.as === 'current' ? 'current' : undefined),
              })),
              breadcrumbs: [
                { text: 'Plans', href: paths.plans() },
                { text: plan.name, href: paths.dashboard(plan.slug, period) },
              ],
            },
          }
        },
        producedOn.slice(0, 10),
      )
    },
  )

  app.get(
    '/plans/:plan/download/:format',
    {
      schema: {
        params: Type.Object({ plan: Type.String(), format: Type.Union(REPORT_FORMATS.map((f) => Type.Literal(f))) }),
        querystring: Type.Object({
          period: Type.Optional(Type.String()),
          theme: Type.Optional(Type.Array(Type.String())),
          as: AsQuery,
        }),
      },
    },
    async (request, reply) => {
      const { plan, period, reportData } = await data(
        request.params.plan,
        request.query.period,
        request.query.theme,
        request.query.as,
        request.params.format,
      )
      const format = request.params.format
      const body = await renderReport(format, {
        ...reportData,
        producedOn: new Date().toISOString(),
        ...(request.query.theme ? { themes: request.query.theme } : {}),
        ...(options.chromiumPath ? { chromiumPath: options.chromiumPath } : {}),
      })
      const fileName = reportFileName(plan.slug, describePeriod(period), format)
      return reply
        .type(CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(body)
    },
  )
}

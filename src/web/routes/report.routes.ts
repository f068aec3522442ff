import { Type } from 'typebox'
import { describePeriod } from '../../domain/period.ts'
import { CONTENT_TYPES, REPORT_FORMATS, type ReportFormat, reportFileName, renderReport } from '../../reports/index.ts'
import { buildReportModel } from '../../reports/report.model.ts'
import type { Services } from '../../services/index.ts'
import type { App } from '../app.ts'
import { paths } from '../paths.ts'
import { chosenPeriod } from './dashboard.routes.ts'

const DOWNLOADS: readonly ReportFormat[] = ['docx', 'pdf', 'xlsx', 'html']

/** The committee report: as a page in the app, and as a download in each format. */
export function reportRoutes(app: App, services: Services, options: { chromiumPath?: string }): void {
  async function data(slug: string, periodText: string | undefined, themes: string[] | undefined) {
    const plan = await services.plans.bySlug(slug)
    const { period } = await chosenPeriod(services, plan.slug, periodText)
    const reportData = await services.reports.reportData(plan.name, period, themes)
    return { plan, period, reportData }
  }

  app.get(
    '/plans/:plan/report',
    {
      schema: {
        params: Type.Object({ plan: Type.String() }),
        querystring: Type.Object({
          period: Type.Optional(Type.String()),
          theme: Type.Optional(Type.Array(Type.String())),
        }),
      },
    },
    async (request, reply) => {
      const { plan, period, reportData } = await data(request.params.plan, request.query.period, request.query.theme)
      const report = buildReportModel({
        ...reportData,
        producedOn: new Date().toISOString(),
        ...(request.query.theme ? { themes: request.query.theme } : {}),
      })
      return reply.page('report-page.njk', {
        title: `${plan.name}: performance report, ${describePeriod(period)}`,
        report,
        downloads: DOWNLOADS.map((format) => ({ format, href: paths.download(plan.slug, period, format) })),
        breadcrumbs: [
          { text: 'Plans', href: paths.plans() },
          { text: plan.name, href: paths.dashboard(plan.slug, period) },
        ],
      })
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
        }),
      },
    },
    async (request, reply) => {
      const { plan, period, reportData } = await data(request.params.plan, request.query.period, request.query.theme)
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

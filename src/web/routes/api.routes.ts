import { createHash } from 'node:crypto'
import { type Static, Type } from 'typebox'
import { type Indicator, isDataOnly, ownRulesOf, rulesOf } from '../../domain/judgement/indicator.ts'
import { bandText, rulesSentence } from '../../domain/judgement/rules.ts'
import { formatPeriod } from '../../domain/periods/period.ts'
import { reportModelData } from '../../reports/report.model.ts'
import { ReportSchema } from '../../reports/report.schema.ts'
import type { Services } from '../../services/index.ts'
import type { App } from '../app.ts'
import { paths } from '../paths.ts'
import { planAtPeriod } from './plan-period.ts'

const ErrorSchema = Type.Object({ error: Type.String(), message: Type.String() })
const PlanSchema = Type.Object({
  name: Type.String(),
  slug: Type.String(),
  links: Type.Object({ dashboard: Type.String(), indicators: Type.String() }),
})
const IndicatorSchema = Type.Object({
  ref: Type.String(),
  title: Type.String(),
  theme: Type.String(),
  frequency: Type.String(),
  polarity: Type.String(),
  valueType: Type.String(),
  unit: Type.String(),
  accumulation: Type.String(),
  tolerancePct: Type.String(),
  dotBasis: Type.String(),
  ragMethod: Type.String(),
  kind: Type.Union([Type.Literal('measure'), Type.Literal('data-only')]),
  rules: Type.Object(
    {
      tolerance: Type.String({ description: '"10%" (a percent of the target) or "2" (in the figure\'s units)' }),
      greenWithin: Type.Union([Type.String(), Type.Null()]),
      greenWhen: Type.String(),
      amberAlso: Type.String(),
      own: Type.Array(Type.String(), { description: "The rules the indicator sets itself; the rest are the plan's" }),
      text: Type.String({ description: 'The rules in words, as the report states them' }),
    },
    { description: 'The rules that judge the indicator (none for a data-only one, which has no RAG status)' },
  ),
  owners: Type.Array(Type.String()),
})

/** The rules that judge an indicator, as files write them, which of them it sets itself, and the rules in words. */
function apiRules(indicator: Indicator): Static<typeof IndicatorSchema>['rules'] {
  const rules = rulesOf(indicator)
  return {
    tolerance: bandText(rules.tolerance),
    greenWithin: rules.greenWithin ? bandText(rules.greenWithin) : null,
    greenWhen: rules.greenWhen,
    amberAlso: rules.amberAlso,
    own: Object.keys(ownRulesOf(indicator)),
    text: isDataOnly(indicator) ? 'For information: no RAG status.' : rulesSentence(rules, indicator.unit),
  }
}

/** The read-only JSON API. Schemas here are the validation, the response shape and the OpenAPI document. */
export function apiRoutes(app: App, services: Services): void {
  app.get('/api/openapi.json', { config: { public: true } }, (_request, reply) => reply.send(app.swagger()))

  app.get(
    '/api/plans',
    {
      schema: {
        tags: ['plans'],
        summary: 'The plans held',
        response: { 200: Type.Array(PlanSchema), 401: ErrorSchema },
      },
    },
    async () =>
      (await services.plans.list()).map((p) => ({
        name: p.name,
        slug: p.slug,
        links: { dashboard: paths.dashboard(p.slug), indicators: `/api/plans/${p.slug}/indicators` },
      })),
  )

  app.get(
    '/api/plans/:plan/indicators',
    {
      schema: {
        tags: ['plans'],
        summary: "A plan's indicators, in plan order",
        params: Type.Object({ plan: Type.String({ description: 'The plan slug, as in /api/plans' }) }),
        response: { 200: Type.Array(IndicatorSchema), 401: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const plan = await services.plans.bySlug(request.params.plan)
      const [data, owners] = await Promise.all([services.plans.loadPlan(plan.name), services.plans.owners(plan.slug)])
      return data.indicators.map(({ indicator }) => ({
        ref: indicator.ref,
        title: indicator.title,
        theme: indicator.theme,
        frequency: indicator.frequency,
        polarity: indicator.polarity,
        valueType: indicator.valueType,
        unit: indicator.unit,
        accumulation: indicator.accumulation,
        tolerancePct: indicator.tolerancePct,
        dotBasis: indicator.dotBasis,
        ragMethod: indicator.ragMethod,
        kind: indicator.kind ?? 'measure',
        rules: apiRules(indicator),
        owners: owners.get(indicator.ref) ?? [],
      }))
    },
  )

  app.get(
    '/api/plans/:plan/report',
    {
      schema: {
        tags: ['reports'],
        summary: 'The performance report for a period: exactly what `outturn report --format json` prints',
        params: Type.Object({ plan: Type.String({ description: 'The plan slug, as in /api/plans' }) }),
        querystring: Type.Object({
          period: Type.String({
            description:
              'A financial year (2013/14), quarter (2013/14 Q2) or month (2013-09), or as councils write them (2013-14, Q2 2013/14, Quarter 2 2013/14, Sep 2013); shown in the canonical form',
          }),
          theme: Type.Optional(
            Type.Array(Type.String(), { description: "Limit to these themes (a committee's remit)" }),
          ),
          as: Type.Optional(
            Type.Literal('current', {
              description: 'For a signed-off period: the current figures rather than the report as signed off',
            }),
          ),
        }),
        response: {
          200: ReportSchema,
          304: Type.Null({ description: 'Not modified: the report is as the ETag given' }),
          400: ErrorSchema,
          401: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const { plan, period } = await planAtPeriod(services, request.params.plan, request.query.period)
      const themes = request.query.theme
      // A county plan's report is megabytes of JSON: written once per change of the data, not once per request, and
      // held as bytes, so a response is not a UTF-8 encoding of the text either.
      const current = request.query.as === 'current'
      const key = ['report-json', plan.id, formatPeriod(period), current ? 'current' : '', ...(themes ?? [])].join(
        '\u0000',
      )
      const { body, etag } = await services.plans.remember(key, async () => {
        // A signed-off period: the report JSON as signed off, byte for byte, with its sign-off and revisions added.
        const signedOff = await services.signOffs.inForceFor(plan.slug, period)
        const data = signedOff
          ? await services.signOffs.report(plan.name, period, {
              ...(themes ? { themes } : {}),
              current,
              histories: false,
            })
          : await services.reports.reportJsonData(plan.name, period, themes)
        const text = JSON.stringify(reportModelData({ ...data, ...(themes ? { themes } : {}) }))
        const bytes = Buffer.from(text)
        return { body: bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` }
      })
      // The same report for anyone signed in: a client holding this version is told so and sent nothing.
      void reply.header('etag', etag).header('cache-control', 'private, no-cache')
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null)
      // Bytes go out as they are (Fastify serialises only objects); the schema still describes them and the tests check it.
      return reply.type('application/json; charset=utf-8').send(body as never)
    },
  )
}

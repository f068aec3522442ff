import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { type Actor, can } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import { evaluateIndicator } from '../../domain/judgement/evaluate.ts'
import { EXCEPTION_QUESTIONS } from '../../domain/judgement/exception-report.ts'
import { type Period, describePeriod, parsePeriod } from '../../domain/periods/period.ts'
import type { Services } from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'
import { updateFields } from '../form-update.ts'
import { field, formErrors } from '../forms.ts'
import { paths } from '../paths.ts'
import { lockNotice } from '../view-models/sign-off.view-model.ts'
import { actualText, figureText, ragView } from '../view-models/common.ts'
import { planAndPeriod } from './plan-period.ts'
import { FormQuery, afterSave, openedFrom } from './after-save.ts'

const Params = Type.Object({ plan: Type.String(), ref: Type.String() })
const Query = FormQuery

/** Exception reports: the form for one Red or Amber indicator, and the list of those outstanding for a period. */
export function exceptionRoutes(app: App, services: Services): void {
  async function render(
    reply: FastifyReply,
    actor: Actor,
    plan: string,
    ref: string,
    period: Period,
    values: Record<string, string> | null,
    errors: ReturnType<typeof formErrors> | null,
  ) {
    const context = await services.entries.indicatorContext(actor, plan, ref)
    if (!can(actor, 'enter-data', context.owned))
      throw new DomainError('forbidden', `You cannot write the exception report for ${ref}: it is not assigned to you.`)
    const e = evaluateIndicator(context.record.indicator, context.observations, period)
    if (!e.exceptionRequired)
      throw new DomainError(
        'not-found',
        `${ref} is not Red or Amber at ${describePeriod(period)}, so it needs no exception report.`,
      )
    const existing = await services.exceptions.find(actor, plan, ref, period)
    const current = values ?? {
      baseline: existing?.baseline ?? '',
      why: existing?.why ?? '',
      implications: existing?.implications ?? '',
      improvement: existing?.improvement ?? '',
    }
    const unit = e.indicator.unit
    const label = describePeriod(period)
    const lock = lockNotice(await services.signOffs.inForceFor(context.plan.slug, period), actor)
    return reply.page(
      'exception-report.njk',
      {
        lock,
        title: `Exception report for ${ref}, ${label}`,
        ref,
        periodLabel: label,
        state: existing?.state ?? null,
        facts: [
          { key: 'Theme / priority', value: e.indicator.theme },
          { key: 'Indicator / measure', value: `${ref}: ${e.indicator.title}` },
          {
            key: 'Target and timescale',
            value: `${figureText(e.target, unit)}${e.amberLimit ? ` (amber limit ${figureText({ kind: 'number', text: String(Number(e.amberLimit.units) / 10 ** e.amberLimit.scale), value: e.amberLimit }, unit)})` : ''}, ${label}`,
          },
          {
            key: 'Actual and timescale',
            value: `${actualText(e)}, ${e.dataPeriod ? describePeriod(e.dataPeriod) : label}`,
          },
          { key: 'Status', value: ragView(e.rag, e.ragSource === 'assessment').label },
        ],
        questions: EXCEPTION_QUESTIONS.map((q) => ({
          ...q,
          value: current[q.field] ?? '',
          error: errors?.errors[q.field],
        })),
        values: current,
        action: paths.exceptionReport(context.plan.slug, ref, period, openedFrom(reply)),
        cancel: paths.indicator(context.plan.slug, ref, period),
        ...(errors ?? { errors: {} }),
        breadcrumbs: [
          { text: 'Plans', href: paths.plans() },
          { text: context.plan.name, href: paths.dashboard(context.plan.slug, period) },
          { text: ref, href: paths.indicator(context.plan.slug, ref, period) },
        ],
      },
      errors ? 400 : 200,
    )
  }

  app.get(
    '/plans/:plan/indicators/:ref/exception-report',
    { schema: { params: Params, querystring: Query } },
    async (request, reply) =>
      render(
        reply,
        actorOf(request),
        request.params.plan,
        request.params.ref,
        parsePeriod(request.query.period),
        null,
        null,
      ),
  )

  app.post(
    '/plans/:plan/indicators/:ref/exception-report',
    { schema: { params: Params, querystring: Query }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      const actor = actorOf(request)
      const period = parsePeriod(request.query.period)
      const existing = await services.exceptions.find(actor, request.params.plan, request.params.ref, period)
      const values = updateFields(request.body, {
        baseline: existing?.baseline ?? '',
        why: existing?.why ?? '',
        implications: existing?.implications ?? '',
        improvement: existing?.improvement ?? '',
        reason: '',
      })
      const result = await services.exceptions.save(actor, request.params.plan, request.params.ref, period, {
        ...values,
        submit: field(request.body, 'action') === 'submit',
      })
      if (!result.ok)
        return render(reply, actor, request.params.plan, request.params.ref, period, values, formErrors(result.errors))
      const { plan, ref } = request.params
      const change = { kind: 'exception-report', planSlug: plan, ref, period } as const
      return afterSave(services, reply, actor, change, paths.indicator(plan, ref, period, 'exception-report'))
    },
  )

  app.get(
    '/plans/:plan/exceptions',
    {
      schema: {
        params: Type.Object({ plan: Type.String() }),
        querystring: Type.Object({ period: Type.Optional(Type.String()) }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request)
      const { plan, period } = await planAndPeriod(services, request.params.plan, request.query.period)
      const [evaluation, reports, owners] = await Promise.all([
        services.plans.evaluate(plan.name, period),
        services.exceptions.forPeriod(plan.slug, period),
        services.plans.owners(plan.slug),
      ])
      const rows = evaluation.evaluations
        .filter((e) => e.exceptionRequired)
        .map((e) => {
          const state = reports.get(e.indicator.ref)?.state
          return {
            ref: e.indicator.ref,
            title: e.indicator.title,
            rag: ragView(e.rag, e.ragSource === 'assessment'),
            owner: (owners.get(e.indicator.ref) ?? []).join(', ') || 'Not assigned',
            state: state === 'submitted' ? 'Submitted' : state === 'draft' ? 'Draft' : 'Not started',
            href: paths.exceptionReport(plan.slug, e.indicator.ref, period),
            indicatorHref: paths.indicator(plan.slug, e.indicator.ref, period),
            mayWrite: actor.role !== 'viewer',
          }
        })
      return reply.page('exceptions.njk', {
        title: `Exception reports for ${describePeriod(period)}`,
        planName: plan.name,
        periodLabel: describePeriod(period),
        rows,
        outstanding: rows.filter((r) => r.state !== 'Submitted').length,
        breadcrumbs: [
          { text: 'Plans', href: paths.plans() },
          { text: plan.name, href: paths.dashboard(plan.slug, period) },
        ],
      })
    },
  )
}

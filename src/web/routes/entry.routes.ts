import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { can } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import type { Observation } from '../../domain/judgement/observation.ts'
import { type Period, describePeriod, formatPeriod, parsePeriod } from '../../domain/periods/period.ts'
import type { EntryInput, Services } from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'
import { updateFields } from '../form-update.ts'
import { formErrors } from '../forms.ts'
import { paths } from '../paths.ts'
import { lockNotice } from '../view-models/sign-off.view-model.ts'
import { FormQuery, afterSave, openedFrom } from './after-save.ts'

const Params = Type.Object({ plan: Type.String(), ref: Type.String() })
const Query = FormQuery

const REASONS = [
  { value: 'not-available', text: 'Not available yet' },
  { value: 'in-arrears', text: 'Reported a period in arrears' },
  { value: 'new', text: 'New indicator: data collection being established' },
  { value: 'annual', text: 'Reported annually' },
  { value: 'suppressed', text: 'Suppressed: withheld because the numbers are small' },
  { value: 'not-due', text: 'Not due this period (collected quarterly or annually)' },
]

/** The entry form's fields. */
type EntryField =
  'actual' | 'estimated' | 'dataPeriod' | 'notReported' | 'note' | 'reason' | 'target' | 'status' | 'statusReason'

function formValues(observation: Observation | undefined): Record<EntryField, string> {
  return {
    actual: observation?.actual ?? '',
    estimated: observation?.estimated ? 'yes' : '',
    dataPeriod: observation?.dataPeriod ? formatPeriod(observation.dataPeriod) : '',
    notReported: observation?.notReported ?? '',
    note: observation?.note ?? '',
    reason: '',
    target: observation?.target ?? '',
    status: observation?.status ?? '',
    statusReason: '',
  }
}

/** The data-entry form for one indicator and period: figures and commentary, and for officers target and assessment. */
export function entryRoutes(app: App, services: Services): void {
  async function render(
    request: { params: { plan: string; ref: string } },
    reply: FastifyReply,
    period: Period,
    values: Record<string, string>,
    errors: ReturnType<typeof formErrors> | null,
    actor: ReturnType<typeof actorOf>,
  ) {
    const context = await services.entries.indicatorContext(actor, request.params.plan, request.params.ref)
    if (!can(actor, 'enter-data', context.owned))
      throw new DomainError('forbidden', `You cannot enter data for ${request.params.ref}: it is not assigned to you.`)
    const indicator = context.record.indicator
    const label = describePeriod(period)
    const officer = can(actor, 'assess')
    const lock = lockNotice(await services.signOffs.inForceFor(context.plan.slug, period), actor)
    return reply.page(
      'entry.njk',
      {
        title: `Enter data for ${indicator.ref}, ${label}`,
        ref: indicator.ref,
        indicatorTitle: indicator.title,
        periodLabel: label,
        unit: indicator.unit,
        statusOnly: indicator.valueType === 'status',
        valueHint:
          indicator.valueType === 'rank'
            ? 'A position, like 1st'
            : indicator.valueType === 'text'
              ? 'The text, like Top quartile'
              : `A number${indicator.unit ? ` in ${indicator.unit}` : ''}, without units or symbols, like 12.5`,
        officer,
        lock,
        values,
        reasons: REASONS.map((r) => ({ ...r, checked: values.notReported === r.value })),
        statuses: [
          { value: '', text: 'No assessment: use the computed status' },
          { value: 'G', text: 'Green' },
          { value: 'A', text: 'Amber' },
          { value: 'R', text: 'Red' },
        ].map((s) => ({ ...s, checked: values.status === s.value })),
        action: paths.entry(context.plan.slug, indicator.ref, period, openedFrom(reply)),
        cancel: paths.indicator(context.plan.slug, indicator.ref, period),
        ...(errors ?? { errors: {} }),
        breadcrumbs: [
          { text: 'Plans', href: paths.plans() },
          { text: context.plan.name, href: paths.dashboard(context.plan.slug, period) },
          { text: indicator.ref, href: paths.indicator(context.plan.slug, indicator.ref, period) },
        ],
      },
      errors ? 400 : 200,
    )
  }

  app.get(
    '/plans/:plan/indicators/:ref/entry',
    { schema: { params: Params, querystring: Query } },
    async (request, reply) => {
      const actor = actorOf(request)
      const period = parsePeriod(request.query.period)
      const context = await services.entries.indicatorContext(actor, request.params.plan, request.params.ref)
      const existing = context.observations.find((o) => formatPeriod(o.period) === formatPeriod(period))
      return render(request, reply, period, formValues(existing), null, actor)
    },
  )

  app.post(
    '/plans/:plan/indicators/:ref/entry',
    { schema: { params: Params, querystring: Query }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      const actor = actorOf(request)
      const period = parsePeriod(request.query.period)
      const officer = can(actor, 'assess')
      // A field the POST leaves out keeps its stored value; one sent empty clears it.
      const context = await services.entries.indicatorContext(actor, request.params.plan, request.params.ref)
      const existing = context.observations.find((o) => formatPeriod(o.period) === formatPeriod(period))
      const values = updateFields(request.body, formValues(existing), ['estimated'])
      const input: EntryInput = {
        actual: values.actual,
        estimated: values.estimated === 'yes',
        dataPeriod: values.dataPeriod,
        notReported: values.notReported,
        note: values.note,
        reason: values.reason,
        ...(officer ? { status: values.status, statusReason: values.statusReason, target: values.target } : {}),
      }
      const ragBefore = await services.returns.ragOf(actor, request.params.plan, request.params.ref, period)
      const result = await services.entries.recordEntry(actor, request.params.plan, request.params.ref, period, input)
      if (!result.ok) {
        return render(request, reply, period, values, formErrors(result.errors), actor)
      }
      const { plan, ref } = request.params
      const change = { kind: 'figure', planSlug: plan, ref, period } as const
      return afterSave(services, reply, actor, change, paths.indicator(plan, ref, period, 'figure'), ragBefore)
    },
  )
}

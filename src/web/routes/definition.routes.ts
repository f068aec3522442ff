import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { type Actor, can } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import {
  ACCUMULATIONS,
  DOT_BASES,
  FREQUENCIES,
  type Indicator,
  POLARITIES,
  RAG_METHODS,
} from '../../domain/judgement/indicator.ts'
import type { DefinitionInput, Services } from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'
import { updateFields } from '../form-update.ts'
import { formErrors } from '../forms.ts'
import { paths } from '../paths.ts'

const Params = Type.Object({ plan: Type.String(), ref: Type.String() })
const LABELS: Record<string, string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  annual: 'Annual',
  higher: 'Higher is better',
  lower: 'Lower is better',
  none: 'No polarity',
  point: 'Stands alone each period (a rate or snapshot)',
  'ytd-sum': 'Year-to-date total',
  'ytd-rate': 'Year-to-date rate (compared with the same point last year)',
  both: 'Both: the previous period, and the same period last year',
  previous: 'The previous period',
  'same-period-last-year': 'The same period last year',
  tolerance: 'Tolerance against the period target',
  forecast: 'Forecast against the annual target',
}
/** The definition form's fields. */
type DefinitionField =
  | 'title'
  | 'frequency'
  | 'polarity'
  | 'unit'
  | 'accumulation'
  | 'tolerancePct'
  | 'dotBasis'
  | 'ragMethod'
  | 'owner'
  | 'reason'

/** The definition form's fields as the indicator holds them. */
function storedValues(i: Indicator): Record<DefinitionField, string> {
  return {
    title: i.title,
    frequency: i.frequency,
    polarity: i.polarity,
    unit: i.unit,
    accumulation: i.accumulation,
    tolerancePct: i.tolerancePct,
    dotBasis: i.dotBasis,
    ragMethod: i.ragMethod,
    owner: i.owner ?? '',
    reason: '',
  }
}

/** The performance team's form for an indicator's definition. */
export function definitionRoutes(app: App, services: Services): void {
  async function render(
    reply: Pick<FastifyReply, 'page'>,
    actor: Actor,
    plan: string,
    ref: string,
    values: Record<string, string> | null,
    errors: ReturnType<typeof formErrors> | null,
  ) {
    if (!can(actor, 'edit-framework'))
      throw new DomainError('forbidden', 'Only the performance team can change an indicator’s definition.')
    const context = await services.entries.indicatorContext(actor, plan, ref)
    const current = values ?? storedValues(context.record.indicator)
    const options = (list: readonly string[], selected: string | undefined) =>
      list.map((value) => ({ value, text: LABELS[value] ?? value, checked: value === selected }))
    return reply.page(
      'definition.njk',
      {
        title: `Change the definition of ${ref}`,
        ref,
        values: current,
        frequencies: options(FREQUENCIES, current.frequency),
        polarities: options(POLARITIES, current.polarity),
        accumulations: options(ACCUMULATIONS, current.accumulation),
        dotBases: options(DOT_BASES, current.dotBasis),
        ragMethods: options(RAG_METHODS, current.ragMethod),
        action: `/plans/${encodeURIComponent(context.plan.slug)}/indicators/${encodeURIComponent(ref)}/definition`,
        cancel: paths.indicator(context.plan.slug, ref),
        ...(errors ?? { errors: {} }),
        breadcrumbs: [
          { text: 'Plans', href: paths.plans() },
          { text: context.plan.name, href: paths.dashboard(context.plan.slug) },
          { text: ref, href: paths.indicator(context.plan.slug, ref) },
        ],
      },
      errors ? 400 : 200,
    )
  }

  app.get('/plans/:plan/indicators/:ref/definition', { schema: { params: Params } }, async (request, reply) =>
    render(reply, actorOf(request), request.params.plan, request.params.ref, null, null),
  )

  app.post(
    '/plans/:plan/indicators/:ref/definition',
    { schema: { params: Params }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      const actor = actorOf(request)
      // A field the POST leaves out keeps its stored value; one sent empty clears it.
      const context = await services.entries.indicatorContext(actor, request.params.plan, request.params.ref)
      const values = updateFields(request.body, storedValues(context.record.indicator))
      const input: DefinitionInput = values
      const result = await services.definitions.editDefinition(actor, request.params.plan, request.params.ref, input)
      if (!result.ok)
        return render(reply, actor, request.params.plan, request.params.ref, values, formErrors(result.errors))
      return reply.redirect(paths.indicator(request.params.plan, request.params.ref), 303)
    },
  )
}

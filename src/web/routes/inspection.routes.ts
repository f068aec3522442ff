import { Type } from 'typebox'
import { KLOE_LEVELS, describeKloeScore } from '../../domain/delivery/inspection.ts'
import { describePeriod } from '../../domain/periods/period.ts'
import { numberWord } from '../../domain/figures/words.ts'
import type { Services } from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'
import { paths } from '../paths.ts'
import { deliveryRow, mayEdit } from '../view-models/delivery.view-model.ts'
import { planAndPeriod } from './plan-period.ts'

const FLAG = { red: 'Red flag', green: 'Green flag' } as const

/** Inspection: the organisational assessment's KLOE scores by year, and the areas of concern with their actions. */
export function inspectionRoutes(app: App, services: Services): void {
  app.get(
    '/plans/:plan/inspection',
    {
      schema: {
        params: Type.Object({ plan: Type.String() }),
        querystring: Type.Object({ period: Type.Optional(Type.String()) }),
      },
    },
    async (request, reply) => {
      const { plan, period } = await planAndPeriod(services, request.params.plan, request.query.period)
      const [assessments, areas, editable] = await Promise.all([
        services.inspection.assessments(plan.name),
        services.inspection.areasOfConcern(plan.name, period),
        services.delivery.editableRefs(actorOf(request), plan.name),
      ])
      const href = (ref: string) => (mayEdit(editable, ref) ? paths.deliveryStatus(plan.slug, ref, period) : null)
      return reply.page('inspection.njk', {
        title: `Inspection: ${plan.name}`,
        planName: plan.name,
        periodLabel: describePeriod(period),
        assessments: assessments.map((a) => {
          const scored = a.scores.filter((s) => s.score !== null).length
          const levels = ([1, 2, 3, 4] as const)
            .filter((l) => a.levels[l] > 0)
            .map((l) => `${numberWord(a.levels[l])} at level ${l}`)
          return {
            heading: `${a.assessment} ${a.year}`,
            sentence: `Of the ${numberWord(a.scores.length)} Key Lines of Enquiry, ${numberWord(scored)} were scored: ${levels.join(', ')}.${
              a.weak.length > 0 ? ` Judged weak: ${a.weak.map((w) => `${w.ref} ${w.title}`).join(', ')}.` : ''
            }`,
            rows: a.scores.map((s) => ({
              ref: s.ref,
              title: s.title,
              score: describeKloeScore(s),
              level: s.score === null ? '' : KLOE_LEVELS[s.score],
              weak: s.judgement === 'weak',
              note: s.note ?? '',
            })),
          }
        }),
        areas: areas.map((a) => ({
          ...deliveryRow(a.result, href(a.result.item.ref)),
          flagLabel: a.result.item.flag ? FLAG[a.result.item.flag] : 'Area of concern',
          actions: a.actions.map((r) => deliveryRow(r, href(r.item.ref))),
        })),
        breadcrumbs: [
          { text: 'Plans', href: paths.plans() },
          { text: plan.name, href: paths.dashboard(plan.slug, period) },
        ],
      })
    },
  )
}

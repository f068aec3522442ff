import type { DeliveryResult } from '../../domain/delivery/delivery-plan.ts'
import { type StatusCounts, countStatuses, type DeliveryStatus } from '../../domain/delivery/delivery.ts'
import { isHighRisk } from '../../domain/delivery/risk.ts'
import type { Period } from '../../domain/periods/period.ts'
import type { DeliveryService } from '../delivery/delivery.service.ts'
import type { InspectionService } from '../delivery/inspection.service.ts'
import type { RiskService } from '../delivery/risk.service.ts'
import type { PlanService } from './plan.service.ts'

/** The kinds of content a plan can hold, each with its own page. */
export const CONTENT_KINDS = ['indicators', 'delivery', 'risks', 'inspection'] as const
export type ContentKind = (typeof CONTENT_KINDS)[number]

/** What a plan holds for a period, kind by kind, counted for its front page. */
export interface PlanContents {
  readonly kinds: readonly ContentKind[]
  readonly indicators: { readonly count: number; readonly reported: number; readonly text: string }
  readonly delivery: {
    readonly count: number
    /** Priorities, objectives, milestones and actions (not an inspection's areas of concern and their actions). */
    readonly statuses: StatusCounts
    readonly sentence: string | null
    readonly overdue: readonly string[]
  }
  readonly risks: { readonly count: number; readonly high: number; readonly treatments: number }
  readonly inspection: { readonly assessments: number; readonly scores: number; readonly areasOfConcern: number }
}

/** Whether a delivery result belongs to an inspection's action plan (an area of concern, or an action under one). */
function isInspectionItem(result: DeliveryResult, areas: ReadonlySet<string>): boolean {
  return result.item.kind === 'area-of-concern' || (result.item.parent !== null && areas.has(result.item.parent))
}

/**
 * What a plan holds: indicators, priorities and milestones, a risk register, inspection scores. A plan opens on what
 * it holds, not on an empty indicator table.
 */
export function createPlanContentsService(deps: {
  plans: PlanService
  delivery: DeliveryService
  risks: RiskService
  inspection: InspectionService
}) {
  async function contentsOf(planName: string, period: Period): Promise<PlanContents> {
    const [evaluation, delivery, register, assessments] = await Promise.all([
      deps.plans.evaluate(planName, period),
      deps.delivery.evaluate(planName, period),
      deps.risks.register(planName, period),
      deps.inspection.assessments(planName),
    ])
    const areas = new Set(delivery.results.filter((r) => r.item.kind === 'area-of-concern').map((r) => r.item.ref))
    const own = delivery.results.filter((r) => !isInspectionItem(r, areas))
    const contents = {
      indicators: {
        count: evaluation.summary.indicators,
        reported: evaluation.summary.reported,
        text: evaluation.text,
      },
      delivery: {
        count: own.length,
        statuses: countStatuses(own.map((r) => r.status).filter((s): s is DeliveryStatus => s !== null)),
        sentence: delivery.prioritiesSentence,
        overdue: delivery.overdueMilestones,
      },
      risks: {
        count: register.length,
        high: register.filter(({ risk }) => isHighRisk(risk.residual)).length,
        treatments: register.reduce((n, r) => n + r.treatments.length, 0),
      },
      inspection: {
        assessments: assessments.length,
        scores: assessments.reduce((n, a) => n + a.scores.length, 0),
        areasOfConcern: areas.size,
      },
    }
    const held: Record<ContentKind, boolean> = {
      indicators: contents.indicators.count > 0,
      delivery: contents.delivery.count > 0,
      risks: contents.risks.count > 0,
      inspection: contents.inspection.scores > 0 || contents.inspection.areasOfConcern > 0,
    }
    return { kinds: CONTENT_KINDS.filter((kind) => held[kind]), ...contents }
  }

  return { contentsOf }
}

export type PlanContentsService = ReturnType<typeof createPlanContentsService>

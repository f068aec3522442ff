import {
  type DeliveryStatus,
  actionsSentence,
  countStatuses,
  isOverdue,
  prioritiesSentence,
  rollUpStatus,
  type StatusCounts,
} from './delivery.ts'
import { type Period, formatPeriod, periodEndDate, yearOf } from '../periods/period.ts'

/**
 * The delivery side of a framework: what a council or partnership said it would do, as opposed to what it measures.
 * - objective: a service objective (Halton), holding milestones and risks;
 * - priority: a partnership group's priority (Chorley), holding actions;
 * - milestone: a dated deliverable with a responsible officer (Halton);
 * - action: a step under a priority or an area of concern, with responsibility, timescale and measure of success;
 * - area-of-concern: an inspection finding with a red or green flag (Manchester), holding actions.
 */
export const DELIVERY_KINDS = ['objective', 'priority', 'milestone', 'action', 'area-of-concern'] as const
export type DeliveryKind = (typeof DELIVERY_KINDS)[number]

export interface DeliveryItem {
  readonly kind: DeliveryKind
  readonly ref: string
  readonly title: string
  /** The partnership group or organisation that owns it. */
  readonly group: string | null
  readonly theme: string | null
  /** The item it sits under: an action's priority or area of concern, a milestone's objective. */
  readonly parent: string | null
  /** ISO date. */
  readonly dueDate: string | null
  readonly responsible: string | null
  readonly timescale: string | null
  readonly measureOfSuccess: string | null
  readonly linkedIndicators: readonly string[]
  /** An area of concern's inspection flag. */
  readonly flag: 'red' | 'green' | null
}

/** A partnership group or organisation that owns priorities: how it makes decisions and how it delivers (Chorley). */
export interface DeliveryGroup {
  readonly name: string
  readonly decisionMaking: string | null
  readonly delivery: string | null
}

/** A status for a period, with commentary; an override of a rolled-up status carries its reason. */
export interface DeliveryUpdate {
  readonly ref: string
  readonly period: Period
  readonly status: DeliveryStatus
  readonly commentary: string | null
  readonly overrideReason: string | null
}

export interface DeliveryResult {
  readonly item: DeliveryItem
  /** The status for the period: as entered, or rolled up from the item's children when none was entered. */
  readonly status: DeliveryStatus | null
  readonly statusSource: 'entered' | 'rolled-up' | 'override' | null
  /** What the children roll up to, when the item has children, whatever status was entered. */
  readonly rolledUp: DeliveryStatus | null
  readonly childCounts: StatusCounts | null
  /** Chorley's sentence about the children: "Of the five actions for this priority in 2013/14, ...". */
  readonly childSentence: string | null
  readonly commentary: string | null
  readonly overdue: boolean
}

export interface DeliverySummary {
  readonly period: Period
  readonly results: readonly DeliveryResult[]
  /** Counts of each kind's statuses, and the plan-level sentence for priorities. */
  readonly priorities: StatusCounts
  readonly prioritiesSentence: string | null
  readonly milestones: StatusCounts
  readonly overdueMilestones: readonly string[]
}

/**
 * Judges a plan's delivery items for a period: each item's status (entered, or rolled up from its children's
 * statuses for the same period), the Chorley-style sentences, and milestones overdue at the period's end.
 * A status entered on an item that has children and differs from their roll-up counts as an override only when
 * it gives a reason; otherwise it is simply the entered status.
 */
export function evaluateDelivery(
  items: readonly DeliveryItem[],
  updates: readonly DeliveryUpdate[],
  period: Period,
): DeliverySummary {
  const key = formatPeriod(period)
  const current = new Map(updates.filter((u) => formatPeriod(u.period) === key).map((u) => [u.ref, u]))
  const children = new Map<string, DeliveryItem[]>()
  for (const item of items) if (item.parent) children.set(item.parent, [...(children.get(item.parent) ?? []), item])
  const asAt = periodEndDate(period)
  const year = formatPeriod(yearOf(period))

  const results = items.map((item): DeliveryResult => {
    const update = current.get(item.ref)
    const kids = children.get(item.ref) ?? []
    const kidStatuses = kids
      .map((kid) => current.get(kid.ref)?.status)
      .filter((s): s is DeliveryStatus => s !== undefined)
    const rolledUp = kids.length > 0 ? rollUpStatus(kidStatuses) : null
    const status = update?.status ?? rolledUp
    const source: DeliveryResult['statusSource'] = update
      ? update.overrideReason && rolledUp !== null && update.status !== rolledUp
        ? 'override'
        : 'entered'
      : rolledUp
        ? 'rolled-up'
        : null
    return {
      item,
      status,
      statusSource: source,
      rolledUp,
      childCounts: kids.length > 0 ? countStatuses(kidStatuses) : null,
      childSentence: kids.length > 0 && item.kind === 'priority' ? actionsSentence(kidStatuses, year) : null,
      commentary: update?.commentary ?? null,
      overdue: item.kind === 'milestone' && isOverdue(item.dueDate, status, asAt),
    }
  })

  const statusesOf = (kind: DeliveryKind): DeliveryStatus[] =>
    results.filter((r) => r.item.kind === kind && r.status !== null).map((r) => r.status as DeliveryStatus)
  const priorityStatuses = statusesOf('priority')
  return {
    period,
    results,
    priorities: countStatuses(priorityStatuses),
    prioritiesSentence: priorityStatuses.length > 0 ? prioritiesSentence(priorityStatuses) : null,
    milestones: countStatuses(statusesOf('milestone')),
    overdueMilestones: results.filter((r) => r.overdue).map((r) => r.item.ref),
  }
}

import { DELIVERY_LABELS, type DeliveryStatus } from '../../domain/delivery/delivery.ts'
import type { DeliveryKind, DeliveryResult } from '../../domain/delivery/delivery-plan.ts'

/** How each delivery status reads on a page, and which RAG colour its tag takes. */
export const STATUS_LABEL = DELIVERY_LABELS
const STATUS_MODIFIER: Readonly<Record<DeliveryStatus, string>> = {
  green: 'G',
  amber: 'A',
  red: 'R',
  'not-started': 'none',
  complete: 'G',
}

export const KIND_LABEL: Readonly<Record<DeliveryKind, string>> = {
  objective: 'Objective',
  priority: 'Priority',
  milestone: 'Milestone',
  action: 'Action',
  'area-of-concern': 'Area of concern',
}

/** A status tag's text and colour; "No status" when none was given. */
export function statusTag(status: DeliveryStatus | null): { label: string; modifier: string } {
  return status
    ? { label: STATUS_LABEL[status], modifier: STATUS_MODIFIER[status] }
    : { label: 'No status', modifier: 'none' }
}

/** One row of a delivery table: the item, its status and where that came from, its narrative and edit link. */
export function deliveryRow(result: DeliveryResult, href: string | null) {
  const r = result
  return {
    kind: KIND_LABEL[r.item.kind],
    ref: r.item.ref,
    title: r.item.title,
    group: r.item.group ?? r.item.theme ?? '',
    theme: r.item.theme ?? '',
    indent: r.item.parent !== null,
    status: statusTag(r.status),
    source:
      r.statusSource === 'rolled-up'
        ? 'rolled up from its actions'
        : r.statusSource === 'override'
          ? 'set by an officer, differing from its actions'
          : '',
    narrative: [r.childSentence, r.commentary].filter((t) => t !== null).join(' '),
    responsible: r.item.responsible ?? '',
    timescale: r.item.timescale ?? '',
    measureOfSuccess: r.item.measureOfSuccess ?? '',
    flag: r.item.flag,
    due: r.item.dueDate ?? '',
    overdue: r.overdue,
    href,
  }
}

/** Whether a set of editable refs (or 'all', for the performance team) includes this one. */
export function mayEdit(editable: 'all' | ReadonlySet<string>, ref: string): boolean {
  return editable === 'all' || editable.has(ref)
}

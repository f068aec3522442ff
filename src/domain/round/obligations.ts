import type { Rag } from '../figures/value.ts'

/**
 * What each person owes in a reporting round, worked out from who is assigned to what and from the plan's rules:
 * a figure (and its commentary) for each indicator they own; an exception report for each of those judged Red or
 * Amber; a status for each milestone, action or priority they are responsible for; a review of each risk treatment
 * they own. Each item says whether it is done, and why it is owed, in words.
 */
export const OBLIGATION_KINDS = ['figure', 'commentary', 'exception-report', 'milestone', 'risk-review'] as const
export type ObligationKind = (typeof OBLIGATION_KINDS)[number]

export const OBLIGATION_NAMES: Readonly<Record<ObligationKind, string>> = {
  figure: 'Figure',
  commentary: 'Commentary',
  'exception-report': 'Exception report',
  milestone: 'Milestone status',
  'risk-review': 'Risk review',
}

/** An indicator of the plan as the round sees it: who owns it and what is held for the period. */
export interface RoundIndicator {
  readonly ref: string
  readonly title: string
  readonly theme: string
  readonly owners: readonly number[]
  /** A figure, or a reason for having none, is held for the period. */
  readonly reported: boolean
  readonly commentary: boolean
  readonly rag: Rag | null
  /** The rules ask for an exception report (Red or Amber). */
  readonly exceptionRequired: boolean
  readonly exceptionState: 'draft' | 'submitted' | null
}

/** A milestone, action or priority, or a risk treatment, with who is responsible and whether it is updated. */
export interface RoundItem {
  readonly ref: string
  readonly title: string
  readonly theme: string
  readonly owners: readonly number[]
  readonly updated: boolean
}

export interface RoundPlan {
  readonly indicators: readonly RoundIndicator[]
  readonly items: readonly RoundItem[]
  readonly treatments: readonly RoundItem[]
}

/** One thing a person owes in the round. */
export interface Obligation {
  readonly kind: ObligationKind
  readonly ref: string
  readonly title: string
  readonly theme: string
  readonly done: boolean
  /** Why it is owed, or what was done, in words. */
  readonly why: string
}

export const RAG_NAMES: Readonly<Record<Rag, string>> = { R: 'Red', A: 'Amber', G: 'Green' }

function indicatorObligations(indicator: RoundIndicator): Obligation[] {
  const base = { ref: indicator.ref, title: indicator.title, theme: indicator.theme }
  const owed: Obligation[] = [
    {
      ...base,
      kind: 'figure',
      done: indicator.reported,
      why: indicator.reported
        ? `Entered${indicator.rag ? `: ${RAG_NAMES[indicator.rag]}` : ''}`
        : 'You own this indicator: enter its figure, or say why there is none',
    },
    {
      ...base,
      kind: 'commentary',
      done: indicator.commentary,
      why: indicator.commentary ? 'Written' : 'Say what lies behind the figure',
    },
  ]
  if (indicator.exceptionRequired && indicator.rag)
    owed.push({
      ...base,
      kind: 'exception-report',
      done: indicator.exceptionState === 'submitted',
      why:
        indicator.exceptionState === 'submitted'
          ? 'Submitted'
          : `${RAG_NAMES[indicator.rag]}: an exception report is needed${indicator.exceptionState === 'draft' ? ' (a draft is saved)' : ''}`,
    })
  return owed
}

function itemObligation(kind: 'milestone' | 'risk-review', item: RoundItem): Obligation {
  return {
    kind,
    ref: item.ref,
    title: item.title,
    theme: item.theme,
    done: item.updated,
    why: item.updated
      ? 'Recorded'
      : kind === 'milestone'
        ? 'You are responsible for this: record its status'
        : 'You own this treatment: review its progress',
  }
}

/** What each person owes, by user id, in plan order: indicators, then milestones, then risk treatments. */
export function obligationsByPerson(plan: RoundPlan): Map<number, Obligation[]> {
  const owed = new Map<number, Obligation[]>()
  const add = (owners: readonly number[], items: readonly Obligation[]): void => {
    for (const owner of owners) owed.set(owner, [...(owed.get(owner) ?? []), ...items])
  }
  for (const indicator of plan.indicators) add(indicator.owners, indicatorObligations(indicator))
  for (const item of plan.items) add(item.owners, [itemObligation('milestone', item)])
  for (const treatment of plan.treatments) add(treatment.owners, [itemObligation('risk-review', treatment)])
  return owed
}

/** The things not yet done. */
export function outstanding(obligations: readonly Obligation[]): Obligation[] {
  return obligations.filter((o) => !o.done)
}

/** "3 figures and 2 exception reports": what is outstanding, counted by kind, in words. */
export function owedSentence(obligations: readonly Obligation[]): string {
  const counts = new Map<ObligationKind, number>()
  for (const o of outstanding(obligations)) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1)
  const parts = OBLIGATION_KINDS.filter((kind) => counts.has(kind)).map((kind) => {
    const n = counts.get(kind) ?? 0
    const name = OBLIGATION_NAMES[kind].toLowerCase()
    return `${n} ${n === 1 ? name : name === 'commentary' ? 'commentaries' : `${name}s`}`
  })
  if (parts.length === 0) return 'nothing'
  return parts.length === 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`
}

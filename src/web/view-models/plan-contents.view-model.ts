import { DELIVERY_LABELS, DELIVERY_STATUSES } from '../../domain/delivery/delivery.ts'
import { numberWord } from '../../domain/figures/words.ts'
import type { Period } from '../../domain/periods/period.ts'
import type { ContentKind, PlanContents } from '../../services/plans/plan-contents.service.ts'
import { paths } from '../paths.ts'

/** One kind of content on a plan's front page: what it holds in a sentence or two, and the link to its page. */
export interface ContentSection {
  readonly kind: ContentKind
  readonly heading: string
  readonly lines: readonly string[]
  readonly href: string
  readonly linkText: string
}

const plural = (n: number, one: string, many: string): string => `${numberWord(n)} ${n === 1 ? one : many}`

/** The page each kind of content has, for a plan and period. */
export function contentHref(kind: ContentKind, slug: string, period?: Period): string {
  switch (kind) {
    case 'indicators':
      return paths.dashboard(slug, period)
    case 'delivery':
      return paths.delivery(slug, period)
    case 'risks':
      return paths.risks(slug, period)
    case 'inspection':
      return paths.inspection(slug, period)
  }
}

function deliveryLines(d: PlanContents['delivery']): string[] {
  const rated = DELIVERY_STATUSES.filter((s) => d.statuses[s] > 0).map(
    (s) => `${numberWord(d.statuses[s])} ${DELIVERY_LABELS[s].toLowerCase()}`,
  )
  const unrated = d.count - DELIVERY_STATUSES.reduce((n, s) => n + d.statuses[s], 0)
  const counts = `${plural(d.count, 'item', 'items')}: ${[...rated, ...(unrated > 0 ? [`${numberWord(unrated)} with no status`] : [])].join(', ')}.`
  return [
    ...(d.sentence ? [d.sentence] : []),
    counts.charAt(0).toUpperCase() + counts.slice(1),
    ...(d.overdue.length > 0 ? [`Overdue milestones: ${d.overdue.join(', ')}.`] : []),
  ]
}

function sectionOf(kind: ContentKind, contents: PlanContents): Omit<ContentSection, 'href'> {
  switch (kind) {
    case 'indicators':
      return {
        kind,
        heading: 'Indicators',
        lines: [contents.indicators.text],
        linkText: 'See the indicators',
      }
    case 'delivery':
      return {
        kind,
        heading: 'Priorities, actions and milestones',
        lines: deliveryLines(contents.delivery),
        linkText: 'See the priorities, actions and milestones',
      }
    case 'risks': {
      const r = contents.risks
      const line = `${plural(r.count, 'risk', 'risks')}, ${numberWord(r.high)} high after treatment, with ${plural(r.treatments, 'treatment measure', 'treatment measures')}.`
      return {
        kind,
        heading: 'Risk register',
        lines: [line.charAt(0).toUpperCase() + line.slice(1)],
        linkText: 'See the risk register',
      }
    }
    case 'inspection': {
      const i = contents.inspection
      const lines = [
        ...(i.scores > 0
          ? [
              `${plural(i.scores, 'Key Line of Enquiry', 'Key Lines of Enquiry')} scored in ${plural(i.assessments, 'assessment', 'assessments')}.`,
            ]
          : []),
        ...(i.areasOfConcern > 0
          ? [`${plural(i.areasOfConcern, 'area of concern', 'areas of concern')} with their actions.`]
          : []),
      ].map((line) => line.charAt(0).toUpperCase() + line.slice(1))
      return { kind, heading: 'Inspection', lines, linkText: 'See the inspection scores and areas of concern' }
    }
  }
}

/** The sections of a plan's front page, one for each kind it holds (leaving out the one the page itself shows). */
export function contentSections(
  contents: PlanContents,
  slug: string,
  period: Period,
  except?: ContentKind,
): ContentSection[] {
  return contents.kinds
    .filter((kind) => kind !== except)
    .map((kind) => ({ ...sectionOf(kind, contents), href: contentHref(kind, slug, period) }))
}

/**
 * Where a plan opens: its indicator dashboard when it has indicators (or nothing at all yet), the one page of what it
 * holds when that is all it has, and a summary of each kind when it holds several.
 */
export function openingOf(contents: PlanContents): 'dashboard' | 'overview' | ContentKind {
  const kinds = contents.kinds
  if (kinds.length === 0 || kinds.includes('indicators')) return 'dashboard'
  if (kinds.length === 1) return kinds[0] as ContentKind
  return 'overview'
}

import { longDate } from '../domain/periods/period.ts'
import {
  NO_REPORT_DETAILS,
  type ReportDetails,
  type ThemeSections,
  statusMark,
} from '../domain/round/report-details.ts'

/** What the title page says about the report itself: its title, the council, the meeting, author and status. */
export interface ReportFront {
  /** The report's own title, or the plan's "performance report" when none was set. */
  readonly title: string
  readonly councilName: string | null
  readonly committee: string | null
  /** The date of the meeting in words ("21 January 2014"). */
  readonly meetingDate: string | null
  readonly author: string | null
  readonly final: boolean
  /** "(Final)" or "(Draft)". */
  readonly statusMark: string
}

/** A theme's own sections as the report prints them: headed paragraphs and bullets, only those written. */
export interface ThemeText {
  readonly heading: string
  readonly blocks: readonly TextBlock[]
}

/** A paragraph, or a bulleted list (consecutive lines the officer began with "- "). */
export type TextBlock =
  { readonly kind: 'paragraph'; readonly text: string } | { readonly kind: 'list'; readonly items: string[] }

/** The title page's account of the report, from the details kept for the period (a draft when none are). */
export function reportFront(details: ReportDetails | undefined, planName: string): ReportFront {
  const d = details ?? NO_REPORT_DETAILS
  return {
    title: d.title ?? `${planName}: performance report`,
    councilName: d.councilName,
    committee: d.committee,
    meetingDate: d.meetingDate === null ? null : longDate(d.meetingDate),
    author: d.author,
    final: d.status === 'final',
    statusMark: statusMark(d.status),
  }
}

/** A theme's sections in the order the seed prints them: the overview, then the key programmes. */
export function themeText(sections: ThemeSections | undefined): ThemeText[] {
  if (sections === undefined) return []
  return [
    { heading: 'Overview', text: sections.overview },
    { heading: 'Key policy or delivery programmes', text: sections.keyProgrammes },
  ]
    .filter((s): s is { heading: string; text: string } => s.text !== null && s.text.trim() !== '')
    .map((s) => ({ heading: s.heading, blocks: blocksOf(s.text) }))
}

function blocksOf(text: string): TextBlock[] {
  const blocks: TextBlock[] = []
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '') continue
    const last = blocks.at(-1)
    if (!line.startsWith('- ')) blocks.push({ kind: 'paragraph', text: line })
    else if (last?.kind === 'list') last.items.push(line.slice(2).trim())
    else blocks.push({ kind: 'list', items: [line.slice(2).trim()] })
  }
  return blocks
}

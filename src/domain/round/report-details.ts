/**
 * What a committee report says about itself, set per plan and period by the performance team: its title, the
 * council's name, the committee and date of the meeting it goes to, its author and whether it is a draft or final;
 * and, per theme, the sections the officer writes (key policy or delivery programmes, and an overview).
 */
export interface ReportDetails {
  readonly title: string | null
  readonly councilName: string | null
  readonly committee: string | null
  /** The date of the meeting, as an ISO date. */
  readonly meetingDate: string | null
  readonly author: string | null
  readonly status: ReportStatus
}

export type ReportStatus = 'draft' | 'final'

/** A theme's own sections in the report, as the officer wrote them. */
export interface ThemeSections {
  readonly theme: string
  readonly keyProgrammes: string | null
  readonly overview: string | null
}

/** The details a report has before anyone sets them: a draft with nothing else said. */
export const NO_REPORT_DETAILS: ReportDetails = {
  title: null,
  councilName: null,
  committee: null,
  meetingDate: null,
  author: null,
  status: 'draft',
}

/** A report's status as the title page marks it: "(Final)" or "(Draft)". */
export function statusMark(status: ReportStatus): string {
  return status === 'final' ? '(Final)' : '(Draft)'
}

/** Why a report's details cannot be kept, field by field; empty when they can. */
export function reportDetailsProblems(input: {
  readonly status: string
  readonly meetingDate: string | null
}): { field: 'status' | 'meetingDate'; message: string }[] {
  const problems: { field: 'status' | 'meetingDate'; message: string }[] = []
  if (input.status !== 'draft' && input.status !== 'final')
    problems.push({ field: 'status', message: 'Select whether the report is a draft or final' })
  if (input.meetingDate !== null && !isIsoDate(input.meetingDate))
    problems.push({ field: 'meetingDate', message: 'Date of meeting must be a real date, like 2014-01-21' })
  return problems
}

function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
}

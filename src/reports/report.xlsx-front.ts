import type { ReportModel } from './report.model.ts'

/** The report's own details as the workbook's About sheet lists them: title, council, meeting, author, status. */
export function frontFacts(report: ReportModel): [string, string][] {
  const { front } = report
  return [
    ['Report', front.title],
    ...(front.councilName ? [['Council', front.councilName] as [string, string]] : []),
    ...(front.committee ? [['Committee', front.committee] as [string, string]] : []),
    ...(front.meetingDate ? [['Date of meeting', front.meetingDate] as [string, string]] : []),
    ...(front.author ? [['Author', front.author] as [string, string]] : []),
    ['Status', front.final ? 'Final' : 'Draft'],
  ]
}

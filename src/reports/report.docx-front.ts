import { Paragraph } from 'docx'
import { para, text } from './report.docx-blocks.ts'
import type { ThemeText } from './report.details.ts'
import type { ReportModel } from './report.model.ts'

/** The title page's top lines, as the seed prints them: the council's name, then the report's own title. */
export function frontHead(report: ReportModel): Paragraph[] {
  const { front } = report
  return [
    new Paragraph({
      children: [text((front.councilName ?? report.planName).toUpperCase(), { size: 32, bold: true, color: '505A5F' })],
      spacing: { before: 2400, after: 240 },
    }),
    new Paragraph({ children: [text(front.title, { size: 48, bold: true })], spacing: { after: 120 } }),
  ]
}

/** The title page's lines under the period: "(Final)" or "(Draft)", the committee, meeting date and author. */
export function frontDetails(report: ReportModel): Paragraph[] {
  const { front } = report
  return [
    new Paragraph({ children: [text(front.statusMark, { size: 36, bold: true })], spacing: { after: 360 } }),
    ...(front.committee ? [para(`Committee: ${front.committee}`)] : []),
    ...(front.meetingDate ? [para(`Date of meeting: ${front.meetingDate}`)] : []),
    ...(front.author ? [para(`Author: ${front.author}`)] : []),
  ]
}

/** A theme's own sections (overview, key policy or delivery programmes) before its table. */
export function themeSectionBlocks(sections: readonly ThemeText[]): Paragraph[] {
  return sections.flatMap((s) => [
    new Paragraph({
      children: [text(s.heading, { bold: true, size: 24 })],
      spacing: { before: 120, after: 80 },
      keepNext: true,
    }),
    ...s.blocks.flatMap((b) =>
      b.kind === 'list'
        ? b.items.map((item) => new Paragraph({ children: [text(item)], bullet: { level: 0 }, spacing: { after: 40 } }))
        : [para(b.text)],
    ),
  ])
}

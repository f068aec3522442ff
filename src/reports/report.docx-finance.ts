import { AlignmentType, Paragraph, type Table, TableRow } from 'docx'
import type { CapitalView, FinanceSection, StatementRow, StatementView } from './report.finance.ts'
import type { ReportModel } from './report.model.ts'
import { RAG_FILL, RAG_TEXT, TEXT_WIDTH, cell, heading, para, table, text } from './report.docx-blocks.ts'

/** A figure's cell: right aligned, bold on a total. */
function amountCell(value: string, bold: boolean) {
  return cell([new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(value, { size: 16, bold })] })])
}

function statementRow(row: StatementRow, columns: number): TableRow {
  if (!('cells' in row)) {
    return new TableRow({
      cantSplit: true,
      children: [
        cell([
          new Paragraph({
            children: [text(row.label, { size: 16, bold: row.kind === 'heading', italics: row.kind === 'subheading' })],
          }),
        ]),
        ...Array.from({ length: columns }, () => cell('')),
      ],
    })
  }
  const bold = row.kind === 'total'
  return new TableRow({
    cantSplit: true,
    children: [
      cell([
        new Paragraph({
          indent: { left: row.indented ? 240 : 0 },
          children: [text(row.label, { size: 16, bold })],
        }),
      ]),
      ...row.cells.map((value) => amountCell(value, bold)),
    ],
  })
}

function widths(columns: number): number[] {
  const figure = columns > 4 ? 1200 : 1500
  return [TEXT_WIDTH - figure * columns, ...Array.from({ length: columns }, () => figure)]
}

/** One revenue statement: its name, the table in the seed's columns, the comments and the budget status. */
function statementBlocks(s: StatementView, asAt: string): (Paragraph | Table)[] {
  const rag = s.status.view
  return [
    new Paragraph({ children: [text(s.name, { bold: true, size: 24 })], keepNext: true, spacing: { before: 240 } }),
    // Kept with its table, as the statement's name is, so neither is left at the foot of a page.
    new Paragraph({
      children: [text(`Revenue Budget ${asAt}`, { size: 18 })],
      keepNext: true,
      spacing: { after: 120 },
    }),
    table(
      ['', ...s.heads],
      s.rows.map((row) => statementRow(row, s.heads.length)),
      widths(s.heads.length),
    ),
    new Paragraph({
      children: [text('Comments on the above figures:', { bold: true })],
      keepNext: true,
      spacing: { before: 200, after: 120 },
    }),
    ...(s.comments.length === 0 ? [para('No comments were given for this period.', { italics: true })] : []),
    ...s.comments.map((c) => para(c)),
    table(
      ['Budget status', 'Why'],
      [
        new TableRow({
          cantSplit: true,
          children: [
            cell(`${rag.letter} (${rag.label})`, {
              bold: true,
              fill: RAG_FILL[rag.modifier] ?? 'FFFFFF',
              color: RAG_TEXT[rag.modifier] ?? '0B0C0C',
            }),
            cell(`${s.status.reason}\nThe rule: ${s.status.ruleText}`),
          ],
        }),
      ],
      [1800, TEXT_WIDTH - 1800],
    ),
  ]
}

/** A capital programme's projects table in the seed's columns, its Total Spending row bold. */
function capitalBlocks(c: CapitalView, asAt: string): (Paragraph | Table)[] {
  return [
    new Paragraph({
      children: [text(`Capital Projects: ${c.name}`, { bold: true, size: 22 })],
      keepNext: true,
      spacing: { before: 240 },
    }),
    new Paragraph({
      children: [text(`Capital Projects ${asAt}`, { size: 18 })],
      keepNext: true,
      spacing: { after: 120 },
    }),
    table(
      ['', ...c.heads],
      [
        ...c.schemes.map(
          (s) =>
            new TableRow({
              cantSplit: true,
              children: [cell(s.name), ...s.cells.map((v) => amountCell(v, false))],
            }),
        ),
        new TableRow({
          cantSplit: true,
          children: [cell('Total Spending', { bold: true }), ...c.totalCells.map((v) => amountCell(v, true))],
        }),
      ],
      widths(c.heads.length),
    ),
  ]
}

/**
 * Section 9, as Halton's "7.0 Financial Statements": each revenue statement with its comments and status, each
 * capital programme after the statement of the same name (the rest at the end).
 */
export function financeBlocks(report: Pick<ReportModel, 'finance'>): (Paragraph | Table)[] {
  const finance: FinanceSection | null = report.finance
  if (!finance) return []
  const placed = new Set<string>()
  const blocks: (Paragraph | Table)[] = [heading('9 Financial statements', 1)]
  for (const s of finance.statements) {
    blocks.push(...statementBlocks(s, finance.asAt))
    for (const c of finance.capital.filter((p) => p.name === s.name)) {
      blocks.push(...capitalBlocks(c, finance.asAt))
      placed.add(c.id)
    }
  }
  for (const c of finance.capital.filter((p) => !placed.has(p.id))) blocks.push(...capitalBlocks(c, finance.asAt))
  return blocks
}

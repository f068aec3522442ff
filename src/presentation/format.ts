import type { Dot } from '../domain/judgement/direction.ts'
import type { IndicatorResult } from '../domain/judgement/evaluate.ts'
import { formatFigure } from '../domain/figures/format.ts'
import type { NotReportedReason } from '../domain/judgement/observation.ts'
import { formatPeriod } from '../domain/periods/period.ts'
import type { Figure, Rag } from '../domain/figures/value.ts'

/** A RAG status as shown: the letter always, the word for screen readers and the colour as a third signal. */
export interface RagView {
  readonly letter: string
  readonly label: string
  readonly modifier: string
}

export function ragView(rag: Rag | null, assessed = false): RagView {
  if (rag === null) return { letter: '–', label: 'No status', modifier: 'none' }
  const label = rag === 'G' ? 'Green' : rag === 'A' ? 'Amber' : 'Red'
  return { letter: rag, label: assessed ? `${label} (management assessment)` : label, modifier: rag }
}

/** A data-only measure's place in the status column: for information, never a RAG status. */
export const FOR_INFORMATION: RagView = { letter: 'i', label: 'For information', modifier: 'none' }

/** The status of a judgement as shown: its RAG (marked when an officer assessed it), or for information. */
export function statusView(result: Pick<IndicatorResult, 'rag' | 'ragSource' | 'rule'>): RagView {
  if (result.rule === 'data-only') return FOR_INFORMATION
  return ragView(result.rag, result.ragSource === 'assessment')
}

export interface DotView {
  readonly symbol: string
  readonly label: string
}

export function dotView(dot: Dot | null): DotView | null {
  if (dot === null) return null
  switch (dot) {
    case 'improved':
      return { symbol: '↑', label: 'Improved' }
    case 'same':
      return { symbol: '↔', label: 'Same' }
    case 'worse':
      return { symbol: '↓', label: 'Worse' }
    case 'higher':
      return { symbol: '↗', label: 'Higher' }
    case 'lower':
      return { symbol: '↘', label: 'Lower' }
  }
}

export const NOT_REPORTED_TEXT: Readonly<Record<NotReportedReason, string>> = {
  annual: 'Annual indicator',
  new: 'New: data collection being established',
  'in-arrears': 'Reported in arrears',
  'not-available': 'Data not available',
  suppressed: 'Suppressed: withheld because the numbers are small',
  'not-due': 'Not due this period',
}

export function figureText(figure: Figure | null, unit: string): string {
  return figure ? formatFigure(figure, unit) : '–'
}

/** The actual as a report shows it: with its unit, "(Est)" for an estimate, and the data period if in arrears. */
export function actualText(result: IndicatorResult): string {
  if (!result.reported) return NOT_REPORTED_TEXT[result.notReported ?? 'not-available']
  if (!result.actual) return '–'
  const arrears = result.inArrears && result.dataPeriod ? ` (${formatPeriod(result.dataPeriod)} figure)` : ''
  return `${formatFigure(result.actual, result.indicator.unit)}${result.estimated ? ' (Est)' : ''}${arrears}`
}

import type { IndicatorEvaluation } from '../../domain/judgement/evaluate.ts'
import type { ExceptionReport } from '../../domain/judgement/exception-report.ts'
import { type Period, describePeriod } from '../../domain/periods/period.ts'
import type { PlanEvaluation } from '../../domain/judgement/plan.ts'
import { summaryCharts } from '../../presentation/charts/plan-charts.ts'
import { paths } from '../paths.ts'
import { spcView } from './spc.view-model.ts'
import {
  type DotView,
  type PeriodOption,
  type RagView,
  actualText,
  dotView,
  figureText,
  periodOptions,
  statusView,
} from './common.ts'

export const STATUS_FILTERS = [
  { value: 'R', text: 'Red' },
  { value: 'A', text: 'Amber' },
  { value: 'G', text: 'Green' },
  { value: 'none', text: 'No target' },
  { value: 'not-reported', text: 'Not reported' },
] as const

export interface DashboardFilters {
  readonly theme?: string | undefined
  readonly status?: string | undefined
  /** Which page of the indicator table, from 1. */
  readonly page?: string | undefined
}

/**
 * Indicators a page of the dashboard's table holds. A county plan has 500: one table of them all is a long scroll
 * and a heavy page, and an officer looking for the exceptions filters by status or theme first.
 */
export const DASHBOARD_PAGE_SIZE = 50

/** GOV.UK pagination items: the first and last pages, the current one and its neighbours, ellipses between. */
function pageItems(current: number, count: number, href: (page: number) => string) {
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = []
  for (let page = 1; page <= count; page += 1) {
    if (page === 1 || page === count || Math.abs(page - current) <= 1)
      items.push({ number: page, href: href(page), current: page === current })
    else if (!('ellipsis' in (items.at(-1) ?? {}))) items.push({ ellipsis: true })
  }
  return items
}

export interface IndicatorRow {
  readonly ref: string
  readonly href: string
  readonly title: string
  readonly theme: string
  readonly target: string
  readonly actual: string
  readonly estimated: boolean
  readonly rag: RagView
  readonly dot: DotView | null
  /** The long-term direction (against the same period last year), for an indicator whose basis is both. */
  readonly dotLongTerm: DotView | null
  /** 'submitted' or 'draft' where a report exists; 'missing' where one is required and not started. */
  readonly exception: 'submitted' | 'draft' | 'missing' | null
  /** The exception report's form, for one who may write it, where one is required. */
  readonly exceptionHref: string | null
  readonly commentary: string | null
  /** The SPC variation and assurance icons, where the indicator has a chart. */
  readonly spc: ReturnType<typeof spcView>
}

function matchesStatus(e: IndicatorEvaluation, status: string | undefined): boolean {
  if (status === undefined || status === '') return true
  if (status === 'not-reported') return !e.reported
  if (status === 'none') return e.reported && e.rag === null
  return e.rag === status
}

/** One row of the summary table or a theme table. */
export function indicatorRow(
  plan: string,
  period: Period,
  e: IndicatorEvaluation,
  report: ExceptionReport | undefined,
  mayWrite: (ref: string) => boolean = () => false,
): IndicatorRow {
  const unit = e.indicator.unit
  return {
    ref: e.indicator.ref,
    href: paths.indicator(plan, e.indicator.ref, period),
    title: e.indicator.title,
    theme: e.indicator.theme,
    target: figureText(e.target, unit),
    actual: actualText(e),
    estimated: e.estimated,
    rag: statusView(e),
    dot: dotView(e.dot),
    dotLongTerm: e.indicator.dotBasis === 'both' ? dotView(e.dotLongTerm) : null,
    exception: report ? report.state : e.exceptionRequired ? 'missing' : null,
    exceptionHref:
      e.exceptionRequired && report?.state !== 'submitted' && mayWrite(e.indicator.ref)
        ? paths.exceptionReport(plan, e.indicator.ref, period)
        : null,
    commentary: e.commentary,
    spc: spcView(e),
  }
}

/** Everything the dashboard template shows; the template only loops and chooses. */
export function dashboardViewModel(input: {
  plan: { name: string; slug: string }
  evaluation: PlanEvaluation
  periods: readonly Period[]
  filters: DashboardFilters
  exceptionReports: ReadonlyMap<string, ExceptionReport>
  /** The refs whose exception report the viewer may write (the "Needed" links). */
  writable?: ReadonlySet<string>
}) {
  const { plan, evaluation, filters } = input
  const period = evaluation.period
  const s = evaluation.summary
  const themes = [...new Set(evaluation.evaluations.map((e) => e.indicator.theme))]
  const shown = evaluation.evaluations.filter(
    (e) =>
      (filters.theme === undefined || filters.theme === '' || e.indicator.theme === filters.theme) &&
      matchesStatus(e, filters.status),
  )
  const submitted = s.exceptionReports.filter((ref) => input.exceptionReports.get(ref)?.state === 'submitted').length
  const pages = Math.max(1, Math.ceil(shown.length / DASHBOARD_PAGE_SIZE))
  const page = Math.min(pages, Math.max(1, Number.parseInt(filters.page ?? '', 10) || 1))
  const first = (page - 1) * DASHBOARD_PAGE_SIZE
  const onPage = shown.slice(first, first + DASHBOARD_PAGE_SIZE)
  const pageHref = (n: number): string =>
    `${paths.dashboard(plan.slug, period, {
      ...(filters.theme ? { theme: filters.theme } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      ...(n > 1 ? { page: String(n) } : {}),
    })}#indicators`
  return {
    title: `${plan.name}: ${describePeriod(period)}`,
    planName: plan.name,
    periodLabel: describePeriod(period),
    periodOptions: periodOptions(input.periods, period) satisfies PeriodOption[],
    themeOptions: [
      { value: '', text: 'All themes', selected: !filters.theme },
      ...themes.map((t) => ({ value: t, text: t, selected: t === filters.theme })),
    ],
    statusOptions: [
      { value: '', text: 'Any status', selected: !filters.status },
      ...STATUS_FILTERS.map((o) => ({ ...o, selected: o.value === filters.status })),
    ],
    filtered: Boolean(filters.theme) || Boolean(filters.status),
    figures: [
      { label: 'Indicators', value: s.indicators, modifier: '' },
      { label: 'Reported', value: s.reported, modifier: '' },
      { label: 'Green', value: s.rag.G, modifier: 'G' },
      { label: 'Amber', value: s.rag.A, modifier: 'A' },
      { label: 'Red', value: s.rag.R, modifier: 'R' },
      { label: 'Exception reports submitted', value: `${submitted} of ${s.exceptionReportsRequired}`, modifier: '' },
    ],
    summaryText: evaluation.text,
    /** Whether the table has a second direction of travel, against the same period last year. */
    longTerm: evaluation.evaluations.some((e) => e.indicator.dotBasis === 'both'),
    charts: summaryCharts(evaluation),
    rows: onPage.map((e) =>
      indicatorRow(plan.slug, period, e, input.exceptionReports.get(e.indicator.ref), (ref) =>
        Boolean(input.writable?.has(ref)),
      ),
    ),
    matching: shown.length,
    shownRange: pages > 1 ? `${first + 1} to ${first + onPage.length} shown` : null,
    pagination:
      pages > 1
        ? {
            landmarkLabel: 'Pages of the indicator table',
            ...(page > 1 ? { previous: { href: pageHref(page - 1) } } : {}),
            ...(page < pages ? { next: { href: pageHref(page + 1) } } : {}),
            items: pageItems(page, pages, pageHref),
          }
        : null,
    themes: themes.map((theme) => ({ name: theme, href: paths.theme(plan.slug, theme, period) })),
    links: {
      exceptions: paths.exceptions(plan.slug, period),
      json: paths.apiReport(plan.slug, period),
      report: paths.report(plan.slug, period),
      delivery: paths.delivery(plan.slug, period),
      risks: paths.risks(plan.slug, period),
      inspection: paths.inspection(plan.slug, period),
      downloads: (['docx', 'pdf', 'xlsx'] as const).map((format) => ({
        format,
        href: paths.download(plan.slug, period, format),
      })),
      clearFilters: paths.dashboard(plan.slug, period),
      rules: paths.rules(plan.slug),
    },
    formAction: paths.dashboard(plan.slug),
  }
}

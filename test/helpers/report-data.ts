import type { ExceptionReport } from '../../src/domain/judgement/exception-report.ts'
import { type Period, parsePeriod } from '../../src/domain/periods/period.ts'
import { type PlanData, evaluatePlan } from '../../src/domain/judgement/plan.ts'
import type { RenderRequest } from '../../src/reports/index.ts'
import { parseImport } from '../../src/services/import/import-validation.ts'
import { reportHistories } from '../../src/services/round/report.service.ts'
import { fixtureFile } from './fixtures.ts'

/** The STP 13 exception report as the owner might write it, with a formula-like line to test spreadsheet safety. */
export const STP13_REPORT: ExceptionReport = {
  state: 'submitted',
  baseline: '5,985 incidents in 2012/13',
  why: 'Anti-Social Behaviour has followed the same monthly trend as last year.\n=Rowdy behaviour rose in two wards',
  implications: 'An increase in anti-social behaviour has a direct impact on victims.',
  improvement: 'Multi-agency action on the top ten repeat-demand addresses.',
  updatedAt: '2013-10-20T10:00:00.000Z',
  updatedBy: 'owner@outturn.example',
}

/** The Trafford plan straight from the fixture files (no database). */
export function traffordPlan(): PlanData {
  const parsed = parseImport(fixtureFile('indicators.csv'), fixtureFile('observations.csv'))
  return {
    name: 'Trafford ADP 2013/14',
    indicators: parsed.indicators.map((indicator) => ({
      indicator,
      observations: parsed.observations.filter((o) => o.ref === indicator.ref).map((o) => o.observation),
    })),
  }
}

/** A plan's report data for a period, as the report service gathers it: the judgement and each history. */
export function reportRequestFor(plan: PlanData, period: Period, themes?: readonly string[]): RenderRequest {
  const evaluation = evaluatePlan(plan, period, themes)
  return {
    evaluation,
    histories: reportHistories(evaluation, plan.indicators),
    exceptionReports: new Map(),
    producedOn: '2013-10-24',
    ...(themes ? { themes } : {}),
  }
}

/** The Trafford Q2 report's data, straight from the fixture files (no database). */
export function traffordReportRequest(
  options: { themes?: readonly string[]; withReport?: boolean } = {},
): RenderRequest {
  return {
    ...reportRequestFor(traffordPlan(), parsePeriod('2013/14 Q2'), options.themes),
    exceptionReports: new Map(options.withReport === false ? [] : [['STP 13', STP13_REPORT]]),
  }
}

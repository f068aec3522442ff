import type { Kysely } from 'kysely'
import { EXCEPTION_STATES, type ExceptionReport } from '../domain/judgement/exception-report.ts'
import { parseChoice } from '../domain/judgement/indicator.ts'
import type { Database, ExceptionReportRow } from './schema.ts'

export interface ExceptionReportRecord {
  readonly id: number
  readonly indicatorId: number
  readonly period: string
  readonly report: ExceptionReport
}

function toRecord(row: ExceptionReportRow): ExceptionReportRecord {
  return {
    id: row.id,
    indicatorId: row.indicator_id,
    period: row.period,
    report: {
      state: parseChoice(EXCEPTION_STATES, row.state, 'exception report state'),
      baseline: row.baseline,
      why: row.why,
      implications: row.implications,
      improvement: row.improvement,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    },
  }
}

/** A plan's exception reports for a period, by indicator id. */
export async function listExceptionReports(
  db: Kysely<Database>,
  planId: number,
  period: string,
): Promise<Map<number, ExceptionReportRecord>> {
  const rows = await db
    .selectFrom('exception_reports')
    .innerJoin('indicators', 'indicators.id', 'exception_reports.indicator_id')
    .selectAll('exception_reports')
    .where('indicators.plan_id', '=', planId)
    .where('exception_reports.period', '=', period)
    .execute()
  return new Map(rows.map((row) => [row.indicator_id, toRecord(row)]))
}

export async function findExceptionReport(
  db: Kysely<Database>,
  indicatorId: number,
  period: string,
): Promise<ExceptionReportRecord | undefined> {
  const row = await db
    .selectFrom('exception_reports')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .where('period', '=', period)
    .executeTakeFirst()
  return row && toRecord(row)
}

export async function saveExceptionReport(
  db: Kysely<Database>,
  indicatorId: number,
  period: string,
  report: ExceptionReport,
): Promise<void> {
  const values = {
    state: report.state,
    baseline: report.baseline,
    why: report.why,
    implications: report.implications,
    improvement: report.improvement,
    updated_at: report.updatedAt,
    updated_by: report.updatedBy,
  }
  const existing = await findExceptionReport(db, indicatorId, period)
  if (existing) {
    await db.updateTable('exception_reports').set(values).where('id', '=', existing.id).execute()
  } else {
    await db
      .insertInto('exception_reports')
      .values({ ...values, indicator_id: indicatorId, period })
      .execute()
  }
}

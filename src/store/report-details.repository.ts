import type { Kysely } from 'kysely'
import { NO_REPORT_DETAILS, type ReportDetails, type ThemeSections } from '../domain/round/report-details.ts'
import type { Database } from './schema.ts'

/** A committee report's details for a plan's period, or a draft with nothing said when none were set. */
export async function getReportDetails(db: Kysely<Database>, planId: number, period: string): Promise<ReportDetails> {
  const row = await db
    .selectFrom('report_details')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('period', '=', period)
    .executeTakeFirst()
  if (row === undefined) return NO_REPORT_DETAILS
  return {
    title: row.title,
    councilName: row.council_name,
    committee: row.committee,
    meetingDate: row.meeting_date,
    author: row.author,
    status: row.status === 'final' ? 'final' : 'draft',
  }
}

/** Keeps a committee report's details for a plan's period, replacing any set before. */
export async function saveReportDetails(
  db: Kysely<Database>,
  planId: number,
  period: string,
  details: ReportDetails,
  by: { readonly at: string; readonly by: string },
): Promise<void> {
  const values = {
    title: details.title,
    council_name: details.councilName,
    committee: details.committee,
    meeting_date: details.meetingDate,
    author: details.author,
    status: details.status,
    updated_at: by.at,
    updated_by: by.by,
  }
  await db
    .insertInto('report_details')
    .values({ plan_id: planId, period, ...values })
    .onConflict((oc) => oc.columns(['plan_id', 'period']).doUpdateSet(values))
    .execute()
}

/** Each theme's own sections in a plan's report for a period, by theme name. */
export async function listThemeSections(
  db: Kysely<Database>,
  planId: number,
  period: string,
): Promise<Map<string, ThemeSections>> {
  const rows = await db
    .selectFrom('report_sections')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('period', '=', period)
    .orderBy('theme')
    .execute()
  return new Map(rows.map((r) => [r.theme, { theme: r.theme, keyProgrammes: r.key_programmes, overview: r.overview }]))
}

/** Keeps one theme's sections in a plan's report for a period, replacing any written before. */
export async function saveThemeSections(
  db: Kysely<Database>,
  planId: number,
  period: string,
  sections: ThemeSections,
  by: { readonly at: string; readonly by: string },
): Promise<void> {
  const values = {
    key_programmes: sections.keyProgrammes,
    overview: sections.overview,
    updated_at: by.at,
    updated_by: by.by,
  }
  await db
    .insertInto('report_sections')
    .values({ plan_id: planId, period, theme: sections.theme, ...values })
    .onConflict((oc) => oc.columns(['plan_id', 'period', 'theme']).doUpdateSet(values))
    .execute()
}

/* The committee report's own tables (migration 013), as Kysely sees them; see schema.ts. */

/** A committee report's own details for a plan's period (migration 013): one row per plan and period. */
export interface ReportDetailsTable {
  plan_id: number
  period: string
  title: string | null
  council_name: string | null
  committee: string | null
  /** ISO date of the meeting. */
  meeting_date: string | null
  author: string | null
  /** draft or final */
  status: string
  updated_at: string
  updated_by: string
}

/** A theme's own sections in a committee report for a plan's period (migration 013). */
export interface ReportSectionsTable {
  plan_id: number
  period: string
  theme: string
  key_programmes: string | null
  overview: string | null
  updated_at: string
  updated_by: string
}

/** One web import: who started it, for which plan, and when it ended (null while running, or if it was lost). */
export interface ImportJobsTable {
  id: string
  user_id: number
  plan_name: string
  started_at: string
  ended_at: string | null
}

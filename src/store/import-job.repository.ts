import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'

type Db = Kysely<Database>

export interface ImportJobRecord {
  readonly id: string
  readonly userId: number
  readonly planName: string
  readonly startedAt: string
  readonly endedAt: string | null
}

/** Records a web import as started. */
export async function recordImportJob(db: Db, job: Omit<ImportJobRecord, 'endedAt'>): Promise<void> {
  await db
    .insertInto('import_jobs')
    .values({ id: job.id, user_id: job.userId, plan_name: job.planName, started_at: job.startedAt, ended_at: null })
    .execute()
}

/** Records that a web import ended (saved or refused). */
export async function endImportJob(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('import_jobs').set({ ended_at: at }).where('id', '=', id).execute()
}

/** A person's web import, if they started one with that id. */
export async function findImportJob(db: Db, id: string, userId: number): Promise<ImportJobRecord | undefined> {
  const row = await db
    .selectFrom('import_jobs')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return (
    row && {
      id: row.id,
      userId: row.user_id,
      planName: row.plan_name,
      startedAt: row.started_at,
      endedAt: row.ended_at,
    }
  )
}

/** Forgets jobs started before a moment (their pages have long been read). */
export async function forgetImportJobs(db: Db, startedBefore: string): Promise<void> {
  await db.deleteFrom('import_jobs').where('started_at', '<', startedBefore).execute()
}

/** Forgets one job (its result has been shown). */
export async function forgetImportJob(db: Db, id: string): Promise<void> {
  await db.deleteFrom('import_jobs').where('id', '=', id).execute()
}

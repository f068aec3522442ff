import type { Kysely } from 'kysely'
import {
  type ImportJobRecord,
  endImportJob,
  findImportJob,
  forgetImportJob,
  forgetImportJobs,
  recordImportJob,
} from '../../store/import-job.repository.ts'
import type { Database } from '../../store/schema.ts'

/** How long a job's record is kept: its page is read within minutes, so a week is plenty. */
const KEPT_MS = 7 * 24 * 60 * 60 * 1000

/**
 * The web import's jobs as the database remembers them, so that a job lost with its server (a crash or a restart
 * part-way) can say it did not finish rather than "Page not found". The import itself is one transaction: a lost
 * job saved nothing.
 */
export function createImportJobService(db: Kysely<Database>, now: () => Date) {
  return {
    async started(job: { readonly id: string; readonly userId: number; readonly planName: string }): Promise<void> {
      const at = now()
      await forgetImportJobs(db, new Date(at.getTime() - KEPT_MS).toISOString())
      await recordImportJob(db, { ...job, startedAt: at.toISOString() })
    },
    async ended(id: string): Promise<void> {
      await endImportJob(db, id, now().toISOString())
    },
    /** Forgets a job whose result has been shown, so its address is shown once. */
    async forget(id: string): Promise<void> {
      await forgetImportJob(db, id)
    },
    /** A person's job as recorded; the caller knows it is not running in this server. */
    async recorded(id: string, userId: number): Promise<ImportJobRecord | undefined> {
      return findImportJob(db, id, userId)
    },
  }
}

import type { Kysely } from 'kysely'
import type { KloeJudgement, KloeScore } from '../domain/delivery/inspection.ts'
import type { Database } from './schema.ts'

export interface StoredKloeScore {
  readonly id: number
  readonly score: KloeScore
}

/** A plan's Key Line of Enquiry scores, by assessment and year, in the order they were imported. */
export async function listKloeScores(db: Kysely<Database>, planId: number): Promise<StoredKloeScore[]> {
  const rows = await db
    .selectFrom('kloe_scores')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('position')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    score: {
      assessment: r.assessment,
      year: r.year,
      ref: r.ref,
      title: r.title,
      score: r.score as 1 | 2 | 3 | 4 | null,
      judgement: r.judgement as KloeJudgement | null,
      note: r.note,
    },
  }))
}

/** Adds a score, or updates the stored one with the given id. */
export async function saveKloeScore(
  db: Kysely<Database>,
  planId: number,
  score: KloeScore,
  existingId: number | null,
  position: number,
): Promise<void> {
  const columns = { title: score.title, score: score.score, judgement: score.judgement, note: score.note, position }
  if (existingId !== null) {
    await db.updateTable('kloe_scores').set(columns).where('id', '=', existingId).execute()
    return
  }
  await db
    .insertInto('kloe_scores')
    .values({ ...columns, plan_id: planId, assessment: score.assessment, year: score.year, ref: score.ref })
    .execute()
}

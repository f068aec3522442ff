import type { Kysely } from 'kysely'
import { slugify } from '../domain/access/access.ts'
import type { Database, PlanRow } from './schema.ts'

export interface PlanRecord {
  readonly id: number
  readonly name: string
  readonly slug: string
  readonly createdAt: string
}

export interface ThemeRecord {
  readonly id: number
  readonly name: string
  readonly position: number
}

function toPlan(row: PlanRow): PlanRecord {
  return { id: row.id, name: row.name, slug: row.slug ?? slugify(row.name), createdAt: row.created_at }
}

export async function findPlanBySlug(db: Kysely<Database>, slug: string): Promise<PlanRecord | undefined> {
  const row = await db.selectFrom('plans').selectAll().where('slug', '=', slug).executeTakeFirst()
  return row && toPlan(row)
}

export async function findPlanByName(db: Kysely<Database>, name: string): Promise<PlanRecord | undefined> {
  const row = await db.selectFrom('plans').selectAll().where('name', '=', name).executeTakeFirst()
  return row && toPlan(row)
}

export async function listPlans(db: Kysely<Database>): Promise<PlanRecord[]> {
  const rows = await db.selectFrom('plans').selectAll().orderBy('name').execute()
  return rows.map(toPlan)
}

/** Creates a plan with a web-address slug from its name, made unique with a number if need be. */
export async function insertPlan(db: Kysely<Database>, name: string, at: string): Promise<number> {
  const base = slugify(name)
  let slug = base
  for (let n = 2; await findPlanBySlug(db, slug); n += 1) slug = `${base}-${n}`
  const { id } = await db
    .insertInto('plans')
    .values({ name, slug, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function listThemes(db: Kysely<Database>, planId: number): Promise<ThemeRecord[]> {
  const rows = await db
    .selectFrom('themes')
    .select(['id', 'name', 'position'])
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute()
  return rows.map((row) => ({ id: row.id, name: row.name, position: row.position }))
}

export async function insertTheme(
  db: Kysely<Database>,
  planId: number,
  name: string,
  position: number,
): Promise<number> {
  const { id } = await db
    .insertInto('themes')
    .values({ plan_id: planId, name, position })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

import type { Kysely } from 'kysely'
import { createStampReader } from '../../store/data-stamp.ts'
import type { Database } from '../../store/schema.ts'

/**
 * Remembers what is worked out from plans' data (a plan's judgement for a period, the periods it can be reported
 * for) until the data change. Each use asks the database for its data stamp first (one query), so a change made
 * anywhere (this server, another, the command line) is seen by the next request; with no trustworthy stamp nothing
 * is remembered. Values are shared between requests and must not be changed by those who receive them.
 */
export function createPlanCache(db: Kysely<Database>, capacity = 12) {
  const entries = new Map<string, { readonly version: string; readonly value: unknown }>()
  const dataStamp = createStampReader(db)

  async function remember<T>(key: string, work: () => Promise<T>): Promise<T> {
    // The stamp is read before the data: should they change while being read, the stamp will have moved by the next
    // request, which works them out again.
    const version = await dataStamp()
    const held = entries.get(key)
    entries.delete(key)
    if (version !== null && held?.version === version) {
      entries.set(key, held)
      return held.value as T
    }
    const value = await work()
    if (version !== null) {
      entries.set(key, { version, value })
      // The least recently used goes first.
      if (entries.size > capacity) entries.delete(entries.keys().next().value ?? '')
    }
    return value
  }

  return {
    remember,
    /** The data stamp: the same value until a figure, framework, status, report or assignment changes; null if unsure. */
    stamp: dataStamp,
  }
}

export type PlanCache = ReturnType<typeof createPlanCache>

import type { Kysely } from 'kysely'
import type { RuleTexts } from '../domain/judgement/rules.ts'
import type { Database } from './schema.ts'

/** A plan's default rules as written ("10%", "2", "beats", "improving"), each null where the plan sets none. */
export async function readPlanRules(db: Kysely<Database>, planId: number): Promise<RuleTexts> {
  const row = await db
    .selectFrom('plans')
    .select(['rule_tolerance', 'rule_green_within', 'rule_green_when', 'rule_amber_also'])
    .where('id', '=', planId)
    .executeTakeFirstOrThrow()
  return {
    tolerance: row.rule_tolerance,
    greenWithin: row.rule_green_within,
    greenWhen: row.rule_green_when,
    amberAlso: row.rule_amber_also,
  }
}

/** Replaces a plan's default rules. */
export async function writePlanRules(db: Kysely<Database>, planId: number, rules: RuleTexts): Promise<void> {
  await db
    .updateTable('plans')
    .set({
      rule_tolerance: rules.tolerance,
      rule_green_within: rules.greenWithin,
      rule_green_when: rules.greenWhen,
      rule_amber_also: rules.amberAlso,
    })
    .where('id', '=', planId)
    .execute()
}

import type { Kysely } from 'kysely'
import { type Actor, can } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import { type Indicator, isDataOnly, ownRulesOf, rulesOf } from '../../domain/judgement/indicator.ts'
import { setsRules, sharedUnit } from '../../domain/judgement/rules-in-force.ts'
import {
  AMBER_ALSOS,
  type Band,
  GREEN_WHENS,
  type RuleTexts,
  bandText,
  describeRules,
  greenWithinFits,
  isBandZero,
  overridesFromTexts,
  parseBand,
  resolveRules,
  rulesSentence,
} from '../../domain/judgement/rules.ts'
import { type AuditEvent, insertAuditEvents, listAuditEvents } from '../../store/audit.repository.ts'
import { listIndicators } from '../../store/indicator.repository.ts'
import { type PlanRecord, findPlanByName, findPlanBySlug } from '../../store/plan.repository.ts'
import { readPlanRules, writePlanRules } from '../../store/plan-rules.repository.ts'
import type { Database } from '../../store/schema.ts'
import { AuditRecorder } from '../audit-recorder.ts'
import type { FieldError, SaveResult } from '../round/entry.service.ts'

/** A plan's default rules: reading them in words, and an officer changing them, audited with a reason. */

/** The rules as a form or the command line gives them: texts, empty for "the plan sets none". */
export interface PlanRulesInput {
  readonly tolerance: string
  readonly greenWithin: string
  readonly greenWhen: string
  readonly amberAlso: string
  readonly reason: string
}

/** The audit trail's name for each rule, as the indicators file names the column. */
export const RULE_FIELDS: Readonly<Record<keyof RuleTexts, string>> = {
  tolerance: 'rule: tolerance',
  greenWithin: 'rule: green_within',
  greenWhen: 'rule: green_when',
  amberAlso: 'rule: amber_also',
}

/** A plan's rules as a person reads them. */
export interface PlanRulesView {
  readonly plan: PlanRecord
  /** The plan's rules as written, each null where it sets none. */
  readonly texts: RuleTexts
  readonly setsRules: boolean
  /** The plan's rules in words, one line per status, with the built-in defaults where it sets none. */
  readonly lines: { readonly green: string; readonly amber: string; readonly red: string }
  /** Measures that give rules of their own, each with its rules in one sentence and which it gives. */
  readonly own: readonly {
    readonly ref: string
    readonly title: string
    readonly gives: string
    readonly text: string
  }[]
  /** Data-only measures, which no rule judges. */
  readonly dataOnly: readonly string[]
  /** Every change to the plan's rules, newest first. */
  readonly history: readonly AuditEvent[]
}

/** Which of its own rules an indicator gives, as the file's columns name them ("tolerance_pct 10, green_when beats"). */
function givesOf(indicator: Indicator): string {
  const own = ownRulesOf(indicator)
  const parts = [
    own.tolerance
      ? indicator.rules?.tolerance
        ? `tolerance ${bandText(own.tolerance)}`
        : `tolerance_pct ${indicator.tolerancePct}`
      : null,
    own.greenWithin !== undefined ? `green_within ${own.greenWithin ? bandText(own.greenWithin) : '0'}` : null,
    own.greenWhen ? `green_when ${own.greenWhen}` : null,
    own.amberAlso ? `amber_also ${own.amberAlso}` : null,
  ]
  return parts.filter((part) => part !== null).join(', ')
}

/** Reads a band field, adding an error when it cannot be read; null when empty. */
function bandField(text: string, field: string, what: string, errors: FieldError[]): Band | null | undefined {
  if (text.trim() === '') return null
  try {
    return parseBand(text, what)
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    errors.push({
      field,
      message: `Enter the ${what} as a percent of the target, such as 10%, or a number in the figure’s own units, such as 2`,
    })
    return undefined
  }
}

/** Checks the rules given; the texts to store (normalised, null where none) or the errors, in the form's order. */
export function checkPlanRules(input: PlanRulesInput): { texts: RuleTexts } | { errors: FieldError[] } {
  const errors: FieldError[] = []
  const tolerance = bandField(input.tolerance, 'tolerance', 'tolerance', errors)
  const greenWithin = bandField(input.greenWithin, 'greenWithin', 'green band', errors)
  const greenWhen = input.greenWhen.trim().toLowerCase()
  const amberAlso = input.amberAlso.trim().toLowerCase()
  if (greenWhen !== '' && !GREEN_WHENS.some((w) => w === greenWhen))
    errors.push({ field: 'greenWhen', message: 'Choose whether Green needs the target met or beaten' })
  if (amberAlso !== '' && !AMBER_ALSOS.some((a) => a === amberAlso))
    errors.push({ field: 'amberAlso', message: 'Choose what else is Amber beyond the tolerance' })
  const band = greenWithin && !isBandZero(greenWithin) ? greenWithin : null
  const effectiveTolerance = tolerance ?? parseBand('0%', 'tolerance')
  if (band && tolerance !== undefined && !greenWithinFits(band, effectiveTolerance))
    errors.push({
      field: 'greenWithin',
      message: `The green band must be less than the tolerance (${tolerance ? bandText(tolerance) : 'none set'}): widen the tolerance or narrow the green band`,
    })
  if (errors.length > 0) return { errors }
  // A plan's rule that is the default is stored as none, so meets, none and a tolerance of 0 change nothing.
  return {
    texts: {
      tolerance: tolerance && !isBandZero(tolerance) ? bandText(tolerance) : null,
      greenWithin: band ? bandText(band) : null,
      greenWhen: greenWhen === '' || greenWhen === 'meets' ? null : greenWhen,
      amberAlso: amberAlso === '' || amberAlso === 'none' ? null : amberAlso,
    },
  }
}

export function createPlanRulesService(db: Kysely<Database>, now: () => Date) {
  async function planOf(slugOrName: string): Promise<PlanRecord> {
    const plan = (await findPlanBySlug(db, slugOrName)) ?? (await findPlanByName(db, slugOrName))
    if (!plan) throw new DomainError('plan-not-found', `There is no plan called "${slugOrName}".`)
    return plan
  }

  /** A plan's rules in words, the indicators with rules of their own, and every change to them. */
  async function view(slugOrName: string): Promise<PlanRulesView> {
    const plan = await planOf(slugOrName)
    const texts = await readPlanRules(db, plan.id)
    const overrides = overridesFromTexts(texts)
    const indicators = (await listIndicators(db, plan.id)).map((record) => record.indicator)
    const measures = indicators.filter((indicator) => !isDataOnly(indicator))
    const inheriting = measures.filter((indicator) => Object.keys(ownRulesOf(indicator)).length === 0)
    const history = (await listAuditEvents(db, plan.id, plan.name)).filter((e) => e.field.startsWith('rule: '))
    return {
      plan,
      texts,
      setsRules: setsRules(overrides),
      lines: describeRules(resolveRules({}, overrides), sharedUnit(inheriting.length > 0 ? inheriting : measures)),
      own: measures
        .filter((indicator) => Object.keys(ownRulesOf(indicator)).length > 0)
        .map((indicator) => ({
          ref: indicator.ref,
          title: indicator.title,
          gives: givesOf(indicator),
          text: rulesSentence(rulesOf(indicator), indicator.unit),
        })),
      dataOnly: indicators.filter(isDataOnly).map((indicator) => indicator.ref),
      history,
    }
  }

  /**
   * Replaces a plan's rules with those given (empty for none), each change audited with the reason: officers and
   * administrators only. Nothing changes, and nothing is recorded, when the rules are as held.
   */
  async function setRules(
    actor: Actor,
    slugOrName: string,
    input: PlanRulesInput,
    source = 'web',
  ): Promise<SaveResult> {
    if (!can(actor, 'edit-framework'))
      throw new DomainError('forbidden', 'Only the performance team can change a plan’s rules.')
    const plan = await planOf(slugOrName)
    const checked = checkPlanRules(input)
    if ('errors' in checked) return { ok: false, errors: checked.errors }
    const before = await readPlanRules(db, plan.id)
    const changed = (Object.keys(RULE_FIELDS) as (keyof RuleTexts)[]).filter((k) => before[k] !== checked.texts[k])
    const reason = input.reason.trim()
    if (changed.length > 0 && reason === '')
      return { ok: false, errors: [{ field: 'reason', message: 'Give the reason for changing the rules' }] }
    if (changed.length === 0) return { ok: true, changes: 0 }
    await db.transaction().execute(async (trx) => {
      await writePlanRules(trx, plan.id, checked.texts)
      const audit = new AuditRecorder({ at: now().toISOString(), actor: actor.email, source, planId: plan.id })
      audit.recordEdit(
        'plan',
        plan.name,
        null,
        changed.map((k) => [RULE_FIELDS[k], before[k], checked.texts[k]] as const),
        () => reason,
      )
      await insertAuditEvents(trx, audit.events)
    })
    return { ok: true, changes: changed.length }
  }

  return { view, setRules }
}

export type PlanRulesService = ReturnType<typeof createPlanRulesService>

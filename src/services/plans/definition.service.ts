import type { Kysely } from 'kysely'
import { type Actor, can } from '../../domain/access/access.ts'
import { type Decimal, parseDecimal } from '../../domain/figures/decimal.ts'
import { DomainError } from '../../domain/errors.ts'
import { LIMITS, lengthErrors } from '../../domain/limits.ts'
import {
  ACCUMULATIONS,
  DOT_BASES,
  FREQUENCIES,
  type Indicator,
  POLARITIES,
  RAG_METHODS,
} from '../../domain/judgement/indicator.ts'
import { insertAuditEvents } from '../../store/audit.repository.ts'
import { AuditRecorder } from '../audit-recorder.ts'
import { indicatorColumns, updateIndicator } from '../../store/indicator.repository.ts'
import type { Database } from '../../store/schema.ts'
import { type EntryService, type FieldError, type SaveResult, orNull } from '../round/entry.service.ts'

const ZERO_PERCENT: Decimal = { units: 0n, scale: 0 }

/** An officer's edit of an indicator's definition; the reference and value type are fixed. */
export interface DefinitionInput {
  readonly title: string
  readonly frequency: string
  readonly polarity: string
  readonly unit: string
  readonly accumulation: string
  readonly tolerancePct: string
  readonly dotBasis: string
  readonly ragMethod: string
  readonly owner: string
  readonly reason: string
}

/** Changing indicator definitions: the performance team's part of setting the framework. */
export function createDefinitionService(db: Kysely<Database>, entries: EntryService, now: () => Date) {
  /** An officer's change to an indicator's definition, with a reason, each changed field audited. */
  async function editDefinition(
    actor: Actor,
    planSlug: string,
    ref: string,
    input: DefinitionInput,
  ): Promise<SaveResult> {
    if (!can(actor, 'edit-framework'))
      throw new DomainError('forbidden', 'Only the performance team can change an indicator’s definition.')
    const context = await entries.indicatorContext(actor, planSlug, ref)
    const before = context.record.indicator
    const long = lengthErrors([
      ['title', input.title, LIMITS.title],
      ['owner', input.owner, LIMITS.owner],
      ['frequency', input.frequency, LIMITS.choice],
      ['polarity', input.polarity, LIMITS.choice],
      ['unit', input.unit, LIMITS.unit],
      ['accumulation', input.accumulation, LIMITS.choice],
      ['tolerancePct', input.tolerancePct, LIMITS.figure],
      ['dotBasis', input.dotBasis, LIMITS.choice],
      ['ragMethod', input.ragMethod, LIMITS.choice],
      ['reason', input.reason, LIMITS.reason],
    ])
    if (long.length > 0) return { ok: false, errors: long }
    const errors: FieldError[] = []
    // An unknown choice is an error; the current value stands in until the form is corrected.
    const choice = <T extends string>(
      allowed: readonly T[],
      value: string,
      fieldName: string,
      what: string,
      current: T,
    ): T => {
      const found = allowed.find((option) => option === value)
      if (found === undefined) errors.push({ field: fieldName, message: `Choose the ${what}` })
      return found ?? current
    }
    const title = input.title.trim()
    if (title === '') errors.push({ field: 'title', message: 'Enter the definition' })
    // Empty: no tolerance_pct of its own, so the indicator's tolerance column or its plan's rule judges it.
    const tolerance = input.tolerancePct.trim() === '' ? ZERO_PERCENT : parseDecimal(input.tolerancePct.trim())
    if (!tolerance || tolerance.units < 0n)
      errors.push({
        field: 'tolerancePct',
        message: 'Enter the amber tolerance as a percentage, like 10, or leave it empty to use the plan’s rules',
      })
    const after: Indicator = {
      ...before,
      title,
      frequency: choice(FREQUENCIES, input.frequency, 'frequency', 'frequency', before.frequency),
      polarity: choice(POLARITIES, input.polarity, 'polarity', 'polarity', before.polarity),
      unit: input.unit.trim(),
      accumulation: choice(ACCUMULATIONS, input.accumulation, 'accumulation', 'accumulation', before.accumulation),
      tolerancePct: input.tolerancePct.trim(),
      dotBasis: choice(DOT_BASES, input.dotBasis, 'dotBasis', 'basis for direction of travel', before.dotBasis),
      ragMethod: choice(RAG_METHODS, input.ragMethod, 'ragMethod', 'RAG method', before.ragMethod),
      owner: orNull(input.owner),
    }
    if (after.accumulation !== 'point' && before.valueType !== 'number') {
      errors.push({ field: 'accumulation', message: 'Only a number can accumulate through the year' })
    }
    const oldColumns = indicatorColumns(before)
    const newColumns = indicatorColumns(after)
    const changed = (Object.keys(newColumns) as (keyof typeof newColumns)[]).filter(
      (f) => oldColumns[f] !== newColumns[f],
    )
    if (changed.length > 0 && orNull(input.reason) === null)
      errors.push({ field: 'reason', message: 'Give the reason for the change' })
    if (errors.length > 0) return { ok: false, errors }
    if (changed.length === 0) return { ok: true, changes: 0 }
    const at = now().toISOString()
    await db.transaction().execute(async (trx) => {
      await updateIndicator(trx, context.record.id, Object.fromEntries(changed.map((f) => [f, newColumns[f]])))
      const audit = new AuditRecorder({ at, actor: actor.email, source: 'web', planId: context.plan.id })
      audit.recordEdit(
        'indicator',
        ref,
        null,
        changed.map((f) => [f, oldColumns[f], newColumns[f]] as const),
        () => orNull(input.reason),
      )
      await insertAuditEvents(trx, audit.events)
    })
    return { ok: true, changes: changed.length }
  }

  return { editDefinition }
}

export type DefinitionService = ReturnType<typeof createDefinitionService>

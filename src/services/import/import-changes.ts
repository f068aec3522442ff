import type { Indicator } from '../../domain/judgement/indicator.ts'
import { OBSERVATION_FIELDS, type Observation } from '../../domain/judgement/observation.ts'
import { formatPeriod } from '../../domain/periods/period.ts'
import type { Comparator } from '../../domain/statistics/comparator.ts'
import type { AuditChange } from '../../store/audit.repository.ts'
import { type ComparatorColumns, type ComparatorRecord, comparatorColumns } from '../../store/comparator.repository.ts'
import { type IndicatorColumns, type IndicatorRecord, indicatorColumns } from '../../store/indicator.repository.ts'
import {
  type ObservationColumns,
  type ObservationRecord,
  observationColumns,
} from '../../store/observation.repository.ts'
import { AuditRecorder, observationAuditValue } from '../audit-recorder.ts'
import type { ParsedImport } from './import-validation.ts'

/**
 * What an import changes, worked out before anything is written: which indicators, figures and comparators' figures
 * are new, which change and which are as held, and the audit trail of it all. Pure: it reads the plan as held and the
 * checked files, and the writer (import.service.ts) then writes exactly this, in one transaction.
 */

/** How many records an import added, changed and left as they were. */
export interface ChangeCounts {
  added: number
  updated: number
  unchanged: number
}

/** The plan as held before the import (read in the import's transaction), or null for a new plan. */
export interface HeldPlan {
  /** The plan's themes by name, with their ids. */
  readonly themes: ReadonlyMap<string, number>
  readonly indicators: readonly IndicatorRecord[]
  readonly observations: readonly ObservationRecord[]
  readonly comparators: readonly ComparatorRecord[]
}

/** A revision of a signed-off period: the importer's reason and the sign-off it revises. */
export interface RevisionMark {
  readonly reason: string
  readonly signOffId: number
}

export interface ImportChangesInput {
  readonly planName: string
  /** The plan's id: a new plan's row is written first, so its audit events can name it. */
  readonly planId: number
  readonly held: HeldPlan | null
  readonly parsed: Pick<ParsedImport, 'indicators' | 'observations' | 'comparators'>
  /** The signed-off periods the import revises, by `${ref}\u0000${period}`. */
  readonly revisions: ReadonlyMap<string, RevisionMark>
  /** Who, when and from which files, for the audit trail. */
  readonly audit: { readonly at: string; readonly actor: string; readonly source: string }
}

export interface ImportChanges {
  /** Themes the plan does not have yet, in the order the indicators name them. */
  readonly newThemes: readonly string[]
  readonly indicatorInserts: readonly { readonly indicator: Indicator; readonly position: number }[]
  /** Changed definitions: only the changed columns, and the theme by name when it changes. */
  readonly indicatorUpdates: readonly {
    readonly id: number
    readonly columns: Partial<IndicatorColumns>
    readonly theme?: string
  }[]
  readonly observationInserts: readonly {
    readonly ref: string
    readonly observation: Observation
    readonly columns: ObservationColumns
  }[]
  readonly observationUpdates: readonly { readonly id: number; readonly columns: ObservationColumns }[]
  readonly comparatorInserts: readonly { readonly ref: string; readonly comparator: Comparator }[]
  readonly comparatorUpdates: readonly { readonly id: number; readonly columns: ComparatorColumns }[]
  /** The audit trail: the plan and definitions singly (and revisions of signed-off periods), figures in sets. */
  readonly audit: AuditRecorder
  readonly counts: {
    readonly indicators: ChangeCounts
    readonly observations: ChangeCounts
    readonly comparators: ChangeCounts
  }
}

/** The parts of a comparator's figure, each audited as its own field: "comparator:England", "comparator:England:lower". */
const COMPARATOR_PARTS: readonly { readonly column: keyof ComparatorColumns; readonly suffix: string }[] = [
  { column: 'value', suffix: '' },
  { column: 'lower', suffix: ':lower' },
  { column: 'upper', suffix: ':upper' },
]

const key = (ref: string, period: string): string => `${ref}\u0000${period}`
const counts = (): ChangeCounts => ({ added: 0, updated: 0, unchanged: 0 })

function auditValue(value: string | number | null): string | null {
  return value === null ? null : String(value)
}

/** The changes an import makes to a plan, and their audit trail, without writing anything. */
export function planImportChanges(input: ImportChangesInput): ImportChanges {
  const audit = new AuditRecorder({ ...input.audit, planId: input.planId })
  if (!input.held) audit.record('plan', input.planName, null, 'created', null, input.planName)
  const indicators = indicatorChanges(input, audit)
  const observations = observationChanges(input, audit)
  const comparators = comparatorChanges(input, audit)
  // Revisions of signed-off periods were recorded singly, so each carries its reason and sign-off.
  if (input.revisions.size > 0)
    for (const [index, e] of audit.events.entries()) {
      const revision = e.entity === 'observation' ? input.revisions.get(key(e.ref, e.period ?? '')) : undefined
      if (revision) audit.events[index] = { ...e, ...revision }
    }
  return {
    ...indicators,
    ...observations,
    ...comparators,
    audit,
    counts: { indicators: indicators.counts, observations: observations.counts, comparators: comparators.counts },
  }
}

/** A change to a signed-off period is recorded as its own event, to carry the revision's reason and sign-off. */
function recordSingly(audit: AuditRecorder, ref: string, changes: readonly AuditChange[]): void {
  for (const [period, field, oldValue, newValue] of changes)
    audit.record('observation', ref, period, field, oldValue, newValue)
}

function indicatorChanges(input: ImportChangesInput, audit: AuditRecorder) {
  const held = new Map((input.held?.indicators ?? []).map((record) => [record.indicator.ref, record]))
  const themes = new Set(input.held?.themes.keys())
  const newThemes: string[] = []
  const indicatorInserts: { indicator: Indicator; position: number }[] = []
  const indicatorUpdates: { id: number; columns: Partial<IndicatorColumns>; theme?: string }[] = []
  const tally = counts()
  for (const [index, indicator] of input.parsed.indicators.entries()) {
    if (!themes.has(indicator.theme)) {
      themes.add(indicator.theme)
      newThemes.push(indicator.theme)
    }
    const existing = held.get(indicator.ref)
    if (!existing) {
      indicatorInserts.push({ indicator, position: held.size + index })
      audit.record('indicator', indicator.ref, null, 'created', null, indicator.title)
      tally.added += 1
      continue
    }
    const after = indicatorColumns(indicator)
    const before = indicatorColumns(existing.indicator)
    const columns: Partial<IndicatorColumns> = {}
    for (const field of (Object.keys(after) as (keyof typeof after)[]).filter((f) => f !== 'ref')) {
      if (before[field] === after[field]) continue
      Object.assign(columns, { [field]: after[field] })
      audit.record('indicator', indicator.ref, null, field, auditValue(before[field]), auditValue(after[field]))
    }
    const moved = existing.indicator.theme !== indicator.theme
    if (moved) audit.record('indicator', indicator.ref, null, 'theme', existing.indicator.theme, indicator.theme)
    if (moved || Object.keys(columns).length > 0) {
      indicatorUpdates.push({ id: existing.id, columns, ...(moved ? { theme: indicator.theme } : {}) })
      tally.updated += 1
    } else {
      tally.unchanged += 1
    }
  }
  return { newThemes, indicatorInserts, indicatorUpdates, counts: tally }
}

function observationChanges(input: ImportChangesInput, audit: AuditRecorder) {
  const refOf = new Map((input.held?.indicators ?? []).map((record) => [record.id, record.indicator.ref]))
  const held = new Map<string, ObservationRecord>()
  for (const record of input.held?.observations ?? [])
    held.set(key(refOf.get(record.indicatorId) ?? '', formatPeriod(record.observation.period)), record)
  const observationInserts: { ref: string; observation: Observation; columns: ObservationColumns }[] = []
  const observationUpdates: { id: number; columns: ObservationColumns }[] = []
  const tally = counts()
  for (const { ref, observation } of input.parsed.observations) {
    const period = formatPeriod(observation.period)
    const after = observationColumns(observation)
    const existing = held.get(key(ref, period))
    const revised = input.revisions.has(key(ref, period))
    const changes = revised ? [] : audit.changesOf('observation', ref)
    if (!existing) {
      observationInserts.push({ ref, observation, columns: after })
      for (const field of OBSERVATION_FIELDS) {
        if (after[field] !== null && !(field === 'estimated' && after.estimated === 0))
          changes.push([period, field, null, observationAuditValue(after, field)])
      }
      tally.added += 1
    } else {
      const before = observationColumns(existing.observation)
      const start = changes.length
      for (const field of OBSERVATION_FIELDS) {
        if (before[field] !== after[field])
          changes.push([period, field, observationAuditValue(before, field), observationAuditValue(after, field)])
      }
      if (changes.length > start) {
        observationUpdates.push({ id: existing.id, columns: after })
        tally.updated += 1
      } else {
        tally.unchanged += 1
      }
    }
    if (revised) recordSingly(audit, ref, changes)
  }
  return { observationInserts, observationUpdates, counts: tally }
}

function comparatorChanges(input: ImportChangesInput, audit: AuditRecorder) {
  const refOf = new Map((input.held?.indicators ?? []).map((record) => [record.id, record.indicator.ref]))
  const held = new Map(
    (input.held?.comparators ?? []).map((record) => [
      `${key(refOf.get(record.indicatorId) ?? '', formatPeriod(record.comparator.period))}\u0000${record.comparator.name}`,
      record,
    ]),
  )
  const comparatorInserts: { ref: string; comparator: Comparator }[] = []
  const comparatorUpdates: { id: number; columns: ComparatorColumns }[] = []
  const tally = counts()
  for (const { ref, comparator } of input.parsed.comparators) {
    const period = formatPeriod(comparator.period)
    const after = comparatorColumns(comparator)
    const existing = held.get(`${key(ref, period)}\u0000${comparator.name}`)
    const field = (suffix: string): string => `comparator:${comparator.name}${suffix}`
    const revised = input.revisions.has(key(ref, period))
    const changes = revised ? [] : audit.changesOf('observation', ref)
    if (!existing) {
      comparatorInserts.push({ ref, comparator })
      for (const { column, suffix } of COMPARATOR_PARTS)
        if (after[column] !== null) changes.push([period, field(suffix), null, after[column]])
      tally.added += 1
    } else {
      const before = comparatorColumns(existing.comparator)
      const changed = COMPARATOR_PARTS.filter(({ column }) => before[column] !== after[column])
      if (changed.length === 0) {
        tally.unchanged += 1
        continue
      }
      for (const { column, suffix } of changed) changes.push([period, field(suffix), before[column], after[column]])
      comparatorUpdates.push({ id: existing.id, columns: after })
      tally.updated += 1
    }
    if (revised) recordSingly(audit, ref, changes)
  }
  return { comparatorInserts, comparatorUpdates, counts: tally }
}

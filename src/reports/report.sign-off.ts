import { actorText } from '../presentation/audit-actor.ts'
import { longDate } from '../domain/periods/period.ts'
import { type SignOff, shortDate } from '../domain/access/sign-off.ts'
import type { AuditEvent } from '../services/index.ts'

/** What a report for a signed-off period is told: the sign-off, the revisions since, and which figures it shows. */
export interface SignOffInput {
  readonly signOff: SignOff
  readonly revisions: readonly AuditEvent[]
  /** True when the report is the one signed off (from its snapshot); false when it shows the current figures. */
  readonly asReported: boolean
}

export interface RevisionLine {
  readonly indicator: string
  readonly period: string
  readonly field: string
  readonly oldValue: string
  readonly newValue: string
  readonly by: string
  readonly when: string
  readonly reason: string
}

/** The sign-off as a report shows it: a tag, what the figures are, and the revisions made since. */
export interface SignOffSection {
  /** "Signed off 14 Nov 2013 by officer@outturn.example". */
  readonly tag: string
  readonly statement: string
  /** "Revisions since this report was signed off on 14 November 2013". */
  readonly heading: string
  readonly revisions: readonly RevisionLine[]
  readonly asReported: boolean
}

const FIELD_NAMES: Readonly<Record<string, string>> = {
  actual: 'Actual',
  target: 'Target',
  status: 'Management assessment',
  note: 'Commentary',
  estimated: 'Estimate',
  data_period: 'Period the figure relates to',
  not_reported: 'Why not reported',
  numerator: 'Numerator',
  denominator: 'Denominator',
  baseline: 'Exception report: baseline',
  why: 'Exception report: why is performance at the current level?',
  implications: 'Exception report: implications',
  improvement: 'Exception report: how will it get better?',
  state: 'Exception report: state',
  commentary: 'Commentary',
  override_reason: 'Reason for the status',
  progress: 'Progress',
}

/** The sign-off section of a report, or null for a period not signed off. Pure. */
export function signOffSection(input: SignOffInput | undefined): SignOffSection | null {
  if (!input) return null
  const { signOff } = input
  const on = longDate(signOff.lockedAt)
  const reported = signOff.committee ? ` and reported to ${signOff.committee}` : ''
  return {
    tag: `Signed off ${shortDate(signOff.lockedAt)} by ${signOff.lockedBy}`,
    statement: input.asReported
      ? `This is the report as signed off on ${on} by ${signOff.lockedBy}${reported}. Changes made since are listed under “Revisions since sign-off”, not in the figures.`
      : `These are the current figures. The period was signed off on ${on} by ${signOff.lockedBy}${reported}; the report as signed off does not include the revisions listed under “Revisions since sign-off”.`,
    heading: `Revisions since this report was signed off on ${on}`,
    revisions: input.revisions.map((e) => ({
      indicator: e.ref,
      period: e.period ?? '',
      field: FIELD_NAMES[e.field] ?? e.field,
      oldValue: e.oldValue ?? '(none)',
      newValue: e.newValue ?? '(none)',
      by: actorText(e),
      when: longDate(e.at),
      reason: e.reason ?? '',
    })),
    asReported: input.asReported,
  }
}

/** The sign-off and its revisions as plain text lines, for the text report. */
export function signOffText(section: SignOffSection): string {
  const lines = section.revisions.map(
    (r) =>
      `${r.indicator} ${r.period} ${r.field}: ${r.oldValue} -> ${r.newValue} (${r.by}, ${r.when}${r.reason ? `: ${r.reason}` : ''})`,
  )
  return ['', section.tag, section.statement, '', section.heading, ...(lines.length > 0 ? lines : ['None.']), ''].join(
    '\n',
  )
}

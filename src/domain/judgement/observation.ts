import type { Period } from '../periods/period.ts'
import type { Rag } from '../figures/value.ts'

export const NOT_REPORTED_REASONS = ['annual', 'new', 'in-arrears', 'not-available', 'suppressed', 'not-due'] as const

/**
 * Why an indicator has no figure this period: reported annually, new (no data yet, baseline being established),
 * a period in arrears, not available, suppressed (withheld because the numbers are small), or not due (a quarterly or
 * annual indicator in a report for a month or quarter in which it is not collected).
 */
export type NotReportedReason = (typeof NOT_REPORTED_REASONS)[number]

/** One indicator's entry for one period, as the owner gave it. Figures are kept as the text given. */
export interface Observation {
  /** The reporting period the entry belongs to. */
  readonly period: Period
  /** The period the figure relates to, when it is reported in arrears (a Q1 figure given at Q2). */
  readonly dataPeriod: Period | null
  readonly actual: string | null
  /** The target for this period (profiled); on a year row, the annual target. */
  readonly target: string | null
  readonly estimated: boolean
  /** A management assessment: an officer's status, which wins over any computed one. */
  readonly status: Rag | null
  /** Why there is no figure, when the owner has said. */
  readonly notReported: NotReportedReason | null
  /** Commentary. */
  readonly note: string | null
  /**
   * The count of events or people the figure is made from (45 pupils achieving), as exact decimal text; with the
   * denominator, for an indicator with a confidence interval method. Both or neither.
   */
  readonly numerator: string | null
  /** The population or total the numerator is out of (100 pupils), as exact decimal text. */
  readonly denominator: string | null
}

/** Whether the entry gives both a numerator and a denominator, from which a figure and its interval follow. */
export function hasCounts(observation: Observation): boolean {
  return observation.numerator !== null && observation.denominator !== null
}

/** Whether the entry says anything about performance: a figure, the counts a figure is made from, or a status. */
export function hasResult(observation: Observation): boolean {
  return observation.actual !== null || observation.status !== null || hasCounts(observation)
}

/** The recorded fields of an observation, each audited when it changes. */
export const OBSERVATION_FIELDS = [
  'data_period',
  'actual',
  'target',
  'estimated',
  'status',
  'not_reported',
  'note',
  'numerator',
  'denominator',
] as const
export type ObservationField = (typeof OBSERVATION_FIELDS)[number]

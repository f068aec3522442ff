import { DomainError } from '../errors.ts'

/**
 * Inspection: an organisational assessment (such as the Audit Commission's Use of Resources) scores each Key Line
 * of Enquiry (KLOE) from 1 to 4:
 * - 1: below minimum requirements, performing poorly;
 * - 2: only at minimum requirements, performing adequately;
 * - 3: consistently above minimum requirements, performing well;
 * - 4: well above minimum requirements, performing excellently.
 * An auditor may add how secure a score is: strong, medium or weak (Manchester 2009: "2 W" is a weak level 2, one
 * at risk of falling). A KLOE may also not be assessed in a year ("n/a"), which is recorded with a note.
 */
export const KLOE_JUDGEMENTS = ['strong', 'medium', 'weak'] as const
export type KloeJudgement = (typeof KLOE_JUDGEMENTS)[number]

export const KLOE_LEVELS: Readonly<Record<1 | 2 | 3 | 4, string>> = {
  1: 'Performing poorly',
  2: 'Performing adequately',
  3: 'Performing well',
  4: 'Performing excellently',
}

export interface KloeScore {
  /** The assessment, such as "Use of Resources". */
  readonly assessment: string
  /** The assessment year as published: "2009". */
  readonly year: string
  /** The KLOE number: "2.2". */
  readonly ref: string
  readonly title: string
  /** 1 to 4, or null when not assessed that year. */
  readonly score: 1 | 2 | 3 | 4 | null
  readonly judgement: KloeJudgement | null
  readonly note: string | null
}

/** Reads a KLOE score: a whole number from 1 to 4, or "n/a" (or nothing) when it was not assessed. */
export function parseKloeScore(text: string): 1 | 2 | 3 | 4 | null {
  const trimmed = text.trim().toLowerCase()
  if (trimmed === '' || trimmed === 'n/a' || trimmed === 'na' || trimmed === 'not assessed') return null
  const value = Number(trimmed)
  if (value === 1 || value === 2 || value === 3 || value === 4) return value
  throw new DomainError('invalid-value', `"${text}" is not a KLOE score. Enter 1, 2, 3 or 4, or n/a if not assessed.`)
}

/** Reads how secure a score is: strong, medium or weak, or S, M or W as auditors abbreviate them; empty is none. */
export function parseKloeJudgement(text: string): KloeJudgement | null {
  const trimmed = text.trim().toLowerCase()
  if (trimmed === '') return null
  const found = KLOE_JUDGEMENTS.find((j) => j === trimmed || j[0] === trimmed)
  if (found === undefined)
    throw new DomainError('invalid-enum', `"${text}" is not a judgement. Enter strong, medium or weak (or S, M or W).`)
  return found
}

/** How a score reads in a report: "2 (weak)", "3", "Not assessed". */
export function describeKloeScore(score: KloeScore): string {
  if (score.score === null) return 'Not assessed'
  return score.judgement === null ? String(score.score) : `${score.score} (${score.judgement})`
}

/** The KLOEs most at risk: scored, and judged weak, worst score first. These head the improvement action plan. */
export function weakKloes(scores: readonly KloeScore[]): KloeScore[] {
  return scores
    .filter((s) => s.score !== null && s.judgement === 'weak')
    .sort((a, b) => (a.score ?? 0) - (b.score ?? 0) || a.ref.localeCompare(b.ref, 'en', { numeric: true }))
}

/** How many KLOEs were scored at each level, for the sentence above the table. */
export function countKloeLevels(scores: readonly KloeScore[]): Readonly<Record<1 | 2 | 3 | 4, number>> {
  const counts = { 1: 0, 2: 0, 3: 0, 4: 0 }
  for (const s of scores) if (s.score !== null) counts[s.score] += 1
  return counts
}

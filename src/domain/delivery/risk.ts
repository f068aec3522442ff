import { DomainError } from '../errors.ts'

/**
 * Risk scoring on a 5×5 matrix, as council risk registers do: likelihood (1 rare to 5 almost certain) times impact
 * (1 negligible to 5 severe) gives a score from 1 to 25. The level bands are:
 * - Low: 1 to 4;
 * - Medium: 5 to 12;
 * - High: 15 to 25 (no product of two whole numbers from 1 to 5 falls between 12 and 15).
 * High risks go on the register monitored every quarter (Halton).
 */
export const RISK_LEVELS = ['Low', 'Medium', 'High'] as const
export type RiskLevel = (typeof RISK_LEVELS)[number]

export interface RiskRating {
  readonly likelihood: number
  readonly impact: number
  readonly score: number
  readonly level: RiskLevel
}

function checkScale(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1 || value > 5) {
    throw new DomainError('invalid-value', `The ${what} must be a whole number from 1 to 5, not ${value}.`)
  }
}

/** The level of a score: Low 1–4, Medium 5–12, High 15–25. */
export function riskLevel(score: number): RiskLevel {
  return score >= 15 ? 'High' : score >= 5 ? 'Medium' : 'Low'
}

/** Rates a risk from its likelihood and impact. */
export function rateRisk(likelihood: number, impact: number): RiskRating {
  checkScale(likelihood, 'likelihood')
  checkScale(impact, 'impact')
  const score = likelihood * impact
  return { likelihood, impact, score, level: riskLevel(score) }
}

/** A risk is on the quarterly high-risk list when its residual rating (after treatment) is High. */
export function isHighRisk(residual: RiskRating): boolean {
  return residual.level === 'High'
}

/** A risk to a service objective, with its treatment measures and their quarterly progress. */
export interface Risk {
  readonly ref: string
  /** The delivery item (service objective) the risk threatens, by ref. */
  readonly objective: string | null
  readonly description: string
  readonly initial: RiskRating
  readonly residual: RiskRating
  readonly treatments: readonly RiskTreatment[]
}

export interface RiskTreatment {
  readonly ref: string
  readonly description: string
  readonly owner: string | null
  readonly dueDate: string | null
  /** Progress by period (the canonical period text, such as "2012/13 Q2"). */
  readonly reviews: ReadonlyMap<string, { readonly progress: string; readonly commentary: string | null }>
}

/** One entry of the high-risk list. */
export type HighRisk = ReturnType<typeof highRisks>[number]

/** The high-risk list for a period: every risk whose residual rating is High, with its treatments' progress. */
export function highRisks(risks: readonly Risk[], period: string) {
  return risks
    .filter((risk) => isHighRisk(risk.residual))
    .map((risk) => ({
      risk,
      treatments: risk.treatments.map((treatment) => ({ treatment, review: treatment.reviews.get(period) ?? null })),
      unreviewed: risk.treatments
        .filter((treatment) => !treatment.reviews.has(period))
        .map((treatment) => treatment.ref),
    }))
}

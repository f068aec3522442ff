import { parseDeliveryStatus } from '../../domain/delivery/delivery.ts'
import { DomainError } from '../../domain/errors.ts'
import { formatPeriod, parsePeriod } from '../../domain/periods/period.ts'
import { type Risk, rateRisk } from '../../domain/delivery/risk.ts'
import { LIMITS } from '../../domain/limits.ts'
import { type CsvRow, type ImportProblem, type InputFile, ProblemList, columnSet, readRows } from '../import/csv.ts'

/** The risk import format's columns (README, "Risk import format"). */
export const RISK_COLUMNS = columnSet(
  ['ref', 'description', 'initial_likelihood', 'initial_impact', 'residual_likelihood', 'residual_impact'],
  ['objective'],
  {
    ref: LIMITS.reference,
    description: LIMITS.description,
    initial_likelihood: LIMITS.choice,
    initial_impact: LIMITS.choice,
    residual_likelihood: LIMITS.choice,
    residual_impact: LIMITS.choice,
    objective: LIMITS.reference,
  },
)
export const TREATMENT_COLUMNS = columnSet(['risk', 'ref', 'description'], ['owner', 'due_date'], {
  risk: LIMITS.reference,
  ref: LIMITS.reference,
  description: LIMITS.description,
  owner: LIMITS.owner,
  due_date: LIMITS.choice,
})
export const REVIEW_COLUMNS = columnSet(['treatment', 'period', 'progress'], ['commentary'], {
  treatment: LIMITS.reference,
  period: LIMITS.choice,
  progress: LIMITS.choice,
  commentary: LIMITS.commentary,
})

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function optional(value: string | undefined): string | null {
  const trimmed = (value ?? '').trim()
  return trimmed === '' ? null : trimmed
}

function scale(list: ProblemList, row: CsvRow, column: string): number | undefined {
  return list.cell(row, column, (text) => {
    const value = Number(text.trim())
    if (text.trim() === '' || !Number.isInteger(value) || value < 1 || value > 5) {
      throw new DomainError('invalid-value', `"${text}" is not a score. Enter a whole number from 1 to 5.`)
    }
    return value
  })
}

/**
 * Reads and checks a plan's risk register: risks with initial and residual likelihood and impact, their treatment
 * measures, and each treatment's progress per period. Every problem is listed; `objectives` holds the plan's
 * delivery item refs a risk may belong to.
 */
export function parseRisks(
  risksFile: InputFile,
  treatmentsFile: InputFile | null,
  reviewsFile: InputFile | null,
  objectives: ReadonlySet<string>,
): { risks: Risk[]; problems: ImportProblem[] } {
  const list = new ProblemList(risksFile.name)
  const risks = readRisks(risksFile, objectives, list)
  const owners = treatmentsFile
    ? readTreatments(treatmentsFile, risksFile.name, risks, list)
    : new Map<string, string>()
  if (reviewsFile) readReviews(reviewsFile, risks, owners, list)
  return {
    risks: [...risks.values()].map(({ risk, treatments }) => ({ ...risk, treatments: [...treatments.values()] })),
    problems: list.problems,
  }
}

/** The risks read so far, by ref, each with its treatment measures by ref. */
type RisksRead = Map<string, { risk: Omit<Risk, 'treatments'>; treatments: Map<string, Risk['treatments'][number]> }>

/** The risks file: each risk's ref, objective, description and its ratings before and after treatment. */
function readRisks(file: InputFile, objectives: ReadonlySet<string>, list: ProblemList): RisksRead {
  const risks: RisksRead = new Map()
  for (const row of readRows(file, RISK_COLUMNS, list)) {
    const ref = optional(row.values.ref)
    const description = optional(row.values.description)
    const objective = optional(row.values.objective)
    if (ref === null) list.add(row.line, 'ref', 'Enter the risk reference.')
    if (description === null) list.add(row.line, 'description', 'Enter the description of the risk.')
    if (objective !== null && !objectives.has(objective))
      list.add(
        row.line,
        'objective',
        `"${objective}" is not a delivery item in the plan. Import the objective first, or leave this empty.`,
      )
    const [il, ii, rl, ri] = (
      ['initial_likelihood', 'initial_impact', 'residual_likelihood', 'residual_impact'] as const
    ).map((c) => scale(list, row, c))
    if (ref !== null && risks.has(ref))
      list.add(row.line, 'ref', `"${ref}" is already used. Each risk has its own reference.`)
    if (
      ref === null ||
      description === null ||
      il === undefined ||
      ii === undefined ||
      rl === undefined ||
      ri === undefined ||
      risks.has(ref)
    )
      continue
    risks.set(ref, {
      risk: { ref, objective, description, initial: rateRisk(il, ii), residual: rateRisk(rl, ri) },
      treatments: new Map(),
    })
  }
  return risks
}

/** The treatments file: each measure under its risk; returns each treatment's risk, by the treatment's ref. */
function readTreatments(
  file: InputFile,
  risksFileName: string,
  risks: RisksRead,
  list: ProblemList,
): Map<string, string> {
  const owners = new Map<string, string>()
  const treatmentList = new ProblemList(file.name)
  for (const row of readRows(file, TREATMENT_COLUMNS, treatmentList)) {
    const riskRef = optional(row.values.risk) ?? ''
    const ref = optional(row.values.ref)
    const description = optional(row.values.description)
    const dueDate = optional(row.values.due_date)
    const owner = risks.get(riskRef)
    if (!owner) treatmentList.add(row.line, 'risk', `"${riskRef}" is not a risk in ${risksFileName}.`)
    if (ref === null) treatmentList.add(row.line, 'ref', 'Enter the treatment reference.')
    if (description === null) treatmentList.add(row.line, 'description', 'Enter the treatment measure.')
    if (dueDate !== null && (!ISO_DATE.test(dueDate) || Number.isNaN(Date.parse(dueDate)))) {
      treatmentList.add(
        row.line,
        'due_date',
        `"${dueDate}" is not a date. Write it as year-month-day, such as 2013-03-31.`,
      )
    }
    if (ref !== null && owners.has(ref))
      treatmentList.add(row.line, 'ref', `"${ref}" is already used. Each treatment has its own reference.`)
    if (!owner || ref === null || description === null || owners.has(ref)) continue
    owners.set(ref, riskRef)
    owner.treatments.set(ref, { ref, description, owner: optional(row.values.owner), dueDate, reviews: new Map() })
  }
  list.problems.push(...treatmentList.problems)
  return owners
}

/** The reviews file: each treatment's progress for a period, one row per treatment and period. */
function readReviews(file: InputFile, risks: RisksRead, owners: ReadonlyMap<string, string>, list: ProblemList): void {
  const reviewList = new ProblemList(file.name)
  for (const row of readRows(file, REVIEW_COLUMNS, reviewList)) {
    const ref = optional(row.values.treatment) ?? ''
    const riskRef = owners.get(ref)
    const treatment = riskRef ? risks.get(riskRef)?.treatments.get(ref) : undefined
    if (!treatment) {
      reviewList.add(row.line, 'treatment', `"${ref}" is not a treatment in the treatments file.`)
      continue
    }
    const period = reviewList.cell(row, 'period', parsePeriod)
    const progress = reviewList.cell(row, 'progress', parseDeliveryStatus)
    if (period === undefined || progress === undefined) continue
    const reviews = treatment.reviews as Map<string, { progress: string; commentary: string | null }>
    if (reviews.has(formatPeriod(period))) {
      reviewList.add(
        row.line,
        'period',
        `${ref} already has a review for ${formatPeriod(period)}. Keep one row per treatment and period.`,
      )
      continue
    }
    reviews.set(formatPeriod(period), { progress, commentary: optional(row.values.commentary) })
  }
  list.problems.push(...reviewList.problems)
}

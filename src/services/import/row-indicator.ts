import type { Indicator } from '../../domain/judgement/indicator.ts'
import type { CsvRow, ImportProblem, ProblemList } from './csv.ts'

/**
 * Which indicator a row of the observations or comparators file names: one from the indicators file or the plan.
 * A row naming an indicator whose own row was refused waits on it, with no error of its own: the indicator's error
 * says how many rows wait, and they are checked once it is put right.
 */
export class RowIndicators {
  /** Refused indicators' lines in the indicators file, by ref (only those the file does not define elsewhere). */
  readonly #refused: ReadonlyMap<string, number>
  /** How many rows of each file wait on each refused indicator. */
  readonly #waiting = new Map<string, Map<string, number>>()

  constructor(
    private readonly byRef: ReadonlyMap<string, Indicator>,
    refused: ReadonlyMap<string, number>,
    accepted: readonly Indicator[],
    private readonly indicatorsFile: string,
  ) {
    const defined = new Set(accepted.map((indicator) => indicator.ref))
    this.#refused = new Map([...refused].filter(([ref]) => !defined.has(ref)))
  }

  /** The row's indicator; undefined when it waits on a refused one, or names none (a problem on its ref). */
  of(row: CsvRow, file: string, list: ProblemList): Indicator | undefined {
    const ref = row.values.ref ?? ''
    if (this.#refused.has(ref)) {
      const byFile = this.#waiting.get(ref) ?? new Map<string, number>()
      byFile.set(file, (byFile.get(file) ?? 0) + 1)
      this.#waiting.set(ref, byFile)
      return undefined
    }
    const indicator = this.byRef.get(ref)
    if (!indicator) {
      const fix =
        ref === ''
          ? 'Enter the indicator reference.'
          : `"${ref}" is not an indicator in ${this.indicatorsFile} or the plan. Check the reference, or add the indicator.`
      list.add(row.line, 'ref', fix)
    }
    return indicator
  }

  /** The indicators file's problems, the first on each refused row saying how many rows wait on its indicator. */
  withWaitingRows(problems: readonly ImportProblem[]): ImportProblem[] {
    const told = new Set<string>()
    const refAt = new Map([...this.#refused].map(([ref, line]) => [line, ref]))
    return problems.map((problem) => {
      const ref = problem.line === null ? undefined : refAt.get(problem.line)
      const waiting = ref === undefined ? undefined : this.#waiting.get(ref)
      if (ref === undefined || waiting === undefined || told.has(ref)) return problem
      told.add(ref)
      return { ...problem, message: `${problem.message} ${waitingText(ref, waiting)}` }
    })
  }
}

/** "12 rows of observations.csv wait on NI 154 and are checked once it is put right." */
function waitingText(ref: string, byFile: ReadonlyMap<string, number>): string {
  const parts = [...byFile].map(([file, count], i) =>
    i === 0 ? `${count} ${count === 1 ? 'row' : 'rows'} of ${file}` : `${count} of ${file}`,
  )
  const total = [...byFile.values()].reduce((sum, count) => sum + count, 0)
  const verb = total === 1 ? 'waits' : 'wait'
  const checked = total === 1 ? 'is checked' : 'are checked'
  return `${parts.join(' and ')} ${verb} on ${ref} and ${checked} once it is put right.`
}

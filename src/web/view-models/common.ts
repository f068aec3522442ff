import { type Period, describePeriod, formatPeriod } from '../../domain/periods/period.ts'

export {
  type DotView,
  NOT_REPORTED_TEXT,
  type RagView,
  actualText,
  dotView,
  figureText,
  ragView,
  statusView,
} from '../../presentation/format.ts'

export interface PeriodOption {
  readonly value: string
  readonly text: string
  readonly selected: boolean
}

export function periodOptions(periods: readonly Period[], selected: Period): PeriodOption[] {
  const current = formatPeriod(selected)
  const options = periods.map((p) => ({
    value: formatPeriod(p),
    text: describePeriod(p),
    selected: formatPeriod(p) === current,
  }))
  if (!options.some((o) => o.selected)) options.push({ value: current, text: describePeriod(selected), selected: true })
  return options.reverse()
}

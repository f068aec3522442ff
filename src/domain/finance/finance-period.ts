import type { CapitalProgramme } from './capital.ts'
import type { RevenueStatement } from './statement.ts'

/**
 * A plan's finances for one period, as its monitoring report prints them: each department's or service's revenue
 * statement (with its budget holder's comments and projected outturn) and the capital programmes.
 * The store and services produce it; the finance page, the dashboard and every report format read it.
 */
export interface FinancePeriod {
  readonly period: string
  readonly statements: readonly RevenueStatement[]
  readonly capital: readonly CapitalProgramme[]
}

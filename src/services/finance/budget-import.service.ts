import type { Kysely } from 'kysely'
import type { Role } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import { LIMITS, requireWithinLimit } from '../../domain/limits.ts'
import { parsePeriod } from '../../domain/periods/period.ts'
import { insertAuditEvents } from '../../store/audit.repository.ts'
import {
  type StoredFinancePeriod,
  readFinancePeriod,
  writeBudgetLines,
  writeCapitalSchemes,
} from '../../store/finance.repository.ts'
import { findPlanByName, listPlans } from '../../store/plan.repository.ts'
import type { Database } from '../../store/schema.ts'
import { AuditRecorder } from '../audit-recorder.ts'
import type { InputFile } from '../import/csv.ts'
import { ImportRejected } from '../import/import.service.ts'
import { importLockCheck } from '../periods/period-lock.ts'
import { type PeriodImported, planBudgetChanges } from './budget-changes.ts'
import { parseBudget } from './budget-rows.ts'
import { parseCapital } from './capital-rows.ts'

export interface BudgetImportRequest {
  readonly planName: string
  /** The revenue statements: budget.csv. */
  readonly budgetFile: InputFile
  /** Optional: the capital programmes, capital.csv. */
  readonly capitalFile?: InputFile | null
  /** Who made the change, for the audit trail: a user's email, or "cli:<login>". */
  readonly actor: string
  /** Why figures of a signed-off period are being revised; without it such an import is refused. */
  readonly reason?: string | null
  /** The importer's role, for revising signed-off periods; the CLI and the import page act as an officer. */
  readonly role?: Role
}

export interface BudgetImportOutcome {
  readonly planName: string
  /** Each period the files held: its statements, lines, programmes and schemes, and whether anything changed. */
  readonly periods: readonly PeriodImported[]
  readonly auditEvents: number
}

/**
 * Importing a plan's revenue budget statements (budget.csv) and capital programmes (capital.csv) for one or more
 * periods: all or nothing, audited, repeatable. The files are checked in full first (every problem listed, with
 * the printed totals checked against the lines); then, in one transaction, each period's figures are compared with
 * what the plan holds and the periods that changed are replaced, with their audit events. The audit events move
 * the data stamp, so every remembered judgement and report of the plan is worked out again.
 */
export function createBudgetImportService(db: Kysely<Database>, now: () => Date) {
  async function importBudget(request: BudgetImportRequest): Promise<BudgetImportOutcome> {
    requireWithinLimit(request.reason ?? '', LIMITS.reason)
    const plan = await findPlanByName(db, request.planName)
    if (!plan) {
      const names = (await listPlans(db)).map((p) => `"${p.name}"`)
      const held = names.length > 0 ? ` Plans held: ${names.join(', ')}.` : ''
      throw new DomainError(
        'plan-not-found',
        `There is no plan called "${request.planName}". Import its indicators or delivery plan first, or give the name of a plan held.${held}`,
      )
    }
    const capitalFile = request.capitalFile ?? null
    const budget = parseBudget(request.budgetFile)
    const capital = capitalFile ? parseCapital(capitalFile) : null
    const problems = [...budget.problems, ...(capital?.problems ?? [])]
    if (problems.length > 0) throw new ImportRejected(problems)

    const at = now().toISOString()
    const files = [request.budgetFile, ...(capitalFile ? [capitalFile] : [])]
    const source = `import:${files.map((file) => file.name).join(',')}`
    const locks = await importLockCheck(db, plan.id, request.role ?? 'officer', request.reason ?? null)
    return db.transaction().execute(async (trx) => {
      const periods = new Set([...budget.periods.keys(), ...(capital?.periods.keys() ?? [])])
      const held = new Map<string, StoredFinancePeriod>()
      for (const period of periods) held.set(period, await readFinancePeriod(trx, plan.id, period))
      const audit = new AuditRecorder({ at, actor: request.actor, source, planId: plan.id })
      const changes = planBudgetChanges(budget.periods, capital?.periods ?? null, held, audit)
      for (const write of changes.writes) {
        const file = write.lines !== null ? request.budgetFile.name : (capitalFile?.name ?? request.budgetFile.name)
        if (!locks.allows(file, 'The figures', parsePeriod(write.period))) continue
        locks.mark(parsePeriod(write.period), write.events[0], write.events[1])
      }
      // A change to a signed-off period without a reason refuses the whole import, before anything is written.
      if (locks.problems.length > 0) throw new ImportRejected(locks.problems)
      for (const write of changes.writes) {
        if (write.lines !== null) await writeBudgetLines(trx, plan.id, write.period, write.lines)
        if (write.schemes !== null) await writeCapitalSchemes(trx, plan.id, write.period, write.schemes)
      }
      await insertAuditEvents(trx, locks.apply(audit.events))
      return { planName: plan.name, periods: changes.periods, auditEvents: audit.events.length }
    })
  }

  return { importBudget }
}

export type BudgetImportService = ReturnType<typeof createBudgetImportService>

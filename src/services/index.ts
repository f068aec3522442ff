import { createOutboxService } from './mail/outbox.service.ts'
import type { Kysely } from 'kysely'
import { type Dialect, migrateToLatest, openDatabase } from '../store/database.ts'
import type { Database } from '../store/schema.ts'
import { createAuthService } from './access/auth.service.ts'
import { createPeopleService } from './access/people.service.ts'
import { createBackupService } from './backup.service.ts'
import { createDefinitionService } from './plans/definition.service.ts'
import { createDeliveryService } from './delivery/delivery.service.ts'
import { createDemoService } from './demo.service.ts'
import { createEntryService } from './round/entry.service.ts'
import { createExceptionService } from './round/exception.service.ts'
import { createImportService } from './import/import.service.ts'
import { createImportJobService } from './import/import-jobs.service.ts'
import { createReportService } from './round/report.service.ts'
import { createFinanceService } from './finance/finance.service.ts'
import { createBudgetImportService } from './finance/budget-import.service.ts'
import { createBudgetHolderService } from './finance/budget-holder.service.ts'
import { createBudgetRuleService } from './finance/budget-rule.service.ts'
import { createReportDetailsService } from './round/report-details.service.ts'
import { createInspectionService } from './delivery/inspection.service.ts'
import { createRiskService } from './delivery/risk.service.ts'
import { createPlanService } from './plans/plan.service.ts'
import { createPlanContentsService } from './plans/plan-contents.service.ts'
import { createPlanRulesService } from './plans/plan-rules.service.ts'
import { createSignOffService } from './periods/sign-off.service.ts'
import { createConfirmationService } from './round/confirmation.service.ts'
import { createReturnsService } from './round/returns.service.ts'
import { createRoundService } from './round/round.service.ts'

export { ImportRejected } from './import/import.service.ts'
export type { ImportOutcome, ImportStage } from './import/import.service.ts'
export type { DeliveryImportOutcome, DeliveryStatusInput } from './delivery/delivery.service.ts'
export { describeProblem } from './import/csv.ts'
export type { BudgetImportOutcome } from './finance/budget-import.service.ts'
export { budgetImportSentences } from './finance/budget-outcome.ts'
export {
  type PlaceholderRead,
  placeholderSentences,
  placeholdersFromParameter,
  placeholdersParameter,
} from './import/import-placeholders.ts'
export type { AuditEvent } from '../store/audit.repository.ts'
export { DEMO_PERIOD, DEMO_PLAN, DEMO_USERS } from './demo.service.ts'
export type { EntryInput, FieldError, SaveResult } from './round/entry.service.ts'
export type { DefinitionInput } from './plans/definition.service.ts'
export type { PlanRulesInput, PlanRulesView } from './plans/plan-rules.service.ts'
export type { ExceptionInput } from './round/exception.service.ts'
export type { ReportData } from './round/report.service.ts'
export type { ImportProblem, InputFile } from './import/csv.ts'
export type { BackupFormat, BackupSummary, RestoreSummary } from './backup.service.ts'
export type { RoundInput, RoundStatus, PersonInRound, TrackedItem } from './round/round.service.ts'
export type { SavedChange, YourRound } from './round/returns.service.ts'
export type { CommentarySubmission, HeldInRound } from './finance/budget-holder.service.ts'
export type { BudgetRuleView } from './finance/budget-rule.service.ts'
export type { Outstanding } from './periods/sign-off-outstanding.ts'
export { outstandingSentence } from './periods/sign-off-outstanding.ts'
export type { AsReported, PeriodReport, SnapshotWriter } from './periods/sign-off.service.ts'

export interface ServiceOptions {
  /** The clock, injectable so tests and audit trails have fixed times. */
  readonly now?: () => Date
  /** The site's address, for the links in mail: http://localhost:3000 unless told. */
  readonly siteUrl?: string
  /** Whether an SMTP server sends the outbox (OUTTURN_SMTP_URL set): if not, password links are shown to admins. */
  readonly mailSending?: boolean
}

/** The one composition root for use cases: everything the web app and CLI call. */
export function createServices(db: Kysely<Database>, options: ServiceOptions = {}) {
  const now = options.now ?? (() => new Date())
  const entries = createEntryService(db, now)
  const imports = createImportService(db, now)
  const auth = createAuthService(db, now)
  const plans = createPlanService(db)
  const exceptions = createExceptionService(db, entries, now)
  const delivery = createDeliveryService(db, now)
  const risks = createRiskService(db, now)
  const inspection = createInspectionService(db, now)
  const reportDetails = createReportDetailsService(db, now)
  const finance = createFinanceService(db)
  const budgets = createBudgetImportService(db, now)
  const reports = createReportService(plans, exceptions, delivery, risks, reportDetails, finance)
  const siteUrl = options.siteUrl ?? 'http://localhost:3000'
  const rounds = createRoundService(db, { plans, exceptions }, now, siteUrl)
  const returns = createReturnsService(db, { entries, exceptions, rounds }, now, siteUrl)
  return {
    imports,
    /** The web import's jobs as the database remembers them (a job lost with its server says so). */
    importJobs: createImportJobService(db, now),
    plans,
    reports,
    delivery,
    risks,
    inspection,
    auth,
    people: createPeopleService(db, now, { siteUrl, sending: options.mailSending ?? false }),
    contents: createPlanContentsService({ plans, delivery, risks, inspection }),
    demo: createDemoService({
      imports,
      auth,
      delivery,
      risks,
      inspection,
      plans,
      exceptions,
      rounds,
      reportDetails,
      budgets,
    }),
    reportDetails,
    finance,
    /** Importing a plan's revenue statements and capital programmes (budget.csv, capital.csv). */
    budgets,
    budgetHolders: createBudgetHolderService(db, now),
    /** A plan's rule for the budget status of its statements (Red over N% above profile). */
    budgetRules: createBudgetRuleService(db, now),
    entries,
    definitions: createDefinitionService(db, entries, now),
    rules: createPlanRulesService(db, now),
    exceptions,
    backups: createBackupService(db, now),
    signOffs: createSignOffService(db, { plans, exceptions, delivery, risks, reports, rounds }, now),
    rounds,
    returns,
    confirmations: createConfirmationService({ entries, exceptions, rounds }),
    outbox: createOutboxService(db, now, options.mailSending ?? false),
  }
}

export type Services = ReturnType<typeof createServices>

/** Opens the database a location names, brings its schema up to date, and builds the services on it. */
export async function openServices(
  location: string,
  options: ServiceOptions = {},
): Promise<{ services: Services; dialect: Dialect; close: () => Promise<void> }> {
  const database = await openDatabase(location)
  try {
    await migrateToLatest(database)
  } catch (error) {
    await database.close()
    throw error
  }
  return { services: createServices(database.db, options), dialect: database.dialect, close: () => database.close() }
}

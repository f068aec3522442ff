import { readFile } from 'node:fs/promises'
import type { Role } from '../domain/access/access.ts'
import { DEMO_DIR } from '../resources.ts'
import type { AuthService } from './access/auth.service.ts'
import { readCsv } from './import/csv.ts'
import type { ExceptionService } from './round/exception.service.ts'
import type { PlanService } from './plans/plan.service.ts'
import { parsePeriod } from '../domain/periods/period.ts'
import type { DeliveryService } from './delivery/delivery.service.ts'
import type { ImportOutcome, ImportService } from './import/import.service.ts'
import type { InspectionService } from './delivery/inspection.service.ts'
import type { RiskService } from './delivery/risk.service.ts'
import type { BudgetImportService } from './finance/budget-import.service.ts'
import type { RoundService } from './round/round.service.ts'
import type { ReportDetailsService } from './round/report-details.service.ts'
import type { ReportDetails, ThemeSections } from '../domain/round/report-details.ts'

import { DEMO_PERIOD, DEMO_PLAN } from './demo-plan.ts'

export { DEMO_PERIOD, DEMO_PLAN }

/** The demo's reporting round: the Trafford plan's period, returns due a fortnight after the quarter ends. */
export const DEMO_ROUND = { due: '2013-10-15', committee: '2013-11-20' } as const
const TRAFFORD_DIR = `${DEMO_DIR}trafford-2013-14-q2/`

/**
 * The demo's delivery plans, from the seed reports: Chorley's partnership priorities (quarter one 2013/14),
 * Halton's Safer milestones (quarter two 2012/13, with an illustrative risk register) and Manchester's 2009
 * inspection action plans and Use of Resources scores.
 */
export const DEMO_DELIVERY_PLANS = {
  chorley: 'Chorley Partnership 2013/14',
  halton: 'Halton Safer PPB 2012/13',
  manchester: 'Manchester CAA 2009',
} as const

/**
 * One demo sign-in per role. The passwords are public (they are printed and in the README), so these accounts are
 * only ever created in an empty database by the demo.
 */
export const DEMO_USERS: readonly {
  email: string
  name: string
  role: Role
  password: string
  owns: readonly string[]
  /** Delivery items and risk treatments they record progress on, in the Halton demo plan. */
  responsibleFor?: { readonly items: readonly string[]; readonly treatments: readonly string[] }
}[] = [
  {
    email: 'admin@outturn.example',
    name: 'Demo administrator',
    role: 'admin',
    password: 'demo-admin-password',
    owns: [],
  },
  {
    email: 'officer@outturn.example',
    name: 'Demo performance officer',
    role: 'officer',
    password: 'demo-officer-password',
    owns: [],
  },
  {
    email: 'owner@outturn.example',
    name: 'Demo indicator owner',
    role: 'owner',
    password: 'demo-owner-password',
    owns: ['LCA 2', 'STP 13', 'NI 154'],
    responsibleFor: { items: ['CCC 1.2', 'CCC 1.3'], treatments: ['R1.2'] },
  },
  { email: 'viewer@outturn.example', name: 'Demo viewer', role: 'viewer', password: 'demo-viewer-password', owns: [] },
]

/** What the demo loads into. */
export interface DemoDependencies {
  readonly imports: ImportService
  readonly auth: AuthService
  readonly delivery: DeliveryService
  readonly risks: RiskService
  readonly inspection: InspectionService
  readonly plans: PlanService
  readonly exceptions: ExceptionService
  readonly rounds: RoundService
  readonly reportDetails: ReportDetailsService
  readonly budgets: BudgetImportService
}

/** Loading the demo plans and their sign-ins. */
export function createDemoService(dependencies: DemoDependencies) {
  const { imports, auth, delivery, risks, inspection, plans, exceptions, rounds, reportDetails, budgets } = dependencies
  const demoFile = async (folder: string, name: string) => ({
    name,
    content: await readFile(`${DEMO_DIR}${folder}/${name}`),
  })

  /** Loads the Trafford indicators, then the delivery plans; each import is repeatable, so running it again is safe. */
  async function loadPlan(
    actor: string,
    onProgress?: Parameters<ImportService['importPlan']>[0]['onProgress'],
  ): Promise<ImportOutcome> {
    const [indicators, observations] = await Promise.all([
      readFile(`${TRAFFORD_DIR}indicators.csv`),
      readFile(`${TRAFFORD_DIR}observations.csv`),
    ])
    const outcome = await imports.importPlan({
      planName: DEMO_PLAN,
      indicatorsFile: { name: 'indicators.csv', content: indicators },
      observationsFile: { name: 'observations.csv', content: observations },
      actor,
      ...(onProgress ? { onProgress } : {}),
    })
    await loadExceptionReports(actor)
    await loadReportDetails(actor)
    await loadDeliveryPlans(actor)
    return outcome
  }

  /** The exception reports as the seed publishes them, submitted by the loading actor (unchanged ones are kept). */
  async function loadExceptionReports(actor: string): Promise<void> {
    const file = await demoFile('trafford-2013-14-q2', 'exception_reports.csv')
    const plan = await plans.bySlugOrName(DEMO_PLAN)
    const loader = { id: 0, email: actor, name: 'Demo loader', role: 'admin' as const }
    for (const { values } of readCsv(file).rows) {
      await exceptions.save(loader, plan.slug, values.ref ?? '', parsePeriod(values.period ?? ''), {
        baseline: values.baseline ?? '',
        why: values.why ?? '',
        implications: values.implications ?? '',
        improvement: values.improvement ?? '',
        submit: true,
      })
    }
  }

  /** The report's title, council, status and each theme's sections as the seed publishes them (report.json). */
  async function loadReportDetails(actor: string): Promise<void> {
    const file = await demoFile('trafford-2013-14-q2', 'report.json')
    const written = JSON.parse(file.content.toString('utf8')) as {
      details: ReportDetails
      sections: ThemeSections[]
    }
    const loader = { id: 0, email: actor, name: 'Demo loader', role: 'admin' as const }
    const period = parsePeriod(DEMO_PERIOD)
    // Loaded once: what an officer has written since (or a sign-off) is kept when the demo is loaded again.
    const kept = await reportDetails.read(DEMO_PLAN, period)
    if (kept.sections.length > 0 || kept.details.councilName !== null) return
    await reportDetails.save(loader, DEMO_PLAN, period, written, 'demo')
  }

  async function loadDeliveryPlans(actor: string): Promise<void> {
    await delivery.importDelivery({
      planName: DEMO_DELIVERY_PLANS.chorley,
      groupsFile: await demoFile('chorley-2013-14-q1', 'groups.csv'),
      itemsFile: await demoFile('chorley-2013-14-q1', 'delivery.csv'),
      updatesFile: await demoFile('chorley-2013-14-q1', 'delivery_updates.csv'),
      actor,
    })
    await delivery.importDelivery({
      planName: DEMO_DELIVERY_PLANS.halton,
      itemsFile: await demoFile('halton-2012-13-q2-safer', 'delivery.csv'),
      updatesFile: await demoFile('halton-2012-13-q2-safer', 'delivery_updates.csv'),
      actor,
    })
    await risks.importRisks({
      planName: DEMO_DELIVERY_PLANS.halton,
      risksFile: await demoFile('halton-2012-13-q2-safer', 'risks.csv'),
      treatmentsFile: await demoFile('halton-2012-13-q2-safer', 'risk_treatments.csv'),
      reviewsFile: await demoFile('halton-2012-13-q2-safer', 'risk_reviews.csv'),
      actor,
    })
    // The Safer report's financial statements and capital programme (section 7.0), as published.
    await budgets.importBudget({
      planName: DEMO_DELIVERY_PLANS.halton,
      budgetFile: await demoFile('halton-2012-13-q2-safer', 'budget.csv'),
      capitalFile: await demoFile('halton-2012-13-q2-safer', 'capital.csv'),
      actor,
    })
    await delivery.importDelivery({
      planName: DEMO_DELIVERY_PLANS.manchester,
      itemsFile: await demoFile('manchester-2009-caa', 'delivery.csv'),
      updatesFile: await demoFile('manchester-2009-caa', 'delivery_updates.csv'),
      actor,
    })
    await inspection.importKloeScores({
      planName: DEMO_DELIVERY_PLANS.manchester,
      file: await demoFile('manchester-2009-caa', 'kloe_scores.csv'),
      actor,
    })
  }

  /** Creates the demo users and their responsibilities, if no users exist yet. Returns the sign-ins created. */
  async function createUsers(): Promise<typeof DEMO_USERS> {
    if ((await auth.countUsers()) > 0) return []
    for (const user of DEMO_USERS) {
      await auth.addUser(user)
      for (const ref of user.owns) await auth.assign(user.email, ref, DEMO_PLAN)
      for (const ref of user.responsibleFor?.items ?? [])
        await auth.assign(user.email, ref, DEMO_DELIVERY_PLANS.halton, 'item')
      for (const ref of user.responsibleFor?.treatments ?? [])
        await auth.assign(user.email, ref, DEMO_DELIVERY_PLANS.halton, 'treatment')
    }
    return DEMO_USERS
  }

  /**
   * Opens the Trafford plan's reporting round for the demo period, once its people are assigned, so an owner signing
   * in sees their returns. Does nothing if it is open already. True when it opened it.
   */
  async function openRound(actor: string): Promise<boolean> {
    const plan = await plans.bySlugOrName(DEMO_PLAN)
    const period = parsePeriod(DEMO_PERIOD)
    if (await rounds.find(plan.slug, period)) return false
    const opener = { id: 0, email: actor, name: 'Demo data', role: 'officer' as const }
    const opened = await rounds.open(opener, plan.slug, period, { ...DEMO_ROUND, publish: 'on-entry' })
    return opened.ok
  }

  return { loadPlan, createUsers, openRound }
}

export type DemoService = ReturnType<typeof createDemoService>

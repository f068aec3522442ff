import type { FastifyReply } from 'fastify'
import { describePeriod, formatPeriod, type Period } from '../../domain/periods/period.ts'
import type { PlanContents } from '../../services/plans/plan-contents.service.ts'
import type { Services } from '../../services/index.ts'
import { actorOf } from '../app.ts'
import { paths } from '../paths.ts'
import { periodOptions } from '../view-models/common.ts'
import { contentHref, contentSections, openingOf } from '../view-models/plan-contents.view-model.ts'
import { signOffStatus } from '../view-models/sign-off.view-model.ts'
import { roundLink } from '../view-models/round.view-model.ts'
import { financeSummaryContext } from './finance.routes.ts'

/**
 * Opens a plan on what it holds. A plan of indicators opens on its dashboard (null: the caller renders it); a plan
 * holding one other kind (priorities, a risk register, inspection scores) opens on that page; a plan holding several
 * opens on a summary of each, with its links. True when it has sent the page.
 */
export async function openPlan(
  services: Services,
  reply: FastifyReply,
  input: {
    plan: { id: number; name: string; slug: string }
    period: Period
    periods: readonly Period[]
    contents: PlanContents
    asked: boolean
  },
): Promise<boolean> {
  const { plan, period, contents } = input
  const opening = openingOf(contents)
  if (opening === 'dashboard') return false
  if (opening !== 'overview')
    return reply.redirect(contentHref(opening, plan.slug, input.asked ? period : undefined), 303)
  const [signOff, round, finance] = await Promise.all([
    services.signOffs.inForceFor(plan.slug, period),
    services.rounds.find(plan.slug, period),
    financeSummaryContext(services.finance, plan, period),
  ])
  await reply.page('plan-overview.njk', {
    title: `${plan.name}: ${describePeriod(period)}`,
    planName: plan.name,
    periodLabel: describePeriod(period),
    periodOptions: periodOptions(input.periods, period),
    formAction: paths.dashboard(plan.slug),
    sections: contentSections(contents, plan.slug, period),
    finance,
    signOffStatus: signOffStatus(plan.slug, period, signOff, actorOf(reply.request)),
    roundLink: roundLink(plan.slug, period, round, actorOf(reply.request)),
    links: {
      report: paths.report(plan.slug, period),
      json: paths.apiReport(plan.slug, period),
      downloads: (['docx', 'pdf', 'xlsx'] as const).map((format) => ({
        format,
        href: paths.download(plan.slug, period, format),
      })),
    },
    period: formatPeriod(period),
    breadcrumbs: [{ text: 'Plans', href: paths.plans() }],
  })
  return true
}

import { type Period, parsePeriod } from '../../domain/periods/period.ts'
import type { Services } from '../../services/index.ts'

/**
 * The period a plan page shows: the one asked for (`?period=2013/14 Q2`), or else the latest with figures, with
 * every period the plan has figures for, for the period picker.
 */
export async function choosePeriod(
  services: Services,
  slug: string,
  text: string | undefined,
): Promise<{ period: Period; periods: Period[] }> {
  const { periods, latest } = await services.plans.reportingPeriods(slug)
  const period = text !== undefined && text !== '' ? parsePeriod(text) : latest
  if (!period) return { period: parsePeriod('2013/14 Q1'), periods }
  return { period, periods }
}

/**
 * What every plan page looks up first: the plan its address names (a 404 page when there is none) and the period it
 * shows (see choosePeriod).
 */
export async function planAndPeriod(services: Services, slug: string, periodText: string | undefined) {
  const plan = await services.plans.bySlug(slug)
  return { plan, ...(await choosePeriod(services, plan.slug, periodText)) }
}

/**
 * The same for a page whose address must name its period (a form for one period, a sign-off, the report in the
 * API): the plan (a 404 page when there is none), then the period asked for (a 400 when it is not one).
 */
export async function planAtPeriod(services: Services, slug: string, periodText: string) {
  const plan = await services.plans.bySlug(slug)
  return { plan, period: parsePeriod(periodText) }
}

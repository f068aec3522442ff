import type { ObligationKind } from '../../domain/round/obligations.ts'
import { type Period, formatPeriod } from '../../domain/periods/period.ts'

/**
 * The addresses of the forms a round's mail and pages link to, in the services (mail leaves from here, and the
 * services may not borrow the web app's paths). test/web/round-links.routes.test.ts checks each against the web
 * app's own paths. Each form is opened "from returns", so that saving it leads back to the person's returns.
 */
const seg = encodeURIComponent

function query(period: Period): string {
  return new URLSearchParams({ period: formatPeriod(period), from: 'returns' }).toString()
}

/** The form where one thing owed is done. */
export function formPath(kind: ObligationKind, plan: string, ref: string, period: Period): string {
  switch (kind) {
    case 'figure':
    case 'commentary':
      return `/plans/${seg(plan)}/indicators/${seg(ref)}/entry?${query(period)}`
    case 'exception-report':
      return `/plans/${seg(plan)}/indicators/${seg(ref)}/exception-report?${query(period)}`
    case 'milestone':
      return `/plans/${seg(plan)}/delivery/${seg(ref)}?${query(period)}`
    case 'risk-review':
      return `/plans/${seg(plan)}/risks/treatments/${seg(ref)}?${query(period)}`
  }
}

/** A person's returns page. */
export const RETURNS_PATH = '/returns'

/** The round's page for the performance team. */
export function roundPath(plan: string, period: Period): string {
  return `/plans/${seg(plan)}/round?${new URLSearchParams({ period: formatPeriod(period) }).toString()}`
}

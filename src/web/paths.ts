import { formatPeriod, type Period } from '../domain/periods/period.ts'

/** Typed builders for every address in the app, so links and redirects cannot drift from the routes. */
function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, value)
  const text = params.toString()
  return text === '' ? path : `${path}?${text}`
}

const periodParam = (period: Period | undefined): string | undefined => (period ? formatPeriod(period) : undefined)
const seg = encodeURIComponent

export const paths = {
  home: () => '/',
  signIn: () => '/sign-in',
  signOut: () => '/sign-out',
  plans: () => '/plans',
  dashboard: (plan: string, period?: Period, filters: { theme?: string; status?: string; page?: string } = {}) =>
    withQuery(`/plans/${seg(plan)}`, { period: periodParam(period), ...filters }),
  theme: (plan: string, theme: string, period?: Period) =>
    withQuery(`/plans/${seg(plan)}/themes/${seg(theme)}`, { period: periodParam(period) }),
  indicator: (plan: string, ref: string, period?: Period) =>
    withQuery(`/plans/${seg(plan)}/indicators/${seg(ref)}`, { period: periodParam(period) }),
  entry: (plan: string, ref: string, period: Period) =>
    withQuery(`/plans/${seg(plan)}/indicators/${seg(ref)}/entry`, { period: periodParam(period) }),
  rules: (plan: string, saved?: number) =>
    withQuery(`/plans/${seg(plan)}/rules`, { saved: saved === undefined ? undefined : String(saved) }),
  definition: (plan: string, ref: string) => `/plans/${seg(plan)}/indicators/${seg(ref)}/definition`,
  exceptionReport: (plan: string, ref: string, period: Period) =>
    withQuery(`/plans/${seg(plan)}/indicators/${seg(ref)}/exception-report`, { period: periodParam(period) }),
  exceptions: (plan: string, period?: Period) =>
    withQuery(`/plans/${seg(plan)}/exceptions`, { period: periodParam(period) }),
  report: (plan: string, period?: Period, as?: 'current') =>
    withQuery(`/plans/${seg(plan)}/report`, { period: periodParam(period), as }),
  signOff: (plan: string, period: Period) => withQuery(`/plans/${seg(plan)}/sign-off`, { period: periodParam(period) }),
  unlock: (plan: string, period: Period) =>
    withQuery(`/plans/${seg(plan)}/sign-off/unlock`, { period: periodParam(period) }),
  download: (plan: string, period: Period, format: string, as?: 'current') =>
    withQuery(`/plans/${seg(plan)}/download/${seg(format)}`, { period: periodParam(period), as }),
  delivery: (plan: string, period?: Period) =>
    withQuery(`/plans/${seg(plan)}/delivery`, { period: periodParam(period) }),
  deliveryStatus: (plan: string, ref: string, period: Period) =>
    withQuery(`/plans/${seg(plan)}/delivery/${seg(ref)}`, { period: periodParam(period) }),
  risks: (plan: string, period?: Period) => withQuery(`/plans/${seg(plan)}/risks`, { period: periodParam(period) }),
  riskReview: (plan: string, treatment: string, period: Period) =>
    withQuery(`/plans/${seg(plan)}/risks/treatments/${seg(treatment)}`, { period: periodParam(period) }),
  inspection: (plan: string, period?: Period) =>
    withQuery(`/plans/${seg(plan)}/inspection`, { period: periodParam(period) }),
  import: () => '/import',
  users: () => '/users',
  apiPlans: () => '/api/plans',
  apiReport: (plan: string, period: Period, as?: 'current') =>
    withQuery(`/api/plans/${seg(plan)}/report`, { period: periodParam(period), as }),
  assets: (file: string) => `/assets/${file}`,
}

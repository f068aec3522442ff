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

/** A form opened from a person's returns page leads back to it once saved. */
export type From = 'returns'

/** The `from` a form was opened with, if it is one the app knows. */
export function fromOf(query: { from?: string | undefined }): From | undefined {
  return query.from === 'returns' ? 'returns' : undefined
}

/** A plan's financial statements (revenue statements and capital) for a period. */
export function financePath(plan: string, period?: Period): string {
  return withQuery(`/plans/${seg(plan)}/finance`, { period: periodParam(period) })
}

/**
 * The budget holder's form for a statement's period (the statement by its id: a name may be long); after a save, how
 * many fields changed (for the banner); opened from a person's returns, it leads back there.
 */
export function budgetCommentaryPath(
  plan: string,
  statement: number,
  period: Period,
  options: { saved?: number | undefined; from?: From | undefined } = {},
): string {
  return withQuery(`/plans/${seg(plan)}/finance/statements/${statement}/commentary`, {
    period: periodParam(period),
    saved: options.saved === undefined ? undefined : String(options.saved),
    from: options.from,
  })
}

/** The performance team's page for choosing a plan's budget holders; after a change, who and what changed. */
export function budgetHoldersPath(
  plan: string,
  changed?: { statement: number; person: number; done: 'assigned' | 'removed' | 'unchanged' },
): string {
  return withQuery(`/plans/${seg(plan)}/finance/holders`, {
    statement: changed === undefined ? undefined : String(changed.statement),
    person: changed === undefined ? undefined : String(changed.person),
    done: changed?.done,
  })
}

export const paths = {
  home: () => '/',
  signIn: () => '/sign-in',
  signOut: () => '/sign-out',
  plans: () => '/plans',
  dashboard: (plan: string, period?: Period, filters: { theme?: string; status?: string; page?: string } = {}) =>
    withQuery(`/plans/${seg(plan)}`, { period: periodParam(period), ...filters }),
  theme: (plan: string, theme: string, period?: Period) =>
    withQuery(`/plans/${seg(plan)}/themes/${seg(theme)}`, { period: periodParam(period) }),
  /** An indicator's page; after a save through its forms, what was saved (for the banner). */
  indicator: (plan: string, ref: string, period?: Period, saved?: 'figure' | 'exception-report') =>
    withQuery(`/plans/${seg(plan)}/indicators/${seg(ref)}`, { period: periodParam(period), saved }),
  entry: (plan: string, ref: string, period: Period, from?: From) =>
    withQuery(`/plans/${seg(plan)}/indicators/${seg(ref)}/entry`, { period: periodParam(period), from }),
  rules: (plan: string, saved?: number) =>
    withQuery(`/plans/${seg(plan)}/rules`, { saved: saved === undefined ? undefined : String(saved) }),
  budgetRule: (plan: string, saved?: number) =>
    withQuery(`/plans/${seg(plan)}/rules/budget`, { saved: saved === undefined ? undefined : String(saved) }),
  definition: (plan: string, ref: string) => `/plans/${seg(plan)}/indicators/${seg(ref)}/definition`,
  exceptionReport: (plan: string, ref: string, period: Period, from?: From) =>
    withQuery(`/plans/${seg(plan)}/indicators/${seg(ref)}/exception-report`, { period: periodParam(period), from }),
  exceptions: (plan: string, period?: Period) =>
    withQuery(`/plans/${seg(plan)}/exceptions`, { period: periodParam(period) }),
  report: (plan: string, period?: Period, as?: 'current') =>
    withQuery(`/plans/${seg(plan)}/report`, { period: periodParam(period), as }),
  reportDetails: (plan: string, period: Period, saved?: boolean) =>
    withQuery(`/plans/${seg(plan)}/report/details`, { period: periodParam(period), saved: saved ? '1' : undefined }),
  signOff: (plan: string, period: Period) => withQuery(`/plans/${seg(plan)}/sign-off`, { period: periodParam(period) }),
  unlock: (plan: string, period: Period) =>
    withQuery(`/plans/${seg(plan)}/sign-off/unlock`, { period: periodParam(period) }),
  download: (plan: string, period: Period, format: string, as?: 'current') =>
    withQuery(`/plans/${seg(plan)}/download/${seg(format)}`, { period: periodParam(period), as }),
  delivery: (plan: string, period?: Period) =>
    withQuery(`/plans/${seg(plan)}/delivery`, { period: periodParam(period) }),
  deliveryStatus: (plan: string, ref: string, period: Period, from?: From) =>
    withQuery(`/plans/${seg(plan)}/delivery/${seg(ref)}`, { period: periodParam(period), from }),
  risks: (plan: string, period?: Period) => withQuery(`/plans/${seg(plan)}/risks`, { period: periodParam(period) }),
  riskReview: (plan: string, treatment: string, period: Period, from?: From) =>
    withQuery(`/plans/${seg(plan)}/risks/treatments/${seg(treatment)}`, { period: periodParam(period), from }),
  finance: financePath,
  budgetCommentary: budgetCommentaryPath,
  budgetHolders: budgetHoldersPath,
  inspection: (plan: string, period?: Period) =>
    withQuery(`/plans/${seg(plan)}/inspection`, { period: periodParam(period) }),
  /** A person's returns; after a save, what was saved (the banner is worked out from the data). */
  returns: (saved?: { kind: string; plan: string; ref?: string; period: Period; count?: number }) =>
    withQuery('/returns', {
      saved: saved?.kind,
      plan: saved?.plan,
      ref: saved?.ref,
      period: periodParam(saved?.period),
      count: saved?.count === undefined ? undefined : String(saved.count),
    }),
  round: (plan: string, period: Period, done?: { what: string; id?: number; count?: number }) =>
    withQuery(`/plans/${seg(plan)}/round`, {
      period: periodParam(period),
      done: done?.what,
      id: done?.id === undefined ? undefined : String(done.id),
      count: done?.count === undefined ? undefined : String(done.count),
    }),
  roundOpen: (plan: string, period: Period) =>
    withQuery(`/plans/${seg(plan)}/round/open`, { period: periodParam(period) }),
  roundChase: (plan: string, period: Period) =>
    withQuery(`/plans/${seg(plan)}/round/chase`, { period: periodParam(period) }),
  roundSubmit: (plan: string, period: Period) =>
    withQuery(`/plans/${seg(plan)}/round/submit`, { period: periodParam(period) }),
  approveReturn: (plan: string, period: Period, id: number) =>
    withQuery(`/plans/${seg(plan)}/round/returns/${id}/approve`, { period: periodParam(period) }),
  sendBack: (plan: string, period: Period, id: number) =>
    withQuery(`/plans/${seg(plan)}/round/returns/${id}/send-back`, { period: periodParam(period) }),
  import: () => '/import',
  users: () => '/users',
  outbox: () => '/outbox',
  apiPlans: () => '/api/plans',
  apiReport: (plan: string, period: Period, as?: 'current') =>
    withQuery(`/api/plans/${seg(plan)}/report`, { period: periodParam(period), as }),
  assets: (file: string) => `/assets/${file}`,
}

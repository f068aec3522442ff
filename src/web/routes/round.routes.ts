import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { type Actor, can } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import { type Period, describePeriod, parsePeriod } from '../../domain/periods/period.ts'
import { readDateParts } from '../../domain/round/date-entry.ts'
import { OBLIGATION_NAMES } from '../../domain/round/obligations.ts'
import { PUBLISH_RULES, PUBLISH_RULE_NAMES } from '../../domain/round/publish-rule.ts'
import type { FieldError, Services } from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'
import { field } from '../forms.ts'
import { paths } from '../paths.ts'
import { roundView } from '../view-models/round.view-model.ts'

const Params = Type.Object({ plan: Type.String() })
const Query = Type.Object({ period: Type.String() })
const RoundQuery = Type.Object({
  period: Type.String(),
  done: Type.Optional(Type.String()),
  id: Type.Optional(Type.String()),
  count: Type.Optional(Type.String()),
})
const ReturnParams = Type.Object({ plan: Type.String(), id: Type.String() })
const COMMENT_LIMIT = 2000

/** The first box of a date input carries a date's error, as GOV.UK does. */
const ERROR_TARGET: Readonly<Record<string, string>> = { due: 'due-day', committee: 'committee-day' }

function errorView(errors: readonly FieldError[]) {
  const byField: Record<string, { text: string }> = {}
  for (const e of errors) byField[e.field] ??= { text: e.message }
  return {
    errorList: errors.map((e) => ({ text: e.message, href: `#${ERROR_TARGET[e.field] ?? e.field}` })),
    errors: byField,
  }
}

function requireOfficer(actor: Actor): void {
  if (!can(actor, 'approve-returns'))
    throw new DomainError('forbidden', 'Only a performance officer can run a reporting round.')
}

const dateParts = (body: unknown, name: string) => ({
  day: field(body, `${name}-day`),
  month: field(body, `${name}-month`),
  year: field(body, `${name}-year`),
})

/** Opening a round, its page for the performance team, chasing, and approving or sending back returns. */
export function roundRoutes(app: App, services: Services): void {
  async function openForm(
    reply: FastifyReply,
    slug: string,
    period: Period,
    values: Record<string, string>,
    errors: readonly FieldError[],
  ) {
    const plan = await services.plans.bySlug(slug)
    const label = describePeriod(period)
    const dateItems = (name: string) =>
      (['day', 'month', 'year'] as const).map((part) => ({
        name: part,
        value: values[`${name}-${part}`] ?? '',
        classes: `govuk-input--width-${part === 'year' ? 4 : 2}${errors.some((e) => e.field === name) ? ' govuk-input--error' : ''}`,
      }))
    return reply.page(
      'round-open.njk',
      {
        title: `Open the reporting round for ${label}`,
        planName: plan.name,
        periodLabel: label,
        due: dateItems('due'),
        committee: dateItems('committee'),
        publish: PUBLISH_RULES.map((rule) => ({
          value: rule,
          text: PUBLISH_RULE_NAMES[rule],
          checked: (values.publish ?? 'on-entry') === rule,
        })),
        ...(errors.length > 0 ? errorView(errors) : { errors: {} }),
        action: paths.roundOpen(plan.slug, period),
        cancel: paths.dashboard(plan.slug, period),
        breadcrumbs: [
          { text: 'Plans', href: paths.plans() },
          { text: plan.name, href: paths.dashboard(plan.slug, period) },
        ],
      },
      errors.length > 0 ? 400 : 200,
    )
  }

  app.get('/plans/:plan/round/open', { schema: { params: Params, querystring: Query } }, async (request, reply) => {
    requireOfficer(actorOf(request))
    const period = parsePeriod(request.query.period)
    if (await services.rounds.find(request.params.plan, period))
      return reply.redirect(paths.round(request.params.plan, period), 303)
    return openForm(reply, request.params.plan, period, {}, [])
  })

  app.post(
    '/plans/:plan/round/open',
    { schema: { params: Params, querystring: Query }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      const actor = actorOf(request)
      requireOfficer(actor)
      const period = parsePeriod(request.query.period)
      const body = request.body
      const values: Record<string, string> = { publish: field(body, 'publish') }
      for (const name of ['due', 'committee'])
        for (const part of ['day', 'month', 'year']) values[`${name}-${part}`] = field(body, `${name}-${part}`)
      const due = readDateParts(dateParts(body, 'due'), 'The due date', true)
      const committee = readDateParts(dateParts(body, 'committee'), 'The committee date', false)
      const errors: FieldError[] = []
      if (!due.ok) errors.push({ field: 'due', message: due.message })
      if (!committee.ok) errors.push({ field: 'committee', message: committee.message })
      if (!PUBLISH_RULES.some((rule) => rule === values.publish))
        errors.push({ field: 'publish', message: 'Choose when figures are published' })
      if (errors.length > 0 || !due.ok || !committee.ok)
        return openForm(reply, request.params.plan, period, values, errors)
      const result = await services.rounds.open(actor, request.params.plan, period, {
        due: due.date ?? '',
        committee: committee.date,
        publish: values.publish ?? '',
      })
      if (!result.ok) return openForm(reply, request.params.plan, period, values, result.errors)
      return reply.redirect(paths.round(request.params.plan, period, { what: 'opened', count: result.mailed }), 303)
    },
  )

  app.get('/plans/:plan/round', { schema: { params: Params, querystring: RoundQuery } }, async (request, reply) => {
    const actor = actorOf(request)
    requireOfficer(actor)
    const period = parsePeriod(request.query.period)
    const status = await services.rounds.status(request.params.plan, period)
    const model = roundView(status, actor)
    return reply.page('round.njk', {
      ...model,
      banner: roundBanner(request.query, status),
      breadcrumbs: [
        { text: 'Plans', href: paths.plans() },
        { text: status.plan.name, href: paths.dashboard(status.plan.slug, period) },
      ],
    })
  })

  app.post(
    '/plans/:plan/round/chase',
    { schema: { params: Params, querystring: Query }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      const period = parsePeriod(request.query.period)
      const { chased } = await services.rounds.chase(actorOf(request), request.params.plan, period)
      return reply.redirect(paths.round(request.params.plan, period, { what: 'chased', count: chased.length }), 303)
    },
  )

  app.post(
    '/plans/:plan/round/returns/:id/approve',
    { schema: { params: ReturnParams, querystring: Query }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      const period = parsePeriod(request.query.period)
      const id = returnId(request.params.id)
      const result = await services.returns.review(actorOf(request), request.params.plan, period, id, 'approve', '')
      if (!result.ok) throw new DomainError('conflict', result.errors.map((e) => e.message).join(' '))
      return reply.redirect(paths.round(request.params.plan, period, { what: 'approved', id }), 303)
    },
  )

  sendBackRoutes(app, services)
}

function returnId(text: string): number {
  if (!/^\d{1,9}$/.test(text)) throw new DomainError('not-found', 'There is no such return in this round.')
  return Number(text)
}

/** The banner after an action on the round's page, from the data as it stands. */
function roundBanner(
  query: { done?: string; id?: string; count?: string },
  status: Awaited<ReturnType<Services['rounds']['status']>>,
): string | null {
  const count = Number.parseInt(query.count ?? '', 10)
  const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`
  if (query.done === 'opened' && count >= 0)
    return `Reporting round opened. ${people(status.people.length)} ${status.people.length === 1 ? 'owes' : 'owe'} returns; ${count} ${count === 1 ? 'mail' : 'mails'} queued to tell them.`
  if (query.done === 'chased' && count >= 0) return `Reminders queued for ${people(count)} with something outstanding.`
  const item = status.people
    .flatMap((person) => person.items.map((i) => ({ person, item: i })))
    .find(({ item: i }) => String(i.returnId) === query.id)
  if (!item) return null
  const what = `${OBLIGATION_NAMES[item.item.kind]} for ${item.item.ref} from ${item.person.name}`
  if (query.done === 'approved' && item.item.standing === 'approved') return `${what} approved.`
  if (query.done === 'sent-back' && item.item.standing === 'sent-back')
    return `${what} sent back with your comment. They have been sent a mail.`
  return null
}

function sendBackRoutes(app: App, services: Services): void {
  async function form(
    reply: FastifyReply,
    actor: Actor,
    params: { plan: string; id: string },
    period: Period,
    comment: string,
    error: string | null,
  ) {
    requireOfficer(actor)
    const status = await services.rounds.status(params.plan, period)
    const id = returnId(params.id)
    const found = status.people
      .flatMap((person) => person.items.map((item) => ({ person, item })))
      .find(({ item }) => item.returnId === id)
    if (!found || found.item.standing !== 'submitted')
      throw new DomainError('not-found', 'There is no submitted return to send back here.')
    const what = `${OBLIGATION_NAMES[found.item.kind]} for ${found.item.ref}`
    const inSentence = `${OBLIGATION_NAMES[found.item.kind].toLowerCase()} for ${found.item.ref}`
    return reply.page(
      'send-back.njk',
      {
        title: `Send back the ${inSentence}`,
        inSentence,
        planName: status.plan.name,
        periodLabel: describePeriod(period),
        what,
        itemTitle: found.item.title,
        person: found.person.name,
        form: found.item.path.replace(/&?from=returns/, ''),
        comment,
        ...(error
          ? { errorList: [{ text: error, href: '#comment' }], errors: { comment: { text: error } } }
          : { errors: {} }),
        action: paths.sendBack(status.plan.slug, period, id),
        cancel: paths.round(status.plan.slug, period),
        breadcrumbs: [
          { text: 'Plans', href: paths.plans() },
          { text: status.plan.name, href: paths.dashboard(status.plan.slug, period) },
          { text: 'Reporting round', href: paths.round(status.plan.slug, period) },
        ],
      },
      error ? 400 : 200,
    )
  }

  app.get(
    '/plans/:plan/round/returns/:id/send-back',
    { schema: { params: ReturnParams, querystring: Query } },
    async (request, reply) =>
      form(reply, actorOf(request), request.params, parsePeriod(request.query.period), '', null),
  )

  app.post(
    '/plans/:plan/round/returns/:id/send-back',
    { schema: { params: ReturnParams, querystring: Query }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      const actor = actorOf(request)
      const period = parsePeriod(request.query.period)
      const comment = field(request.body, 'comment')
      if (comment.length > COMMENT_LIMIT)
        return form(
          reply,
          actor,
          request.params,
          period,
          comment,
          `The comment must be ${COMMENT_LIMIT} characters or fewer`,
        )
      const id = returnId(request.params.id)
      const result = await services.returns.review(actor, request.params.plan, period, id, 'send-back', comment)
      if (!result.ok) return form(reply, actor, request.params, period, comment, result.errors[0]?.message ?? '')
      return reply.redirect(paths.round(request.params.plan, period, { what: 'sent-back', id }), 303)
    },
  )
}

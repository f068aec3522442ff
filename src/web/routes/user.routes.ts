import { longDateTime } from '../../domain/periods/date-time.ts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { type Actor, ROLES, ROLE_NAMES, can } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import type { Services } from '../../services/index.ts'
import type { LinkIssued } from '../../services/access/people.service.ts'
import { type App, actorOf } from '../app.ts'
import { field } from '../forms.ts'
import { paths } from '../paths.ts'
import { passwordRoutes } from './password.routes.ts'

const KIND_NAME = {
  indicator: 'Indicator',
  item: 'Priority, action or milestone',
  treatment: 'Risk treatment',
} as const
const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,9}$' }) })

/** An error shown against its field, in the error summary too. */
function fieldError(error: unknown, target: string) {
  if (!(error instanceof DomainError) || error.code === 'forbidden') throw error
  return { errors: { [target]: { text: error.message } }, errorList: [{ text: error.message, href: `#${target}` }] }
}

/** Managing people, for administrators: invite, edit, deactivate, reset, and make them responsible for things. */
export function userRoutes(app: App, services: Services): void {
  function requireAdmin(request: FastifyRequest): ReturnType<typeof actorOf> {
    const actor = actorOf(request)
    if (!can(actor, 'manage-users')) throw new DomainError('forbidden', 'Only an administrator can manage users.')
    return actor
  }
  const roles = ROLES.map((r) => ({ value: r, text: ROLE_NAMES[r] }))

  async function renderList(reply: FastifyReply, extra: Record<string, unknown>, status = 200) {
    const people = await services.people.list()
    return reply.page(
      'users.njk',
      {
        title: 'Users',
        users: people.map((p) => ({
          ...p,
          roleName: ROLE_NAMES[p.role],
          href: `${paths.users()}/${p.id}`,
          state: p.active ? (p.invited ? 'Invited' : 'Active') : 'Deactivated',
        })),
        roles,
        errors: {},
        values: {},
        ...extra,
      },
      status,
    )
  }

  /** The confirmation after an invitation or reset: the link itself while no email is set up. */
  function linkPage(reply: FastifyReply, issued: LinkIssued) {
    return reply.page('user-link.njk', {
      title: issued.purpose === 'invite' ? 'Invitation created' : 'Password reset link created',
      issued,
      link: issued.delivery.sent ? null : issued.delivery.link,
      expires: longDateTime(issued.expiresAt),
      personHref: `${paths.users()}/${issued.person.id}`,
    })
  }

  app.get('/users', async (request, reply) => {
    requireAdmin(request)
    return renderList(reply, {})
  })

  app.post('/users', { preHandler: app.csrfProtection.bind(app) }, async (request, reply) => {
    const actor = requireAdmin(request)
    const values = {
      email: field(request.body, 'email'),
      name: field(request.body, 'name'),
      role: field(request.body, 'role'),
    }
    try {
      return await linkPage(reply, await services.people.invite(actor, values))
    } catch (error) {
      const message = error instanceof Error ? error.message : ''
      const target = /email/i.test(message) ? 'email' : /role/i.test(message) ? 'role' : 'name'
      return renderList(reply, { values, ...fieldError(error, target) }, 400)
    }
  })

  async function renderPerson(reply: FastifyReply, id: number, extra: Record<string, unknown>, status = 200) {
    const [person, owns, assignable] = await Promise.all([
      services.people.person(id),
      services.people.responsibilitiesOf(id),
      services.people.assignable(),
    ])
    const held = new Set(owns.map((r) => `${r.kind}|${r.plan}|${r.ref}`))
    return reply.page(
      'person.njk',
      {
        title: person.name,
        person: { ...person, roleName: ROLE_NAMES[person.role] },
        roles: roles.map((r) => ({ ...r, selected: r.value === person.role })),
        owns: owns.map((r) => ({ ...r, kindName: KIND_NAME[r.kind] })),
        assignable: [
          { value: '', text: 'Choose one' },
          ...assignable
            .filter((r) => !held.has(`${r.kind}|${r.plan}|${r.ref}`))
            .map((r) => ({
              value: `${r.kind}|${r.plan}|${r.ref}`,
              text: `${r.plan}: ${KIND_NAME[r.kind]} ${r.ref}, ${r.title.slice(0, 80)}`,
            })),
        ],
        action: `${paths.users()}/${id}`,
        errors: {},
        values: { name: person.name },
        breadcrumbs: [{ text: 'Users', href: paths.users() }],
        ...extra,
      },
      status,
    )
  }

  app.get('/users/:id', { schema: { params: IdParams } }, async (request, reply) => {
    requireAdmin(request)
    const saved = (request.query as Record<string, string | undefined>).saved
    return renderPerson(reply, Number(request.params.id), { saved })
  })

  const done = (reply: FastifyReply, id: number, saved: string) =>
    reply.redirect(`${paths.users()}/${id}?saved=${encodeURIComponent(saved)}`, 303)

  /**
   * A form posted from a person's page (`/users/:id` and what follows it): for administrators only, with its CSRF
   * token. `act` makes the change and answers; when the change is refused the page is shown again with the message
   * against the field `target` names (and what was posted, when `values` reads it). A refusal of the administrator
   * themself is not a form error: it goes to the error page.
   */
  function personForm(
    after: string,
    form: {
      readonly values?: (body: unknown) => Record<string, string>
      readonly target: (error: unknown) => string
      readonly act: (posted: {
        actor: Actor
        id: number
        request: FastifyRequest
        reply: FastifyReply
        values: Record<string, string>
      }) => Promise<FastifyReply>
    },
  ): void {
    app.post(
      `/users/:id${after}`,
      { schema: { params: IdParams }, preHandler: app.csrfProtection.bind(app) },
      async (request, reply) => {
        const actor = requireAdmin(request)
        const id = Number(request.params.id)
        const values = form.values?.(request.body) ?? {}
        try {
          return await form.act({ actor, id, request, reply, values })
        } catch (error) {
          const shown = form.values ? { values } : {}
          return renderPerson(reply, id, { ...shown, ...fieldError(error, form.target(error)) }, 400)
        }
      },
    )
  }

  personForm('', {
    values: (body) => ({ name: field(body, 'name'), role: field(body, 'role') }),
    target: (error) => (/role/i.test(String(error)) ? 'role' : 'name'),
    act: async ({ actor, id, reply, values }) => {
      const person = await services.people.edit(actor, id, { name: values.name ?? '', role: values.role ?? '' })
      return done(reply, id, `${person.name} is now ${ROLE_NAMES[person.role].toLowerCase()}.`)
    },
  })

  personForm('/active', {
    target: () => 'deactivate',
    act: async ({ actor, id, request, reply }) => {
      const active = field(request.body, 'active') === 'yes'
      const person = await services.people.setActive(actor, id, active)
      return done(
        reply,
        id,
        active
          ? `${person.name} can sign in again.`
          : `${person.name} is deactivated: their sessions have ended and they cannot sign in. What they did stays in the record.`,
      )
    },
  })

  personForm('/reset', {
    target: () => 'reset',
    act: async ({ actor, id, reply }) => linkPage(reply, await services.people.resetPassword(actor, id)),
  })

  personForm('/assign', {
    target: () => 'target',
    act: async ({ actor, id, request, reply }) => {
      const [kind, plan, ...rest] = field(request.body, 'target').split('|')
      const ref = rest.join('|')
      if (!kind || !plan || ref === '' || !(kind in KIND_NAME))
        throw new DomainError('invalid-value', 'Choose what to make them responsible for.')
      const person = await services.people.person(id)
      await services.auth.assign(person.email, ref, plan, kind as keyof typeof KIND_NAME, actor)
      return done(reply, id, `${person.name} is responsible for ${ref} in ${plan}.`)
    },
  })

  passwordRoutes(app, services)
}

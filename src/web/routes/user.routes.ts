import type { FastifyReply } from 'fastify'
import { ROLES, ROLE_NAMES, can } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import type { Services } from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'
import { field } from '../forms.ts'
import { paths } from '../paths.ts'

/** Managing users and owners, for administrators. */
export function userRoutes(app: App, services: Services): void {
  function requireAdmin(actor: ReturnType<typeof actorOf>): void {
    if (!can(actor, 'manage-users')) throw new DomainError('forbidden', 'Only an administrator can manage users.')
  }

  async function render(reply: Pick<FastifyReply, 'page'>, extra: Record<string, unknown>, status = 200) {
    const users = await services.auth.listUsers()
    return reply.page(
      'users.njk',
      {
        title: 'Users',
        users: users.map((u) => ({ ...u, roleName: ROLE_NAMES[u.role] })),
        roles: ROLES.map((r) => ({ value: r, text: ROLE_NAMES[r] })),
        errors: {},
        values: {},
        ...extra,
      },
      status,
    )
  }

  app.get('/users', async (request, reply) => {
    requireAdmin(actorOf(request))
    return render(reply, { added: (request.query as Record<string, string | undefined>).added })
  })

  app.post('/users', { preHandler: app.csrfProtection.bind(app) }, async (request, reply) => {
    requireAdmin(actorOf(request))
    const values = {
      email: field(request.body, 'email'),
      name: field(request.body, 'name'),
      role: field(request.body, 'role'),
      password: field(request.body, 'password'),
    }
    try {
      await services.auth.addUser(values)
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'forbidden') throw error
      const target = /password/i.test(error.message)
        ? 'password'
        : /email/i.test(error.message)
          ? 'email'
          : /role/i.test(error.message)
            ? 'role'
            : 'name'
      return render(
        reply,
        {
          values: { ...values, password: '' },
          errors: { [target]: { text: error.message } },
          errorList: [{ text: error.message, href: `#${target}` }],
        },
        400,
      )
    }
    return reply.redirect(`${paths.users()}?added=${encodeURIComponent(values.email)}`, 303)
  })

  app.post('/users/assign', { preHandler: app.csrfProtection.bind(app) }, async (request, reply) => {
    requireAdmin(actorOf(request))
    const email = field(request.body, 'assignEmail')
    const ref = field(request.body, 'ref')
    try {
      await services.auth.assign(email, ref.trim())
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'forbidden') throw error
      const target = /user/i.test(error.message) ? 'assignEmail' : 'ref'
      return render(
        reply,
        {
          assignValues: { assignEmail: email, ref },
          errors: { [target]: { text: error.message } },
          errorList: [{ text: error.message, href: `#${target}` }],
        },
        400,
      )
    }
    return reply.redirect(`${paths.users()}?added=${encodeURIComponent(`${ref} for ${email}`)}`, 303)
  })
}

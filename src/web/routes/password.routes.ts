import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { Services } from '../../services/index.ts'
import type { App } from '../app.ts'
import { field } from '../forms.ts'

const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) })

/** Setting one's own password from a single-use link (an invitation or a reset): reachable without signing in. */
export function passwordRoutes(app: App, services: Services): void {
  async function render(reply: FastifyReply, token: string, extra: Record<string, unknown>, status = 200) {
    const holder = await services.people.linkHolder(token)
    if (!holder)
      return reply.page(
        'error.njk',
        {
          title: 'This link has been used or has expired',
          message: 'Each link to set a password works once, for a limited time. Ask an administrator for a new one.',
          status: 410,
        },
        410,
      )
    return reply.page(
      'set-password.njk',
      {
        title: 'Set your password',
        holder,
        action: `/account/password?token=${encodeURIComponent(token)}`,
        errors: {},
        ...extra,
      },
      status,
    )
  }

  app.get(
    '/account/password',
    { config: { public: true }, schema: { querystring: TokenQuery } },
    async (request, reply) => {
      reply.header('referrer-policy', 'no-referrer')
      return render(reply, request.query.token ?? '', {})
    },
  )

  app.post(
    '/account/password',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { querystring: TokenQuery },
      preHandler: app.csrfProtection.bind(app),
    },
    async (request, reply) => {
      const token = request.query.token ?? ''
      const result = await services.people.setPasswordFromLink(
        token,
        field(request.body, 'password'),
        field(request.body, 'confirm'),
      )
      if (result.ok) return reply.redirect(`/sign-in?passwordSet=1`, 303)
      if (result.field === 'link') return render(reply, token, {})
      return render(
        reply,
        token,
        {
          errors: { [result.field]: { text: result.message } },
          errorList: [{ text: result.message, href: `#${result.field}` }],
        },
        400,
      )
    },
  )
}

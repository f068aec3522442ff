import type { Services } from '../../services/index.ts'
import { type App, SESSION_COOKIE, type WebConfig } from '../app.ts'
import { field, safeReturnTo } from '../forms.ts'
import { paths } from '../paths.ts'

/** Signing in and out. The message for a failed sign-in never says whether the account exists. */
export function authRoutes(app: App, services: Services, config: WebConfig): void {
  app.get<{ Querystring: { returnTo?: string } }>('/sign-in', { config: { public: true } }, async (request, reply) => {
    if (request.actor) return reply.redirect(paths.plans(), 303)
    return reply.page('sign-in.njk', { title: 'Sign in', returnTo: request.query.returnTo ?? '', errors: {} })
  })

  app.post(
    '/sign-in',
    {
      config: {
        public: true,
        rateLimit: {
          max: config.signInLimit ?? 10,
          timeWindow: '5 minutes',
          hook: 'preHandler',
          keyGenerator: (request) => `${request.ip}:${field(request.body, 'email').trim().toLowerCase()}`,
        },
      },
      preHandler: app.csrfProtection.bind(app),
    },
    async (request, reply) => {
      const email = field(request.body, 'email').trim()
      const password = field(request.body, 'password')
      const returnTo = safeReturnTo(field(request.body, 'returnTo')) ?? paths.plans()
      const errors: Record<string, { text: string }> = {}
      if (email === '') errors.email = { text: 'Enter your email address' }
      if (password === '') errors.password = { text: 'Enter your password' }
      const result = Object.keys(errors).length === 0 ? await services.auth.signIn(email, password) : null
      if (!result) {
        if (Object.keys(errors).length === 0) errors.email = { text: 'Enter a correct email address and password' }
        const errorList = Object.entries(errors).map(([name, e]) => ({ text: e.text, href: `#${name}` }))
        return reply.page('sign-in.njk', { title: 'Sign in', email, returnTo, errors, errorList }, 400)
      }
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        maxAge: 36 * 3600,
      })
      return reply.redirect(returnTo, 303)
    },
  )

  app.post(
    '/sign-out',
    { config: { public: true }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      await services.auth.signOut(request.cookies[SESSION_COOKIE])
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.redirect(paths.signIn(), 303)
    },
  )

  app.get('/', async (_request, reply) => reply.redirect(paths.plans(), 303))
}

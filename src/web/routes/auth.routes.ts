import type { Services } from '../../services/index.ts'
import { type App, CSRF_COOKIE, SESSION_COOKIE, type WebConfig, cookieSecurity } from '../app.ts'
import { returnToPath } from '../../domain/access/return-to.ts'
import { field, rawField } from '../forms.ts'
import { paths } from '../paths.ts'

/**
 * Signing in and out. The message for a failed sign-in never says whether the account exists. Signing in always
 * starts a new session with a new token (a token planted before sign-in is never promoted) and a new CSRF secret;
 * signing out ends the session on the server, so its cookie is worthless afterwards.
 */
export function authRoutes(app: App, services: Services, config: WebConfig): void {
  app.get<{ Querystring: { returnTo?: string; passwordSet?: string } }>(
    '/sign-in',
    { config: { public: true } },
    async (request, reply) => {
      if (request.actor) return reply.redirect(paths.plans(), 303)
      return reply.page('sign-in.njk', {
        title: 'Sign in',
        // With nowhere asked for, the home page decides: an indicator owner's returns, or else the plans.
        returnTo: request.query.returnTo === undefined ? paths.home() : returnToPath(request.query.returnTo),
        passwordSet: request.query.passwordSet === '1',
        errors: {},
      })
    },
  )

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
      // Checked as sent, before field() drops control characters: dropping one can join "/" and "/" into "//".
      const asked = rawField(request.body, 'returnTo')
      const returnTo = asked === undefined || asked === '' ? paths.home() : returnToPath(asked)
      const errors: Record<string, { text: string }> = {}
      if (email === '') errors.email = { text: 'Enter your email address' }
      if (password === '') errors.password = { text: 'Enter your password' }
      const result = Object.keys(errors).length === 0 ? await services.auth.signIn(email, password, request.ip) : null
      if (!result?.ok) {
        let status = 400
        if (result?.reason === 'locked') {
          status = 429
          const minutes = result.minutes
          errors.email = {
            text: `There have been too many failed attempts to sign in with this email address. Wait ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}, then try again.`,
          }
        } else if (Object.keys(errors).length === 0) {
          errors.email = { text: 'Enter a correct email address and password' }
        }
        const errorList = Object.entries(errors).map(([name, e]) => ({ text: e.text, href: `#${name}` }))
        return reply.page('sign-in.njk', { title: 'Sign in', email, returnTo, errors, errorList }, status)
      }
      // Whatever session this browser had (another person's, or a token planted by someone else) ends here.
      await services.auth.signOut(request.cookies[SESSION_COOKIE])
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        ...cookieSecurity(config),
      })
      reply.clearCookie(CSRF_COOKIE, { path: '/', ...cookieSecurity(config) })
      return reply.redirect(returnTo, 303)
    },
  )

  app.post(
    '/sign-out',
    { config: { public: true }, preHandler: app.csrfProtection.bind(app) },
    async (request, reply) => {
      await services.auth.signOut(request.cookies[SESSION_COOKIE])
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', ...cookieSecurity(config) })
      reply.clearCookie(CSRF_COOKIE, { path: '/', ...cookieSecurity(config) })
      return reply.redirect(paths.signIn(), 303)
    },
  )

  // The first page after signing in: an indicator owner's returns, what they are there to do; the plans for others.
  app.get('/', async (request, reply) =>
    reply.redirect(request.actor?.role === 'owner' ? paths.returns() : paths.plans(), 303),
  )
}

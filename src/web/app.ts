import cookie from '@fastify/cookie'
import csrf from '@fastify/csrf-protection'
import formbody from '@fastify/formbody'
import helmet from '@fastify/helmet'
import multipart from '@fastify/multipart'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawServerDefault,
} from 'fastify'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Actor } from '../domain/access/access.ts'
import { DomainError } from '../domain/errors.ts'
import type { Services } from '../services/index.ts'
import { contentSecurityDirectives } from './content-security.ts'
import { errorPageOptions, registerErrorHandling } from './errors.ts'
import { navigation } from './layout.ts'
import { createPageCache, escapeHtml } from './page-cache.ts'
import { apiRoutes } from './routes/api.routes.ts'
import { authRoutes } from './routes/auth.routes.ts'
import { dashboardRoutes } from './routes/dashboard.routes.ts'
import { definitionRoutes } from './routes/definition.routes.ts'
import { deliveryRoutes } from './routes/delivery.routes.ts'
import { inspectionRoutes } from './routes/inspection.routes.ts'
import { inPageOrder, summaryToOrder } from './error-summary-order.ts'
import { limitedServer } from './server-limits.ts'
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from '../config.ts'
import { financeRoutes } from './routes/finance.routes.ts'
import { budgetHolderRoutes } from './routes/budget-holder.routes.ts'
import { riskRoutes } from './routes/risk.routes.ts'
import { entryRoutes } from './routes/entry.routes.ts'
import { exceptionRoutes } from './routes/exception.routes.ts'
import { importRoutes } from './routes/import.routes.ts'
import { importBudgetRoutes } from './routes/import-budget.routes.ts'
import { reportRoutes } from './routes/report.routes.ts'
import { rulesRoutes } from './routes/rules.routes.ts'
import { reportDetailsRoutes } from './routes/report-details.routes.ts'
import { returnsRoutes } from './routes/returns.routes.ts'
import { roundRoutes } from './routes/round.routes.ts'
import { signOffRoutes } from './routes/sign-off.routes.ts'
import { indicatorRoutes } from './routes/indicator.routes.ts'
import { staticRoutes } from './routes/static.routes.ts'
import { outboxRoutes } from './routes/outbox.routes.ts'
import { userRoutes } from './routes/user.routes.ts'
import { createViews } from './views.ts'

export const SESSION_COOKIE = 'outturn_session'
/** Where @fastify/csrf-protection keeps the form secret; renewed at every sign-in and sign-out. */
export const CSRF_COOKIE = '_csrf'
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export interface WebConfig {
  /** Mark every cookie Secure. When false, cookies are still Secure on a request that arrived over HTTPS. */
  readonly secureCookies: boolean
  readonly production: boolean
  /**
   * Which proxies to believe about the client's address and protocol (X-Forwarded-For, X-Forwarded-Proto): false
   * (none, the default), true (any: only when nothing can reach the app but the proxy), a hop count, or addresses
   * and CIDR ranges ("127.0.0.1,10.0.0.0/8"). Sign-in limits count per address, and cookies are Secure over HTTPS.
   */
  readonly trustProxy?: boolean | number | string
  /** The largest file an upload may carry; 50 MB if unset. */
  readonly uploadLimitBytes?: number
  /** Sign-in attempts allowed per address and email in `signInWindow`. */
  readonly signInLimit?: number
  readonly logger?: boolean
  /** Chromium, for PDF downloads. */
  readonly chromiumPath?: string
  /** Uploads at least this big (both files) are imported in the background with a progress page; 1 MB if unset. */
  readonly backgroundImportBytes?: number
  /** Timeouts and the connection cap for a server that listens (server-limits.ts); the defaults if unset. */
  readonly serverLimits?: ServerLimits
}

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null. */
    actor: Actor | null
  }
  interface FastifyReply {
    /** Renders a page in the layout, with the signed-in user, a CSRF token and the CSP nonce. */
    page(template: string, context: Record<string, unknown>, status?: number): Promise<FastifyReply>
    /**
     * Sends a page worked out from plans' data: rendered once per data change for each audience (the viewer's role;
     * an indicator owner alone), then sent with this response's own nonce, CSRF token and name. `variant` names
     * anything else the page shows that the data stamp does not cover (the report page: the day it is produced on).
     */
    cachedPage(build: () => Promise<PageContent>, variant?: string): Promise<FastifyReply>
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean
  }
}

/** The Secure flag for a cookie: always in production, otherwise whenever the request came over HTTPS. */
export function cookieSecurity(config: WebConfig): { secure: boolean | 'auto' } {
  return { secure: config.secureCookies ? true : 'auto' }
}

/** Fastify's form of the proxy setting: a hop count becomes "trust the nearest n hops". */
function trustedProxies(
  setting: boolean | number | string,
): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting
}

/** A page's template and what it shows. */
export interface PageContent {
  readonly template: string
  readonly context: Record<string, unknown>
}

/** Rendered pages held at most: a county dashboard is about 600 kB. */
const PAGE_CACHE_BYTES = 32 * 1024 * 1024

/**
 * Who may share a rendered page. A page of plan data differs between viewers only by what their role may do (links
 * to enter data, change a definition, the navigation); an indicator owner's pages also link to what is theirs, so
 * each owner has their own.
 */
function audienceOf(actor: Actor): string {
  return actor.role === 'owner' ? `owner ${actor.id}` : actor.role
}

/** The signed-in user, for a route that requires one (every route but the public ones). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError('forbidden', 'Sign in to continue.')
  return request.actor
}

/**
 * The plugins every route relies on: the security headers with a CSP nonce per response, cookies, form and file
 * bodies, the CSRF token, rate limits (each route sets its own) and the OpenAPI document of the API routes.
 */
async function registerPlugins(app: App, config: WebConfig): Promise<void> {
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: { directives: contentSecurityDirectives(config.secureCookies) },
  })
  await app.register(cookie)
  await app.register(formbody)
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: config.uploadLimitBytes ?? 50 * 1024 * 1024, files: 2 },
  })
  await app.register(csrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', signed: false, ...cookieSecurity(config) },
    getToken: (request) => (request.body as Record<string, unknown> | undefined)?._csrf as string | undefined,
  })
  await app.register(rateLimit, { global: false })
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Outturn API',
        version: '1.0.0',
        description: 'Read-only access to plans, indicators and the performance report.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    hideUntagged: true,
  })
}

/** Builds the web app on the given services. Only server.ts opens a port; tests call `inject`. */
export async function buildApp({ services, config }: { services: Services; config: WebConfig }): Promise<App> {
  const views = createViews()
  const app = Fastify({
    logger: config.logger ?? false,
    trustProxy: trustedProxies(config.trustProxy ?? false),
    bodyLimit: 5 * 1024 * 1024,
    serverFactory: limitedServer(config.serverLimits ?? DEFAULT_SERVER_LIMITS),
    ...errorPageOptions(views, config),
  }).withTypeProvider<TypeBoxTypeProvider>()

  await registerPlugins(app, config)

  app.decorateRequest('actor', null)
  app.addHook('onRequest', async (request, reply) => {
    // A NUL byte has no business in an address, and PostgreSQL refuses it in text: answer 400, not 500.
    if (/%00/i.test(request.url) || request.url.includes('\u0000'))
      throw new DomainError('invalid-value', 'The web address contains a character that is not allowed.')
    if (!request.headers.host)
      throw new DomainError('invalid-value', 'The request did not say which site it is for: it had no Host header.')
    request.actor = await services.auth.userForSession(request.cookies[SESSION_COOKIE])
    if (request.actor || request.routeOptions.config.public === true) return
    if (request.url.startsWith('/api/')) {
      await reply.code(401).send({ error: 'unauthorised', message: 'Sign in first: the API uses the session cookie.' })
      return
    }
    await reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303)
  })

  // Every form post needs its CSRF token, on every route, whether or not the route remembered to ask: a new route
  // cannot forget. (Routes that also name csrfProtection check the same token twice.)
  app.addHook('preHandler', (request, reply, done) => {
    if (!UNSAFE_METHODS.has(request.method)) {
      done()
      return
    }
    app.csrfProtection(request, reply, done)
  })

  // A signed-in person's pages hold their data and what their role may see: no browser or proxy may keep them for
  // anyone else, or for the back button after signing out. Routes that chose their own caching keep it.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.actor && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
    return payload
  })

  decoratePages(app, services, views)

  registerErrorHandling(app, config)
  staticRoutes(app)
  authRoutes(app, services, config)
  dashboardRoutes(app, services)
  indicatorRoutes(app, services)
  entryRoutes(app, services)
  definitionRoutes(app, services)
  rulesRoutes(app, services)
  reportDetailsRoutes(app, services)
  deliveryRoutes(app, services)
  riskRoutes(app, services)
  inspectionRoutes(app, services)
  financeRoutes(app, services, services.finance)
  budgetHolderRoutes(app, services)
  exceptionRoutes(app, services)
  importBudgetRoutes(app, services)
  importRoutes(app, services, config.backgroundImportBytes)
  reportRoutes(app, services, config.chromiumPath ? { chromiumPath: config.chromiumPath } : {})
  signOffRoutes(app, services)
  returnsRoutes(app, services)
  roundRoutes(app, services)
  userRoutes(app, services)
  outboxRoutes(app, services)
  apiRoutes(app, services)
  await app.ready()
  return app
}

/**
 * `reply.page` renders a view with what every page has (the signed-in person, the navigation, the CSRF token and
 * the CSP nonce); `reply.cachedPage` sends a page held since the data last changed, for the person's audience.
 */
function decoratePages(app: App, services: Services, views: ReturnType<typeof createViews>): void {
  app.decorateReply(
    'page',
    async function page(this: FastifyReply, template: string, context: Record<string, unknown>, status = 200) {
      const request = this.request
      const common = {
        actor: request.actor,
        navigation: navigation(request),
        csrfToken: this.generateCsrf(),
        cspNonce: this.cspNonce.script,
      }
      let html = views.render(template, { ...context, ...common })
      // The error summary lists its errors in the order of the fields on the page, whatever order they were found.
      const summary = summaryToOrder(context)
      if (summary) {
        const ordered = inPageOrder(summary, html)
        if (ordered.some((item, index) => item !== summary[index]))
          html = views.render(template, { ...context, errorList: ordered, ...common })
      }
      return this.code(status).type('text/html; charset=utf-8').send(html)
    },
  )

  const pages = createPageCache(PAGE_CACHE_BYTES)
  app.decorateReply(
    'cachedPage',
    async function cachedPage(this: FastifyReply, build: () => Promise<PageContent>, variant?: string) {
      const request = this.request
      const actor = actorOf(request)
      const dataStamp = await services.plans.stamp()
      const stamp = dataStamp === null || variant === undefined ? dataStamp : `${dataStamp} ${variant}`
      if (stamp === null) {
        const { template, context } = await build()
        return this.page(template, context)
      }
      const rendered = await pages.page(`${audienceOf(actor)}\u0000${request.url}`, stamp, async (marks) => {
        const { template, context } = await build()
        return views.render(template, {
          ...context,
          actor: { ...actor, name: marks.name },
          navigation: navigation(request),
          csrfToken: marks.csrf,
          cspNonce: marks.nonce,
        })
      })
      const { body, length } = pages.fill(rendered, {
        nonce: this.cspNonce.script,
        csrf: this.generateCsrf(),
        name: escapeHtml(actor.name),
      })
      return this.code(200).type('text/html; charset=utf-8').header('content-length', length).send(body)
    },
  )
}

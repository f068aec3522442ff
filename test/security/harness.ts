import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { openServices, type Services } from '../../src/services/index.ts'
import { type App, type WebConfig, buildApp } from '../../src/web/app.ts'
import { createTestDatabase } from '../helpers/databases.ts'

/** A clock the tests move by hand: sessions and sign-in locks are judged by the services' clock. */
export class TestClock {
  private at: number
  constructor(start = '2013-10-20T09:00:00.000Z') {
    this.at = Date.parse(start)
  }
  now = (): Date => new Date(this.at)
  advance(minutes: number): void {
    this.at += minutes * 60_000
  }
}

export interface SecurityApp {
  readonly app: App
  readonly services: Services
  readonly clock: TestClock
  readonly dialect: 'sqlite' | 'postgres'
  /** Where the database is, for tests that put data in the store directly. */
  readonly location: string
  close(): Promise<void>
}

/**
 * The real app on real services over a fresh database of the given dialect, with the demo plans and sign-ins, a
 * hand-moved clock, and the plugin rate limit high enough that the service's own throttle is what is tested.
 */
export async function startSecurityApp(
  options: { dialect?: 'sqlite' | 'postgres'; config?: Partial<WebConfig> } = {},
): Promise<SecurityApp> {
  const dialect = options.dialect ?? 'sqlite'
  const database = createTestDatabase(dialect)
  const clock = new TestClock()
  const { services, close } = await openServices(database.location, { now: clock.now })
  await services.demo.loadPlan('test')
  await services.demo.createUsers()
  const app = await buildApp({
    services,
    config: { secureCookies: false, production: false, signInLimit: 10_000, ...options.config },
  })
  return {
    app,
    services,
    clock,
    dialect,
    location: database.location,
    close: async () => {
      await app.close()
      await close()
      await database.drop()
    },
  }
}

/** The Set-Cookie header for one cookie, as sent. */
export function setCookie(response: LightMyRequestResponse, name: string): string | undefined {
  const header = response.headers['set-cookie']
  const all = header === undefined ? [] : Array.isArray(header) ? header : [header]
  return all.find((cookie) => cookie.startsWith(`${name}=`))
}

/** A page with the parts that differ on every request (CSRF tokens, CSP nonces) blanked, for comparing answers. */
export function stable(html: string): string {
  return html.replace(/value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, '')
}

/**
 * Every route that changes something (POST, PUT, PATCH, DELETE), read from the app's own route table rather than a
 * hand-kept list, so a route added later is covered without anyone remembering to add it here.
 */
export function unsafeRoutes(app: App): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = []
  const stack: string[] = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?) \(([^)]*)\)$/.exec(line)
    if (!match) continue
    const depth = (match[1] ?? '').length / 4
    const segment = match[2] ?? ''
    const path = depth === 0 ? segment : `${stack[depth - 1] ?? ''}${segment}`
    stack[depth] = path
    stack.length = depth + 1
    for (const method of (match[3] ?? '').split(', '))
      if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) routes.push({ method, url: path })
  }
  return routes
}

/**
 * A browser for inject: keeps cookies (which a test may read or plant), reads the CSRF token from the last page's
 * forms, and comes from one network address.
 */
export class Browser {
  readonly cookies = new Map<string, string>()
  csrf = ''

  constructor(
    private readonly app: App,
    readonly address = '192.0.2.10',
  ) {}

  async request(options: InjectOptions & { url: string }): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const response = await this.app.inject({
      remoteAddress: this.address,
      ...options,
      headers: { ...(cookie ? { cookie } : {}), ...options.headers },
    })
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()))
        this.cookies.delete(c.name)
      else this.cookies.set(c.name, c.value)
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)
    if (token?.[1]) this.csrf = token[1]
    return response
  }

  get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.request({ method: 'GET', url, headers })
  }

  /** Posts a form with this browser's CSRF token (unless the fields say otherwise). */
  post(
    url: string,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return this.request({
      method: 'POST',
      url,
      payload: new URLSearchParams({ _csrf: this.csrf, ...fields }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    })
  }

  async signIn(user: { email: string; password: string }): Promise<LightMyRequestResponse> {
    await this.get('/sign-in')
    return this.post('/sign-in', { email: user.email, password: user.password })
  }
}

/** A browser signed in as the user, holding a page's CSRF token. */
export async function signedInBrowser(
  app: App,
  user: { email: string; password: string },
  address?: string,
): Promise<Browser> {
  const browser = new Browser(app, address)
  const response = await browser.signIn(user)
  if (response.statusCode !== 303) throw new Error(`sign-in failed for ${user.email}: ${response.statusCode}`)
  await browser.get('/plans')
  return browser
}

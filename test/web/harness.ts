import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { paths } from '../../src/web/paths.ts'
import { openServices, type Services } from '../../src/services/index.ts'
import { type App, type WebConfig, buildApp } from '../../src/web/app.ts'

export const PLAN = 'trafford-adp-2013-14'
export const Q2 = '2013/14 Q2'
export const USERS = {
  admin: { email: 'admin@outturn.example', password: 'demo-admin-password' },
  officer: { email: 'officer@outturn.example', password: 'demo-officer-password' },
  owner: { email: 'owner@outturn.example', password: 'demo-owner-password' },
  viewer: { email: 'viewer@outturn.example', password: 'demo-viewer-password' },
} as const

export interface TestApp {
  readonly app: App
  readonly services: Services
  /** The SQLite file, for tests that check what is stored. */
  readonly databasePath: string
  close(): Promise<void>
}

/** The real app on real services over a fresh SQLite file, with the demo plan and one user per role. */
export async function startTestApp(config: Partial<WebConfig> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'outturn-web-'))
  const databasePath = join(dir, 'outturn.sqlite')
  const { services, close } = await openServices(databasePath, { now: () => new Date('2013-10-20T10:00:00.000Z') })
  await services.demo.loadPlan('test')
  await services.demo.createUsers()
  const app = await buildApp({
    services,
    config: { secureCookies: false, production: false, signInLimit: 1000, ...config },
  })
  return {
    app,
    services,
    databasePath,
    close: async () => {
      await app.close()
      await close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A browser-like client for inject: keeps cookies, and reads the CSRF token from the last page's forms. */
export class Client {
  private readonly cookies = new Map<string, string>()
  csrf = ''

  constructor(private readonly app: App) {}

  async request(options: InjectOptions & { url: string }): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const response = await this.app.inject({
      ...options,
      headers: { ...options.headers, ...(cookie ? { cookie } : {}) },
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

  get(url: string): Promise<LightMyRequestResponse> {
    return this.request({ method: 'GET', url })
  }

  /** Posts a form with this client's CSRF token (unless the fields say otherwise). */
  post(url: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.request({
      method: 'POST',
      url,
      payload: new URLSearchParams({ _csrf: this.csrf, ...fields }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
  }

  async signIn(user: { email: string; password: string }): Promise<LightMyRequestResponse> {
    await this.get('/sign-in')
    return this.post('/sign-in', { email: user.email, password: user.password })
  }
}

export async function signedIn(app: App, user: { email: string; password: string }): Promise<Client> {
  const client = new Client(app)
  const response = await client.signIn(user)
  if (response.statusCode !== 303) throw new Error(`sign-in failed: ${response.statusCode}`)
  await client.get('/plans')
  return client
}

export const entryUrl = (ref: string, period = Q2): string => paths.entry(PLAN, ref, parsePeriod(period))
export const exceptionUrl = (ref: string, period = Q2): string => paths.exceptionReport(PLAN, ref, parsePeriod(period))
export const indicatorUrl = (ref: string, period = Q2): string => paths.indicator(PLAN, ref, parsePeriod(period))

/** The page title, decoded. */
export function titleOf(html: string): string {
  return (/<title[^>]*>([^<]*)<\/title>/.exec(html)?.[1] ?? '').replaceAll('&amp;', '&').trim()
}

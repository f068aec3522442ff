import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import type { AxeResults, Result } from 'axe-core'
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core'
import { type Services, openServices } from '../../src/services/index.ts'
import { type App, buildApp } from '../../src/web/app.ts'

/**
 * The browser tests' harness: the real app on a free port over a fresh SQLite database holding the demo plan and
 * sign-ins, and Debian's Chromium driven by playwright-core. Every page a test visits goes through `checkPage`,
 * which runs axe-core against WCAG 2.2 AA and fails on any violation.
 */

/** Debian's Chromium; OUTTURN_CHROMIUM may name another build of it. */
export const CHROMIUM = process.env.OUTTURN_CHROMIUM ?? '/usr/bin/chromium'

export const DEMO = {
  admin: { email: 'admin@outturn.example', password: 'demo-admin-password' },
  officer: { email: 'officer@outturn.example', password: 'demo-officer-password' },
  owner: { email: 'owner@outturn.example', password: 'demo-owner-password' },
  viewer: { email: 'viewer@outturn.example', password: 'demo-viewer-password' },
} as const

/** Where the screenshots for the README go: docs/screenshots at the root of the repository. */
export const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url)

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface ConsoleMessage {
  readonly page: string
  readonly text: string
}

export interface Harness {
  readonly baseUrl: string
  /** The app's services, for tests that load more data (a second plan) before they browse. */
  readonly services: Services
  /** The SQLite file, for tests that put data in the store directly (a plan's budget statements). */
  readonly databasePath: string
  readonly browser: Browser
  /** Console errors and uncaught page errors seen in any page (CSP reports among them). Reported, not failed on. */
  readonly consoleErrors: ConsoleMessage[]
  /** A page in a fresh browser context (its own cookies), closed when the test `t` ends. */
  newPage(t: TestContext): Promise<Page>
  close(): Promise<void>
}

/** Starts the app and the browser. Anything already started is stopped again if a later step fails. */
export async function startHarness(): Promise<Harness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${CHROMIUM}, and it is not there. ` +
        'Install it with `apt-get install chromium` (not `playwright install`), then run the tests again.',
    )
  }
  const cleanups: (() => Promise<void>)[] = []
  const close = async (): Promise<void> => {
    const errors: unknown[] = []
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup()
      } catch (error) {
        errors.push(error)
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'The browser test harness did not close cleanly')
  }

  try {
    const dir = mkdtempSync(join(tmpdir(), 'outturn-browser-'))
    // Also on exit, should the run end before the teardown (a test runner timeout, say).
    const removeDir = (): void => {
      rmSync(dir, { recursive: true, force: true })
    }
    process.once('exit', removeDir)
    cleanups.push(() => {
      process.off('exit', removeDir)
      removeDir()
      return Promise.resolve()
    })

    const databasePath = join(dir, 'outturn.sqlite')
    const opened = await openServices(databasePath)
    cleanups.push(() => opened.close())
    const { services } = opened
    await services.demo.loadPlan('test')
    await services.demo.createUsers()

    const app: App = await buildApp({ services, config: { secureCookies: false, production: false } })
    cleanups.push(() => app.close())
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address() as AddressInfo
    const baseUrl = `http://127.0.0.1:${address.port}`

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    cleanups.push(() => browser.close())

    const consoleErrors: ConsoleMessage[] = []
    const contexts = new Set<BrowserContext>()
    cleanups.push(async () => {
      for (const context of contexts) await context.close()
    })

    async function newPage(t: TestContext): Promise<Page> {
      const context = await browser.newContext({
        baseURL: baseUrl,
        timezoneId: 'Europe/London',
        locale: 'en-GB',
        viewport: { width: 1280, height: 900 },
      })
      contexts.add(context)
      t.after(async () => {
        contexts.delete(context)
        await context.close()
      })
      context.setDefaultTimeout(10_000)
      const page = await context.newPage()
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push({ page: page.url(), text: message.text() })
      })
      page.on('pageerror', (error) => consoleErrors.push({ page: page.url(), text: `Uncaught: ${error.message}` }))
      return page
    }

    return { baseUrl, browser, consoleErrors, newPage, close, services, databasePath }
  } catch (error) {
    await close().catch(() => undefined)
    throw error
  }
}

function describeViolation(violation: Result): string {
  const nodes = violation.nodes
    .map(
      (node) =>
        `    - ${node.target.map(String).join(' ')}\n      ${node.failureSummary?.replaceAll('\n', '\n      ') ?? ''}`,
    )
    .join('\n')
  return `  ${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.help}\n    ${violation.helpUrl}\n${nodes}`
}

/**
 * Runs axe-core on the page as it stands and asserts there are no WCAG 2.2 AA violations. The source is evaluated
 * through the DevTools protocol: the app's CSP rightly blocks an inline <script> without its nonce.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  const loaded = await page.evaluate('typeof window.axe === "object"')
  if (loaded !== true) await page.evaluate(axeSource)
  const results = await page.evaluate(
    (tags) =>
      (globalThis as unknown as { axe: { run: (options: object) => Promise<AxeResults> } }).axe.run({
        runOnly: { type: 'tag', values: tags },
      }),
    AXE_TAGS,
  )
  assert.ok(results.passes.length > 0, `axe checked nothing on ${name}: did it run?`)
  const violations = results.violations
  assert.equal(
    violations.length,
    0,
    `axe found ${violations.length} accessibility violation(s) on ${name} (${page.url()}):\n${violations.map(describeViolation).join('\n')}`,
  )
}

/**
 * Signs in through the sign-in form, as a person would, and waits for the page it leads to. Both pages are checked
 * with axe, like every page a test visits.
 */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in')
  await checkPage(page, 'sign-in page')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/sign-in'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ])
}

/** The CSRF token from the first form on the page that has one (the header's sign-out form is on every page). */
export async function csrfToken(page: Page): Promise<string> {
  const token = await page.locator('input[name="_csrf"]').first().inputValue()
  assert.ok(token.length > 0, `no CSRF token on ${page.url()}`)
  return token
}

/** The id of the element with focus, or '' when there is none. */
export async function focusedId(page: Page): Promise<string> {
  return page.evaluate<string>('document.activeElement ? document.activeElement.id : ""')
}

/**
 * Requests per second and p99 latency for the app's pages, each as a ratio to a trivial route in the same server
 * under the same load (autocannon, 50 connections for 10 s; fewer and shorter with --quick), the size of each
 * response, and the server's resident memory after warm-up and under load.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { once } from 'node:events'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

export interface RouteResult {
  readonly name: string
  readonly path: string
  readonly requestsPerSecond: number
  readonly p99Ms: number
  readonly p50Ms: number
  /** Responses other than 2xx, errors and timeouts: any of these makes the figures suspect. */
  readonly failures: number
  /** The mean size of a response, headers and body: past a few hundred kB, moving the bytes is most of the work. */
  readonly bytes: number
}

export interface HttpResult {
  readonly hello: RouteResult
  readonly routes: readonly (RouteResult & { readonly ratio: number })[]
  readonly rssAfterWarmUpMb: number
  readonly rssUnderLoadMb: number
}

export interface Route {
  readonly name: string
  readonly path: string
}

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url))
const BARE_SERVER = fileURLToPath(new URL('./bare-server.ts', import.meta.url))

/**
 * The trivial route: the health check, a plain "ok" that goes through every hook and plugin a page does (security
 * headers, cookies, the session hook) and asks the database nothing, as a load balancer calls it, signed out.
 */
export const HELLO: Route = { name: 'hello (GET /health: plain "ok")', path: '/health' }

class Server {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(location: string, script = SERVER): Promise<Server> {
    const child = fork(script, [location], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const [message] = (await Promise.race([
      once(child, 'message'),
      once(child, 'exit').then(([code]) => {
        throw new Error(`The benchmark server stopped before listening (exit ${String(code)}).`)
      }),
    ])) as [{ port: number }]
    return new Server(child, message.port)
  }

  async rss(): Promise<number> {
    const reply = once(this.child, 'message') as Promise<[{ rss: number }]>
    this.child.send('rss')
    const [message] = await reply
    return message.rss / (1024 * 1024)
  }

  async stop(): Promise<void> {
    const exited = once(this.child, 'exit')
    this.child.send('stop')
    await exited
  }
}

function cookiesOf(response: Response): Map<string, string> {
  const cookies = new Map<string, string>()
  for (const header of response.headers.getSetCookie()) {
    const [pair = ''] = header.split(';')
    const at = pair.indexOf('=')
    if (at > 0) cookies.set(pair.slice(0, at), pair.slice(at + 1))
  }
  return cookies
}

/**
 * Signs in through the app's own form as a browser does, and returns the Cookie header a browser would then send:
 * the session cookie and the CSRF secret. Sign-in clears the old secret (a cookie set to nothing, which a browser
 * drops) and the first page after it, `firstPage`, brings the new one, which the browser keeps for the session.
 */
export async function signIn(base: string, email: string, password: string, firstPage = '/plans'): Promise<string> {
  const jar = new Map<string, string>()
  const keep = (response: Response): void => {
    for (const [name, value] of cookiesOf(response))
      if (value === '') jar.delete(name)
      else jar.set(name, value)
  }
  const header = (): string => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const form = await fetch(`${base}/sign-in`)
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? ''
  keep(form)
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header() },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  })
  keep(response)
  if (response.status !== 303 || !jar.has('outturn_session'))
    throw new Error(`Signing ${email} in failed (${response.status}).`)
  const first = await fetch(`${base}${firstPage}`, { headers: { cookie: header() } })
  await first.arrayBuffer()
  keep(first)
  return header()
}

/**
 * Waits for the server to finish what the last load left queued: autocannon stops sending when its time is up, but
 * up to 50 requests are still being worked through, and would count against the next route.
 */
async function drain(base: string, path = HELLO.path): Promise<void> {
  const deadline = performance.now() + 300_000
  while (performance.now() < deadline) {
    const start = performance.now()
    await (await fetch(`${base}${path}`)).arrayBuffer()
    if (performance.now() - start < 100) return
  }
}

async function run(
  base: string,
  route: Route,
  load: { seconds: number; connections: number },
  cookie: string | null,
  sampleRss: () => void,
  drainPath = HELLO.path,
): Promise<RouteResult> {
  const timer = setInterval(sampleRss, 250)
  try {
    const result = await autocannon({
      url: `${base}${route.path}`,
      connections: load.connections,
      duration: load.seconds,
      timeout: 60,
      ...(cookie ? { headers: { cookie } } : {}),
    })
    await drain(base, drainPath)
    return {
      name: route.name,
      path: route.path,
      requestsPerSecond: result.requests.average,
      p99Ms: result.latency.p99,
      p50Ms: result.latency.p50,
      failures: result.non2xx + result.errors + result.timeouts,
      bytes: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
    }
  } finally {
    clearInterval(timer)
  }
}

/**
 * Starts the app on a database, signs in as `user`, warms every route up, then loads the trivial route, each page,
 * and the trivial route again (its mean is the baseline, so drift on a shared machine shows in both).
 */
export async function measureHttp(
  location: string,
  user: { email: string; password: string },
  routes: readonly Route[],
  load: { seconds: number; connections: number },
  log: (text: string) => void,
): Promise<HttpResult> {
  const server = await Server.start(location)
  const base = `http://127.0.0.1:${server.port}`
  try {
    const cookie = await signIn(base, user.email, user.password)
    // As a browser's first visit does: the stylesheet is compiled (in a process of its own) before any load, so
    // that compiling it takes no time from the first measurement.
    await (await fetch(`${base}/assets/outturn.css`)).arrayBuffer()
    for (const route of [HELLO, ...routes]) {
      for (let i = 0; i < 3; i += 1) {
        const response = await fetch(`${base}${route.path}`, { headers: { cookie } })
        await response.arrayBuffer()
        if (response.status !== 200) throw new Error(`${route.path} answered ${response.status} while warming up.`)
      }
    }
    const rssAfterWarmUpMb = await server.rss()
    let rssUnderLoadMb = rssAfterWarmUpMb
    // One question at a time: a busy server answers late, and unanswered questions would pile up.
    let asking = false
    const sampleRss = (): void => {
      if (asking) return
      asking = true
      void server.rss().then((rss) => {
        rssUnderLoadMb = Math.max(rssUnderLoadMb, rss)
        asking = false
      })
    }
    const what = `for ${load.seconds} s, ${load.connections} connections`
    log(`  HTTP: ${HELLO.path} ${what}`)
    const helloBefore = await run(base, HELLO, load, null, sampleRss)
    const measured: RouteResult[] = []
    for (const route of routes) {
      log(`  HTTP: ${route.name} ${what}`)
      measured.push(await run(base, route, load, cookie, sampleRss))
    }
    log(`  HTTP: ${HELLO.path} again ${what}`)
    const helloAfter = await run(base, HELLO, load, null, sampleRss)
    const hello: RouteResult = {
      ...helloBefore,
      requestsPerSecond: (helloBefore.requestsPerSecond + helloAfter.requestsPerSecond) / 2,
      p99Ms: Math.max(helloBefore.p99Ms, helloAfter.p99Ms),
      failures: helloBefore.failures + helloAfter.failures,
    }
    return {
      hello,
      routes: measured.map((r) => ({ ...r, ratio: r.requestsPerSecond / hello.requestsPerSecond })),
      rssAfterWarmUpMb,
      rssUnderLoadMb,
    }
  } finally {
    await server.stop()
  }
}

export interface CeilingResult {
  /** The bare server's "ok": what this machine and autocannon do with nothing to send. */
  readonly hello: RouteResult
  /** The same sizes as the app's pages, each sent as one ready-made buffer. */
  readonly sizes: readonly (RouteResult & { readonly size: number })[]
}

/**
 * The ceiling the bytes set: a bare Fastify (no plugins, no hooks, no database) sending responses of the pages'
 * sizes, under the same load. No page can be faster than the same bytes sent ready-made, so a page's requests a
 * second over this is how near the page comes to what moving its bytes allows on this machine.
 */
export async function measureCeiling(
  sizes: readonly number[],
  load: { seconds: number; connections: number },
  log: (text: string) => void,
): Promise<CeilingResult> {
  const server = await Server.start('bare', BARE_SERVER)
  const base = `http://127.0.0.1:${server.port}`
  const idle = (): void => undefined
  try {
    const what = `for ${load.seconds} s, ${load.connections} connections`
    log(`  ceiling: a bare Fastify's "ok" ${what}`)
    const hello = await run(base, { name: 'bare hello', path: '/hello' }, load, null, idle, '/hello')
    const measured: (RouteResult & { size: number })[] = []
    for (const size of sizes) {
      const bytes = Math.round(size)
      log(`  ceiling: a bare Fastify sending ${Math.round(bytes / 1024).toLocaleString('en-GB')} kB ${what}`)
      const path = `/bytes/${bytes}`
      await (await fetch(`${base}${path}`)).arrayBuffer()
      measured.push({ ...(await run(base, { name: `bare ${bytes} bytes`, path }, load, null, idle, '/hello')), size })
    }
    return { hello, sizes: measured }
  } finally {
    await server.stop()
  }
}

import { readFileSync } from 'node:fs'
import type { App } from '../app.ts'
import { reportCss } from '../../reports/report.html.ts'
import { GOVUK_DIST } from '../../resources.ts'
import { stylesheet } from '../views.ts'

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="4" fill="#1d70b8"/><path d="M7 22 13 14l5 4 7-9" stroke="#fff" stroke-width="3" fill="none"/></svg>`
const INIT = `import { initAll } from '/assets/govuk-frontend.min.js'\ninitAll()\n`

/**
 * The stylesheet, GOV.UK Frontend's script and our icon, public and cached by browsers for a day; and `/health`, a
 * plain "ok" for load balancers (the benchmark's trivial route: it passes through every hook a page does).
 */
export function staticRoutes(app: App): void {
  app.get('/health', { config: { public: true } }, async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('ok'),
  )
  const script = readFileSync(`${GOVUK_DIST}govuk/govuk-frontend.min.js`)
  // A server about to be visited starts compiling the stylesheet at once, beside its own work, so the first page
  // does not wait for it; an app only asked through inject (the route tests) never compiles it.
  app.addHook('onListen', (done) => {
    void stylesheet().catch(() => undefined)
    done()
  })
  // A Map, not an object: a name from the address ("constructor", "__proto__") must not find Object.prototype.
  const files = new Map<string, { type: string; body: () => string | Buffer | Promise<string> }>([
    ['outturn.css', { type: 'text/css; charset=utf-8', body: stylesheet }],
    ['govuk-frontend.min.js', { type: 'text/javascript; charset=utf-8', body: () => script }],
    ['report.css', { type: 'text/css; charset=utf-8', body: reportCss }],
    ['init.js', { type: 'text/javascript; charset=utf-8', body: () => INIT }],
    ['favicon.svg', { type: 'image/svg+xml', body: () => FAVICON }],
  ])
  app.get<{ Params: { file: string } }>('/assets/:file', { config: { public: true } }, async (request, reply) => {
    const file = files.get(request.params.file)
    if (!file) {
      reply.callNotFound()
      return reply
    }
    return reply
      .type(file.type)
      .header('cache-control', 'public, max-age=86400')
      .send(await file.body())
  })
}

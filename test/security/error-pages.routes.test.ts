import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { after, before, describe, it } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { type Client, PLAN, type TestApp, USERS, signedIn, startTestApp } from '../web/harness.ts'

/**
 * Malformed requests of every kind the framework or Node's HTTP parser refuses before a route runs, or that a route
 * refuses for its body: each answers the GOV.UK error page with the right status (HTML, the page's title) on page
 * routes, and JSON on /api routes. Never Fastify's or Node's own JSON or empty answer.
 */

const Q2 = 'period=2013%2F14%20Q2'
const ENTRY = `/plans/${PLAN}/indicators/LCA%202/entry?${Q2}`
const TITLES: Readonly<Record<number, string>> = {
  400: 'There is a problem with the request',
  403: 'You do not have permission to do this',
  404: 'Page not found',
  413: 'The upload is too large',
  414: 'The web address is too long',
  415: 'There is a problem with the request',
  431: 'The request is too large',
}

interface Probe {
  readonly why: string
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD'
  readonly url: string
  readonly headers?: Record<string, string>
  readonly payload?: string | Buffer
  readonly status: number
  /** Signed out, rather than as an officer. */
  readonly signedOut?: boolean
  /** Sent with the officer's CSRF token in a form body. */
  readonly withToken?: boolean
}

const BIG = 6 * 1024 * 1024
const PROBES: readonly Probe[] = [
  { why: 'a plan whose percent-encoding is cut short', url: '/plans/%E0%A4%A', status: 400 },
  { why: 'a theme whose encoding is cut short', url: `/plans/${PLAN}/themes/%E0%A4%A?${Q2}`, status: 400 },
  { why: 'an indicator with a percent sign and no hex', url: `/plans/${PLAN}/indicators/%ZZ?${Q2}`, status: 400 },
  { why: 'an overlong UTF-8 encoding', url: `/plans/${PLAN}/download/%C0%AF?${Q2}`, status: 400 },
  { why: 'a bad encoding in the API', url: '/api/plans/%E0%A4%A/indicators', status: 400 },
  { why: 'a plan of 2,001 characters', url: `/plans/${'x'.repeat(2001)}`, status: 414 },
  { why: 'a theme of 2,001 accented letters', url: `/plans/${PLAN}/themes/${'%C3%A9'.repeat(2001)}`, status: 414 },
  { why: 'a plan of 2,001 characters in the API', url: `/api/plans/${'x'.repeat(2001)}/indicators`, status: 414 },
  { why: 'a NUL in a page address', url: '/plans/%00', status: 400 },
  { why: 'a NUL in an API address', url: `/api/plans/${PLAN}%00/indicators`, status: 400 },
  { why: 'a query of 10,000 characters', url: `/plans/${PLAN}?period=${'9'.repeat(10_000)}`, status: 400 },
  { why: 'a query whose encoding is cut short', url: `/plans/${PLAN}?period=%E0%A4%A`, status: 400 },
  { why: 'an API query whose encoding is cut short', url: `/api/plans/${PLAN}/report?period=%E0%A4%A`, status: 400 },
  { why: 'a report format that does not exist', url: `/plans/${PLAN}/download/exe?${Q2}`, status: 404 },
  { why: 'a path climbing out of the assets', url: '/assets/..%2f..%2fpackage.json', status: 404 },
  ...(['text/xml', 'application/octet-stream', 'text/csv'] as const).map((type) => ({
    why: `a form sent as ${type}`,
    method: 'POST' as const,
    url: ENTRY,
    headers: { 'content-type': type },
    payload: '<a/>',
    status: 415,
  })),
  {
    why: 'a form sent as JSON that does not parse',
    method: 'POST',
    url: ENTRY,
    headers: { 'content-type': 'application/json' },
    payload: '{"actual": ',
    status: 400,
  },
  {
    why: 'an empty JSON body',
    method: 'POST',
    url: ENTRY,
    headers: { 'content-type': 'application/json' },
    payload: '',
    status: 400,
  },
  {
    why: 'a JSON body that is one prototype key',
    method: 'POST',
    url: ENTRY,
    headers: { 'content-type': 'application/json' },
    payload: '{"__proto__": {"x": 1}}',
    status: 400,
  },
  {
    why: 'a multipart form with no boundary',
    method: 'POST',
    url: ENTRY,
    headers: { 'content-type': 'multipart/form-data' },
    payload: 'actual=1',
    status: 400,
  },
  {
    why: 'a multipart upload cut off',
    method: 'POST',
    url: '/import',
    headers: { 'content-type': 'multipart/form-data; boundary=cut' },
    payload: '--cut\r\nContent-Disposition: form-data; name="planName"\r\n\r\nHalf',
    status: 400,
  },
  {
    why: 'a form body over 5 MB',
    method: 'POST',
    url: ENTRY,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `note=${'x'.repeat(BIG)}`,
    status: 413,
  },
  {
    why: 'a JSON body over 5 MB',
    method: 'POST',
    url: ENTRY,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ note: 'x'.repeat(BIG) }),
    status: 413,
  },
  { why: 'PATCH, which no page takes, without a token', method: 'PATCH', url: `/plans/${PLAN}`, status: 403 },
  { why: 'DELETE, which no page takes, without a token', method: 'DELETE', url: '/plans', status: 403 },
  {
    why: 'PUT, which no page takes, with the token',
    method: 'PUT',
    url: `/plans/${PLAN}`,
    withToken: true,
    status: 404,
  },
  { why: 'OPTIONS', method: 'OPTIONS', url: '/plans', status: 404 },
  { why: 'HEAD of a page that does not exist', method: 'HEAD', url: '/plans/no-such-plan', status: 404 },
  { why: 'HEAD of an address whose encoding is cut short', method: 'HEAD', url: '/plans/%E0%A4%A', status: 400 },
  { why: 'a bad encoding, signed out', url: '/plans/%E0%A4%A', status: 400, signedOut: true },
  {
    why: 'a sign-in sent as JSON that does not parse, signed out',
    method: 'POST',
    url: '/sign-in',
    headers: { 'content-type': 'application/json' },
    payload: '{',
    status: 400,
    signedOut: true,
  },
]

/** Asserts an answer is the GOV.UK error page for its status (or, for /api, JSON), with the page's headers. */
function assertErrorAnswer(
  url: string,
  status: number,
  headers: Record<string, string | string[] | number | undefined>,
  body: string,
  head: boolean,
): void {
  const type = String(headers['content-type'])
  assert.equal(headers['x-content-type-options'], 'nosniff')
  if (url.startsWith('/api/')) {
    assert.match(type, /^application\/json/)
    const json = JSON.parse(body) as { error?: unknown; message?: unknown }
    assert.equal(typeof json.error, 'string')
    assert.equal(typeof json.message, 'string')
    return
  }
  assert.match(type, /^text\/html; charset=utf-8/)
  if (head) {
    assert.equal(body, '')
    return
  }
  const title = /<title[^>]*>([^<]*)<\/title>/.exec(body)?.[1]?.trim()
  assert.equal(title, `${TITLES[status] ?? '?'} – Outturn`)
  assert.match(body, /<h1 class="govuk-heading-l">/)
  assert.match(body, /class="govuk-template__body/)
  // The page's scripts run under the policy it was sent with: their nonce is the header's.
  const nonce = /<script type="module" src="\/assets\/init\.js" nonce="([^"]+)"/.exec(body)?.[1]
  assert.ok(nonce, 'the page has its scripts')
  assert.ok(String(headers['content-security-policy']).includes(`'nonce-${nonce}'`), 'the CSP names the nonce')
}

let t: TestApp
let officer: Client
before(async () => {
  t = await startTestApp()
  officer = await signedIn(t.app, USERS.officer)
})
after(async () => {
  await t.close()
})

describe('malformed requests, through the app', () => {
  for (const probe of PROBES) {
    it(`answers ${probe.why} with ${probe.status}, ${probe.url.startsWith('/api/') ? 'as JSON' : 'as the GOV.UK error page'}`, async () => {
      const payload = probe.withToken ? new URLSearchParams({ _csrf: officer.csrf }).toString() : probe.payload
      const headers = probe.withToken ? { 'content-type': 'application/x-www-form-urlencoded' } : probe.headers
      const request = {
        method: probe.method ?? 'GET',
        url: probe.url,
        ...(headers ? { headers } : {}),
        ...(payload === undefined ? {} : { payload }),
      }
      const response: LightMyRequestResponse = probe.signedOut
        ? await t.app.inject(request)
        : await officer.request(request)
      assert.equal(response.statusCode, probe.status, response.body.slice(0, 300))
      assertErrorAnswer(probe.url, probe.status, response.headers, response.body, probe.method === 'HEAD')
    })
  }

  it('has at least twenty kinds of malformed request', () => {
    assert.ok(PROBES.length >= 20)
  })
})

/** Sends bytes to the listening server and reads the answer until it closes the connection. */
function exchange(
  port: number,
  bytes: string,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const [head = '', ...rest] = text.split('\r\n\r\n')
      const [statusLine = '', ...lines] = head.split('\r\n')
      const headers: Record<string, string> = {}
      for (const line of lines) {
        const at = line.indexOf(':')
        headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim()
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') })
    })
    socket.end(bytes)
  })
}

/** Requests only Node's HTTP parser sees whole (headers and request lines too large or malformed), on a real socket. */
const RAW: readonly { why: string; path: string; bytes: string; status: number }[] = [
  {
    why: 'an address of 20,000 characters',
    path: '/plans/x',
    bytes: `GET /plans/${'x'.repeat(20_000)} HTTP/1.1\r\nHost: outturn\r\n\r\n`,
    status: 431,
  },
  {
    why: 'an API address of 20,000 characters',
    path: '/api/plans',
    bytes: `GET /api/plans/${'x'.repeat(20_000)} HTTP/1.1\r\nHost: outturn\r\n\r\n`,
    status: 431,
  },
  {
    why: 'a header of 20,000 characters',
    path: '/plans',
    bytes: `GET /plans HTTP/1.1\r\nHost: outturn\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`,
    status: 431,
  },
  {
    why: 'a cookie of 20,000 characters',
    path: '/plans',
    bytes: `GET /plans HTTP/1.1\r\nHost: outturn\r\nCookie: a=${'z'.repeat(20_000)}\r\n\r\n`,
    status: 431,
  },
  {
    why: 'a header name with a space',
    path: '/plans',
    bytes: 'GET /plans HTTP/1.1\r\nHost: outturn\r\nBad Header: x\r\n\r\n',
    status: 400,
  },
  {
    why: 'a method HTTP does not have',
    path: '/plans',
    bytes: 'FETCH /plans HTTP/1.1\r\nHost: outturn\r\n\r\n',
    status: 400,
  },
  {
    why: 'an HTTP version that does not exist',
    path: '/plans',
    bytes: 'GET /plans HTTP/9.9\r\nHost: outturn\r\n\r\n',
    status: 400,
  },
  { why: 'a space in the address', path: '/pl', bytes: 'GET /pl ans HTTP/1.1\r\nHost: outturn\r\n\r\n', status: 400 },
  {
    why: 'both a length and chunks',
    path: '/sign-in',
    bytes: 'POST /sign-in HTTP/1.1\r\nHost: outturn\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nhello',
    status: 400,
  },
  { why: 'no Host header', path: '/plans', bytes: 'GET /plans HTTP/1.1\r\nConnection: close\r\n\r\n', status: 400 },
  {
    why: 'a bad encoding',
    path: '/plans',
    bytes: 'GET /plans/%E0%A4%A HTTP/1.1\r\nHost: outturn\r\nConnection: close\r\n\r\n',
    status: 400,
  },
  {
    why: 'a plan of 2,001 characters',
    path: '/plans',
    bytes: `GET /plans/${'x'.repeat(2001)} HTTP/1.1\r\nHost: outturn\r\nConnection: close\r\n\r\n`,
    status: 414,
  },
  {
    why: 'a bad encoding in the API',
    path: '/api/plans',
    bytes: 'GET /api/plans/%E0%A4%A HTTP/1.1\r\nHost: outturn\r\nConnection: close\r\n\r\n',
    status: 400,
  },
]

describe('malformed requests, on a listening server', () => {
  let server: TestApp
  let port = 0
  before(async () => {
    server = await startTestApp()
    await server.app.listen({ port: 0, host: '127.0.0.1' })
    port = (server.app.server.address() as { port: number }).port
  })
  after(async () => {
    await server.close()
  })

  for (const probe of RAW) {
    it(`answers ${probe.why} with ${probe.status}, ${probe.path.startsWith('/api/') ? 'as JSON' : 'as the GOV.UK error page'}`, async () => {
      const answer = await exchange(port, probe.bytes)
      assert.equal(answer.status, probe.status, answer.body.slice(0, 200))
      assertErrorAnswer(probe.path, probe.status, answer.headers, answer.body, false)
      assert.equal(Buffer.byteLength(answer.body), Number(answer.headers['content-length']))
    })
  }
})

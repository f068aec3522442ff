import { randomBytes } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type nunjucks from 'nunjucks'
import { DomainError, type DomainErrorCode } from '../domain/errors.ts'
import type { App, WebConfig } from './app.ts'
import { contentSecurityHeader } from './content-security.ts'

/** One map from error code to HTTP status, for pages and the API alike. */
const STATUS: Readonly<Record<DomainErrorCode, number>> = {
  'invalid-period': 400,
  'invalid-value': 400,
  'invalid-enum': 400,
  'import-invalid': 400,
  'plan-not-found': 404,
  'not-found': 404,
  forbidden: 403,
  conflict: 409,
}

/**
 * The longest part of an address a route takes (a plan's slug, a theme's name, a reference), after decoding: long
 * enough for the longest name the limits allow even if it were counted percent-encoded, 4-byte characters and all.
 */
export const ROUTE_PARAMETER_LIMIT = 2000

const SERVICE_PROBLEM = 'Sorry, there is a problem with the service'

/** Each status's page: its title, and what to do when the error itself has nothing better to say. */
const ANSWERS: ReadonlyMap<number, { readonly title: string; readonly message: string }> = new Map([
  [400, { title: 'There is a problem with the request', message: 'Go back, reload the page and try again.' }],
  [403, { title: 'You do not have permission to do this', message: 'Ask the performance team if you need to.' }],
  [404, { title: 'Page not found', message: 'If you typed the web address, check it is correct.' }],
  [405, { title: 'Page not found', message: 'If you typed the web address, check it is correct.' }],
  [406, { title: 'There is a problem with the request', message: 'Go back, reload the page and try again.' }],
  [408, { title: 'The request took too long', message: 'Nothing was saved. Check your connection and try again.' }],
  [409, { title: 'That conflicts with what is already held', message: 'Reload the page to see what is held now.' }],
  [
    413,
    {
      title: 'The upload is too large',
      message:
        'The upload is larger than Outturn accepts. Nothing was saved. Split the file into smaller ones and import each.',
    },
  ],
  [
    414,
    {
      title: 'The web address is too long',
      message:
        'Outturn has no page at an address this long. If you typed it, check it; if you followed a link, go back.',
    },
  ],
  [
    415,
    {
      title: 'There is a problem with the request',
      message:
        'The form was sent in a way Outturn does not read. Nothing was saved. Go back, reload the page and send it again.',
    },
  ],
  [
    429,
    {
      title: 'Too many attempts',
      message: 'There have been too many attempts from here. Wait a few minutes, then try again.',
    },
  ],
  [
    431,
    {
      title: 'The request is too large',
      message:
        'The request carried more than Outturn accepts. Clear this site’s cookies in your browser, then try again.',
    },
  ],
  [500, { title: SERVICE_PROBLEM, message: 'Sorry, there is a problem with the service. Try again later.' }],
])

/** The page for a status: a 4xx the table does not name is a problem with the request; anything else, the service's. */
export function errorAnswer(status: number): { title: string; message: string } {
  const answer = ANSWERS.get(status) ?? ANSWERS.get(status >= 400 && status < 500 ? 400 : 500)
  return answer as { title: string; message: string }
}

/** An error's status and the message a person sees: a domain error's own words, otherwise the status's. */
function describe(error: FastifyError): { status: number; message: string } {
  if (error instanceof DomainError) return { status: STATUS[error.code], message: error.message }
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
    return {
      status: 403,
      message: 'The form had expired or did not come from this site. Go back, reload the page and try again.',
    }
  }
  // An address whose part is not one the route knows (a report format, say) is a page that does not exist.
  if (error.validation && error.validationContext === 'params')
    return { status: 404, message: errorAnswer(404).message }
  if (error.validation) return { status: 400, message: `The request is not valid: ${error.message}` }
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500
  return { status, message: errorAnswer(status).message }
}

const UNREADABLE =
  'The form’s data could not be read: it may have been cut off on the way. Nothing was saved. Go back, reload the page and send it again.'

const isApi = (url: string): boolean => url.startsWith('/api/')

/**
 * Maps every error to a status and a page (or JSON for /api). Messages of domain errors are written for users and
 * shown; anything unexpected is logged in full and shown only as "Sorry, there is a problem with the service".
 */
export function registerErrorHandling(app: App, _config: WebConfig): void {
  // Requests whose body was read: an error on a multipart request before then is its body's (busboy's errors carry
  // no status), and means the form could not be read, not that the service failed.
  const bodiesRead = new WeakSet<object>()
  app.addHook('preValidation', (request, _reply, done) => {
    bodiesRead.add(request.raw)
    done()
  })
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const unreadable = !bodiesRead.has(request.raw) && request.isMultipart() && !(error instanceof DomainError)
    const { status, message } = unreadable && !error.statusCode ? { status: 400, message: UNREADABLE } : describe(error)
    if (status >= 500) request.log.error({ err: error }, 'unexpected error')
    if (isApi(request.url)) {
      const code = status >= 500 ? 'internal' : error instanceof DomainError ? error.code : 'request'
      return reply.code(status).send({ error: code, message })
    }
    return reply.page('error.njk', { title: errorAnswer(status).title, message, status }, status)
  })

  app.setNotFoundHandler(async (request, reply) => {
    if (isApi(request.url))
      return reply.code(404).send({ error: 'not-found', message: 'There is nothing at this address.' })
    if (!request.actor && !request.url.startsWith('/assets/'))
      return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303)
    return reply.page('error.njk', { ...errorAnswer(404), status: 404 }, 404)
  })
}

/** A whole response for an error met before the app's hooks: the error page (or JSON for /api) and its headers. */
function bareAnswer(
  views: nunjucks.Environment,
  config: WebConfig,
  status: number,
  path: string,
): { headers: Record<string, string>; body: string } {
  const { title, message } = errorAnswer(status)
  const security = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'cache-control': 'no-store' }
  if (isApi(path)) {
    const body = JSON.stringify({ error: 'request', message: `${title}. ${message}` })
    return { headers: { ...security, 'content-type': 'application/json; charset=utf-8' }, body }
  }
  const nonce = randomBytes(16).toString('hex')
  const body = views.render('error.njk', { title, message, status, actor: null, navigation: [], cspNonce: nonce })
  return {
    headers: {
      ...security,
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': contentSecurityHeader(config.secureCookies, nonce),
    },
    body,
  }
}

/** The status Fastify's router gives an error it meets before any route: an address it cannot decode, or too long. */
function frameworkStatus(error: FastifyError): number {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return 414
  return typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 400
}

/** The address a refused request asked for, read from the bytes Node's parser had when it gave up. */
function requestedPath(raw: unknown): string {
  const text = Buffer.isBuffer(raw) ? raw.subarray(0, 1024).toString('latin1') : ''
  return /^[A-Za-z-]+ (\S+)/.exec(text)?.[1] ?? ''
}

/** The status for a request Node's HTTP parser refused: headers (or an address) too big, a timeout, or malformed. */
function clientErrorStatus(error: NodeJS.ErrnoException): number {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 431
  if (error.code === 'HPE_URI_TOO_LONG') return 414
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408
  return 400
}

/**
 * Fastify's options for the errors it would otherwise answer with its own JSON: an address that is not valid
 * percent-encoding or has a part longer than the route parameter limit (`frameworkErrors`), and a request Node's
 * HTTP parser refuses (`clientErrorHandler`: headers too large, a malformed request line, a timeout). Each gets the
 * GOV.UK error page with its status, or JSON for /api. The route parameter limit holds every name the import
 * accepts, percent-encoded (see domain/limits.ts and its test).
 */
export function errorPageOptions(views: nunjucks.Environment, config: WebConfig) {
  return {
    routerOptions: { maxParamLength: ROUTE_PARAMETER_LIMIT },
    // Node answers a request without a Host header with an empty 400 of its own; the app answers it instead.
    http: { requireHostHeader: false },
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
      const status = frameworkStatus(error)
      const { headers, body } = bareAnswer(views, config, status, request.url)
      void reply.code(status).headers(headers).send(body)
    },
    clientErrorHandler: (error: NodeJS.ErrnoException & { rawPacket?: unknown }, socket: Socket): void => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return
      const status = clientErrorStatus(error)
      const { headers, body } = bareAnswer(views, config, status, requestedPath(error.rawPacket))
      if (socket.writable) {
        const lines = Object.entries({
          ...headers,
          'content-length': String(Buffer.byteLength(body)),
          connection: 'close',
        })
        const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`, ...lines.map(([k, v]) => `${k}: ${v}`)]
        socket.write(`${head.join('\r\n')}\r\n\r\n${body}`)
      }
      socket.destroy(error)
    },
  }
}

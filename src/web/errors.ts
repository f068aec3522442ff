import type { FastifyError } from 'fastify'
import { DomainError, type DomainErrorCode } from '../domain/errors.ts'
import type { App, WebConfig } from './app.ts'

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

const TITLES: Readonly<Record<number, string>> = {
  400: 'There is a problem with the request',
  403: 'You do not have permission to do this',
  404: 'Page not found',
  409: 'That conflicts with what is already held',
  413: 'The upload is too large',
  415: 'There is a problem with the request',
  429: 'Too many attempts',
}

/**
 * Maps every error to a status and a page (or JSON for /api). Messages of domain errors are written for users and
 * shown; anything unexpected is logged in full and shown only as "Sorry, there is a problem with the service".
 */
export function registerErrorHandling(app: App, config: WebConfig): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    let status = 500
    let message = 'Sorry, there is a problem with the service. Try again later.'
    if (error instanceof DomainError) {
      status = STATUS[error.code]
      message = error.message
    } else if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      status = 403
      message = 'The form had expired or did not come from this site. Go back, reload the page and try again.'
    } else if (error.statusCode === 413) {
      status = 413
      message =
        'The upload is larger than Outturn accepts. Nothing was saved. Split the file into smaller ones and import each.'
    } else if (error.statusCode === 429) {
      status = 429
      message = 'There have been too many attempts from here. Wait a few minutes, then try again.'
    } else if (error.validation && error.validationContext === 'params') {
      // An address whose part is not one the route knows (a report format, say) is a page that does not exist.
      status = 404
      message = 'If you typed the web address, check it is correct.'
    } else if (error.validation) {
      status = 400
      message = `The request is not valid: ${error.message}`
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode
      message = TITLES[status] ?? 'There is a problem with the request.'
    }
    if (status >= 500) request.log.error({ err: error }, 'unexpected error')
    if (request.url.startsWith('/api/')) {
      return reply
        .code(status)
        .send({ error: status >= 500 ? 'internal' : error instanceof DomainError ? error.code : 'request', message })
    }
    const title =
      TITLES[status] ??
      (config.production ? 'Sorry, there is a problem with the service' : 'Sorry, there is a problem with the service')
    return reply.page('error.njk', { title, message, status }, status)
  })

  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/'))
      return reply.code(404).send({ error: 'not-found', message: 'There is nothing at this address.' })
    if (!request.actor && !request.url.startsWith('/assets/'))
      return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303)
    return reply.page(
      'error.njk',
      { title: 'Page not found', message: 'If you typed the web address, check it is correct.', status: 404 },
      404,
    )
  })
}

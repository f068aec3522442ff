import { type RequestListener, type Server, createServer } from 'node:http'
import type { ServerLimits } from '../config.ts'

/**
 * The HTTP server with the limits set. Node checks the header and request timeouts on an interval (30 s unless
 * told): it checks at least four times within the shortest, so a slow client is cut off near its limit.
 */
export function limitedServer(limits: ServerLimits): (handler: RequestListener) => Server {
  return (handler) => {
    const server = createServer(
      {
        requestTimeout: limits.requestTimeoutMs,
        headersTimeout: limits.headersTimeoutMs,
        keepAliveTimeout: limits.keepAliveTimeoutMs,
        // A request without a Host header is the app's to answer (400 as the GOV.UK error page), not Node's.
        requireHostHeader: false,
        connectionsCheckingInterval: Math.max(
          50,
          Math.min(30_000, Math.floor(Math.min(limits.requestTimeoutMs, limits.headersTimeoutMs) / 4)),
        ),
      },
      handler,
    )
    server.maxConnections = limits.maxConnections
    return server
  }
}

import { resolve } from 'node:path'

/** Settings read from the environment once, at start-up. The only module that reads process.env. */
export interface Config {
  /** A SQLite file path, ":memory:", or a postgres:// URL. */
  readonly database: string
  /** The port the web app listens on. */
  readonly port: number
  /** The address it binds to: localhost unless told otherwise. */
  readonly host: string
  /** Mark cookies Secure (only sent over HTTPS): on in production, where a proxy terminates TLS. */
  readonly secureCookies: boolean
  /**
   * Which reverse proxies to believe about the client's address and HTTPS (OUTTURN_TRUST_PROXY): unset or "false"
   * for none, "true" for any, a hop count such as "1", or addresses and CIDR ranges such as "127.0.0.1,10.0.0.0/8".
   */
  readonly trustProxy: boolean | number | string
  /** Production hides error detail from pages and logs as JSON. */
  readonly production: boolean
  /** Chromium, for PDF output and the browser tests. */
  readonly chromiumPath: string
  /** The address people reach the site at, for the links in mail (OUTTURN_SITE_URL): http://localhost:PORT if unset. */
  readonly siteUrl: string
  /** The SMTP server mail is sent through (OUTTURN_SMTP_URL, like smtp://user:pass@mail.example:587); null keeps mail in the outbox. */
  readonly smtpUrl: string | null
  /** The sender of Outturn's mail (OUTTURN_MAIL_FROM). */
  readonly mailFrom: string
  /**
   * The key backups are signed with and restores verify (OUTTURN_BACKUP_KEY, 32 characters or more, like the
   * output of `openssl rand -hex 32`); null leaves backups unsigned.
   */
  readonly backupKey: string | null
  /** How long the server waits on a client, and how many it serves at once (OUTTURN_*_TIMEOUT_MS, OUTTURN_MAX_CONNECTIONS). */
  readonly serverLimits: ServerLimits
}

/**
 * How long the server waits on a client, and how many it serves at once: a client that sends its headers or body
 * slowly, or holds connections open, is cut off rather than tying the server up (a "slowloris").
 */
export interface ServerLimits {
  /** The whole request, headers and body, must arrive within this (large uploads included). */
  readonly requestTimeoutMs: number
  /** The headers must arrive within this. */
  readonly headersTimeoutMs: number
  /** An idle kept-alive connection is closed after this. */
  readonly keepAliveTimeoutMs: number
  /** Connections beyond this many at once are refused. */
  readonly maxConnections: number
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  requestTimeoutMs: 120_000,
  headersTimeoutMs: 20_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
}

export const DEFAULT_DATABASE = './data/outturn.sqlite'

/** Reads and checks the settings; a bad value stops start-up with a message saying what to set. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const database = env.OUTTURN_DATABASE?.trim()
  const portText = env.PORT?.trim() ?? ''
  const port = portText === '' ? 3000 : Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${portText}".`)
  }
  const production = env.NODE_ENV === 'production'
  return {
    database: database && database !== '' ? database : DEFAULT_DATABASE,
    port,
    host: env.HOST?.trim() || 'localhost',
    secureCookies: env.OUTTURN_SECURE_COOKIES ? env.OUTTURN_SECURE_COOKIES === 'true' : production,
    production,
    trustProxy: readTrustProxy(env.OUTTURN_TRUST_PROXY?.trim() ?? ''),
    chromiumPath: env.OUTTURN_CHROMIUM?.trim() || '/usr/bin/chromium',
    siteUrl: readSiteUrl(env.OUTTURN_SITE_URL?.trim() ?? '', port),
    smtpUrl: readSmtpUrl(env.OUTTURN_SMTP_URL?.trim() ?? ''),
    mailFrom: env.OUTTURN_MAIL_FROM?.trim() || 'Outturn <outturn@localhost>',
    backupKey: readBackupKey(env.OUTTURN_BACKUP_KEY ?? ''),
    serverLimits: {
      requestTimeoutMs: readWhole(env, 'OUTTURN_REQUEST_TIMEOUT_MS', DEFAULT_SERVER_LIMITS.requestTimeoutMs),
      headersTimeoutMs: readWhole(env, 'OUTTURN_HEADERS_TIMEOUT_MS', DEFAULT_SERVER_LIMITS.headersTimeoutMs),
      keepAliveTimeoutMs: readWhole(env, 'OUTTURN_KEEP_ALIVE_TIMEOUT_MS', DEFAULT_SERVER_LIMITS.keepAliveTimeoutMs),
      maxConnections: readWhole(env, 'OUTTURN_MAX_CONNECTIONS', DEFAULT_SERVER_LIMITS.maxConnections),
    },
  }
}

/** A whole number of 1 or more from the environment, or the default when it is not set. */
function readWhole(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]?.trim() ?? ''
  if (text === '') return fallback
  const value = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number of 1 or more, not "${text}".`)
  return value
}

/** The shortest backup key accepted: 32 characters, as many as the 256-bit HMAC it keys when written in hex. */
export const BACKUP_KEY_MINIMUM = 32

function readBackupKey(text: string): string | null {
  if (text.trim() === '') return null
  if (text.length < BACKUP_KEY_MINIMUM)
    throw new Error(
      `OUTTURN_BACKUP_KEY must be at least ${BACKUP_KEY_MINIMUM} characters (make one with "openssl rand -hex 32"), not ${text.length}.`,
    )
  return text
}

function readSiteUrl(text: string, port: number): string {
  if (text === '') return `http://localhost:${port}`
  if (!/^https?:\/\/[^/\s]+(\/[^\s]*)?$/i.test(text))
    throw new Error(`OUTTURN_SITE_URL must be the site's address, like https://outturn.example.gov.uk, not "${text}".`)
  return text.replace(/\/+$/, '')
}

function readSmtpUrl(text: string): string | null {
  if (text === '') return null
  if (!/^smtps?:\/\/[^\s/]+(\/[^\s]*)?$/i.test(text))
    throw new Error(
      `OUTTURN_SMTP_URL must be an SMTP server's address, like smtp://mail.example.gov.uk:587, not "${text}".`,
    )
  return text
}

function readTrustProxy(text: string): boolean | number | string {
  if (text === '' || text === 'false') return false
  if (text === 'true') return true
  if (/^\d+$/.test(text)) return Number(text)
  return text
}

/** A SQLite path is taken relative to the working directory; a URL is left alone. */
export function resolveDatabase(location: string): string {
  return /^[a-z]+:\/\//i.test(location) || location === ':memory:' ? location : resolve(location)
}

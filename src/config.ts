import { resolve } from 'node:path'

/** Settings read from the environment once, at start-up. The only module that reads process.env. */
export interface Config {
  /** A SQLite file path, ":memory:", or a postgres:// URL. */
  readonly database: string
}

export const DEFAULT_DATABASE = './data/outturn.sqlite'

/** Reads and checks the settings. `OUTTURN_DATABASE` names the database; a CLI option overrides it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const database = env.OUTTURN_DATABASE?.trim()
  return { database: database && database !== '' ? database : DEFAULT_DATABASE }
}

/** A SQLite path is taken relative to the working directory; a URL is left alone. */
export function resolveDatabase(location: string): string {
  return /^[a-z]+:\/\//i.test(location) || location === ':memory:' ? location : resolve(location)
}

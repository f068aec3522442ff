#!/usr/bin/env node
// The command line, as built into dist/ by `npm ci` (or `npm run build`).
import { existsSync } from 'node:fs'
import process from 'node:process'
import { URL } from 'node:url'

const cli = new URL('../dist/cli.js', import.meta.url)
if (!existsSync(cli)) {
  process.stderr.write('outturn: the command line is not built yet. Run `npm ci` (or `npm run build`) first.\n')
  process.exit(1)
}
await import(cli.href)

// The loader hook of module-log-preload.js: runs on Node's loader thread and appends each ES module's URL as it loads.
import { appendFileSync } from 'node:fs'

let file = ''

export function initialize(data) {
  file = data.file
}

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:')) appendFileSync(file, `${url}\n`)
  return nextLoad(url, context)
}

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * What a process loaded, from the log module-log-preload.js kept: the packages (bundled into the files of dist/ it loaded,
 * by dist/bundle-contents.json, which the build writes from esbuild's metafile; or loaded from node_modules) and the
 * src/ modules bundled into those files.
 */
export interface Loaded {
  readonly packages: ReadonlySet<string>
  readonly sources: ReadonlySet<string>
  readonly files: readonly string[]
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const MODULE_LOG_PRELOAD = fileURLToPath(new URL('./module-log-preload.js', import.meta.url))

export function readModuleLog(logFile: string): Loaded {
  const contents = JSON.parse(readFileSync(`${ROOT}dist/bundle-contents.json`, 'utf8')) as Record<
    string,
    { packages: string[]; sources: string[] }
  >
  const files = [
    ...new Set(
      readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => (line.startsWith('file:') ? fileURLToPath(line) : line)),
    ),
  ]
  const packages = new Set<string>()
  const sources = new Set<string>()
  for (const file of files) {
    const inNodeModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1]
    if (inNodeModules !== undefined) packages.add(inNodeModules)
    else if (file.startsWith(`${ROOT}dist/`)) {
      const bundled = contents[file.slice(`${ROOT}dist/`.length)]
      for (const name of bundled?.packages ?? []) packages.add(name)
      for (const source of bundled?.sources ?? []) sources.add(source)
    }
  }
  return { packages, sources, files }
}

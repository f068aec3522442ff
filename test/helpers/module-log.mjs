// Preloaded into a process a test starts (node --import ./test/helpers/module-log.mjs ...): appends to the file named
// by OUTTURN_MODULE_LOG every file the process loads, ES modules through a loader hook and CommonJS (the native
// add-ons the bundle requires) through Module._load, each as it loads. test/helpers/module-log.ts reads it.
import { appendFileSync } from 'node:fs'
import Module, { register } from 'node:module'

const file = process.env.OUTTURN_MODULE_LOG
if (file) {
  register('./module-log-hooks.mjs', import.meta.url, { data: { file } })
  // eslint-disable-next-line no-underscore-dangle -- Node's own hook for require(); there is no public one on Node 20
  const load = Module._load
  // eslint-disable-next-line no-underscore-dangle
  Module._load = function (request, parent, isMain) {
    try {
      // eslint-disable-next-line no-underscore-dangle
      appendFileSync(file, `${Module._resolveFilename(request, parent, isMain)}\n`)
    } catch {
      // a built-in module, or one that fails to resolve: require() reports that itself
    }
    return load.apply(this, [request, parent, isMain])
  }
}

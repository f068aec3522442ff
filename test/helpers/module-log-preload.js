// Preloaded into a process a test starts (node --import ./test/helpers/module-log-preload.js ...): appends to the file named
// by OUTTURN_MODULE_LOG every file the process loads, ES modules through a loader hook and CommonJS (the native
// add-ons the bundle requires) through Module._load, each as it loads. test/helpers/module-log.ts reads it.
import { appendFileSync } from 'node:fs'
import Module, { register } from 'node:module'
import process from 'node:process'

const file = process.env.OUTTURN_MODULE_LOG
if (file) {
  register('./module-log-hooks.js', import.meta.url, { data: { file } })

  const load = Module._load

  Module._load = function (request, parent, isMain) {
    try {
      appendFileSync(file, `${Module._resolveFilename(request, parent, isMain)}\n`)
    } catch {
      // a built-in module, or one that fails to resolve: require() reports that itself
    }
    return load.apply(this, [request, parent, isMain])
  }
}

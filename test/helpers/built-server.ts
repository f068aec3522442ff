import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { after } from 'node:test'
import { fileURLToPath } from 'node:url'

/**
 * The built web server (dist/server.js, what `npm start` runs) as a process of its own on a free port, for the test
 * of the build (test/build/built-server.cli.test.ts) and the start-up benchmark (scripts/bench/startup.ts). It runs
 * in `cwd` on the SQLite file `database`: an empty one loads the demo, as a first `npm start` does.
 */
/**
 * The servers still running: a test that fails part-way must not leave its server up, holding the test file open
 * until the run's time-out, so whatever is left is killed once the file's tests are done.
 */
const running = new Set<ChildProcess>()
after(() => {
  for (const child of running) child.kill('SIGKILL')
})

export const BUILT_SERVER = fileURLToPath(new URL('../../dist/server.js', import.meta.url))

export interface BuiltServer {
  readonly child: ChildProcess
  /** http://127.0.0.1:port */
  readonly base: string
  /** Everything it has written so far, standard output and error together. */
  output(): string
  /** Sends SIGTERM (if it is still running) and waits for it to exit; its exit code. */
  stop(): Promise<number | null>
}

/** A port no one is listening on just now. */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const address = probe.address()
  probe.close()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/**
 * Starts dist/server.js and waits until it says it is running (a minute at most). `nodeOptions` go before the
 * script (a preload, say); `env` is added to this process's environment.
 */
export async function startBuiltServer(options: {
  readonly cwd: string
  readonly database: string
  readonly nodeOptions?: readonly string[]
  readonly env?: Readonly<Record<string, string>>
}): Promise<BuiltServer> {
  const port = await freePort()
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), BUILT_SERVER], {
    cwd: options.cwd,
    env: {
      ...process.env,
      ...options.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      OUTTURN_DATABASE: options.database,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const stop = async (): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    const [code] = (await exited) as [number | null]
    return code
  }
  const deadline = Date.now() + 60_000
  while (!output.includes('Outturn is running')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop()
      throw new Error(`The built server (${join('dist', 'server.js')}) did not start:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return { child, base: `http://127.0.0.1:${port}`, output: () => output, stop }
}

/**
 * The web app as `npm start` runs it, in a process of its own so that its memory is its own and the load generator
 * does not share its event loop. Started by the benchmark with fork(): it opens the database named on the command
 * line, listens on a free port on 127.0.0.1, sends `{ port }` to its parent, and answers `rss` with its resident
 * memory.
 */
import { openServices } from '../../src/services/index.ts'
import { buildApp } from '../../src/web/app.ts'

const location = process.argv[2]
if (!location || !process.send) throw new Error('Run by scripts/bench.ts: server.ts <database>')
const send = process.send.bind(process)

const { services, close } = await openServices(location)
const app = await buildApp({ services, config: { secureCookies: false, production: true, logger: false } })
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
const port = typeof address === 'object' && address ? address.port : 0

process.on('message', (message) => {
  if (message === 'rss') send({ rss: process.memoryUsage().rss })
  if (message === 'stop') {
    void app
      .close()
      .then(close)
      .then(() => process.exit(0))
  }
})
send({ port })

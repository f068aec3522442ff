/**
 * A bare Fastify server, with no plugins or hooks, for the benchmark's ceiling: how fast this machine and autocannon
 * can move a response of a given size at all. `/hello` answers "ok"; `/bytes/:n` answers n bytes of HTML-like text
 * made once. Started by the benchmark with fork(): it sends `{ port }` to its parent and stops on "stop".
 */
import Fastify from 'fastify'

const app = Fastify({ logger: false })
const bodies = new Map<number, Buffer>()

function bodyOf(size: number): Buffer {
  let body = bodies.get(size)
  if (!body) {
    body = Buffer.alloc(size, '<td class="govuk-table__cell">57.59%</td>\n')
    bodies.set(size, body)
  }
  return body
}

app.get('/hello', async (_request, reply) => reply.type('text/plain; charset=utf-8').send('ok'))
app.get<{ Params: { n: string } }>('/bytes/:n', async (request, reply) =>
  reply.type('text/html; charset=utf-8').send(bodyOf(Math.min(50_000_000, Math.max(0, Number(request.params.n))))),
)

await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
const send = process.send?.bind(process)
if (!send) throw new Error('Run by scripts/bench.ts')
process.on('message', (message) => {
  if (message === 'stop') void app.close().then(() => process.exit(0))
})
send({ port: typeof address === 'object' && address ? address.port : 0 })

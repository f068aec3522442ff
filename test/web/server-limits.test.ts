import assert from 'node:assert/strict'
import { once } from 'node:events'
import { type Socket, connect } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { DEFAULT_SERVER_LIMITS, loadConfig } from '../../src/config.ts'
import { type App, buildApp } from '../../src/web/app.ts'
import { type TestApp, startTestApp } from './harness.ts'

/** A real server on loopback with short limits, and clients that misbehave as an attacker's would. */
let t: TestApp
let app: App
let port = 0
before(async () => {
  t = await startTestApp()
  app = await buildApp({
    services: t.services,
    config: {
      secureCookies: false,
      production: false,
      serverLimits: { requestTimeoutMs: 1_000, headersTimeoutMs: 400, keepAliveTimeoutMs: 300, maxConnections: 3 },
    },
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  port = typeof address === 'object' && address ? address.port : 0
})
after(async () => {
  await app.close()
  await t.close()
})

async function opened(): Promise<Socket> {
  const socket = connect(port, '127.0.0.1')
  await once(socket, 'connect')
  return socket
}

/** What the server sent before it closed the connection, or null if it kept it open past the deadline. */
async function untilClosed(socket: Socket, deadlineMs: number): Promise<string | null> {
  let received = ''
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()))
  socket.on('error', () => undefined)
  const closed = once(socket, 'close').then(() => received)
  const late = new Promise<null>((resolve) =>
    setTimeout(() => {
      resolve(null)
    }, deadlineMs).unref(),
  )
  const outcome = await Promise.race([closed, late])
  socket.destroy()
  return outcome
}

describe('the server’s limits on slow and greedy clients', () => {
  it('cuts off a client that never finishes its headers', async () => {
    const socket = await opened()
    socket.write('GET /health HTTP/1.1\r\nHost: outturn.example\r\nX-Slow: ')
    const said = await untilClosed(socket, 10_000)
    assert.notEqual(said, null, 'the connection was closed')
    assert.match(said ?? '', /^(HTTP\/1\.1 408|$)/, 'with a 408, or simply closed')
  })

  it('cuts off a client that sends its body slower than the request timeout allows', async () => {
    const socket = await opened()
    socket.write(
      'POST /sign-in HTTP/1.1\r\nHost: outturn.example\r\nContent-Type: application/x-www-form-urlencoded\r\n',
    )
    socket.write('Content-Length: 100000\r\n\r\nemail=')
    const drip = setInterval(() => socket.write('a'), 100)
    const said = await untilClosed(socket, 10_000)
    clearInterval(drip)
    assert.notEqual(said, null, 'the connection was closed, though the client kept sending')
  })

  it('closes a kept-alive connection left idle', async () => {
    const socket = await opened()
    socket.write('GET /health HTTP/1.1\r\nHost: outturn.example\r\n\r\n')
    const said = await untilClosed(socket, 10_000)
    assert.match(said ?? '', /^HTTP\/1\.1 200/, 'the request was answered, then the idle connection closed')
  })

  it('refuses connections beyond the cap, and serves again once they go', async () => {
    const held = await Promise.all([opened(), opened(), opened()])
    await new Promise((resolve) => setTimeout(resolve, 50))
    const extra = await opened()
    extra.write('GET /health HTTP/1.1\r\nHost: outturn.example\r\n\r\n')
    assert.equal(await untilClosed(extra, 5_000), '', 'closed unanswered')
    for (const socket of held) socket.destroy()
    await new Promise((resolve) => setTimeout(resolve, 100))
    const response = await fetch(`http://127.0.0.1:${port}/health`)
    assert.equal(response.status, 200)
  })
})

describe('the server’s limits from the environment', () => {
  it('defaults each, reads whole numbers, and refuses anything else naming the variable', () => {
    assert.deepEqual(loadConfig({}).serverLimits, DEFAULT_SERVER_LIMITS)
    assert.deepEqual(
      loadConfig({ OUTTURN_HEADERS_TIMEOUT_MS: '5000', OUTTURN_MAX_CONNECTIONS: ' 200 ' }).serverLimits,
      { ...DEFAULT_SERVER_LIMITS, headersTimeoutMs: 5000, maxConnections: 200 },
    )
    for (const bad of ['0', '-1', '1.5', 'ten', '1e3'])
      assert.throws(
        () => loadConfig({ OUTTURN_REQUEST_TIMEOUT_MS: bad }),
        new RegExp(
          `^Error: OUTTURN_REQUEST_TIMEOUT_MS must be a whole number of 1 or more, not "${bad.replace('.', '\\.')}"\\.$`,
        ),
      )
  })
})

import { loadConfig, resolveDatabase } from '../config.ts'
import { DEMO_PERIOD, DEMO_PLAN, openServices } from '../services/index.ts'
import { createSmtpSender } from '../services/mail/smtp-sender.ts'
import { buildApp } from './app.ts'

/**
 * Starts Outturn: opens the database (migrating it), loads the demo plan and sign-ins into an empty database,
 * and serves the web app. The only place besides the CLI that opens a database or a port.
 */
async function main(): Promise<void> {
  const config = loadConfig()
  const location = resolveDatabase(config.database)
  const { services, close } = await openServices(location, {
    siteUrl: config.siteUrl,
    mailSending: config.smtpUrl !== null,
  })

  if ((await services.plans.list()).length === 0 && (await services.auth.countUsers()) === 0) {
    process.stdout.write(`An empty database: loading the demo plan "${DEMO_PLAN}"...\n`)
    await services.demo.loadPlan('system:demo')
    const users = await services.demo.createUsers()
    await services.demo.openRound('system:demo')
    process.stdout.write(
      `Demo sign-ins (one per role):\n${users.map((u) => `  ${u.role.padEnd(8)} ${u.email}  password: ${u.password}`).join('\n')}\n`,
    )
  }

  const app = await buildApp({
    services,
    config: {
      secureCookies: config.secureCookies,
      production: config.production,
      trustProxy: config.trustProxy,
      logger: config.production,
      chromiumPath: config.chromiumPath,
      serverLimits: config.serverLimits,
    },
  })
  // With no SMTP server set, mail waits in the outbox (admins see it on the Outbox page) and nothing is dropped.
  const sender = config.smtpUrl ? createSmtpSender(config.smtpUrl, config.mailFrom, config.siteUrl) : null
  const worker = sender ? services.outbox.worker(sender) : null
  const shutdown = async (): Promise<void> => {
    await worker?.stop()
    sender?.close()
    await app.close()
    await close()
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown())
  process.once('SIGTERM', () => void shutdown())

  await app.listen({ port: config.port, host: config.host })
  const address = `http://${config.host}:${config.port}`
  worker?.start()
  // Said before "running", which is the line scripts (and the tests) wait for.
  process.stdout.write(
    worker ? 'Sending mail through the SMTP server set.\n' : 'No SMTP server set: mail is kept in the outbox.\n',
  )
  process.stdout.write(
    `Outturn is running at ${address} (database: ${location.startsWith('postgres') ? 'PostgreSQL' : location})\n`,
  )
  process.stdout.write(`Open ${address}/plans to see the ${DEMO_PERIOD} dashboard. Press Ctrl+C to stop.\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`Outturn could not start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})

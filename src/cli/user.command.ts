import { randomBytes } from 'node:crypto'
import type { Command } from 'commander'
import { ROLES, ROLE_NAMES } from '../domain/access.ts'
import type { RunWithServices } from './index.ts'

export function registerUser(program: Command, withServices: RunWithServices): void {
  const user = program.command('user').description('Manage users: add one, assign an indicator to an owner, list them')

  user
    .command('add')
    .description(`Add a user. Roles: ${ROLES.map((r) => `${r} (${ROLE_NAMES[r]})`).join(', ')}`)
    .requiredOption('--email <email>', 'their email address, used to sign in')
    .requiredOption('--name <name>', 'their name, as shown in the audit trail')
    .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`)
    .option('--password <password>', 'at least 12 characters; if left out, one is generated and printed once')
    .action(async (options: { email: string; name: string; role: string; password?: string }) => {
      const password = options.password ?? randomBytes(12).toString('base64url')
      await withServices(async (context) => {
        const added = await context.services.auth.addUser({ ...options, password })
        context.out(`Added ${added.name} <${added.email}> as ${ROLE_NAMES[added.role]}.`)
        if (options.password === undefined)
          context.out(`Their password is: ${password}\nGive it to them securely; it is not shown again.`)
      })
    })

  user
    .command('assign')
    .description('Make a user the owner of an indicator, so they can enter its figures and exception reports')
    .requiredOption('--email <email>', 'the user')
    .requiredOption('--indicator <ref>', 'the indicator reference, such as "LCA 2"')
    .option('--plan <name>', 'the plan, when more than one plan has that reference')
    .action(async (options: { email: string; indicator: string; plan?: string }) => {
      await withServices(async (context) => {
        const result = await context.services.auth.assign(options.email, options.indicator, options.plan)
        context.out(
          result.added
            ? `${options.email} now owns ${options.indicator} in "${result.plan}".`
            : `${options.email} already owns ${options.indicator} in "${result.plan}".`,
        )
      })
    })

  user
    .command('list')
    .description('List the users')
    .action(async () => {
      await withServices(async (context) => {
        const users = await context.services.auth.listUsers()
        context.out(
          users.length === 0 ? 'No users yet.' : users.map((u) => `${u.email}\t${u.name}\t${u.role}`).join('\n'),
        )
      })
    })
}

import { DomainError } from '../domain/errors.ts'
import { randomBytes } from 'node:crypto'
import type { Command } from 'commander'
import { ROLES, ROLE_NAMES } from '../domain/access/access.ts'
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
    .description(
      'Make a user responsible for an indicator (figures, exception reports), a priority, action or milestone (its status) or a risk treatment (its progress)',
    )
    .requiredOption('--email <email>', 'the user')
    .option('--indicator <ref>', 'an indicator reference, such as "LCA 2"')
    .option('--item <ref>', 'a priority, action or milestone reference, such as "CSP 1"')
    .option('--treatment <ref>', 'a risk treatment reference, such as "R1.1"')
    .option('--plan <name>', 'the plan, when more than one plan has that reference')
    .action(
      async (options: { email: string; indicator?: string; item?: string; treatment?: string; plan?: string }) => {
        const chosen = (
          [
            ['indicator', options.indicator],
            ['item', options.item],
            ['treatment', options.treatment],
          ] as const
        ).filter(([, ref]) => ref !== undefined)
        const [first] = chosen
        if (chosen.length !== 1 || first === undefined || first[1] === undefined)
          throw new DomainError('invalid-value', 'Give exactly one of --indicator, --item or --treatment.')
        const [kind, ref] = [first[0], first[1]]
        await withServices(async (context) => {
          const result = await context.services.auth.assign(options.email, ref, options.plan, kind)
          context.out(
            result.added
              ? `${options.email} is now responsible for ${ref} in "${result.plan}".`
              : `${options.email} is already responsible for ${ref} in "${result.plan}".`,
          )
        })
      },
    )

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

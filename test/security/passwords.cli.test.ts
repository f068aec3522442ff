import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { createTestDatabase } from '../helpers/databases.ts'

/**
 * The password rules where `outturn user add` sets a password (the built command line, as its own process);
 * passwords.routes.test.ts checks the rules themselves and the users page.
 */

describe('setting a password with outturn user add', () => {
  const BIN = fileURLToPath(new URL('../../bin/outturn.js', import.meta.url))
  const run = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(process.execPath, [BIN, ...args], (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
      })
    })

  it('refuses a common password and the email, accepts a long passphrase, and generates one that passes', async () => {
    const database = createTestDatabase('sqlite')
    try {
      const add = (email: string, password?: string) =>
        run([
          'user',
          'add',
          '--database',
          database.location,
          '--email',
          email,
          '--name',
          'A user',
          '--role',
          'viewer',
          ...(password === undefined ? [] : ['--password', password]),
        ])
      const common = await add('one@outturn.example', 'QwertyQwerty')
      assert.notEqual(common.code, 0)
      assert.match(common.stderr, /most commonly used/)
      const email = await add('two@outturn.example', 'two@outturn.example')
      assert.notEqual(email.code, 0)
      assert.match(email.stderr, /email address or name/)
      const good = await add('three@outturn.example', 'purple tractor umbrella')
      assert.equal(good.code, 0, good.stderr)
      const generated = await add('four@outturn.example')
      assert.equal(generated.code, 0, generated.stderr)
      assert.match(generated.stdout, /Their password is: \S{12,}/)
      const list = await run(['user', 'list', '--database', database.location])
      assert.match(list.stdout, /three@outturn\.example/)
      assert.doesNotMatch(list.stdout, /one@outturn\.example|two@outturn\.example/)
    } finally {
      await database.drop()
    }
  })
})

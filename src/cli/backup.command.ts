import { type Command, Option } from 'commander'
import type { BackupFormat } from '../services/index.ts'
import type { RunWithServices } from './index.ts'

const count = (n: number): string => n.toLocaleString('en-GB')

/** OUTTURN_BACKUP_KEY, read when a backup command runs (never by --help). */
async function backupKey(): Promise<string | null> {
  const { loadConfig } = await import('../config.ts')
  return loadConfig().backupKey
}

/** `outturn backup` and `outturn restore`: the whole database to a file and back, on either database. */
export function registerBackup(program: Command, withServices: RunWithServices): void {
  program
    .command('backup')
    .description(
      'Back up everything held (plans, figures, audit trail, users; not sign-in sessions) to a file; safe while the server runs',
    )
    .requiredOption('--out <file>', 'the backup file to write')
    .addOption(
      new Option(
        '--format <format>',
        'portable (restores into SQLite or PostgreSQL) or sqlite (a copy of a SQLite file)',
      )
        .choices(['portable', 'sqlite'])
        .default('portable'),
    )
    .action(async (options: { out: string; format: BackupFormat }) => {
      await withServices(async (context) => {
        const key = await backupKey()
        const summary = await context.services.backups.backup(options.out, options.format, { key })
        const signed = summary.signed
          ? ', signed with OUTTURN_BACKUP_KEY'
          : key !== null
            ? ', not signed: only the portable format carries a signature'
            : ''
        context.out(
          `Backed up ${count(summary.rows)} rows in ${summary.tables} tables (schema ${summary.migration}) to ${summary.file} ` +
            `(${count(Math.ceil(summary.bytes / 1024))} KB, ${summary.format}${signed}).`,
        )
      })
    })

  program
    .command('restore')
    .description('Restore a backup (either format) into this database, all or nothing; it must be empty unless --force')
    .argument('<file>', 'the backup file')
    .option('--force', 'replace everything the database holds with the backup')
    .option('--allow-unsigned', 'with OUTTURN_BACKUP_KEY set, restore a backup that carries no signature all the same')
    .action(async (file: string, options: { force?: boolean; allowUnsigned?: boolean }) => {
      await withServices(async (context) => {
        const summary = await context.services.backups.restore(file, {
          replace: options.force === true,
          key: await backupKey(),
          allowUnsigned: options.allowUnsigned === true,
        })
        context.out(
          `Restored ${count(summary.rows)} rows in ${summary.tables} tables (schema ${summary.migration}) from ${summary.file}.` +
            (summary.verified ? ' Its signature was verified with OUTTURN_BACKUP_KEY.' : '') +
            `${options.force ? ' Everything the database held before was replaced.' : ''} Sign-in sessions are not restored: everyone signs in again.`,
        )
      })
    })
}

import { createHmac, timingSafeEqual } from 'node:crypto'
import { DomainError } from '../domain/errors.ts'
import type { BackupHeader } from './backup.service.ts'

/*
 * Signed backups. The checksum in a backup's header finds damage, not deliberate edits: anyone who changes the file
 * can write a new checksum. A signature is an HMAC-SHA256 keyed with OUTTURN_BACKUP_KEY, which only the operator
 * holds, so an edit made without the key is found on restore.
 */

/** The key a backup is signed and verified with (OUTTURN_BACKUP_KEY), or null when none is set. */
export interface BackupKey {
  readonly key?: string | null
}

export interface RestoreOptions extends BackupKey {
  readonly replace: boolean
  /** With a key set, restore a backup that carries no signature all the same (the operator trusts where it came from). */
  readonly allowUnsigned?: boolean
}

/** What a signature covers: every field of the header but the signature, the checksum (so the body) among them. */
export function signatureOf(header: BackupHeader, key: string): string {
  const fields = [
    header.format,
    header.formatVersion,
    header.migration,
    header.createdAt,
    header.source,
    header.checksum,
  ]
  return `hmac-sha256:${createHmac('sha256', key).update(JSON.stringify(fields)).digest('hex')}`
}

/**
 * Whether a portable backup may be restored with the key given: a signed one only with the key it was signed
 * with; an unsigned one, when a key is set, only if the operator says so.
 */
export function checkSignature(header: BackupHeader, file: string, options: RestoreOptions): boolean {
  const key = options.key ?? null
  if (header.signature === undefined) {
    if (key !== null && options.allowUnsigned !== true)
      throw new DomainError(
        'invalid-value',
        `${file} is not signed, and OUTTURN_BACKUP_KEY is set, so it cannot be shown to be unchanged. Nothing was restored. Add --allow-unsigned to restore it if you trust where it came from.`,
      )
    return false
  }
  if (key === null)
    throw new DomainError(
      'invalid-value',
      `${file} is signed: set OUTTURN_BACKUP_KEY to the key it was made with, then restore it. Nothing was restored.`,
    )
  const expected = Buffer.from(signatureOf(header, key))
  const given = Buffer.from(header.signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new DomainError(
      'invalid-value',
      `${file}'s signature does not verify with OUTTURN_BACKUP_KEY: it was changed after it was made, or made with another key. Nothing was restored.`,
    )
  return true
}

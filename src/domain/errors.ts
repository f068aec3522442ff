/** Every error the engine can raise, by code, so the CLI and web map them to one message and status. */
export type DomainErrorCode =
  | 'invalid-period'
  | 'invalid-value'
  | 'invalid-enum'
  | 'plan-not-found'
  | 'import-invalid'
  | 'not-found'
  | 'forbidden'
  | 'conflict'

/** An error a user can act on: its message says what was wrong and what is accepted. */
export class DomainError extends Error {
  readonly code: DomainErrorCode

  constructor(code: DomainErrorCode, message: string) {
    super(message)
    this.name = 'DomainError'
    this.code = code
  }
}

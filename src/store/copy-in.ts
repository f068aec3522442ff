/**
 * The rows of a `COPY table (columns) FROM STDIN` statement, in COPY's text format, given as that statement's only
 * parameter to Kysely's `executeQuery`. PostgreSQL's fastest way in for bulk writes, which neither pg nor Kysely
 * can send through a parameterised query: the pool in postgres.ts hands it to pg-copy-streams on the same
 * connection, so it runs inside the caller's transaction. The chunks are produced as the server takes them.
 */
export class CopyIn {
  constructor(readonly chunks: Iterable<string>) {}
}

/** What the audit trail says about who made a change. */
export interface ActorOfChange {
  /** The user's address, "cli:<account>" for the command line, or "system:<job>" for Outturn itself. */
  readonly actor: string
  /** "web", "import:<file>", "round", "sign-off", ... */
  readonly source: string
  /** The user's name, where the actor is a user's address. */
  readonly actorName?: string
}

/** Outturn's own jobs, as the trail names them. */
const SYSTEM_ACTORS: ReadonlyMap<string, string> = new Map([['demo', 'Demo data']])

function person(change: ActorOfChange): string {
  if (change.actorName) return change.actorName
  if (change.actor.startsWith('cli:')) {
    const account = change.actor.slice('cli:'.length)
    return account ? `${account} (command line)` : 'the command line'
  }
  return change.actor
}

/**
 * Who made a change, in words for the audit trail: a person's name (their address where they are no longer a user),
 * "Demo data" for the demo's own figures, and "Import by <who> (<file>)" for anything an import wrote.
 */
export function actorText(change: ActorOfChange): string {
  if (change.actor.startsWith('system:')) {
    const job = change.actor.slice('system:'.length)
    return SYSTEM_ACTORS.get(job) ?? `Outturn (${job || 'automatic'})`
  }
  if (change.source.startsWith('import:')) {
    const file = change.source.slice('import:'.length)
    return `Import by ${person(change)}${file ? ` (${file})` : ''}`
  }
  return person(change)
}

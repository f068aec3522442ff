/**
 * Who may do what. The roles match how councils divide the work: the performance team runs the framework,
 * indicator owners (service managers, partners) report on their own indicators, members and others read.
 */
export const ROLES = ['admin', 'officer', 'owner', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  admin: 'Administrator',
  officer: 'Performance officer',
  owner: 'Indicator owner',
  viewer: 'Viewer',
}

/** A signed-in person, as the rules need them. */
export interface Actor {
  readonly id: number
  readonly email: string
  readonly name: string
  readonly role: Role
}

export type Permission =
  /** Read dashboards, reports and indicator pages. */
  | 'read'
  /** Enter figures, commentary and exception reports for an indicator. */
  | 'enter-data'
  /** Set a management assessment (a status that overrides the computed one). */
  | 'assess'
  /** Edit definitions and targets. */
  | 'edit-framework'
  /** Import plans from files. */
  | 'import'
  /** Create users and assign owners. */
  | 'manage-users'
  /** Sign off a period once it is reported to committee (locking it), and unlock it with a reason. */
  | 'lock-period'
  /** Open a reporting round, approve or send back returns, and chase those with something outstanding. */
  | 'approve-returns'
  /** Change a signed-off period's figures, targets, statuses, commentary or exception reports, giving a reason. */
  | 'revise-signed-off'

/**
 * Whether an actor may do something. For data entry on an indicator, `ownsIndicator` says whether the indicator is
 * assigned to them: an owner may enter data only for their own indicators; officers and admins for any.
 */
export function can(actor: Pick<Actor, 'role'>, permission: Permission, ownsIndicator = false): boolean {
  switch (permission) {
    case 'read':
      return true
    case 'enter-data':
      return actor.role === 'admin' || actor.role === 'officer' || (actor.role === 'owner' && ownsIndicator)
    case 'assess':
    case 'edit-framework':
    case 'import':
    case 'lock-period':
    case 'approve-returns':
    case 'revise-signed-off':
      return actor.role === 'admin' || actor.role === 'officer'
    case 'manage-users':
      return actor.role === 'admin'
  }
}

/** The name of a plan as it appears in web addresses: "Trafford ADP 2013/14" becomes trafford-adp-2013-14. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return slug === '' ? 'plan' : slug
}

/** Reads a role name, accepting the long names too ("performance officer"). */
export function parseRole(text: string): Role {
  const normalised = text.trim().toLowerCase()
  const found = ROLES.find((role) => role === normalised || ROLE_NAMES[role].toLowerCase() === normalised)
  if (found === undefined) throw new RangeError(`"${text}" is not a role. Use one of: ${ROLES.join(', ')}.`)
  return found
}

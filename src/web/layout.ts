import type { FastifyRequest } from 'fastify'
import { can } from '../domain/access/access.ts'
import { paths } from './paths.ts'

export interface NavigationItem {
  readonly href: string
  readonly text: string
  readonly current: boolean
}

/** The service navigation for the signed-in user: only what their role can use. */
export function navigation(request: FastifyRequest): NavigationItem[] {
  const actor = request.actor
  if (!actor) return []
  const path = request.url.split('?')[0] ?? ''
  const items = [
    { href: paths.plans(), text: 'Plans', show: true },
    { href: paths.returns(), text: 'Your returns', show: true },
    { href: paths.import(), text: 'Import', show: can(actor, 'import') },
    { href: paths.users(), text: 'Users', show: can(actor, 'manage-users') },
    { href: paths.outbox(), text: 'Outbox', show: can(actor, 'manage-users') },
  ]
  return items
    .filter((item) => item.show)
    .map((item) => ({
      href: item.href,
      text: item.text,
      current: path === item.href || path.startsWith(`${item.href}/`),
    }))
}

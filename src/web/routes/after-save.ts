import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { Actor } from '../../domain/access/access.ts'
import type { Rag } from '../../domain/figures/value.ts'
import type { SavedChange, Services } from '../../services/index.ts'
import { type From, fromOf, paths } from '../paths.ts'

/** The query of a form a round links to: the period, and where it was opened from. */
export const FormQuery = Type.Object({ period: Type.String(), from: Type.Optional(Type.String()) })

/** Where the form on this request was opened from, to carry on to its action. */
export function openedFrom(reply: Pick<FastifyReply, 'request'>): From | undefined {
  return fromOf(reply.request.query as { from?: string })
}

/**
 * After a save through one of the forms a round links to: lets the round know (a return changed after it was
 * submitted goes back to a draft; a figure that turned Red asks for an exception report), then goes back to the
 * person's returns if the form was opened from there, or else to `fallback`, saying what was saved.
 */
export async function afterSave(
  services: Services,
  reply: FastifyReply,
  actor: Actor,
  change: SavedChange,
  fallback: string,
  ragBefore: Rag | null = null,
): Promise<FastifyReply> {
  await services.returns.saved(actor, change, ragBefore)
  if (openedFrom(reply) === 'returns')
    return reply.redirect(
      paths.returns({ kind: change.kind, plan: change.planSlug, ref: change.ref, period: change.period }),
      303,
    )
  return reply.redirect(fallback, 303)
}

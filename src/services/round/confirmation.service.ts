import type { Actor } from '../../domain/access/access.ts'
import { evaluateIndicator } from '../../domain/judgement/evaluate.ts'
import { longDate } from '../../domain/periods/period.ts'
import { OBLIGATION_NAMES, RAG_NAMES } from '../../domain/round/obligations.ts'
import type { EntryService } from './entry.service.ts'
import type { ExceptionService } from './exception.service.ts'
import type { SavedChange } from './returns.service.ts'
import type { RoundService } from './round.service.ts'

/**
 * What a save did, in one sentence for the notification banner on the page it leads to, worked out from the data
 * as it now stands (the address names only what was saved): "Figure for NI 154 saved: now Red. An exception report
 * is needed by 15 October 2013."
 */
export function createConfirmationService(services: {
  readonly entries: EntryService
  readonly exceptions: ExceptionService
  readonly rounds: RoundService
}) {
  async function indicatorSentence(actor: Actor, change: SavedChange, due: string | null): Promise<string> {
    const context = await services.entries.indicatorContext(actor, change.planSlug, change.ref)
    const e = evaluateIndicator(context.record.indicator, context.observations, change.period)
    const report = await services.exceptions.find(actor, change.planSlug, change.ref, change.period)
    const name = change.kind === 'commentary' ? 'Commentary' : 'Figure'
    const now = e.rag ? `: now ${RAG_NAMES[e.rag]}` : e.reported ? ': no target to judge it against' : ''
    const needed =
      e.exceptionRequired && report?.state !== 'submitted'
        ? ` An exception report is needed${due ? ` by ${longDate(due)}` : ''}.`
        : ''
    return `${name} for ${change.ref} saved${now}.${needed}`
  }

  async function sentence(actor: Actor, change: SavedChange): Promise<string> {
    const round = await services.rounds.find(change.planSlug, change.period)
    switch (change.kind) {
      case 'figure':
      case 'commentary':
        return indicatorSentence(actor, change, round?.due ?? null)
      case 'exception-report': {
        const report = await services.exceptions.find(actor, change.planSlug, change.ref, change.period)
        return report?.state === 'submitted'
          ? `Exception report for ${change.ref} submitted.`
          : `Exception report for ${change.ref} saved as a draft.`
      }
      case 'milestone':
      case 'risk-review':
        return `${OBLIGATION_NAMES[change.kind]} for ${change.ref} saved.`
    }
  }

  return { sentence }
}

export type ConfirmationService = ReturnType<typeof createConfirmationService>

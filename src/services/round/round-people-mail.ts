import { describePeriod, longDate } from '../../domain/periods/period.ts'
import { isOutstanding } from '../../domain/round/completion.ts'
import { OBLIGATION_NAMES, type Obligation } from '../../domain/round/obligations.ts'
import type { DueStatus } from '../../domain/round/round.ts'
import type { PlanRecord } from '../../store/plan.repository.ts'
import type { RoundRecord } from '../../store/round.repository.ts'
import { RETURNS_PATH } from './round-links.ts'
import type { MailContent } from './round-mail.ts'
import type { PersonInRound } from './round.service.ts'

/** What a round mail says about its round. */
export interface RoundHeader {
  readonly plan: PlanRecord
  readonly period: Parameters<typeof describePeriod>[0]
  readonly round: RoundRecord
  readonly due: DueStatus
}

/** The kinds of mail a round sends to each person with something outstanding. */
export type RoundMailPurpose = 'round-opened' | 'reminder' | 'overdue'

const itemText = (item: Pick<Obligation, 'kind' | 'ref' | 'title'>): string =>
  `${OBLIGATION_NAMES[item.kind]} for ${item.ref}: ${item.title}`

function subjectOf(header: RoundHeader, purpose: RoundMailPurpose): string {
  const label = describePeriod(header.period)
  const dueText = longDate(header.round.due)
  if (purpose === 'round-opened') return `Your returns for ${header.plan.name}, ${label}: due ${dueText}`
  if (purpose === 'overdue' || header.due.overdue)
    return `Overdue: your returns for ${header.plan.name}, ${label}, were due ${dueText}`
  return `Reminder: your returns for ${header.plan.name}, ${label}, are due ${dueText}`
}

/**
 * A person's mail about a round: what they still owe, with a link to each form. The opening goes once per person
 * and round; a reminder or overdue notice once per person, round and day (`today`), so a nightly job run twice,
 * or a chase on the same day, does not mail anyone twice.
 */
export function roundMailFor(
  header: RoundHeader,
  person: PersonInRound,
  purpose: RoundMailPurpose,
  paragraphs: readonly string[],
  today: string,
): MailContent {
  const owed = person.items.filter((item) => isOutstanding(item.standing))
  return {
    to: person,
    subject: subjectOf(header, purpose),
    paragraphs: [...paragraphs, `You have ${owed.length} ${owed.length === 1 ? 'thing' : 'things'} outstanding:`],
    items: owed.map((item) => ({
      text: `${itemText(item)}${item.standing === 'ready' ? ' (done: submit it from your returns)' : item.standing === 'sent-back' ? ' (sent back to you)' : ''}`,
      path: item.path,
    })),
    closing: { text: 'See all your returns', path: RETURNS_PATH },
    purpose,
    key:
      purpose === 'round-opened'
        ? `round ${header.round.id} opened ${person.id}`
        : `round ${header.round.id} ${purpose} ${person.id} ${today}`,
  }
}

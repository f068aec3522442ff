import { type Actor, can } from '../../domain/access/access.ts'
import { type Period, describePeriod, longDate } from '../../domain/periods/period.ts'
import { STANDING_NAMES, type Standing, type Tally, isOutstanding } from '../../domain/round/completion.ts'
import { OBLIGATION_NAMES, type ObligationKind } from '../../domain/round/obligations.ts'
import { PUBLISH_RULE_NAMES } from '../../domain/round/publish-rule.ts'
import type { RoundStatus, TrackedItem, YourRound } from '../../services/index.ts'
import { paths } from '../paths.ts'

const TAG_CLASS: Readonly<Record<Standing, string>> = {
  'to-do': 'govuk-tag--grey',
  ready: 'govuk-tag--blue',
  submitted: 'govuk-tag--turquoise',
  'sent-back': 'govuk-tag--red',
  approved: 'govuk-tag--green',
}

/** The verb of each form's link: "Enter the figure". */
const ACTION: Readonly<Record<ObligationKind, string>> = {
  figure: 'Enter the figure',
  commentary: 'Write the commentary',
  'exception-report': 'Write the exception report',
  milestone: 'Record the status',
  'risk-review': 'Review the progress',
}

export function itemRow(item: TrackedItem) {
  return {
    what: `${OBLIGATION_NAMES[item.kind]} for ${item.ref}`,
    /** The same within a sentence: "the figure for NI 154" (the ref keeps its capitals). */
    inSentence: `${OBLIGATION_NAMES[item.kind].toLowerCase()} for ${item.ref}`,
    ref: item.ref,
    title: item.title,
    why: item.why,
    tag: { text: STANDING_NAMES[item.standing], classes: TAG_CLASS[item.standing] },
    comment: item.comment,
    action:
      item.done && item.standing !== 'sent-back'
        ? ACTION[item.kind].replace(/^(Enter|Write|Record|Review)/, 'Change')
        : ACTION[item.kind],
    href: item.path,
  }
}

/** "Due 15 October 2013: 5 days left", with a red tag when overdue. */
function dueView(status: RoundStatus) {
  return {
    text: status.due.text,
    overdue: status.due.overdue,
    committee: status.round.committee ? `The report goes to committee on ${longDate(status.round.committee)}.` : null,
  }
}

/** The "Your returns" page: each open round the person owes something in. */
export function yourReturnsView(rounds: readonly YourRound[]) {
  return rounds.map((r) => {
    const { status } = r
    return {
      heading: `${status.plan.name}: ${describePeriod(status.period)}`,
      id: `round-${status.round.id}`,
      due: dueView(status),
      sentence:
        r.outstanding === 0
          ? 'You have returned everything you owe in this round.'
          : `You have ${r.outstanding} ${r.outstanding === 1 ? 'thing' : 'things'} outstanding.`,
      owed: r.items.filter((item) => isOutstanding(item.standing)).map(itemRow),
      returned: r.items.filter((item) => !isOutstanding(item.standing)).map(itemRow),
      ready: r.ready,
      submit: paths.roundSubmit(status.plan.slug, status.period),
    }
  })
}

const tallyCells = (t: Tally) => [t.total, t.returned, t.approved, t.outstanding, t.overdue].map(String)

/** The round's page for the performance team: completion, what awaits approval, and the actions. */
export function roundView(status: RoundStatus, actor: Actor) {
  const { plan, period } = status
  const submitted = status.people.flatMap((person) =>
    person.items
      .filter((item) => item.standing === 'submitted' && item.returnId !== null)
      .map((item) => ({ person: person.name, ...itemRow(item), id: item.returnId ?? 0 })),
  )
  const sentBack = status.people.flatMap((person) =>
    person.items
      .filter((item) => item.standing === 'sent-back')
      .map((item) => ({ person: person.name, ...itemRow(item) })),
  )
  const outstandingPeople = status.byPerson.filter(({ tally }) => tally.outstanding > 0).length
  return {
    title: `Reporting round for ${describePeriod(period)}`,
    planName: plan.name,
    periodLabel: describePeriod(period),
    due: dueView(status),
    opened: `Opened ${longDate(status.round.openedAt)} by ${status.round.openedBy}. Figures are published: ${PUBLISH_RULE_NAMES[status.round.publish].toLowerCase()}.`,
    signedOff: status.signedOff,
    total: status.total,
    byPerson: status.byPerson.map(({ person, tally }) => ({ name: person.name, cells: tallyCells(tally) })),
    byTheme: status.byTheme.map(({ theme, tally }) => ({ name: theme, cells: tallyCells(tally) })),
    submitted: submitted.map((s) => ({
      ...s,
      approve: paths.approveReturn(plan.slug, period, s.id),
      sendBack: paths.sendBack(plan.slug, period, s.id),
    })),
    sentBack,
    outstandingPeople,
    chase: can(actor, 'approve-returns') && outstandingPeople > 0 ? paths.roundChase(plan.slug, period) : null,
    signOff: paths.signOff(plan.slug, period),
  }
}

/** The round's line on a plan's page: open one (officers), or its due date with a link to it or to one's returns. */
export function roundLink(
  slug: string,
  period: Period,
  round: { due: string } | null,
  actor: Actor,
): { text: string; href: string } | null {
  const officer = can(actor, 'approve-returns')
  if (!round)
    return officer
      ? { text: `Open a reporting round for ${describePeriod(period)}`, href: paths.roundOpen(slug, period) }
      : null
  const due = `returns due ${longDate(round.due)}`
  return officer
    ? { text: `Reporting round for ${describePeriod(period)}: ${due}`, href: paths.round(slug, period) }
    : { text: `Your returns for ${describePeriod(period)}: ${due}`, href: paths.returns() }
}

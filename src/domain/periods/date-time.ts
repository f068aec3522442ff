/** The UK's clock, as officers read times: BST in summer, GMT in winter. */
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** A moment as the audit trail and outbox show it: "15 October 2013, 10:05", on UK time. */
export function longDateTime(iso: string): string {
  const moment = new Date(iso)
  if (Number.isNaN(moment.getTime())) return iso
  const parts = new Map(LONDON.formatToParts(moment).map((p) => [p.type, p.value]))
  return `${parts.get('day') ?? ''} ${parts.get('month') ?? ''} ${parts.get('year') ?? ''}, ${parts.get('hour') ?? ''}:${parts.get('minute') ?? ''}`
}

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { listOutbox } from '../../src/store/outbox.repository.ts'
import { openDatabase } from '../../src/store/database.ts'
import { paths } from '../../src/web/paths.ts'
import { Client, PLAN, Q2, type TestApp, USERS, entryUrl, signedIn, startTestApp, titleOf } from './harness.ts'

const PERIOD = parsePeriod(Q2)
const roundUrl = paths.round(PLAN, PERIOD)

/** The text of the page's notification banner, if it has one. */
function banner(html: string): string | null {
  const match = /govuk-notification-banner__heading">\s*([^<]*?)\s*</.exec(html)
  return match?.[1]?.replaceAll('&#39;', "'").replaceAll('&amp;', '&') ?? null
}

async function outbox(t: TestApp) {
  const database = await openDatabase(t.databasePath)
  try {
    return await listOutbox(database.db)
  } finally {
    await database.close()
  }
}

describe('the reporting round on the web', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(async () => {
    await t.close()
  })

  it('lets an officer open the round from the plan, with the GOV.UK error summary in page order', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    const dashboard = await officer.get(paths.dashboard(PLAN, PERIOD))
    assert.ok(dashboard.body.includes(`href="${paths.roundOpen(PLAN, PERIOD).replaceAll('&', '&amp;')}"`))
    const form = await officer.get(paths.roundOpen(PLAN, PERIOD))
    assert.equal(form.statusCode, 200)
    assert.equal(titleOf(form.body), 'Open the reporting round for Quarter 2 2013/14 – Outturn')
    const bad = await officer.post(paths.roundOpen(PLAN, PERIOD), {
      'due-day': '31',
      'due-month': '9',
      'due-year': '2013',
      'committee-day': '20',
      'committee-month': '',
      'committee-year': '2013',
    })
    assert.equal(bad.statusCode, 400)
    const summary = [...bad.body.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]} ${m[2]}`)
    assert.deepEqual(summary, [
      '#due-day The due date must be a real date, like 15 10 2013',
      '#committee-day The committee date must include a month',
      '#publish Choose when figures are published',
    ])
    assert.match(bad.body, /name="due-day"[^>]*value="31"/, 'what was typed is kept')
    const early = await officer.post(paths.roundOpen(PLAN, PERIOD), {
      'due-day': '15',
      'due-month': '10',
      'due-year': '2013',
      'committee-day': '1',
      'committee-month': '10',
      'committee-year': '2013',
      publish: 'on-entry',
    })
    assert.equal(early.statusCode, 400)
    assert.match(early.body, /The committee date must be on or after the due date/)
    assert.equal(await t.services.rounds.find(PLAN, PERIOD), null, 'nothing opened on a bad form')
    const opened = await officer.post(paths.roundOpen(PLAN, PERIOD), {
      'due-day': '15',
      'due-month': '10',
      'due-year': '2013',
      'committee-day': '20',
      'committee-month': '11',
      'committee-year': '2013',
      publish: 'on-entry',
    })
    assert.equal(opened.statusCode, 303)
    const page = await officer.get(String(opened.headers.location))
    assert.equal(banner(page.body), 'Reporting round opened. 1 person owes returns; 1 mail queued to tell them.')
    // The tests' clock stands at 20 October 2013.
    assert.match(page.body, /5 days overdue \(due 15 October 2013\)/)
    assert.match(page.body, /The report goes to committee on 20 November 2013\./)
    const mail = await outbox(t)
    assert.deepEqual(
      mail.map((m) => [m.to, m.purpose, m.subject]),
      [
        [
          'owner@outturn.example',
          'round-opened',
          'Your returns for Trafford ADP 2013/14, Quarter 2 2013/14: due 15 October 2013',
        ],
      ],
    )
    assert.match(
      mail[0]?.text ?? '',
      /http:\/\/localhost:3000\/plans\/trafford-adp-2013-14\/indicators\/NI%20154\/entry\?period=2013%2F14\+Q2&from=returns/,
    )
    const again = await officer.get(paths.roundOpen(PLAN, PERIOD))
    assert.equal(again.statusCode, 303, 'a round already open is shown, not opened twice')
  })

  it('shows an owner their returns first, with a link straight to each form and a banner after each save', async () => {
    const owner = new Client(t.app)
    await owner.get('/sign-in')
    const signIn = await owner.post('/sign-in', USERS.owner)
    assert.equal(signIn.headers.location, '/')
    const home = await owner.get('/')
    assert.equal(home.headers.location, '/returns')
    const returns = await owner.get('/returns')
    assert.equal(returns.statusCode, 200)
    assert.match(
      returns.body,
      /<strong class="govuk-tag govuk-tag--red">Overdue<\/strong> 5 days overdue \(due 15 October 2013\)/,
    )
    assert.match(returns.body, /You have 8 things outstanding\./)
    assert.match(returns.body, /Submit 5 completed returns/)
    const form = paths.exceptionReport(PLAN, 'LCA 2', PERIOD, 'returns')
    assert.ok(returns.body.includes(`href="${form.replaceAll('&', '&amp;')}"`), 'a link straight to the form')
    assert.equal((await owner.get(form)).statusCode, 200)

    const entry = await owner.get(paths.entry(PLAN, 'NI 154', PERIOD, 'returns'))
    assert.ok(
      entry.body.includes(`action="${paths.entry(PLAN, 'NI 154', PERIOD, 'returns').replaceAll('&', '&amp;')}"`),
    )
    const saved = await owner.post(paths.entry(PLAN, 'NI 154', PERIOD, 'returns'), {
      actual: '90',
      note: 'Completions slowed over the summer.',
      reason: 'The first figure was a forecast',
    })
    assert.equal(saved.statusCode, 303)
    assert.match(String(saved.headers.location), /^\/returns\?saved=figure/)
    const after = await owner.get(String(saved.headers.location))
    assert.equal(
      banner(after.body),
      'Figure for NI 154 saved: now Red. An exception report is needed by 15 October 2013.',
    )
    assert.match(after.body, /Exception report for NI 154/)
    const mail = (await outbox(t)).filter((m) => m.purpose === 'exception-needed')
    assert.deepEqual(
      mail.map((m) => [m.to, m.subject]),
      [['owner@outturn.example', 'An exception report is needed for NI 154, Trafford ADP 2013/14, Quarter 2 2013/14']],
    )
    // Saved from the indicator's own page, the banner is on the indicator page.
    const plain = await owner.post(entryUrl('NI 154'), {
      actual: '90',
      note: 'Completions slowed over the summer, again.',
    })
    assert.equal(plain.headers.location, paths.indicator(PLAN, 'NI 154', PERIOD, 'figure'))
    const indicator = await owner.get(paths.indicator(PLAN, 'NI 154', PERIOD, 'figure'))
    assert.equal(
      banner(indicator.body),
      'Figure for NI 154 saved: now Red. An exception report is needed by 15 October 2013.',
    )
  })

  it('makes "Needed" on the dashboard a link to the form, for those who may write it', async () => {
    const owner = await signedIn(t.app, USERS.owner)
    const mine = await owner.get(paths.dashboard(PLAN, PERIOD))
    const form = paths.exceptionReport(PLAN, 'NI 154', PERIOD).replaceAll('&', '&amp;')
    assert.ok(mine.body.includes(`<a class="govuk-link" href="${form}"><strong>Needed</strong>`), 'the owner’s own')
    const viewer = await signedIn(t.app, USERS.viewer)
    const theirs = await viewer.get(paths.dashboard(PLAN, PERIOD))
    assert.ok(theirs.body.includes('<strong>Needed</strong>'))
    assert.ok(!theirs.body.includes(`href="${form}"`), 'a viewer gets no link')
  })

  it('lets the owner submit what is done, and an officer approve it or send it back with a comment', async () => {
    const owner = await signedIn(t.app, USERS.owner)
    await owner.get('/returns')
    const submitted = await owner.post(paths.roundSubmit(PLAN, PERIOD), {})
    assert.equal(submitted.statusCode, 303)
    const mine = await owner.get(String(submitted.headers.location))
    assert.equal(
      banner(mine.body),
      '6 returns for Trafford ADP 2013/14, Quarter 2 2013/14, submitted to the performance team for approval.',
    )
    const officer = await signedIn(t.app, USERS.officer)
    const round = await officer.get(roundUrl)
    assert.equal(round.statusCode, 200)
    const byPerson =
      /<th scope="row" class="govuk-table__header">Demo indicator owner<\/th>((?:<td[^>]*>\d+<\/td>)+)/.exec(
        round.body.replace(/>\s+</g, '><'),
      )
    assert.deepEqual(
      [...(byPerson?.[1] ?? '').matchAll(/>(\d+)</g)].map((m) => Number(m[1])),
      [9, 6, 0, 3, 3],
    )
    const status = await t.services.rounds.status(PLAN, PERIOD)
    const items = status.people[0]?.items ?? []
    const figure = items.find((i) => i.kind === 'figure' && i.ref === 'LCA 2')
    const report = items.find((i) => i.kind === 'exception-report' && i.ref === 'STP 13')
    assert.ok(figure?.returnId && report?.returnId)
    const approved = await officer.post(paths.approveReturn(PLAN, PERIOD, figure.returnId), {})
    assert.equal(approved.statusCode, 303)
    assert.equal(
      banner((await officer.get(String(approved.headers.location))).body),
      'Figure for LCA 2 from Demo indicator owner approved.',
    )
    const twice = await officer.post(paths.approveReturn(PLAN, PERIOD, figure.returnId), {})
    assert.equal(twice.statusCode, 409, 'an approved return cannot be approved again')

    await officer.get(paths.sendBack(PLAN, PERIOD, report.returnId))
    const empty = await officer.post(paths.sendBack(PLAN, PERIOD, report.returnId), { comment: '  ' })
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /href="#comment">Say what needs to change before sending the return back/)
    const comment = 'Say what the Partington operation has achieved so far.'
    const sent = await officer.post(paths.sendBack(PLAN, PERIOD, report.returnId), { comment })
    assert.equal(sent.statusCode, 303)
    assert.equal(
      banner((await officer.get(String(sent.headers.location))).body),
      'Exception report for STP 13 from Demo indicator owner sent back with your comment. They have been sent a mail.',
    )
    const back = await owner.get('/returns')
    assert.ok(back.body.includes(`Comment: “${comment}”`), 'the owner sees the comment')
    assert.match(back.body, /govuk-tag--red">Sent back</)
    const mail = (await outbox(t)).filter((m) => m.purpose === 'sent-back')
    assert.equal(mail.length, 1)
    assert.ok(mail[0]?.text.includes(comment))
    assert.match(
      mail[0]?.html ?? '',
      /<a href="http:\/\/localhost:3000\/plans\/trafford-adp-2013-14\/indicators\/STP%2013\/exception-report\?period=2013%2F14\+Q2&amp;from=returns">/,
    )
    const trail = await t.services.plans.auditTrail('Trafford ADP 2013/14', 'STP 13')
    assert.ok(
      trail.some(
        (e) =>
          e.entity === 'return' &&
          e.newValue === 'Sent back' &&
          e.reason === comment &&
          e.actor === USERS.officer.email,
      ),
      'sending back is audited with the comment',
    )
  })

  it('chases everyone with something outstanding through the outbox, and refuses an owner', async () => {
    const owner = await signedIn(t.app, USERS.owner)
    assert.equal((await owner.get(roundUrl)).statusCode, 403)
    assert.equal((await owner.post(paths.roundChase(PLAN, PERIOD), {})).statusCode, 403)
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get(roundUrl)
    const chased = await officer.post(paths.roundChase(PLAN, PERIOD), {})
    assert.equal(chased.statusCode, 303)
    assert.equal(
      banner((await officer.get(String(chased.headers.location))).body),
      'Reminders queued for 1 person with something outstanding.',
    )
    const reminders = (await outbox(t)).filter((m) => m.purpose === 'overdue')
    assert.deepEqual(
      reminders.map((m) => [m.to, m.subject, m.state]),
      [
        [
          'owner@outturn.example',
          'Overdue: your returns for Trafford ADP 2013/14, Quarter 2 2013/14, were due 15 October 2013',
          'queued',
        ],
      ],
    )
    assert.match(reminders[0]?.text ?? '', /You have 4 things outstanding:/)
  })
})

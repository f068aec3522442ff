import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Actor } from '../../src/domain/access/access.ts'
import { DomainError } from '../../src/domain/errors.ts'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { reportJsonText } from '../../src/reports/report.json.ts'
import { DEMO_PLAN, type Services, openServices } from '../../src/services/index.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'

const SLUG = 'trafford-adp-2013-14'
const Q2 = parsePeriod('2013/14 Q2')
const Q1 = parsePeriod('2013/14 Q1')
const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

async function actor(services: Services, role: 'officer' | 'owner'): Promise<Actor> {
  const signedIn = await services.auth.signIn(`${role}@outturn.example`, `demo-${role}-password`)
  assert.ok(signedIn.ok)
  return signedIn.user
}

const details = (status: 'draft' | 'final', committee: string | null) => ({
  title: 'Quarter 1 Performance Report',
  councilName: 'Trafford Council',
  committee,
  meetingDate: '2013-08-20',
  author: null,
  status,
})

for (const dialect of DIALECTS) {
  describe(`a report's details and theme sections on ${dialect}`, () => {
    let services: Services
    let close: () => Promise<void>
    let officer: Actor
    let owner: Actor

    before(async () => {
      const database = createTestDatabase(dialect)
      created.push(database)
      ;({ services, close } = await openServices(database.location, { now: () => new Date('2013-11-14T10:00:00Z') }))
      await services.demo.loadPlan('test')
      await services.demo.createUsers()
      officer = await actor(services, 'officer')
      owner = await actor(services, 'owner')
    })
    after(async () => {
      await close()
    })

    it('loads the seed’s title, council, Final and every theme’s key programmes for the demo period', async () => {
      const { details: kept, sections } = await services.reportDetails.read(SLUG, Q2)
      assert.equal(kept.councilName, 'Trafford Council')
      assert.equal(kept.status, 'final')
      assert.equal(sections.length, 6)
      const money = sections.find((s) => s.theme === 'Low Council Tax and Value For Money')
      assert.match(money?.keyProgrammes ?? '', /- Land Sales Programme/)
      const data = await services.reports.reportData(DEMO_PLAN, Q2, undefined, { histories: false })
      assert.equal(data.details?.title, 'Annual Delivery Plan 2013/14: Quarter 2 Performance Report')
      assert.equal(data.themeSections?.size, 6)
    })

    it('keeps what the performance team sets, auditing each change', async () => {
      const section = { theme: 'Excellence in Education', keyProgrammes: '- CYP Strategy 2011-2014', overview: null }
      const saved = await services.reportDetails.save(officer, SLUG, Q1, {
        details: details('draft', 'Executive'),
        sections: [section],
      })
      assert.deepEqual(saved, { ok: true, changes: 5 }, 'title, council, committee, meeting date, key programmes')
      const again = await services.reportDetails.save(officer, SLUG, Q1, {
        details: details('final', 'Executive'),
        sections: [section],
      })
      assert.deepEqual(again, { ok: true, changes: 1 }, 'only the status changed')
      const read = await services.reportDetails.read(SLUG, Q1)
      assert.equal(read.details.status, 'final')
      assert.deepEqual(read.sections, [section])
      const trail = (await services.plans.auditTrail(DEMO_PLAN, DEMO_PLAN)).filter(
        (e) => e.entity === 'report' && e.period === '2013/14 Q1',
      )
      assert.deepEqual(
        trail.filter((e) => e.field === 'status').map((e) => [e.actor, e.oldValue, e.newValue]),
        [['officer@outturn.example', 'draft', 'final']],
      )
      const sectionTrail = await services.plans.auditTrail(DEMO_PLAN, `${DEMO_PLAN}: Excellence in Education`)
      assert.deepEqual(
        sectionTrail.filter((e) => e.period === '2013/14 Q1').map((e) => [e.field, e.newValue]),
        [['keyProgrammes', '- CYP Strategy 2011-2014']],
      )
    })

    it('refuses a meeting date that is not a date, keeping nothing', async () => {
      const result = await services.reportDetails.save(officer, SLUG, Q1, {
        details: { ...details('draft', 'Changed'), meetingDate: '2013-02-30' },
        sections: [],
      })
      assert.equal(result.ok, false)
      assert.equal((await services.reportDetails.read(SLUG, Q1)).details.committee, 'Executive')
    })

    it('lets only the performance team set them', async () => {
      await assert.rejects(
        services.reportDetails.save(owner, SLUG, Q1, { details: details('draft', null), sections: [] }),
        (e: unknown) => e instanceof DomainError && e.code === 'forbidden',
      )
    })

    it('freezes them once the period is signed off', async () => {
      await services.signOffs.lock(
        officer,
        SLUG,
        Q1,
        { committee: null, regardless: 'Figures to follow' },
        reportJsonText,
      )
      await assert.rejects(
        services.reportDetails.save(officer, SLUG, Q1, { details: details('draft', null), sections: [] }),
        (e: unknown) => e instanceof DomainError && e.code === 'forbidden' && /signed off/.test(e.message),
      )
    })
  })
}

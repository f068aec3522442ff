import { longDateTime } from '../../domain/periods/date-time.ts'
import { randomBytes } from 'node:crypto'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { can } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import { LIMITS, lengthErrors } from '../../domain/limits.ts'
import {
  type ImportOutcome,
  ImportRejected,
  type ImportStage,
  type Services,
  placeholdersParameter,
} from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'
import { field } from '../forms.ts'
import { paths } from '../paths.ts'

/** Files this big (both together) are imported in the background, with a page showing how far it has got. */
export const BACKGROUND_IMPORT_BYTES = 1024 * 1024

export interface ProblemRow {
  file: string
  line: string
  column: string
  message: string
}

/** An import running in the background: who started it, how far it has got, and how it ended. */
interface ImportJob {
  readonly userId: number
  readonly planName: string
  readonly startedAt: number
  stage: ImportStage
  stageStartedAt: number
  done: number
  total: number
  ended: { outcome: ImportOutcome } | { problems: ProblemRow[] } | { error: unknown } | null
}

const STAGE_TEXT: Readonly<Record<ImportStage, string>> = {
  checking: 'Checking the files',
  'writing indicators': 'Writing the indicators',
  'writing observations': 'Writing the figures',
  'writing comparators': 'Writing the comparators',
  'writing audit trail': 'Recording the audit trail',
  done: 'Finishing',
}
/** How long a finished import's result waits to be seen, and the longest an import is followed. */
const JOB_KEPT_MS = 60 * 60 * 1000

export function problemRows(error: ImportRejected): ProblemRow[] {
  return error.problems.map((p) => ({
    file: p.file,
    line: p.line === null ? '–' : String(p.line),
    column: p.column ?? '–',
    message: p.message,
  }))
}

function changedCount(outcome: ImportOutcome): number {
  return (
    outcome.indicators.added + outcome.indicators.updated + outcome.observations.added + outcome.observations.updated
  )
}

/** The plan's dashboard, saying what the import changed and which placeholders it read in the figures' place. */
function importedAddress(slug: string, outcome: ImportOutcome): string {
  const placeholders = placeholdersParameter(outcome.placeholders)
  const read = placeholders === '' ? '' : `&placeholders=${encodeURIComponent(placeholders)}`
  return `${paths.dashboard(slug)}?imported=${changedCount(outcome)}${read}`
}

interface UploadedFile {
  filename: string
  value: Buffer
}

export function fileField(body: unknown, name: string): UploadedFile | null {
  if (typeof body !== 'object' || body === null || !Object.hasOwn(body, name)) return null
  const value = (body as Record<string, unknown>)[name]
  // With attachFieldsToBody 'keyValues', a file arrives as a Buffer; its name comes from the multipart part.
  if (Buffer.isBuffer(value)) return value.length === 0 ? null : { filename: `${name}.csv`, value }
  return null
}

/**
 * Importing a plan from the two CSV files, for the performance team. All or nothing, like the CLI. Big files are
 * imported in the background: the upload is answered at once with a page that refreshes itself every two seconds
 * (no script needed) showing the stage, the rows written and the rate, until the import ends. The jobs live in this
 * server process.
 */
export function importRoutes(app: App, services: Services, backgroundBytes = BACKGROUND_IMPORT_BYTES): void {
  const jobs = new Map<string, ImportJob>()

  function requireImport(actor: ReturnType<typeof actorOf>): void {
    if (!can(actor, 'import')) throw new DomainError('forbidden', 'Only the performance team can import plans.')
  }

  async function startJob(request: Parameters<Services['imports']['importPlan']>[0], userId: number): Promise<string> {
    const now = Date.now()
    for (const [id, old] of jobs) if (now - old.startedAt > JOB_KEPT_MS) jobs.delete(id)
    const id = randomBytes(12).toString('hex')
    const job: ImportJob = {
      userId,
      planName: request.planName,
      startedAt: now,
      stage: 'checking',
      stageStartedAt: now,
      done: 0,
      total: 1,
      ended: null,
    }
    jobs.set(id, job)
    await services.importJobs.started({ id, userId, planName: request.planName })
    // Kept in the database when the import ends, so that a job the server lost is told apart from one that ended.
    const ended = (): void => {
      services.importJobs.ended(id).catch((error: unknown) => {
        app.log.error(error)
      })
    }
    // Started once the answer is on its way: checking a big file holds the event loop for a second or two.
    setImmediate(() => {
      services.imports
        .importPlan({
          ...request,
          onProgress: (stage, done, total) => {
            if (stage !== job.stage) job.stageStartedAt = Date.now()
            Object.assign(job, { stage, done, total })
          },
        })
        .then(
          (outcome) => {
            job.ended = { outcome }
            ended()
          },
          (error: unknown) => {
            job.ended = error instanceof ImportRejected ? { problems: problemRows(error) } : { error }
            ended()
          },
        )
    })
    return id
  }

  app.get('/import', async (request, reply) => {
    requireImport(actorOf(request))
    const plans = await services.plans.list()
    return reply.page('import.njk', {
      title: 'Import a plan',
      planName: plans[0]?.name ?? '',
      errors: {},
      problems: [],
    })
  })

  app.post('/import', { preHandler: app.csrfProtection.bind(app) }, async (request, reply) => {
    const actor = actorOf(request)
    requireImport(actor)
    const planName = field(request.body, 'planName').trim()
    const reason = field(request.body, 'reason').trim()
    const indicators = fileField(request.body, 'indicators')
    const observations = fileField(request.body, 'observations')
    const errors: Record<string, { text: string }> = {}
    if (planName === '') errors.planName = { text: 'Enter the name of the plan' }
    if (!indicators) errors.indicators = { text: 'Select the indicators CSV file' }
    if (!observations) errors.observations = { text: 'Select the observations CSV file' }
    // An existing plan's name is only looked up; a new one becomes its web address, so is limited.
    const newPlan = planName !== '' && !(await services.plans.list()).some((plan) => plan.name === planName)
    for (const { field: name, message } of lengthErrors([
      ['planName', newPlan ? planName : '', LIMITS.planName],
      ['reason', reason, LIMITS.reason],
    ]))
      errors[name] = { text: message }
    let problems: ProblemRow[] = []
    if (indicators && observations && Object.keys(errors).length === 0) {
      const importRequest = {
        planName,
        indicatorsFile: { name: 'indicators.csv', content: indicators.value },
        observationsFile: { name: 'observations.csv', content: observations.value },
        actor: actor.email,
        role: actor.role,
        reason: reason || null,
      }
      if (indicators.value.length + observations.value.length >= backgroundBytes) {
        return reply.redirect(`/import/${await startJob(importRequest, actor.id)}`, 303)
      }
      try {
        const outcome = await services.imports.importPlan(importRequest)
        const plan = await services.plans.bySlugOrName(outcome.planName)
        return await reply.redirect(importedAddress(plan.slug, outcome), 303)
      } catch (error) {
        if (!(error instanceof ImportRejected)) throw error
        problems = problemRows(error)
      }
    }
    return rejected(reply, { planName, reason }, errors, problems)
  })

  function rejected(
    reply: FastifyReply,
    values: { planName: string; reason?: string },
    errors: Record<string, { text: string }>,
    problems: ProblemRow[],
  ) {
    if (problems.length > 0) {
      errors.indicators = {
        text: `The files have ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}. Nothing was imported. Fix them and upload both files again.`,
      }
    }
    const errorList = Object.entries(errors).map(([name, e]) => ({
      text: e.text,
      href: name === 'indicators' && problems.length > 0 ? '#problems' : `#${name}`,
    }))
    return reply.page('import.njk', { title: 'Import a plan', ...values, errors, errorList, problems }, 400)
  }

  /** A job this server is not running: lost with an earlier server (it saved nothing), or not this person's. */
  async function lostJob(reply: FastifyReply, id: string, userId: number) {
    const recorded = /^[0-9a-f]{24}$/.test(id) ? await services.importJobs.recorded(id, userId) : undefined
    if (!recorded) throw new DomainError('not-found', 'There is no import at this address.')
    const finished = recorded.endedAt !== null
    return reply.page('import-lost.njk', {
      title: finished ? 'This import finished' : 'This import did not finish',
      heading: finished ? 'This import finished' : 'This import did not finish',
      explanation: finished
        ? 'The server restarted before its result was shown. The plan’s audit trail shows whether anything was saved.'
        : 'The server stopped while it was importing: nothing from it was saved. Upload the files again.',
      planName: recorded.planName,
      startedAt: longDateTime(recorded.startedAt),
      importHref: '/import',
    })
  }

  app.get('/import/:job', { schema: { params: Type.Object({ job: Type.String() }) } }, async (request, reply) => {
    const actor = actorOf(request)
    requireImport(actor)
    const job = jobs.get(request.params.job)
    if (!job || job.userId !== actor.id) return lostJob(reply, request.params.job, actor.id)
    if (job.ended === null) {
      const seconds = (Date.now() - job.stageStartedAt) / 1000
      const share = job.total > 0 ? Math.min(1, job.done / job.total) : 0
      const counting = job.stage === 'writing observations' || job.stage === 'writing audit trail'
      return reply.page('import-progress.njk', {
        title: `Importing ${job.planName}`,
        planName: job.planName,
        stage: STAGE_TEXT[job.stage],
        percent: Math.floor(share * 100),
        rows: counting
          ? `${job.done.toLocaleString('en-GB')} of ${job.total.toLocaleString('en-GB')} rows${seconds > 0 && job.done > 0 ? `, ${Math.round(job.done / seconds).toLocaleString('en-GB')} rows a second` : ''}`
          : null,
      })
    }
    jobs.delete(request.params.job)
    await services.importJobs.forget(request.params.job)
    const ended = job.ended
    if ('outcome' in ended) {
      const plan = await services.plans.bySlugOrName(ended.outcome.planName)
      return reply.redirect(importedAddress(plan.slug, ended.outcome), 303)
    }
    if ('problems' in ended) return rejected(reply, { planName: job.planName }, {}, ended.problems)
    throw ended.error
  })
}

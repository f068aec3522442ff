import { can } from '../../domain/access.ts'
import { DomainError } from '../../domain/errors.ts'
import { ImportRejected, type Services } from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'
import { field } from '../forms.ts'
import { paths } from '../paths.ts'

interface UploadedFile {
  filename: string
  value: Buffer
}

function fileField(body: unknown, name: string): UploadedFile | null {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  // With attachFieldsToBody 'keyValues', a file arrives as a Buffer; its name comes from the multipart part.
  if (Buffer.isBuffer(value)) return value.length === 0 ? null : { filename: `${name}.csv`, value }
  return null
}

/** Importing a plan from the two CSV files, for the performance team. All or nothing, like the CLI. */
export function importRoutes(app: App, services: Services): void {
  function requireImport(actor: ReturnType<typeof actorOf>): void {
    if (!can(actor, 'import')) throw new DomainError('forbidden', 'Only the performance team can import plans.')
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
    const indicators = fileField(request.body, 'indicators')
    const observations = fileField(request.body, 'observations')
    const errors: Record<string, { text: string }> = {}
    if (planName === '') errors.planName = { text: 'Enter the name of the plan' }
    if (!indicators) errors.indicators = { text: 'Select the indicators CSV file' }
    if (!observations) errors.observations = { text: 'Select the observations CSV file' }
    let problems: { file: string; line: string; column: string; message: string }[] = []
    if (indicators && observations && planName !== '') {
      try {
        const outcome = await services.imports.importPlan({
          planName,
          indicatorsFile: { name: 'indicators.csv', content: indicators.value },
          observationsFile: { name: 'observations.csv', content: observations.value },
          actor: actor.email,
        })
        const plan = await services.plans.bySlugOrName(outcome.planName)
        const changed =
          outcome.indicators.added +
          outcome.indicators.updated +
          outcome.observations.added +
          outcome.observations.updated
        return await reply.redirect(`${paths.dashboard(plan.slug)}?imported=${changed}`, 303)
      } catch (error) {
        if (!(error instanceof ImportRejected)) throw error
        problems = error.problems.map((p) => ({
          file: p.file,
          line: p.line === null ? '–' : String(p.line),
          column: p.column ?? '–',
          message: p.message,
        }))
        errors.indicators = {
          text: `The files have ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}. Nothing was imported. Fix them and upload both files again.`,
        }
      }
    }
    const errorList = Object.entries(errors).map(([name, e]) => ({
      text: e.text,
      href: name === 'indicators' && problems.length > 0 ? '#problems' : `#${name}`,
    }))
    return reply.page('import.njk', { title: 'Import a plan', planName, errors, errorList, problems }, 400)
  })
}

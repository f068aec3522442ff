import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { can } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import { describePeriod, tryParsePeriod } from '../../domain/periods/period.ts'
import { LIMITS, lengthErrors } from '../../domain/limits.ts'
import { ImportRejected, type Services } from '../../services/index.ts'
import { type App, actorOf } from '../app.ts'
import { field } from '../forms.ts'
import { paths } from '../paths.ts'
import { type ProblemRow, fileField, problemRows } from './import.routes.ts'

const TITLE = 'Import a budget'
const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

/**
 * Importing a plan's revenue statements (budget.csv) and capital programme (capital.csv) for the performance team,
 * as `outturn import-budget` does: all or nothing, every problem listed by file, line and column. A success goes back
 * to the form (`?imported=<plan>&periods=...`), which says what the plan now holds for each period imported, read
 * from the store, with a link to its finance page.
 */
export function importBudgetRoutes(app: App, services: Services): void {
  function requireImport(actor: ReturnType<typeof actorOf>): void {
    if (!can(actor, 'import')) throw new DomainError('forbidden', 'Only the performance team can import budgets.')
  }

  async function planItems(selected: string) {
    const plans = await services.plans.list()
    return [
      { value: '', text: 'Choose a plan', selected: selected === '' },
      ...plans.map((plan) => ({ value: plan.name, text: plan.name, selected: plan.name === selected })),
    ]
  }

  /** What the plan holds for each period imported, as the import said it: "Imported 3 revenue statements ...". */
  async function importedNotes(slug: string, periods: readonly string[]) {
    const plan = await services.plans.bySlug(slug)
    const notes: { text: string; href: string; link: string }[] = []
    for (const text of periods) {
      const period = tryParsePeriod(text)
      if (!period) continue
      const held = await services.finance.financeFor(plan.id, text)
      const lines = held.statements.reduce((sum, s) => sum + s.lines.length, 0)
      const schemes = held.capital.reduce((sum, p) => sum + p.schemes.length, 0)
      const parts = [
        ...(lines > 0
          ? [
              `${count(held.statements.length, 'revenue statement', 'revenue statements')} (${count(lines, 'line', 'lines')})`,
            ]
          : []),
        ...(schemes > 0
          ? [
              `${count(held.capital.length, 'capital programme', 'capital programmes')} (${count(schemes, 'scheme', 'schemes')})`,
            ]
          : []),
      ]
      if (parts.length === 0) continue
      notes.push({
        text: `Imported ${parts.join(' and ')} for ${text} into ${plan.name}.`,
        href: paths.finance(plan.slug, period),
        link: `View the financial statements for ${describePeriod(period)}`,
      })
    }
    return notes
  }

  app.get(
    '/import/budget',
    {
      schema: {
        querystring: Type.Object({
          imported: Type.Optional(Type.String({ maxLength: 200 })),
          /** The periods imported, separated by semicolons. */
          periods: Type.Optional(Type.String({ maxLength: 1000 })),
        }),
      },
    },
    async (request, reply) => {
      requireImport(actorOf(request))
      const { imported } = request.query
      const periods = (request.query.periods ?? '').split(';').filter((p) => p !== '')
      const notes = imported === undefined ? [] : await importedNotes(imported, periods)
      const planName = imported === undefined ? '' : (await services.plans.bySlug(imported)).name
      return reply.page('import-budget.njk', {
        title: TITLE,
        plans: await planItems(planName),
        notes,
        errors: {},
        problems: [],
      })
    },
  )

  app.post('/import/budget', { preHandler: app.csrfProtection.bind(app) }, async (request, reply) => {
    const actor = actorOf(request)
    requireImport(actor)
    const planName = field(request.body, 'planName').trim()
    const reason = field(request.body, 'reason').trim()
    const budget = fileField(request.body, 'budget')
    const capital = fileField(request.body, 'capital')
    const errors: Record<string, { text: string }> = {}
    if (planName === '') errors.planName = { text: 'Choose the plan the budget belongs to' }
    if (!budget) errors.budget = { text: 'Select the revenue statements CSV file (budget.csv)' }
    for (const { field: name, message } of lengthErrors([['reason', reason, LIMITS.reason]]))
      errors[name] = { text: message }
    let problems: ProblemRow[] = []
    if (budget && Object.keys(errors).length === 0) {
      try {
        const outcome = await services.budgets.importBudget({
          planName,
          budgetFile: { name: 'budget.csv', content: budget.value },
          capitalFile: capital ? { name: 'capital.csv', content: capital.value } : null,
          actor: actor.email,
          role: actor.role,
          reason: reason || null,
        })
        const plan = await services.plans.bySlugOrName(outcome.planName)
        const periods = encodeURIComponent(outcome.periods.map((p) => p.period).join(';'))
        return await reply.redirect(`/import/budget?imported=${encodeURIComponent(plan.slug)}&periods=${periods}`, 303)
      } catch (error) {
        if (error instanceof ImportRejected) problems = problemRows(error)
        else if (error instanceof DomainError && error.code === 'plan-not-found')
          errors.planName = { text: error.message }
        else throw error
      }
    }
    return rejected(reply, { planName, reason }, errors, problems)
  })

  async function rejected(
    reply: FastifyReply,
    values: { planName: string; reason: string },
    errors: Record<string, { text: string }>,
    problems: ProblemRow[],
  ) {
    if (problems.length > 0) {
      errors.budget = {
        text: `The files have ${count(problems.length, 'problem', 'problems')}. Nothing was imported. Fix them and upload the files again.`,
      }
    }
    const errorList = Object.entries(errors).map(([name, e]) => ({
      text: e.text,
      href: name === 'budget' && problems.length > 0 ? '#problems' : `#${name}`,
    }))
    return reply.page(
      'import-budget.njk',
      {
        title: TITLE,
        plans: await planItems(values.planName),
        reason: values.reason,
        notes: [],
        errors,
        errorList,
        problems,
      },
      400,
    )
  }
}

import type { Command } from 'commander'
import type { DeliveryImportOutcome } from '../services/index.ts'
import type { RunWithServices } from './index.ts'
import { readInput } from './import.command.ts'
import { basename } from 'node:path'

function describe(outcome: DeliveryImportOutcome): string {
  const counts = (c: DeliveryImportOutcome['items']): string =>
    `${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged`
  return [
    `${outcome.planCreated ? 'Created' : 'Updated'} plan "${outcome.planName}".`,
    ...(outcome.groups.added + outcome.groups.updated + outcome.groups.unchanged > 0
      ? [`Groups: ${counts(outcome.groups)}.`]
      : []),
    `Delivery items: ${counts(outcome.items)}.`,
    `Statuses: ${counts(outcome.updates)}.`,
    `Changes recorded in the audit trail: ${outcome.auditEvents}.`,
  ].join('\n')
}

export function registerDelivery(program: Command, withServices: RunWithServices): void {
  program
    .command('import-delivery')
    .description('Import milestones, actions, priorities and areas of concern, and their statuses (all or nothing)')
    .requiredOption('--plan <name>', 'the plan to import into (created if new)')
    .argument('<delivery.csv>', 'the delivery items')
    .argument('[delivery_updates.csv]', 'their statuses per period')
    .option('--groups <groups.csv>', 'the partnership groups, with how each makes decisions and delivers')
    .option('--reason <text>', 'why statuses of signed-off periods are being revised (needed to change them)')
    .action(
      async (
        itemsPath: string,
        updatesPath: string | undefined,
        options: { plan: string; groups?: string; reason?: string },
      ) => {
        const items = await readInput(itemsPath)
        const updates = updatesPath === undefined ? null : await readInput(updatesPath)
        const groupsPath = options.groups
        const groups =
          groupsPath === undefined ? null : { name: basename(groupsPath), content: await readInput(groupsPath) }
        await withServices(async (context) => {
          const outcome = await context.services.delivery.importDelivery({
            planName: options.plan,
            itemsFile: { name: basename(itemsPath), content: items },
            updatesFile: updates && updatesPath ? { name: basename(updatesPath), content: updates } : null,
            groupsFile: groups,
            actor: context.actor,
            reason: options.reason ?? null,
          })
          context.out(describe(outcome))
        })
      },
    )
}

export function registerRisks(program: Command, withServices: RunWithServices): void {
  program
    .command('import-risks')
    .description('Import a risk register: risks, their treatment measures and quarterly reviews (all or nothing)')
    .requiredOption('--plan <name>', 'the plan the risks belong to')
    .argument('<risks.csv>', 'the risks, with initial and residual likelihood and impact')
    .argument('[risk_treatments.csv]', 'the treatment measures')
    .argument('[risk_reviews.csv]', 'each treatment’s progress per period')
    .option('--reason <text>', 'why reviews of signed-off periods are being revised (needed to change them)')
    .action(
      async (
        risksPath: string,
        treatmentsPath: string | undefined,
        reviewsPath: string | undefined,
        options: { plan: string; reason?: string },
      ) => {
        const read = async (path: string | undefined) =>
          path === undefined ? null : { name: basename(path), content: await readInput(path) }
        const [risksFile, treatmentsFile, reviewsFile] = await Promise.all([
          read(risksPath),
          read(treatmentsPath),
          read(reviewsPath),
        ])
        await withServices(async (context) => {
          if (!risksFile) return
          const outcome = await context.services.risks.importRisks({
            planName: options.plan,
            risksFile,
            treatmentsFile,
            reviewsFile,
            actor: context.actor,
            reason: options.reason ?? null,
          })
          const counts = (c: typeof outcome.risks): string =>
            `${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged`
          context.out(
            `Risks: ${counts(outcome.risks)}.\nReviews: ${counts(outcome.reviews)}.\nChanges recorded in the audit trail: ${outcome.auditEvents}.`,
          )
        })
      },
    )
}

export function registerInspection(program: Command, withServices: RunWithServices): void {
  program
    .command('import-inspection')
    .description('Import Key Line of Enquiry scores (1–4, strong/medium/weak) per assessment and year (all or nothing)')
    .requiredOption('--plan <name>', 'the plan the scores belong to (created if new)')
    .argument('<kloe_scores.csv>', 'the scores')
    .action(async (path: string, options: { plan: string }) => {
      const content = await readInput(path)
      await withServices(async (context) => {
        const outcome = await context.services.inspection.importKloeScores({
          planName: options.plan,
          file: { name: basename(path), content },
          actor: context.actor,
        })
        const c = outcome.scores
        context.out(
          `KLOE scores: ${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged.\nChanges recorded in the audit trail: ${outcome.auditEvents}.`,
        )
      })
    })
}

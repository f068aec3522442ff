import type { Command } from 'commander'
import type { RunWithServices } from './index.ts'

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
        const { runImportDelivery } = await import('./delivery.action.ts')
        await runImportDelivery(withServices, itemsPath, updatesPath, options)
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
        const { runImportRisks } = await import('./delivery.action.ts')
        await runImportRisks(withServices, [risksPath, treatmentsPath, reviewsPath], options)
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
      const { runImportInspection } = await import('./delivery.action.ts')
      await runImportInspection(withServices, path, options)
    })
}

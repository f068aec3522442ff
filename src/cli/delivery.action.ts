import { basename } from 'node:path'
import type { DeliveryImportOutcome } from '../services/index.ts'
import { readInput } from './import.action.ts'
import type { RunWithServices } from './index.ts'

/** What the delivery commands do; delivery.command.ts loads this module when one of them runs. */

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

/** `outturn import-delivery`. */
export async function runImportDelivery(
  withServices: RunWithServices,
  itemsPath: string,
  updatesPath: string | undefined,
  options: { plan: string; groups?: string; reason?: string },
): Promise<void> {
  const items = await readInput(itemsPath)
  const updates = updatesPath === undefined ? null : await readInput(updatesPath)
  const groupsPath = options.groups
  const groups = groupsPath === undefined ? null : { name: basename(groupsPath), content: await readInput(groupsPath) }
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
}

/** `outturn import-risks`. */
export async function runImportRisks(
  withServices: RunWithServices,
  paths: readonly [string, string | undefined, string | undefined],
  options: { plan: string; reason?: string },
): Promise<void> {
  const read = async (path: string | undefined) =>
    path === undefined ? null : { name: basename(path), content: await readInput(path) }
  const [risksFile, treatmentsFile, reviewsFile] = await Promise.all(paths.map(read))
  await withServices(async (context) => {
    if (!risksFile) return
    const outcome = await context.services.risks.importRisks({
      planName: options.plan,
      risksFile,
      treatmentsFile: treatmentsFile ?? null,
      reviewsFile: reviewsFile ?? null,
      actor: context.actor,
      reason: options.reason ?? null,
    })
    const counts = (c: typeof outcome.risks): string =>
      `${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged`
    context.out(
      `Risks: ${counts(outcome.risks)}.\nReviews: ${counts(outcome.reviews)}.\nChanges recorded in the audit trail: ${outcome.auditEvents}.`,
    )
  })
}

/** `outturn import-inspection`. */
export async function runImportInspection(
  withServices: RunWithServices,
  path: string,
  options: { plan: string },
): Promise<void> {
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
}

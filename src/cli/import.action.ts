import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { DomainError } from '../domain/errors.ts'
import type { ImportOutcome, ImportStage } from '../services/index.ts'
import type { CommandContext, RunWithServices } from './index.ts'
import { createProgressBar } from './progress.ts'
import { placeholderSentences } from '../services/import/import-placeholders.ts'

/**
 * Reads a file named on the command line; a missing or unreadable file is the user's to fix, not a crash. Read in
 * one call: a command has nothing else to do meanwhile, and fs/promises reads a big file in many trips.
 */
// eslint-disable-next-line @typescript-eslint/require-await -- callers await a read that may fail with our message
export async function readInput(path: string): Promise<Buffer> {
  try {
    return readFileSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EACCES'
          ? 'permission was refused'
          : 'it could not be read'
    throw new DomainError('not-found', `Cannot read ${path}: ${why}. Check the path and try again.`)
  }
}

/**
 * Reads the exchange files (indicators, observations and, optionally, comparators) and imports them into a plan,
 * reporting progress and what changed.
 */
export async function importFiles(
  context: CommandContext,
  planName: string,
  indicatorsPath: string,
  observationsPath: string,
  comparatorsPath?: string,
  reason?: string,
): Promise<ImportOutcome> {
  const [indicators, observations, comparators] = await Promise.all([
    readInput(indicatorsPath),
    readInput(observationsPath),
    comparatorsPath === undefined ? null : readInput(comparatorsPath),
  ])
  const bar = createProgressBar({ line: context.progress, ...(context.redraw ? { redraw: context.redraw } : {}) })
  const megabytes = (indicators.length + observations.length) / (1024 * 1024)
  try {
    return await context.services.imports.importPlan({
      planName,
      indicatorsFile: { name: basename(indicatorsPath), content: indicators },
      observationsFile: { name: basename(observationsPath), content: observations },
      comparatorsFile:
        comparatorsPath === undefined || comparators === null
          ? null
          : { name: basename(comparatorsPath), content: comparators },
      actor: context.actor,
      ...(reason === undefined ? {} : { reason }),
      // Progress is shown for big imports only; a small one finishes before anyone could read it.
      onProgress: (stage: ImportStage, done, total) => {
        if (stage === 'checking') {
          if (done === 0 && megabytes >= 1) context.progress(`Checking the files (${megabytes.toFixed(0)} MB)...`)
        } else if (stage === 'done') {
          bar.finish()
        } else if (total >= 10_000) {
          bar.update(stage, done, total)
        }
      },
    })
  } finally {
    bar.finish()
  }
}

export function describeOutcome(outcome: ImportOutcome): string {
  const counts = (c: ImportOutcome['indicators']): string =>
    `${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged`
  const c = outcome.comparators
  return [
    `${outcome.planCreated ? 'Created' : 'Updated'} plan "${outcome.planName}".`,
    `Indicators: ${counts(outcome.indicators)}.`,
    `Observations: ${counts(outcome.observations)}.`,
    ...placeholderSentences(outcome.placeholders),
    ...(c.added + c.updated + c.unchanged > 0 ? [`Comparators: ${counts(c)}.`] : []),
    `Changes recorded in the audit trail: ${outcome.auditEvents}.`,
  ].join('\n')
}

/** `outturn import`: the plan's files imported, and what changed. */
export async function runImport(
  withServices: RunWithServices,
  indicatorsPath: string,
  observationsPath: string,
  options: { plan: string; comparators?: string; reason?: string },
): Promise<void> {
  await withServices(async (context) => {
    const outcome = await importFiles(
      context,
      options.plan,
      indicatorsPath,
      observationsPath,
      options.comparators,
      options.reason,
    )
    context.out(describeOutcome(outcome))
  })
}

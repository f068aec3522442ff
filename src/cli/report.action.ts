import { writeFile } from 'node:fs/promises'
import { loadConfig } from '../config.ts'
import { DomainError } from '../domain/errors.ts'
import { parsePeriod } from '../domain/periods/period.ts'
import type { ReportFormat } from '../reports/formats.ts'
import { renderReport, showsHistory } from '../reports/index.ts'
import type { RunWithServices } from './index.ts'

export interface ReportOptions {
  plan: string
  period: string
  format: ReportFormat
  theme?: string[]
  out?: string
  current?: boolean
}

const BINARY: readonly ReportFormat[] = ['docx', 'pdf', 'xlsx']

/** `outturn report`: the report in its format, to standard output or a file. Only that format's renderer is loaded. */
export async function runReport(withServices: RunWithServices, options: ReportOptions): Promise<void> {
  const period = parsePeriod(options.period)
  if (BINARY.includes(options.format) && !options.out) {
    throw new DomainError('invalid-value', `A ${options.format} report is a file: add --out report.${options.format}`)
  }
  await withServices(async (context) => {
    const started = Date.now()
    if (options.out) context.progress(`Gathering ${options.plan} for ${options.period}...`)
    // A signed-off period's report is the one signed off, with the revisions since.
    const data = await context.services.signOffs.report(options.plan, period, {
      ...(options.theme ? { themes: options.theme } : {}),
      current: options.current === true,
      histories: showsHistory(options.format),
    })
    if (options.out) context.progress(`Rendering ${options.format}...`)
    const body = await renderReport(options.format, {
      ...data,
      producedOn: new Date().toISOString(),
      chromiumPath: loadConfig().chromiumPath,
      ...(options.theme ? { themes: options.theme } : {}),
    })
    if (options.out) {
      await writeFile(options.out, body)
      context.progress(
        `Wrote ${options.out} (${Math.ceil(body.length / 1024)} KB) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      )
    } else {
      process.stdout.write(body)
    }
  })
}

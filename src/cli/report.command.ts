import { type Command, Option } from 'commander'
import { writeFile } from 'node:fs/promises'
import { loadConfig } from '../config.ts'
import { DomainError } from '../domain/errors.ts'
import { parsePeriod } from '../domain/periods/period.ts'
import { REPORT_FORMATS, type ReportFormat, renderReport, showsHistory } from '../reports/index.ts'
import type { RunWithServices } from './index.ts'

interface ReportOptions {
  plan: string
  period: string
  format: ReportFormat
  theme?: string[]
  out?: string
  current?: boolean
}

const BINARY: readonly ReportFormat[] = ['docx', 'pdf', 'xlsx']

export function registerReport(program: Command, withServices: RunWithServices): void {
  program
    .command('report')
    .description('Produce the performance report for a plan and period')
    .requiredOption('--plan <name>', 'the plan')
    .requiredOption('--period <period>', 'the period: 2013/14, 2013/14 Q2 or 2013-09')
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .option('--theme <theme...>', "limit the report to these themes (a committee's remit)")
    .option('--out <file>', 'write to a file (needed for docx, pdf and xlsx)')
    .option('--current', 'for a signed-off period: the current figures, not the report as signed off')
    .action(async (options: ReportOptions) => {
      const period = parsePeriod(options.period)
      if (BINARY.includes(options.format) && !options.out) {
        throw new DomainError(
          'invalid-value',
          `A ${options.format} report is a file: add --out report.${options.format}`,
        )
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
    })
}

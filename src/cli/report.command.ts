import { type Command, Option } from 'commander'
import { writeFile } from 'node:fs/promises'
import { parsePeriod } from '../domain/period.ts'
import { reportJson } from '../reports/report.json.ts'
import { reportText } from '../reports/report.text.ts'
import type { RunWithServices } from './index.ts'

interface ReportOptions {
  plan: string
  period: string
  format: 'json' | 'text'
  theme?: string[]
  out?: string
}

export function registerReport(program: Command, withServices: RunWithServices): void {
  program
    .command('report')
    .description('Print the performance report for a plan and period')
    .requiredOption('--plan <name>', 'the plan')
    .requiredOption('--period <period>', 'the period: 2013/14, 2013/14 Q2 or 2013-09')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'text']).default('text'))
    .option('--theme <theme...>', "limit the report to these themes (a committee's remit)")
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (options: ReportOptions) => {
      const period = parsePeriod(options.period)
      await withServices(async (context) => {
        const evaluation = await context.services.plans.evaluate(options.plan, period, options.theme)
        const body =
          options.format === 'json'
            ? `${JSON.stringify(reportJson(evaluation, options.theme), null, 2)}\n`
            : `${reportText(evaluation)}\n`
        if (options.out) {
          await writeFile(options.out, body)
          context.progress(`Wrote ${options.out}`)
        } else {
          context.out(body)
        }
      })
    })
}

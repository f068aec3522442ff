import { type Command, Option } from 'commander'
import { REPORT_FORMATS } from '../reports/formats.ts'
import type { ReportOptions } from './report.action.ts'
import type { RunWithServices } from './index.ts'

export function registerReport(program: Command, withServices: RunWithServices): void {
  program
    .command('report')
    .description('Produce the performance report for a plan and period')
    .requiredOption('--plan <name>', 'the plan')
    .requiredOption(
      '--period <period>',
      'the period: 2013/14, 2013/14 Q2 or 2013-09 (Q2 2013/14, Quarter 2 2013/14 and Sep 2013 are read too)',
    )
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .option('--theme <theme...>', "limit the report to these themes (a committee's remit)")
    .option('--out <file>', 'write to a file (needed for docx, pdf and xlsx)')
    .option('--current', 'for a signed-off period: the current figures, not the report as signed off')
    .action(async (options: ReportOptions) => {
      const { runReport } = await import('./report.action.ts')
      await runReport(withServices, options)
    })
}

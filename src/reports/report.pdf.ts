import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { DomainError } from '../domain/errors.ts'

/** Debian's Chromium, where `apt-get install chromium` puts it. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium'

/**
 * Prints the report's print layout (report.print.ts) to PDF in headless Chromium: the pages, their orientation and
 * the running footer with page numbers are the layout's own (@page rules). Only the PDF needs a browser; if there is
 * none, the error says how to get one.
 */
export async function renderReportPdf(html: string, options: { chromiumPath?: string } = {}): Promise<Buffer> {
  const executablePath = options.chromiumPath ?? DEFAULT_CHROMIUM
  if (!existsSync(executablePath)) {
    throw new DomainError(
      'not-found',
      `PDF output needs Chromium, and there is none at ${executablePath}. Install it (on Debian or Ubuntu: sudo apt-get install chromium), or set OUTTURN_CHROMIUM to where it is. The HTML, Word and Excel formats do not need it.`,
    )
  }
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  try {
    const page = await browser.newPage()
    // The report is self-contained: no network, so nothing can slow or leak the render.
    await page.route('**/*', (route) => route.abort())
    await page.setContent(html, { waitUntil: 'load' })
    const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true, outline: true, tagged: true })
    return Buffer.from(pdf)
  } finally {
    await browser.close()
  }
}

import { existsSync } from 'node:fs'
import { type ResvgRenderOptions, renderAsync } from '@resvg/resvg-js'

/*
 * Charts as pictures, for the Word and Excel reports only: resvg (a native add-on) is loaded with them, when the
 * first such report is made, not by the web pages or the JSON and text reports, which show charts as SVG or not at all.
 */

/**
 * Liberation Sans has Arial's metrics, so text measured for Arial fits. Where it is installed (Debian's
 * fonts-liberation) only it is loaded, which is faster and predictable; elsewhere resvg searches the system fonts.
 */
const LIBERATION = ['Regular', 'Bold'].map(
  (style) => `/usr/share/fonts/truetype/liberation/LiberationSans-${style}.ttf`,
)
const FONT_OPTIONS: NonNullable<ResvgRenderOptions['font']> = LIBERATION.every((file) => existsSync(file))
  ? {
      loadSystemFonts: false,
      fontFiles: LIBERATION,
      defaultFontFamily: 'Liberation Sans',
      sansSerifFamily: 'Liberation Sans',
    }
  : { loadSystemFonts: true, defaultFontFamily: 'Arial' }

/**
 * The chart as a PNG `width` pixels wide (height in proportion), for Word and Excel reports. Rendered on libuv's
 * thread pool, so several charts convert in parallel.
 */
export async function svgToPng(svg: string, width: number): Promise<Buffer> {
  const image = await renderAsync(svg, { fitTo: { mode: 'width', value: width }, font: FONT_OPTIONS })
  return image.asPng()
}

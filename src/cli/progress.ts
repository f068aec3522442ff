/** Where a progress bar goes: finished lines, and, on a terminal, a line rewritten in place. */
export interface ProgressSink {
  line(text: string): void
  /** Rewrites the current line; absent when the output is a file or a pipe, which get a line per tenth instead. */
  redraw?: (text: string) => void
}

export interface ProgressBar {
  update(stage: string, done: number, total: number): void
  /** Ends the current stage's line, if one is still being redrawn. */
  finish(): void
}

const WIDTH = 24
const REDRAW_MS = 100

/** 65,000: digits grouped in threes as en-GB does, without loading the locale data on the import's clock. */
function count(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** "Writing observations  [█████████░░░░░]  60%  39,000 of 65,000 rows  42,300 rows a second" */
export function progressLine(stage: string, done: number, total: number, seconds: number): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1
  const filled = Math.round(fraction * WIDTH)
  const bar = `[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}]`
  const percent = `${String(Math.floor(fraction * 100)).padStart(3)}%`
  const rate = seconds > 0 && done > 0 ? `  ${count(done / seconds)} rows a second` : ''
  const label = stage.charAt(0).toUpperCase() + stage.slice(1)
  return `${label.padEnd(22)} ${bar} ${percent}  ${count(done)} of ${count(total)} rows${rate}`
}

/**
 * A progress bar for long-running work reported as (stage, done, total): each stage gets its own bar and its own
 * rate, measured from the stage's first report.
 */
export function createProgressBar(sink: ProgressSink, clock: () => number = () => performance.now()): ProgressBar {
  let stage: string | null = null
  let started = 0
  let lastDrawn = -Infinity
  let lastTenth = -1
  let pending: string | null = null
  let complete = false

  function finish(): void {
    if (pending !== null) sink.line(pending)
    pending = null
  }

  function update(next: string, done: number, total: number): void {
    const now = clock()
    if (next !== stage) {
      finish()
      stage = next
      started = now
      lastDrawn = -Infinity
      lastTenth = -1
      complete = false
    }
    if (complete) return
    complete = done >= total
    // The line is only built when it is drawn: a big import reports far more often than anyone could read.
    const line = (): string => progressLine(next, done, total, (now - started) / 1000)
    if (sink.redraw) {
      if (!complete && now - lastDrawn < REDRAW_MS) return
      lastDrawn = now
      const text = line()
      sink.redraw(text)
      pending = text
      if (complete) finish()
      return
    }
    const tenth = total > 0 ? Math.floor((10 * done) / total) : 10
    if (tenth === lastTenth) return
    lastTenth = tenth
    sink.line(line())
  }

  return { update, finish }
}

import { compare } from '../figures/decimal.ts'
import type { Polarity } from './indicator.ts'
import { type Figure, sameText } from '../figures/value.ts'

/** Direction of travel: better, the same, or worse than the comparison period, in the indicator's polarity. */
export type Dot = 'improved' | 'same' | 'worse'

/**
 * Compares this period's figure with the comparison period's, in the indicator's polarity.
 * Numbers and ranks: higher is better, lower is better, or (polarity none) only "same" can be said.
 * Texts: unchanged text is the same; moving onto the target is improved and moving off it is worse;
 * any other change of text has no direction. Returns null where no direction can be given.
 */
export function directionOfTravel(
  polarity: Polarity,
  current: Figure,
  previous: Figure,
  target: Figure | null,
): Dot | null {
  if (current.kind === 'text' || previous.kind === 'text') {
    if (current.kind !== previous.kind) return null
    if (sameText(current.text, previous.text)) return 'same'
    if (target?.kind !== 'text') return null
    if (sameText(current.text, target.text)) return 'improved'
    if (sameText(previous.text, target.text)) return 'worse'
    return null
  }
  const order = compare(current.value, previous.value)
  if (order === 0) return 'same'
  if (polarity === 'none') return null
  const better = polarity === 'higher' ? order > 0 : order < 0
  return better ? 'improved' : 'worse'
}

/**
 * Exact decimal arithmetic for published figures.
 *
 * RAG edges are decided by comparisons such as "5.16 is more than 10% worse than 4.4". Binary floating point
 * gets some of those wrong (4.4 * 1.1 is 4.840000000000001), so figures are kept as a scaled integer and every
 * comparison the engine makes is exact.
 */
export interface Decimal {
  /** The digits, as an integer. */
  readonly units: bigint
  /** How many of those digits are after the decimal point. */
  readonly scale: number
}

const DECIMAL_PATTERN = /^([+-]?)(\d+)(?:\.(\d+))?$/

/** Reads a plain decimal such as "-15.5" or "3802"; returns null for anything else. */
export function parseDecimal(text: string): Decimal | null {
  const match = DECIMAL_PATTERN.exec(text.trim())
  if (!match) return null
  const [, sign = '', whole = '0', fraction = ''] = match
  const units = BigInt(whole + fraction)
  return normalise({ units: sign === '-' ? -units : units, scale: fraction.length })
}

/** Converts a finite JavaScript number (for example a computed projection) to a decimal. */
export function decimalFromNumber(value: number): Decimal {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`)
  // 15 significant digits drop binary noise such as 0.30000000000000004 without losing a published figure.
  const [mantissa = '0', exponent = '0'] = value.toPrecision(15).split('e')
  const parsed = parseDecimal(mantissa)
  if (!parsed) throw new RangeError(`Cannot represent ${value} as a decimal`)
  const shift = Number(exponent)
  return normalise(
    shift >= 0
      ? { units: parsed.units * 10n ** BigInt(shift), scale: parsed.scale }
      : { units: parsed.units, scale: parsed.scale - shift },
  )
}

function normalise(value: Decimal): Decimal {
  let { units, scale } = value
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n
    scale -= 1
  }
  return { units, scale }
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale)
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale]
}

export function add(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b)
  return normalise({ units: x + y, scale })
}

export function subtract(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b)
  return normalise({ units: x - y, scale })
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return normalise({ units: a.units * b.units, scale: a.scale + b.scale })
}

export function negate(a: Decimal): Decimal {
  return { units: -a.units, scale: a.scale }
}

export function abs(a: Decimal): Decimal {
  return a.units < 0n ? negate(a) : a
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const [x, y] = align(a, b)
  return x < y ? -1 : x > y ? 1 : 0
}

export function isZero(a: Decimal): boolean {
  return a.units === 0n
}

export function toNumber(a: Decimal): number {
  return Number(decimalToString(a))
}

/** The shortest exact decimal text: "4.84", "-15.5", "3802". */
export function decimalToString(a: Decimal): string {
  const negative = a.units < 0n
  const digits = (negative ? -a.units : a.units).toString().padStart(a.scale + 1, '0')
  const whole = digits.slice(0, digits.length - a.scale)
  const fraction = digits.slice(digits.length - a.scale)
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
}

export const ZERO: Decimal = { units: 0n, scale: 0 }

/** a / b rounded half away from zero to the given number of decimal places. */
export function divide(a: Decimal, b: Decimal, places: number): Decimal {
  if (b.units === 0n) throw new RangeError('Division by zero')
  // a/b = (a.units / 10^a.scale) / (b.units / 10^b.scale); scale the numerator so the quotient has `places` digits.
  const shift = places + b.scale - a.scale
  let numerator = a.units
  let denominator = b.units
  if (shift >= 0) numerator *= 10n ** BigInt(shift)
  else denominator *= 10n ** BigInt(-shift)
  const negative = numerator < 0n !== denominator < 0n
  const n = numerator < 0n ? -numerator : numerator
  const d = denominator < 0n ? -denominator : denominator
  let quotient = n / d
  if ((n % d) * 2n >= d) quotient += 1n
  return normalise({ units: negative ? -quotient : quotient, scale: places })
}

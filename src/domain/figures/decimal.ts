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

/*
 * Fast paths. A dashboard judges a few million figures, nearly all of them a handful of digits, and BigInt arithmetic
 * allocates on every step. Where every quantity is a safe integer (below 2^53), plain numbers give the same integers
 * exactly, so each operation below first tries them and otherwise falls back to the BigInt arithmetic (`exact`).
 * A product of safe integers that is itself a safe integer is exact; one that is not is at least 2^53 (rounding is
 * monotonic and 2^53 is representable), so Number.isSafeInteger tells the two apart.
 */

/** 10^k as bigints, for aligning scales without computing a power each time. */
const BIG_POWERS: readonly bigint[] = Array.from({ length: 40 }, (_, k) => 10n ** BigInt(k))
/** 10^k as numbers (each literal exact); only up to 10^15, so products stay checkable. */
const POWERS: readonly number[] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]
const MAX_NUMBER_SHIFT = POWERS.length - 1

function bigPower(k: number): bigint {
  return BIG_POWERS[k] ?? 10n ** BigInt(k)
}

/** The units as a number when that is exact, else NaN (which fails every later safe-integer test). */
function small(units: bigint): number {
  const n = Number(units)
  return Number.isSafeInteger(n) ? n : Number.NaN
}

/** units × 10^shift as a number when exact, else NaN. */
function scaled(units: number, shift: number): number {
  if (shift === 0) return units
  if (shift > MAX_NUMBER_SHIFT) return Number.NaN
  const n = units * (POWERS[shift] ?? Number.NaN)
  return Number.isSafeInteger(n) ? n : Number.NaN
}

/** A decimal from safe-integer units, without trailing zeros after the point. */
function fromNumber(units: number, scale: number): Decimal {
  let n = units
  let s = scale
  // A multiple of ten divided by ten is an exact integer, so this loop is exact.
  while (s > 0 && n % 10 === 0) {
    n /= 10
    s -= 1
  }
  return { units: BigInt(n), scale: s }
}

/**
 * The value's units at a scale at least its own (4.84 at scale 3 is 4840), as a number when that is exact; NaN when
 * it is not, which every later safe-integer test fails. For arithmetic fast paths outside this module.
 */
export function unitsAt(value: Decimal, scale: number): number {
  return scaled(small(value.units), scale - value.scale)
}

/** The decimal units × 10^-scale, for units that are a safe integer (a fast path's result). */
export function decimalFromUnits(units: number, scale: number): Decimal {
  if (!Number.isSafeInteger(units)) throw new RangeError(`Not a safe integer: ${units}`)
  return fromNumber(units, scale)
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/** Reads a plain decimal such as "-15.5" or "3802"; returns null for anything else. */
export function parseDecimal(text: string): Decimal | null {
  // The same language as DECIMAL_PATTERN, scanned by hand: the regular expression and its match array cost more
  // than the rest of reading a figure.
  const s = text.trim()
  const length = s.length
  let i = 0
  const sign = s.charCodeAt(0)
  const negative = sign === 45
  if (negative || sign === 43) i = 1
  const wholeStart = i
  while (i < length && isDigit(s.charCodeAt(i))) i += 1
  const wholeEnd = i
  if (wholeEnd === wholeStart) return null
  let end = wholeEnd
  if (i < length) {
    if (s.charCodeAt(i) !== 46) return null
    i += 1
    while (i < length && isDigit(s.charCodeAt(i))) i += 1
    if (i !== length || i === wholeEnd + 1) return null
    end = length
    // Trailing zeros after the point carry no value (82.0 is 82), as normalise would strip them.
    while (end > wholeEnd + 1 && s.charCodeAt(end - 1) === 48) end -= 1
    if (end === wholeEnd + 1) end = wholeEnd
  }
  const scale = end === wholeEnd ? 0 : end - wholeEnd - 1
  const digits = wholeEnd - wholeStart + scale
  if (digits <= 15) {
    // Fifteen digits are below 10^15 < 2^53: the number is exact.
    let n = 0
    for (let k = wholeStart; k < end; k += 1) if (k !== wholeEnd) n = n * 10 + (s.charCodeAt(k) - 48)
    if (n === 0) return { units: 0n, scale: 0 }
    return { units: BigInt(negative ? -n : n), scale }
  }
  const units = BigInt(s.slice(wholeStart, wholeEnd) + (scale > 0 ? s.slice(wholeEnd + 1, end) : ''))
  return bigNormalise(negative ? -units : units, scale)
}

/**
 * The number a plain decimal text stands for (toNumber of parseDecimal), read straight from the text, when it has at
 * most 15 digits and no surrounding space; NaN otherwise (the caller then reads it in full). With 15 digits the
 * digits are an exact integer n < 10^15 and 10^scale is exact, so n / 10^scale is the correctly rounded value of the
 * decimal, which is what Number gives for its text.
 */
export function plainDecimalNumber(text: string): number {
  const length = text.length
  let i = 0
  const sign = text.charCodeAt(0)
  const negative = sign === 45
  if (negative || sign === 43) i = 1
  const start = i
  let n = 0
  let digits = 0
  let scale = -1
  for (; i < length; i += 1) {
    const code = text.charCodeAt(i)
    if (code >= 48 && code <= 57) {
      n = n * 10 + (code - 48)
      digits += 1
      if (scale >= 0) scale += 1
    } else if (code === 46 && scale < 0 && i > start) scale = 0
    else return Number.NaN
  }
  if (digits === 0 || digits > 15 || scale === 0) return Number.NaN
  const value = scale > 0 ? n / (POWERS[scale] ?? Number.NaN) : n
  // 0 rather than -0, as the decimal zero has no sign.
  return negative && value !== 0 ? -value : value
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
      ? { units: parsed.units * bigPower(shift), scale: parsed.scale }
      : { units: parsed.units, scale: parsed.scale - shift },
  )
}

function bigNormalise(units: bigint, scale: number): Decimal {
  let u = units
  let s = scale
  while (s > 0 && u % 10n === 0n) {
    u /= 10n
    s -= 1
  }
  return { units: u, scale: s }
}

function normalise(value: Decimal): Decimal {
  if (value.scale === 0) return value
  const n = small(value.units)
  if (!Number.isNaN(n)) return n % 10 === 0 ? fromNumber(n, value.scale) : value
  return bigNormalise(value.units, value.scale)
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale)
  return [a.units * bigPower(scale - a.scale), b.units * bigPower(scale - b.scale), scale]
}

/** a + sign × b, exactly. */
function sum(a: Decimal, b: Decimal, sign: 1 | -1): Decimal {
  const scale = Math.max(a.scale, b.scale)
  const x = scaled(small(a.units), scale - a.scale)
  const y = scaled(small(b.units), scale - b.scale)
  const total = x + sign * y
  if (Number.isSafeInteger(total)) return fromNumber(total, scale)
  return sign === 1 ? exact.add(a, b) : exact.subtract(a, b)
}

export function add(a: Decimal, b: Decimal): Decimal {
  return sum(a, b, 1)
}

export function subtract(a: Decimal, b: Decimal): Decimal {
  return sum(a, b, -1)
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  const product = small(a.units) * small(b.units)
  if (Number.isSafeInteger(product)) return fromNumber(product, a.scale + b.scale)
  return exact.multiply(a, b)
}

export function negate(a: Decimal): Decimal {
  return { units: -a.units, scale: a.scale }
}

export function abs(a: Decimal): Decimal {
  return a.units < 0n ? negate(a) : a
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  // Comparing bigints allocates nothing; only aligning scales does.
  if (a.scale === b.scale) return a.units < b.units ? -1 : a.units > b.units ? 1 : 0
  const scale = Math.max(a.scale, b.scale)
  const x = scaled(small(a.units), scale - a.scale)
  const y = scaled(small(b.units), scale - b.scale)
  if (!Number.isNaN(x) && !Number.isNaN(y)) return x < y ? -1 : x > y ? 1 : 0
  return exact.compare(a, b)
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
  const shift = places + b.scale - a.scale
  const n = shift >= 0 ? scaled(small(a.units), shift) : small(a.units)
  const d = shift >= 0 ? small(b.units) : scaled(small(b.units), -shift)
  // |n| + |d| safe keeps the quotient's check below exact: q × d is at most |n| + |d|.
  if (Number.isSafeInteger(Math.abs(n) + Math.abs(d))) {
    const numerator = Math.abs(n)
    const denominator = Math.abs(d)
    let quotient = Math.floor(numerator / denominator)
    let remainder = numerator - quotient * denominator
    // The floating-point quotient can be one out either way near an integer; the remainder says which.
    if (remainder < 0) {
      quotient -= 1
      remainder += denominator
    } else if (remainder >= denominator) {
      quotient += 1
      remainder -= denominator
    }
    if (remainder * 2 >= denominator) quotient += 1
    return fromNumber(n < 0 !== d < 0 ? -quotient : quotient, places)
  }
  return exact.divide(a, b, places)
}

/**
 * The BigInt arithmetic each fast path above falls back to, whatever the size of the figures: exported so the tests
 * can show that the fast paths give the same decimals.
 */
export const exact = {
  parseDecimal(text: string): Decimal | null {
    const match = DECIMAL_PATTERN.exec(text.trim())
    if (!match) return null
    const [, sign = '', whole = '0', fraction = ''] = match
    const units = BigInt(whole + fraction)
    return bigNormalise(sign === '-' ? -units : units, fraction.length)
  },
  add(a: Decimal, b: Decimal): Decimal {
    const [x, y, scale] = align(a, b)
    return bigNormalise(x + y, scale)
  },
  subtract(a: Decimal, b: Decimal): Decimal {
    const [x, y, scale] = align(a, b)
    return bigNormalise(x - y, scale)
  },
  multiply(a: Decimal, b: Decimal): Decimal {
    return bigNormalise(a.units * b.units, a.scale + b.scale)
  },
  compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
    const [x, y] = align(a, b)
    return x < y ? -1 : x > y ? 1 : 0
  },
  divide(a: Decimal, b: Decimal, places: number): Decimal {
    if (b.units === 0n) throw new RangeError('Division by zero')
    // a/b = (a.units / 10^a.scale) / (b.units / 10^b.scale); scale the numerator so the quotient has `places` digits.
    const shift = places + b.scale - a.scale
    let numerator = a.units
    let denominator = b.units
    if (shift >= 0) numerator *= bigPower(shift)
    else denominator *= bigPower(-shift)
    const negative = numerator < 0n !== denominator < 0n
    const n = numerator < 0n ? -numerator : numerator
    const d = denominator < 0n ? -denominator : denominator
    let quotient = n / d
    if ((n % d) * 2n >= d) quotient += 1n
    return bigNormalise(negative ? -quotient : quotient, places)
  },
}

/**
 * The few distribution functions the confidence intervals need, to full double precision and with no library:
 * the normal quantile (Wichura's AS 241, exactly as R's qnorm computes it), the Poisson tail probabilities, and the
 * chi-square quantile for an even number of degrees of freedom, found by bisection on the Poisson tail (a χ² with
 * 2k degrees of freedom is twice a Gamma(k), whose distribution function is a Poisson tail).
 */

// Wichura's AS 241 (PPND16) coefficients, highest power first, written as the doubles R's C source rounds them to.
const CENTRAL_NUMERATOR = [
  2509.0809287301227, 33430.57558358813, 67265.7709270087, 45921.95393154987, 13731.69376550946, 1971.5909503065513,
  133.14166789178438, 3.3871328727963665,
]
const CENTRAL_DENOMINATOR = [
  5226.495278852854, 28729.085735721943, 39307.89580009271, 21213.794301586597, 5394.196021424751, 687.1870074920579,
  42.31333070160091, 1,
]
const TAIL_NUMERATOR = [
  0.0007745450142783414, 0.022723844989269184, 0.2417807251774506, 1.2704582524523684, 3.6478483247632045,
  5.769497221460691, 4.630337846156546, 1.4234371107496835,
]
const TAIL_DENOMINATOR = [
  1.0507500716444169e-9, 0.0005475938084995345, 0.015198666563616457, 0.14810397642748008, 0.6897673349851,
  1.6763848301838038, 2.053191626637759, 1,
]
const FAR_TAIL_NUMERATOR = [
  2.0103343992922881e-7, 2.7115555687434876e-5, 0.0012426609473880784, 0.026532189526576124, 0.29656057182850487,
  1.7848265399172913, 5.463784911164114, 6.657904643501103,
]
const FAR_TAIL_DENOMINATOR = [
  2.0442631033899397e-15, 1.421511758316446e-7, 1.8463183175100548e-5, 0.0007868691311456133, 0.014875361290850615,
  0.1369298809227358, 0.599832206555888, 1,
]

/** A polynomial by Horner's rule, highest power first: the same operations, in the same order, as R's nested form. */
function horner(x: number, coefficients: readonly number[]): number {
  let sum = coefficients[0] ?? 0
  for (let i = 1; i < coefficients.length; i++) sum = sum * x + (coefficients[i] ?? 0)
  return sum
}

/** The standard normal deviate below which a fraction p of the distribution lies (R's qnorm(p)). */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN
  if (p === 0) return Number.NEGATIVE_INFINITY
  if (p === 1) return Number.POSITIVE_INFINITY
  const q = p - 0.5
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q
    return (q * horner(r, CENTRAL_NUMERATOR)) / horner(r, CENTRAL_DENOMINATOR)
  }
  // Closer than 0.075 to 0 or 1: R takes the smaller tail as 0.5 - p + 0.5, which is exact here.
  const r = Math.sqrt(-Math.log(q > 0 ? 0.5 - p + 0.5 : p))
  // Up to r = 5 (p down to exp(-25)) the second approximation; beyond it the third, which holds to r = 27, that is to
  // p = 2.5e-317, as close to 0 as a double that is not subnormal gets.
  const value =
    r <= 5
      ? horner(r - 1.6, TAIL_NUMERATOR) / horner(r - 1.6, TAIL_DENOMINATOR)
      : horner(r - 5, FAR_TAIL_NUMERATOR) / horner(r - 5, FAR_TAIL_DENOMINATOR)
  return q < 0 ? -value : value
}

/** ln(k!) for a whole number k, exactly summed (k is small wherever the exact Poisson method is used). */
function logFactorial(k: number): number {
  let sum = 0
  for (let i = 2; i <= k; i++) sum += Math.log(i)
  return sum
}

/** The Poisson probability of exactly k events when lambda are expected, computed in log space. */
function poissonTerm(k: number, lambda: number): number {
  if (lambda === 0) return k === 0 ? 1 : 0
  return Math.exp(-lambda + k * Math.log(lambda) - logFactorial(k))
}

/** P(X ≤ k) for X ~ Poisson(lambda): the chance of k or fewer events when lambda are expected. */
export function poissonCdf(k: number, lambda: number): number {
  if (k < 0) return 0
  let sum = 0
  for (let i = 0; i <= k; i++) sum += poissonTerm(i, lambda)
  return Math.min(sum, 1)
}

/** P(X ≥ k) for X ~ Poisson(lambda), summed over the upper tail so a small probability keeps its precision. */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1
  if (lambda === 0) return 0
  // Below the mode the tail is close to 1 and the complement loses nothing; above it, sum the tail itself.
  if (k <= lambda) return 1 - poissonCdf(k - 1, lambda)
  let term = poissonTerm(k, lambda)
  let sum = 0
  for (let i = k; term > 0 && term > sum * 1e-18; i++) {
    sum += term
    term = (term * lambda) / (i + 1)
  }
  return Math.min(sum, 1)
}

/**
 * The lambda at which an increasing function of lambda crosses p, by bisection (in log space while the bracket is
 * wide) until the bracket can shrink no further: the answer is then as exact as the function itself.
 */
function bisectLambda(rising: (lambda: number) => number, p: number): number {
  let low = 1e-300
  let high = 1
  while (rising(high) < p) high *= 2
  for (let step = 0; step < 2000; step++) {
    // Halve the logarithm while the bracket spans orders of magnitude, then the value itself to the last bit.
    const mid = high / low > 2 ? Math.sqrt(low) * Math.sqrt(high) : low + (high - low) / 2
    if (mid <= low || mid >= high) break
    if (rising(mid) < p) low = mid
    else high = mid
  }
  const lowGap = Math.abs(rising(low) - p)
  const highGap = Math.abs(rising(high) - p)
  return lowGap < highGap ? low : high
}

/**
 * The χ² quantile for an even number of degrees of freedom (R's qchisq(p, df) for df = 2k): twice the lambda at
 * which P(Poisson(lambda) ≥ k) = p. Odd or negative degrees of freedom are outside what the rates need.
 */
export function chiSquareQuantileEven(p: number, df: number): number {
  if (!Number.isInteger(df) || df < 0 || df % 2 !== 0) return Number.NaN
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN
  const k = df / 2
  if (k === 0 || p === 0) return 0
  if (p === 1) return Number.POSITIVE_INFINITY
  // With 2 degrees of freedom the quantile has a closed form: P(Poisson(lambda) ≥ 1) = 1 - exp(-lambda).
  if (k === 1) return -2 * Math.log1p(-p)
  return 2 * bisectLambda((lambda) => poissonUpperTail(k, lambda), p)
}

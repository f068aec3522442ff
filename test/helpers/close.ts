import assert from 'node:assert/strict'

/**
 * Asserts that a computed figure is a finite number within tol of the expected one: absolute for figures up to 1,
 * relative beyond (so a rate per 100,000 is held to the same number of significant digits as a proportion).
 */
export function close(actual: number | null | undefined, expected: number, tol = 1e-9, what = 'value'): void {
  assert.equal(typeof actual, 'number', `${what} should be a number, not ${String(actual)}`)
  const value = actual as number
  assert.ok(Number.isFinite(value), `${what} should be finite, not ${value}`)
  const allowed = tol * Math.max(1, Math.abs(expected))
  assert.ok(
    Math.abs(value - expected) <= allowed,
    `${what}: expected ${expected} within ${allowed}, got ${value} (off by ${Math.abs(value - expected)})`,
  )
}

/** Asserts a figure rounds to the given number of significant digits as R prints it (e.g. 0.1416238 or -3.01138). */
export function roundsTo(actual: number | null | undefined, printed: number, digits: number, what = 'value'): void {
  assert.equal(typeof actual, 'number', `${what} should be a number, not ${String(actual)}`)
  assert.equal(
    Number((actual as number).toPrecision(digits)),
    printed,
    `${what}: ${actual} printed to ${digits} digits`,
  )
}

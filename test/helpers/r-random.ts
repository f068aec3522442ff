import { normalQuantile } from '../../src/domain/statistics/distributions.ts'

/**
 * R's default random numbers, so the reference tests can rebuild the data NHSRplotthedots' tests draw with
 * set.seed(123); rnorm(20): the Mersenne Twister seeded as R's set.seed seeds it (RNG.c: Randomize, RNG_Init,
 * FixupSeeds, MT_genrand), uniforms as unif_rand gives them, and normals by R's default "Inversion"
 * (snorm.c: two uniforms give 2^27 · u1 + u2, divided by 2^27, through qnorm).
 */
export class RRandom {
  private readonly mt = new Uint32Array(624)
  private index = 624

  /** set.seed(seed) */
  constructor(seed: number) {
    let s = seed >>> 0
    // Initial scrambling, then one LCG step per seed word; the first of R's 625 words is the position, set to 624.
    for (let j = 0; j < 50; j++) s = (Math.imul(69069, s) + 1) >>> 0
    s = (Math.imul(69069, s) + 1) >>> 0
    for (let j = 0; j < 624; j++) {
      s = (Math.imul(69069, s) + 1) >>> 0
      this.mt[j] = s
    }
  }

  private nextWord(): number {
    const mt = this.mt
    const upper = 0x80000000
    const lower = 0x7fffffff
    const twist = (y: number): number => (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)
    if (this.index >= 624) {
      for (let k = 0; k < 624; k++) {
        const y = ((mt[k] ?? 0) & upper) | ((mt[(k + 1) % 624] ?? 0) & lower)
        mt[k] = (mt[(k + 397) % 624] ?? 0) ^ twist(y)
      }
      this.index = 0
    }
    let y = mt[this.index++] ?? 0
    y ^= y >>> 11
    y ^= (y << 7) & 0x9d2c5680
    y ^= (y << 15) & 0xefc60000
    y ^= y >>> 18
    return y >>> 0
  }

  /** runif(1): a uniform in (0, 1), kept off both ends as R's fixup does. */
  uniform(): number {
    const value = this.nextWord() * 2.3283064365386963e-10
    const half = 0.5 * 2.328306437080797e-10
    if (value <= 0) return half
    if (1 - value <= 0) return 1 - half
    return value
  }

  /** rnorm(n, mean, sd) */
  normal(count: number, mean = 0, sd = 1): number[] {
    const big = 134217728
    return Array.from({ length: count }, () => {
      const u = Math.trunc(big * this.uniform()) + this.uniform()
      return mean + sd * normalQuantile(u / big)
    })
  }
}

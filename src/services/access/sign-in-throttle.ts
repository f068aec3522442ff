/**
 * Slows password guessing without letting anyone lock a real user out for good. Failed sign-ins are counted per
 * email typed (whether or not such an account exists, so the answer never tells which accounts do), per address,
 * and per email and address together. Each lock lasts a fixed time from the failure that set it, then lifts itself.
 *
 * - The same email from the same address: 5 failures in 15 minutes lock that pair for 15 minutes. An attacker
 *   locks only themselves; the real user at their own desk is not affected.
 * - One address, any emails (password spraying): 30 failures in 15 minutes lock the address for 15 minutes.
 * - One email from many addresses (a distributed attack): 20 failures in 15 minutes lock the email for 15 minutes.
 *
 * An email and address that have signed in successfully before are subject only to the first rule, so neither a
 * distributed attack on an account nor a busy shared address (a council's proxy) keeps its owner out. The counts
 * live in the server's memory: a restart clears them.
 */
export const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  pairFailures: 5,
  addressFailures: 30,
  accountFailures: 20,
} as const

/** How many keys are followed at most; the oldest are forgotten first, so a flood of emails cannot exhaust memory. */
const MAX_KEYS = 50_000
const KNOWN_GOOD_DAYS = 30

interface Counter {
  failures: number[]
  lockedUntil: number
}

export interface SignInThrottle {
  /** When the attempt may be made again (ms since the epoch), or null if it may be made now. */
  lockedUntil(email: string, address: string): number | null
  recordFailure(email: string, address: string): void
  recordSuccess(email: string, address: string): void
}

/** The sign-in throttle on the services' clock. */
export function createSignInThrottle(now: () => Date): SignInThrottle {
  const counters = new Map<string, Counter>()
  const knownGood = new Map<string, number>()
  const windowMs = THROTTLE.windowMinutes * 60_000
  const lockMs = THROTTLE.lockMinutes * 60_000

  const keys = (email: string, address: string) => {
    const account = email.trim().toLowerCase()
    return {
      pair: `pair\u0000${account}\u0000${address}`,
      address: `address\u0000${address}`,
      account: `account\u0000${account}`,
    }
  }

  function lockOf(key: string, at: number): number | null {
    const counter = counters.get(key)
    return counter && counter.lockedUntil > at ? counter.lockedUntil : null
  }

  function fail(key: string, limit: number, at: number): void {
    const counter = counters.get(key) ?? { failures: [], lockedUntil: 0 }
    counters.delete(key)
    counter.failures = counter.failures.filter((time) => at - time < windowMs)
    counter.failures.push(at)
    if (counter.failures.length >= limit) {
      counter.lockedUntil = at + lockMs
      counter.failures = []
    }
    counters.set(key, counter)
    while (counters.size > MAX_KEYS) counters.delete(counters.keys().next().value ?? '')
  }

  return {
    lockedUntil(email, address) {
      const at = now().getTime()
      const k = keys(email, address)
      const good = (knownGood.get(k.pair) ?? 0) > at - KNOWN_GOOD_DAYS * 86_400_000
      const locks = [lockOf(k.pair, at), ...(good ? [] : [lockOf(k.address, at), lockOf(k.account, at)])]
      const latest = Math.max(...locks.map((lock) => lock ?? 0))
      return latest > 0 ? latest : null
    },
    recordFailure(email, address) {
      const at = now().getTime()
      const k = keys(email, address)
      fail(k.pair, THROTTLE.pairFailures, at)
      fail(k.address, THROTTLE.addressFailures, at)
      fail(k.account, THROTTLE.accountFailures, at)
    },
    recordSuccess(email, address) {
      const k = keys(email, address)
      counters.delete(k.pair)
      knownGood.delete(k.pair)
      knownGood.set(k.pair, now().getTime())
      while (knownGood.size > MAX_KEYS) knownGood.delete(knownGood.keys().next().value ?? '')
    },
  }
}

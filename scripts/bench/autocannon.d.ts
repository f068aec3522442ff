/** The part of autocannon's programmatic API the benchmark uses (the package ships no types). */
declare module 'autocannon' {
  /** One request of a sequence each connection repeats; setupRequest builds it, onResponse sees its answer. */
  interface Request {
    method?: 'GET' | 'POST'
    path?: string
    headers?: Record<string, string>
    body?: string
    /** The context is the connection's own object, emptied at the start of each round of requests. */
    setupRequest?(request: Request, context: object): Request
    onResponse?(status: number, body: string, context: object, headers: Record<string, string>): void
  }
  interface Options {
    url: string
    connections?: number
    duration?: number
    timeout?: number
    headers?: Record<string, string>
    requests?: Request[]
  }
  interface Histogram {
    average: number
    mean: number
    p50: number
    p99: number
    max: number
    total: number
  }
  interface Result {
    duration: number
    requests: Histogram
    latency: Histogram
    /** Bytes a second read, headers and body; `total` is every byte of the run. */
    throughput: Histogram
    errors: number
    timeouts: number
    non2xx: number
    '2xx': number
  }
  function autocannon(options: Options): Promise<Result>
  export type { Options, Request, Result }
  export default autocannon
}

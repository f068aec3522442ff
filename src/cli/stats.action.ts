import { type Static, type TSchema, Type } from 'typebox'
import { Value } from 'typebox/value'
import { compareAtTwoLevels, compareWithBenchmark } from '../domain/statistics/comparison.ts'
import { DomainError } from '../domain/errors.ts'
import { dsrInterval, rateInterval, wilsonInterval } from '../domain/statistics/intervals.ts'
import { analyseSpc } from '../domain/statistics/spc.ts'

/**
 * `outturn stats`: one JSON request on standard input, one JSON result line on standard output. No database.
 * The contract is documented in the README ("Statistics from the command line").
 */

const Num = Type.Number()
const NullableNum = Type.Union([Type.Number(), Type.Null()])
const closed = { additionalProperties: false } as const

const WilsonRequest = Type.Object(
  { method: Type.Literal('wilson'), x: Num, n: Num, confidence: Type.Optional(Num) },
  closed,
)
const RateRequest = Type.Object(
  { method: Type.Literal('rate'), x: Num, n: Num, multiplier: Type.Optional(Num), confidence: Type.Optional(Num) },
  closed,
)
const DsrRequest = Type.Object(
  {
    method: Type.Literal('dsr'),
    x: Type.Array(NullableNum),
    n: Type.Array(Num),
    standard: Type.Optional(Type.Array(Num)),
    multiplier: Type.Optional(Num),
    confidence: Type.Optional(Num),
  },
  closed,
)
const CompareRequest = Type.Object(
  {
    method: Type.Literal('compare'),
    value: NullableNum,
    lower: NullableNum,
    upper: NullableNum,
    benchmark: NullableNum,
    polarity: Type.Union([Type.Literal('higher'), Type.Literal('lower'), Type.Literal('none')]),
    lower998: Type.Optional(NullableNum),
    upper998: Type.Optional(NullableNum),
  },
  closed,
)
const SpcRequest = Type.Object(
  {
    method: Type.Literal('spc'),
    values: Type.Array(Num),
    improvement: Type.Optional(
      Type.Union([Type.Literal('increase'), Type.Literal('decrease'), Type.Literal('neutral')]),
    ),
    target: Type.Optional(NullableNum),
    rebaseAt: Type.Optional(Type.Array(Type.Integer())),
    fixAfter: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    screenOutliers: Type.Optional(Type.Boolean()),
    twoOfThreeVariant: Type.Optional(Type.Union([Type.Literal('nhsr'), Type.Literal('mdc-2023')])),
    runLength: Type.Optional(Type.Integer()),
    trendLength: Type.Optional(Type.Integer()),
    conflict: Type.Optional(Type.Union([Type.Literal('precedence'), Type.Literal('prefer-improvement')])),
    assuranceComparison: Type.Optional(Type.Union([Type.Literal('strict'), Type.Literal('inclusive')])),
    limitMultiplier: Type.Optional(Num),
    minimumPoints: Type.Optional(Type.Integer()),
    zeroSpread: Type.Optional(Type.Union([Type.Literal('limits-at-mean'), Type.Literal('no-limits')])),
  },
  closed,
)

const METHODS = ['wilson', 'rate', 'dsr', 'compare', 'spc'] as const
type Method = (typeof METHODS)[number]
const EXAMPLE = '{"method":"wilson","x":45,"n":100}'

function invalid(message: string): DomainError {
  return new DomainError('invalid-value', `outturn stats: ${message}`)
}

/** Checks the request against its method's schema; the message names each field that is wrong. */
function checked<S extends TSchema>(schema: S, method: Method, request: unknown): Static<S> {
  if (Value.Check(schema, request)) return request
  const problems = [...Value.Errors(schema, request)].slice(0, 4).map((error) => {
    const where = error.instancePath === '' ? 'the request' : error.instancePath.slice(1).replaceAll('/', '.')
    const extra = (error.params as { additionalProperties?: unknown }).additionalProperties
    const names = Array.isArray(extra) ? ` (${extra.join(', ')})` : ''
    return `${where} ${error.message}${names}`
  })
  throw invalid(`invalid ${method} request: ${problems.join('; ')}.`)
}

/** Parses one request and computes its result, as a plain object ready for JSON. */
export function answerStatsRequest(text: string): { result: object; warnings: string[] } {
  if (text.trim() === '') throw invalid(`no request on standard input. Pipe one JSON object, e.g. ${EXAMPLE}`)
  let request: unknown
  try {
    request = JSON.parse(text)
  } catch (error) {
    throw invalid(`the request is not valid JSON (${error instanceof Error ? error.message : String(error)}).`)
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw invalid(`the request must be one JSON object with a method, e.g. ${EXAMPLE}`)
  }
  const method = (request as { method?: unknown }).method
  if (typeof method !== 'string' || !(METHODS as readonly string[]).includes(method)) {
    throw invalid(`the method must be one of ${METHODS.join(', ')}, not ${JSON.stringify(method ?? null)}.`)
  }
  switch (method as Method) {
    case 'wilson': {
      const r = checked(WilsonRequest, 'wilson', request)
      return { result: wilsonInterval(r.x, r.n, withDefined({ confidence: r.confidence })), warnings: [] }
    }
    case 'rate': {
      const r = checked(RateRequest, 'rate', request)
      const rate = rateInterval(r.x, r.n, withDefined({ confidence: r.confidence, multiplier: r.multiplier }))
      return { result: rate, warnings: [] }
    }
    case 'dsr': {
      const r = checked(DsrRequest, 'dsr', request)
      const dsr = dsrInterval(
        r.x,
        r.n,
        withDefined({ standard: r.standard, confidence: r.confidence, multiplier: r.multiplier }),
      )
      const warnings = dsr.suppressed
        ? [`the DSR is suppressed: ${dsr.totalCount} events in total, fewer than 10.`]
        : []
      return { result: { value: dsr.value, lower: dsr.lower, upper: dsr.upper }, warnings }
    }
    case 'compare':
      return { result: compareResult(checked(CompareRequest, 'compare', request)), warnings: [] }
    case 'spc':
      return spcResult(checked(SpcRequest, 'spc', request))
  }
}

/** A figure against a benchmark: at 95% alone, or at 95% and 99.8% when both intervals are given. */
function compareResult(r: Static<typeof CompareRequest>): object {
  if (r.lower998 !== undefined || r.upper998 !== undefined) {
    const figure = {
      value: r.value,
      lower95: r.lower,
      upper95: r.upper,
      lower998: r.lower998 ?? null,
      upper998: r.upper998 ?? null,
    }
    return compareAtTwoLevels(figure, r.benchmark, r.polarity)
  }
  return { result: compareWithBenchmark(r, r.benchmark, r.polarity) }
}

/** An SPC chart of the values: its limits by period, each point's signal, the variation and the assurance. */
function spcResult(r: Static<typeof SpcRequest>): { result: object; warnings: string[] } {
  const chart = analyseSpc(
    r.values,
    withDefined({
      improvement: r.improvement,
      target: r.target,
      rebaseAt: r.rebaseAt,
      fixAfter: r.fixAfter,
      screenOutliers: r.screenOutliers,
      twoOfThreeVariant: r.twoOfThreeVariant,
      runLength: r.runLength,
      trendLength: r.trendLength,
      conflict: r.conflict,
      assuranceComparison: r.assuranceComparison,
      limitMultiplier: r.limitMultiplier,
      minimumPoints: r.minimumPoints,
      zeroSpread: r.zeroSpread,
    }),
  )
  const warnings = chart.fewPoints
    ? ['a period has fewer than 13 points, so its limits are indicative only (Making Data Count needs 13).']
    : []
  return {
    result: {
      groups: chart.groups.map(({ start, end, mean, lpl, upl, nlpl, nupl }) => ({
        start,
        end,
        mean,
        lpl,
        upl,
        nlpl,
        nupl,
      })),
      points: chart.points.map(({ outside, close, rule, type }) => ({ outside, close, rule, type })),
      variation: chart.variation,
      assurance: chart.assurance,
    },
    warnings,
  }
}

/** Drops the keys whose value is undefined, so optional fields can be passed on under exactOptionalPropertyTypes. */
function withDefined<T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>
  }
}

/** `outturn stats`: reads the request, writes the result; no database, no store. */
export async function runStats(): Promise<void> {
  const { result, warnings } = answerStatsRequest(await readStandardInput())
  for (const warning of warnings) process.stderr.write(`outturn stats: warning: ${warning}\n`)
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
  return Buffer.concat(chunks).toString('utf8')
}

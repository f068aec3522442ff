import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

/**
 * The project's size rules: no file in src/ over 400 lines, and no function there over 80 of its own lines (see
 * longFunctions), blank lines and comments inside it included, its leading doc comment not. Each file is parsed with
 * the TypeScript compiler, so every kind of function counts: declarations, expressions, arrows, methods,
 * constructors and accessors. The lint's function-length rule (eslint.config.js) counts the same way, for the editor.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const MAX_FILE_LINES = 400
const MAX_FUNCTION_LINES = 80

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

export interface Oversized {
  readonly where: string
  readonly lines: number
}

function functionName(node: ts.Node, file: ts.SourceFile): string {
  const named = node as ts.Node & { name?: ts.Node }
  if (named.name) return named.name.getText(file)
  if (ts.isConstructorDeclaration(node)) return 'constructor'
  const parent = node.parent
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
    return parent.name.getText(file)
  if (ts.isCallExpression(parent)) return `(a function passed to ${parent.expression.getText(file).slice(0, 40)})`
  return '(anonymous)'
}

interface Measured {
  readonly node: ts.Node
  readonly start: number
  readonly end: number
  /** The lines of functions written inside it, which are measured on their own. */
  inner: number
}

/**
 * Every function in a file's text whose own lines number more than `max`, as "path:line name" with that number. A
 * function's own lines run from the line it starts on to the line it ends on, less the lines of the functions written
 * inside it (each measured on its own): a service's factory is as long as its own code, not the sum of its methods.
 */
export function longFunctions(path: string, text: string, max = MAX_FUNCTION_LINES): Oversized[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true)
  const measured: Measured[] = []
  const lineOf = (position: number): number => file.getLineAndCharacterOfPosition(position).line
  const visit = (node: ts.Node, outer: Measured | null): void => {
    let inside = outer
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      inside = { node, start: lineOf(node.getStart(file)), end: lineOf(node.getEnd()), inner: 0 }
      measured.push(inside)
      // Its lines, less any it shares with the outer function's own (the line it starts or ends on).
      if (outer) outer.inner += Math.max(0, inside.end - inside.start - 1)
    }
    ts.forEachChild(node, (child) => {
      visit(child, inside)
    })
  }
  visit(file, null)
  return measured
    .map((m) => ({
      where: `${path}:${m.start + 1} ${functionName(m.node, file)}`,
      lines: m.end - m.start + 1 - m.inner,
    }))
    .filter((m) => m.lines > max)
}

/** The number of lines in a file's text (a final line break ends the last line, it does not start another). */
export function lineCount(text: string): number {
  return text === '' ? 0 : text.replace(/\n$/, '').split('\n').length
}

describe('the size rules', () => {
  const files = sourceFiles(join(ROOT, 'src')).map((path) => ({
    path: relative(ROOT, path),
    text: readFileSync(path, 'utf8'),
  }))

  it('finds the source files', () => {
    assert.ok(files.length > 100, `${files.length} files under src/`)
  })

  it(`has no file in src/ over ${MAX_FILE_LINES} lines`, () => {
    const long = files
      .map(({ path, text }) => ({ where: path, lines: lineCount(text) }))
      .filter((f) => f.lines > MAX_FILE_LINES)
    assert.deepEqual(long, [])
  })

  it(`has no function in src/ over ${MAX_FUNCTION_LINES} lines`, () => {
    assert.deepEqual(
      files.flatMap(({ path, text }) => longFunctions(path, text)),
      [],
    )
  })

  it('counts each kind of function’s own lines, less those of the functions inside it', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i}`).join('\n')
    const text = [
      `/** A doc comment\n * of two lines */`,
      `export function declared() {\n${body(78)}\n}`, // lines 3 to 82: 80 lines, within the rule
      `const arrow = () => {\n${body(79)}\n}`, // lines 83 to 163: 81
      `class Holder {\n  method() {\n${body(81)}\n  }\n}`, // the method: lines 165 to 247, 83
      `function outer() {\n  const inner = function () {\n${body(100)}\n  }\n${body(10)}\n}`, // inner: 250 to 351
      `run(function () {\n${body(3)}\n})`,
    ].join('\n')
    assert.deepEqual(
      longFunctions('example.ts', text).map((f) => [f.where, f.lines]),
      [
        ['example.ts:83 arrow', 81],
        ['example.ts:165 method', 83],
        ['example.ts:250 inner', 102],
      ],
      'outer is 114 lines, of which 100 are inner’s own: 14',
    )
    assert.deepEqual(longFunctions('example.ts', text, 13).find((f) => f.where.endsWith('outer'))?.lines, 14)
    assert.equal(lineCount('a\nb\n'), 2)
    assert.equal(lineCount('a\nb'), 2)
  })
})

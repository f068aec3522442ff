import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { inPageOrder, summaryToOrder } from '../../src/web/error-summary-order.ts'

const PAGE = '<ul><li><a href="#target">x</a></li></ul><input id="actual"><input id="note"><input id="target">'
const item = (id: string) => ({ text: `Fix ${id}`, href: `#${id}` })

describe('the error summary in page order', () => {
  const cases: readonly [string, string[], string[]][] = [
    ['already in order', ['actual', 'note', 'target'], ['actual', 'note', 'target']],
    ['found backwards', ['target', 'note', 'actual'], ['actual', 'note', 'target']],
    ['a field the page lacks goes last', ['missing', 'target', 'actual'], ['actual', 'target', 'missing']],
    ['two lines for one field keep their order', ['target', 'actual', 'target'], ['actual', 'target', 'target']],
    ['the summary’s own links are not fields', ['target'], ['target']],
  ]
  for (const [name, given, expected] of cases)
    it(name, () => {
      const ordered = inPageOrder(given.map(item), PAGE)
      assert.deepEqual(
        ordered.map((i) => i.href.slice(1)),
        expected,
      )
    })

  it('keeps a line that links nowhere on the page where it was', () => {
    const list = [{ text: 'Elsewhere', href: '/help' }, item('note'), item('actual')]
    assert.deepEqual(
      inPageOrder(list, PAGE).map((i) => i.href),
      ['#actual', '#note', '/help'],
    )
  })

  it('orders only a summary of two or more lines', () => {
    assert.equal(summaryToOrder({}), null)
    assert.equal(summaryToOrder({ errorList: [item('a')] }), null)
    assert.equal(summaryToOrder({ errorList: [item('a'), 'not an item'] }), null)
    assert.deepEqual(summaryToOrder({ errorList: [item('a'), item('b')] }), [item('a'), item('b')])
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sharedRead } from '../../src/store/data-stamp.ts'

/** A read whose answers the test gives by hand, recording when each read was sent. */
function controlled() {
  const reads: { resolve: (value: string) => void; reject: (error: Error) => void }[] = []
  const read = () =>
    new Promise<string>((resolve, reject) => {
      reads.push({ resolve, reject })
    })
  return { reads, read }
}

const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('a read shared by requests asking at once', () => {
  it('sends a read for the first to ask, and one more for all who ask while it runs', async () => {
    const { reads, read } = controlled()
    const ask = sharedRead(read)
    const first = ask()
    assert.equal(reads.length, 1)
    const second = ask()
    const third = ask()
    assert.equal(reads.length, 1, 'nobody shares a read that began before they asked, so none is sent yet')
    reads[0]?.resolve('before the change')
    assert.equal(await first, 'before the change')
    await settle()
    assert.equal(reads.length, 2, 'the next read goes once the first has answered')
    reads[1]?.resolve('after the change')
    assert.deepEqual(await Promise.all([second, third]), ['after the change', 'after the change'])
  })

  it('answers a request asking while the shared read runs with the read after it', async () => {
    const { reads, read } = controlled()
    const ask = sharedRead(read)
    void ask()
    const second = ask()
    reads[0]?.resolve('one')
    await settle()
    const late = ask()
    assert.equal(reads.length, 2)
    reads[1]?.resolve('two')
    assert.equal(await second, 'two')
    await settle()
    assert.equal(reads.length, 3, 'the late request began after the second read was sent')
    reads[2]?.resolve('three')
    assert.equal(await late, 'three')
  })

  it('sends a fresh read when nothing is running', async () => {
    const { reads, read } = controlled()
    const ask = sharedRead(read)
    const one = ask()
    reads[0]?.resolve('one')
    assert.equal(await one, 'one')
    await settle()
    const two = ask()
    assert.equal(reads.length, 2)
    reads[1]?.resolve('two')
    assert.equal(await two, 'two')
  })

  it('passes a failed read to those who shared it, and the waiting requests still get the next read', async () => {
    const { reads, read } = controlled()
    const ask = sharedRead(read)
    const first = ask()
    const second = ask()
    reads[0]?.reject(new Error('connection lost'))
    await assert.rejects(first, /connection lost/)
    await settle()
    reads[1]?.resolve('recovered')
    assert.equal(await second, 'recovered')
  })
})

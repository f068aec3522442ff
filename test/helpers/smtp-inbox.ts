import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** A message as the SMTP server received it, with its parts decoded. */
export interface ReceivedMail {
  readonly from: string
  readonly to: readonly string[]
  readonly subject: string
  readonly messageId: string
  readonly text: string
  readonly html: string
  readonly raw: string
}

/** A real SMTP server on loopback that keeps what it is sent, and can be told to refuse the next few sends. */
export interface SmtpInbox {
  readonly url: string
  readonly received: ReceivedMail[]
  /** Refuses the next `count` messages with a temporary failure (451). */
  refuseNext(count: number): void
  close(): Promise<void>
}

/** Starts the SMTP server on 127.0.0.1, on a port of its choosing (or the one given). */
export async function startSmtpInbox(port = 0): Promise<SmtpInbox> {
  const received: ReceivedMail[] = []
  let refusals = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (refusals > 0) {
          refusals -= 1
          const error = Object.assign(new Error('Try again later'), { responseCode: 451 })
          callback(error)
          return
        }
        const envelope = session.envelope
        const from = envelope.mailFrom === false ? '' : envelope.mailFrom.address
        received.push(
          parse(
            Buffer.concat(chunks).toString('utf8'),
            from,
            envelope.rcptTo.map((r) => r.address),
          ),
        )
        callback()
      })
    },
  })
  server.listen(port, '127.0.0.1')
  await once(server.server, 'listening')
  const address = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    refuseNext: (count) => {
      refusals = count
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve()
        })
      }),
  }
}

function headerOf(head: string, name: string): string {
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ')
  const match = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(unfolded)
  return match?.[1]?.trim() ?? ''
}

function decodeWords(text: string): string {
  return text.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, kind: string, body: string) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(body, 'base64').toString('utf8')
      : quotedPrintable(body.replace(/_/g, ' ')),
  )
}

function quotedPrintable(text: string): string {
  const soft = text.replace(/=\r?\n/g, '')
  const bytes: number[] = []
  for (let i = 0; i < soft.length; i += 1) {
    const hex = soft.slice(i + 1, i + 3)
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16))
      i += 2
    } else bytes.push(...Buffer.from(soft[i] ?? ''))
  }
  return Buffer.from(bytes).toString('utf8')
}

function body(part: string): { type: string; content: string } {
  const split = part.search(/\r?\n\r?\n/)
  const head = part.slice(0, split)
  const content = part.slice(split).replace(/^\r?\n\r?\n/, '')
  const encoding = headerOf(head, 'Content-Transfer-Encoding').toLowerCase()
  const decoded =
    encoding === 'quoted-printable'
      ? quotedPrintable(content)
      : encoding === 'base64'
        ? Buffer.from(content, 'base64').toString('utf8')
        : content
  return { type: headerOf(head, 'Content-Type').toLowerCase(), content: decoded.replace(/\r\n/g, '\n').trim() }
}

function parse(raw: string, from: string, to: readonly string[]): ReceivedMail {
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/))
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headerOf(head, 'Content-Type'))?.[1]
  const parts = boundary
    ? raw
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((part) => body(part.replace(/^\r?\n/, '')))
    : [body(raw)]
  const of = (type: string) => parts.find((part) => part.type.startsWith(type))?.content ?? ''
  return {
    from,
    to,
    subject: decodeWords(headerOf(head, 'Subject')),
    messageId: headerOf(head, 'Message-ID'),
    text: of('text/plain'),
    html: of('text/html'),
    raw,
  }
}

/**
 * Hostile addresses and names, as data (like ./hostile-corpus.ts): what an attacker puts in a query string, a route
 * parameter, a form field's name or a CSV header. The tests that use them say what must happen to each.
 */

/**
 * Addresses someone could put in `/sign-in?returnTo=…`, each refused (sent to the plans page instead) because a
 * browser, or a parser that decodes or removes dot-segments, could read it as another site.
 */
export const HOSTILE_RETURN_TO: readonly { readonly value: string; readonly why: string }[] = [
  { value: '//evil.example/', why: 'protocol-relative' },
  { value: '///evil.example/', why: 'three slashes' },
  { value: '/\\evil.example', why: 'slash then backslash' },
  { value: '\\\\evil.example', why: 'two backslashes' },
  { value: '\\/evil.example', why: 'backslash then slash' },
  { value: '/plans\\..\\..\\/evil.example', why: 'a backslash later in the path' },
  { value: '/.//evil.example', why: 'a dot-segment the parser removes, leaving //' },
  { value: '/..//evil.example', why: 'a double-dot segment' },
  { value: '/a/..//evil.example', why: 'up from a segment' },
  { value: '/a/b/../..//evil.example', why: 'up two segments' },
  { value: '/%2e//evil.example', why: 'an encoded dot' },
  { value: '/%2E%2E//evil.example', why: 'encoded dots, upper case' },
  { value: '/%252e//evil.example', why: 'a double-encoded dot' },
  { value: '/%25252e//evil.example', why: 'a triple-encoded dot' },
  { value: '/%2F/evil.example', why: 'an encoded second slash' },
  { value: '/%2f%2fevil.example', why: 'encoded slashes, lower case' },
  { value: '%2F%2Fevil.example', why: 'entirely encoded' },
  { value: '/%5Cevil.example', why: 'an encoded backslash' },
  { value: '/%255Cevil.example', why: 'a double-encoded backslash' },
  { value: '/\t/evil.example', why: 'a tab, which browsers drop' },
  { value: '/%09/evil.example', why: 'an encoded tab' },
  { value: '/\n/evil.example', why: 'a newline' },
  { value: '/%0d%0a/evil.example', why: 'an encoded CRLF' },
  { value: '/%0D%0ASet-Cookie:%20x=y', why: 'header injection' },
  { value: '/\u0000/evil.example', why: 'a NUL' },
  { value: '/\u0085/evil.example', why: 'a C1 next-line' },
  { value: '/\u200B/evil.example', why: 'a zero-width space' },
  { value: '/\u2028/evil.example', why: 'a line separator' },
  { value: '/\uFEFF/evil.example', why: 'a byte-order mark' },
  { value: '/\u202E/evil.example', why: 'a right-to-left override' },
  { value: '/\u2215evil.example', why: 'a division slash' },
  { value: '/\uFF0Fevil.example', why: 'a fullwidth solidus' },
  { value: '/%EF%BC%8Fevil.example', why: 'an encoded fullwidth solidus' },
  { value: '/\u2044evil.example', why: 'a fraction slash' },
  { value: '/\u29F8evil.example', why: 'a big solidus' },
  { value: '/\uFF3Cevil.example', why: 'a fullwidth reverse solidus' },
  { value: '/\uFE68evil.example', why: 'a small reverse solidus' },
  { value: 'https://evil.example/', why: 'an absolute address' },
  { value: 'HTTPS://EVIL.EXAMPLE/', why: 'an absolute address in capitals' },
  { value: 'http:evil.example', why: 'a scheme without slashes' },
  { value: 'javascript:alert(1)', why: 'a script' },
  { value: 'JaVaScRiPt:alert(1)', why: 'a script in mixed case' },
  { value: ' javascript:alert(1)', why: 'a script after a space' },
  { value: 'data:text/html,<script>alert(1)</script>', why: 'a data address' },
  { value: 'evil.example', why: 'no leading slash' },
  { value: ' //evil.example', why: 'a leading space, which browsers strip' },
  { value: '\t//evil.example', why: 'a leading tab' },
  { value: '/%%32%65//evil.example', why: 'a nested encoding of a dot' },
  { value: '/%C0%AFevil.example', why: 'an overlong UTF-8 slash' },
  { value: '/%E0%80%AFevil.example', why: 'a three-byte overlong slash' },
  { value: `/${'%25'.repeat(1)}${'25'.repeat(6)}2e//evil.example`, why: 'encoded more times than any honest address' },
  { value: `/${'a'.repeat(3000)}`, why: 'longer than any page address' },
  { value: '', why: 'empty' },
]

/**
 * Names that a lookup on a plain object finds on Object.prototype. Any of them can arrive as a route parameter, a
 * query value, a form field's name or value, a CSV header or cell, or a JSON key.
 */
export const PROTOTYPE_NAMES: readonly string[] = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
  'prototype',
  'Constructor',
  '__PROTO__',
]

const UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
]
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']

/** A count in words, as committee papers write them ("nineteen priorities"); figures from 100 up. */
export function numberWord(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 100) return String(n)
  if (n < 20) return UNITS[n] ?? String(n)
  const tens = TENS[Math.floor(n / 10)] ?? ''
  return n % 10 === 0 ? tens : `${tens}-${UNITS[n % 10] ?? ''}`
}

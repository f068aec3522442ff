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

/** Words that begin with a vowel letter but the sound of a consonant ("a unit", "a one-off"). */
const CONSONANT_SOUND = /^(uni|use|usu|ure|eu|one|once)/i
/** Words that begin with a consonant letter but the sound of a vowel ("an hour"). */
const VOWEL_SOUND = /^(hour|honest|honour|heir)/i

/** A noun with its indefinite article, as it is said: "an accumulation", "a frequency", "a unit", "an hour". */
export function withArticle(noun: string): string {
  const vowel = VOWEL_SOUND.test(noun) || (/^[aeiou]/i.test(noun) && !CONSONANT_SOUND.test(noun))
  return `${vowel ? 'an' : 'a'} ${noun}`
}

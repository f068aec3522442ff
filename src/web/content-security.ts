/**
 * The Content Security Policy every page is sent with: scripts and styles from this site only (the scripts also
 * need the response's nonce), no framing, forms posting only here. helmet sends it on every response the app's
 * hooks see; `contentSecurityHeader` writes it out for the error pages sent before any hook runs.
 */
export function contentSecurityDirectives(secureCookies: boolean): Record<string, string[] | null> {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    upgradeInsecureRequests: secureCookies ? [] : null,
  }
}

/** The policy as a header value, with the nonce added to scripts and styles as helmet adds it. */
export function contentSecurityHeader(secureCookies: boolean, nonce: string): string {
  return Object.entries(contentSecurityDirectives(secureCookies))
    .filter((entry): entry is [string, string[]] => entry[1] !== null)
    .map(([name, sources]) => {
      const directive = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
      const withNonce = name === 'scriptSrc' || name === 'styleSrc' ? [...sources, `'nonce-${nonce}'`] : sources
      return [directive, ...withNonce].join(' ')
    })
    .join(';')
}

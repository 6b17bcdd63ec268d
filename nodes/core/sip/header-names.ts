/**
 * Header names: compact forms (RFC 3261 §7.3.3 and the IANA registry) and the canonical
 * lower-case key every lookup uses, so `v`, `VIA` and `Via` are one header.
 */
const COMPACT: Record<string, string> = {
  i: 'call-id',
  m: 'contact',
  e: 'content-encoding',
  l: 'content-length',
  c: 'content-type',
  f: 'from',
  s: 'subject',
  k: 'supported',
  t: 'to',
  v: 'via',
  o: 'event',
  r: 'refer-to',
  b: 'referred-by',
  x: 'session-expires',
  u: 'allow-events',
  a: 'accept-contact',
  j: 'reject-contact',
  d: 'request-disposition',
  y: 'identity',
  n: 'identity-info',
};

// A small cache from a name as spelt on the wire to its key: most peers spell every header the
// same way, and this spares a toLowerCase per header per message. Bounded, so a peer inventing
// names cannot grow it.
const cache = new Map<string, string>();
const CACHE_MAX = 1024;

export function headerKey(name: string): string {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const lower = name.toLowerCase();
  const key = lower.length === 1 ? (COMPACT[lower] ?? lower) : lower;
  if (cache.size < CACHE_MAX) cache.set(name, key);
  return key;
}

const PRETTY: Record<string, string> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
  rseq: 'RSeq',
  rack: 'RAck',
  'min-se': 'Min-SE',
  'mime-version': 'MIME-Version',
  'p-asserted-identity': 'P-Asserted-Identity',
};

/** The usual spelling of a header, for headers this stack adds. */
export function prettyName(name: string): string {
  const key = headerKey(name);
  return PRETTY[key] ?? key.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase());
}

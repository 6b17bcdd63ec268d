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

/**
 * The same text as an internalized string (property names are): a key made by toLowerCase is
 * a fresh string, and every `h.key === 'via'` against it would compare characters instead of
 * pointers.
 */
function intern(s: string): string {
  return Object.keys({ [s]: 0 })[0] ?? s;
}

export function headerKey(name: string): string {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const lower = name.toLowerCase();
  const key = intern(lower.length === 1 ? (COMPACT[lower] ?? lower) : lower);
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

/**
 * Spellings seen on nearly every message, grouped by length, so the parser can recognise a
 * header name in place (startsWith at an offset) without slicing or hashing it.
 */
const COMMON = [
  'Via', 'From', 'To', 'Call-ID', 'CSeq', 'Contact', 'Max-Forwards', 'Content-Type', 'Content-Length',
  'Record-Route', 'Route', 'Allow', 'Supported', 'Require', 'User-Agent', 'Server', 'Session-Expires', 'Min-SE',
  'P-Asserted-Identity', 'Expires', 'Event', 'Authorization', 'WWW-Authenticate', 'Proxy-Authenticate',
  'Proxy-Authorization', 'Subscription-State', 'Refer-To', 'Referred-By', 'Replaces', 'RSeq', 'RAck', 'Reason',
  'Date', 'Accept', 'Allow-Events', 'Call-Id', 'Cseq', 'v', 'f', 't', 'i', 'm', 'l', 'c', 'k',
];
/** Headers that may appear once (RFC 3261 §7.3.1 / RFC 4475 §3.3.8), as bits for one pass. */
export const SINGLE_BIT: Record<string, number> = {
  from: 1, to: 2, 'call-id': 4, cseq: 8, 'max-forwards': 16, 'content-type': 32, expires: 64, date: 128,
};

export interface CommonName {
  name: string;
  key: string;
  /** The name's character codes, compared with charCodeAt in place (String#startsWith with an offset is not inlined). */
  codes: number[];
  single: number;
}
/** Longest name in COMMON plus one. */
export const COMMON_MAX_LENGTH = 20;
/**
 * Candidates indexed by `length * 128 + first character code`, so a name is mostly compared
 * with one candidate (RSeq and RAck share a slot).
 */
export const COMMON_BY_SHAPE: Array<CommonName[] | undefined> = [];
for (let i = 0; i < COMMON_MAX_LENGTH * 128; i++) COMMON_BY_SHAPE.push(undefined);
export const COMMON_BY_LENGTH: CommonName[][] = [];
for (let i = 0; i < 64; i++) COMMON_BY_LENGTH.push([]);
for (const name of COMMON) {
  const codes: number[] = [];
  for (let i = 0; i < name.length; i++) codes.push(name.charCodeAt(i));
  (COMMON_BY_LENGTH[name.length] as CommonName[]).push({ name, key: headerKey(name), codes, single: SINGLE_BIT[headerKey(name)] ?? 0 });
}
for (const list of COMMON_BY_LENGTH) {
  for (const c of list) {
    const slot = c.name.length * 128 + c.name.charCodeAt(0);
    (COMMON_BY_SHAPE[slot] ??= []).push(c);
  }
}

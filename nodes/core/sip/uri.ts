/**
 * SIP, SIPS and TEL URIs (RFC 3261 §19.1 and §25.1, RFC 3966), and any other absoluteURI kept
 * opaque (RFC 3261 allows them in Request-URI and name-addr; RFC 4475 §3.3.2 needs them parsed
 * so a UAS can answer 416).
 *
 * The user part and header values keep their escaped wire form, so a URI serialises exactly as
 * it came; `unescape()` gives the decoded text, and `uriEquals` compares by RFC 3261 §19.1.4.
 */
import { SipParseError } from './errors';
import {
  HNV_CHARS,
  PARAM_CHARS,
  PASSWORD_CHARS,
  USER_CHARS,
  escape,
  isEscapedOf,
  unescape,
} from './grammar';
import { Params } from './params';

export interface SipUri {
  scheme: 'sip' | 'sips';
  /** Escaped user part as on the wire (user or telephone-subscriber), or undefined. */
  user?: string;
  password?: string;
  /** Host without brackets; an IPv6 address when it contains ':'. */
  host: string;
  port?: number;
  params: Params;
  /** URI headers (`?name=value&...`), names and values escaped as on the wire. */
  headers: Array<[string, string]>;
}

export interface TelUri {
  scheme: 'tel';
  /** The telephone-subscriber (global `+...` or local number), visual separators kept. */
  number: string;
  params: Params;
}

/** Any other absoluteURI (`http:`, `urn:`, `soap.beep:`...), kept as text. */
export interface OtherUri {
  scheme: string;
  opaque: string;
}

export type Uri = SipUri | TelUri | OtherUri;

export function isSipUri(u: Uri): u is SipUri {
  return u.scheme === 'sip' || u.scheme === 'sips';
}
export function isTelUri(u: Uri): u is TelUri {
  return u.scheme === 'tel';
}

const SCHEME_RE = /^[A-Za-z][A-Za-z0-9+.-]*$/;
const HOSTNAME_RE = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.?$/;
const IPV4_RE = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6_RE = /^[0-9A-Fa-f:.]+$/;
/** Characters of an absoluteURI's opaque part (RFC 2396 uric plus '/', '?', '#'). */
const OPAQUE_RE = /^[A-Za-z0-9\-_.!~*'();/?:@&=+$,%[\]#]+$/;

/** hostname / IPv4address (§25.1); digits-and-dots names must be real IPv4 addresses. */
function validHost(h: string): boolean {
  let digitsOnly = true;
  for (let i = 0; i < h.length; i++) {
    const c = h.charCodeAt(i);
    if (c !== 0x2e && (c < 0x30 || c > 0x39)) {
      digitsOnly = false;
      break;
    }
  }
  return digitsOnly ? IPV4_RE.test(h) : HOSTNAME_RE.test(h);
}

const ESC = '%[0-9A-Fa-f]{2}';
export const IPV4_SRC = '(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
export const HOSTNAME_SRC = '(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)*[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.?';
export const PORT_SRC = '(?:6553[0-5]|655[0-2]\\d|65[0-4]\\d\\d|6[0-4]\\d{3}|[1-5]\\d{4}|\\d{1,4})';
const PCHAR = `(?:[A-Za-z0-9\\-_.!~*'()[\\]/:&+$]|${ESC})`;
/**
 * The common SIP URI shape (no IPv6, no URI headers) as one regular expression that accepts
 * exactly what `parseUri` accepts for that shape. A match proves the text valid, so building
 * the object can wait until someone reads it. Written without the `i` flag (the scheme spelt
 * out in both cases, every class already has both): case-folding expressions run slower.
 */
export const SIMPLE_SIP_URI_SRC =
  `[Ss][Ii][Pp][Ss]?:(?:(?:[A-Za-z0-9\\-_.!~*'()&=+$,;?/]|${ESC})+(?::(?:[A-Za-z0-9\\-_.!~*'()&=+$,]|${ESC})*)?@)?` +
  `(?:${IPV4_SRC}|${HOSTNAME_SRC})(?::${PORT_SRC})?(?:;${PCHAR}+(?:=${PCHAR}+)?)*`;
const SIMPLE_SIP_URI_RE = new RegExp(`^${SIMPLE_SIP_URI_SRC}$`);

/** True when `text` is a SIP/SIPS URI of the common shape, valid by the §25 grammar. */
export function isSimpleSipUri(text: string): boolean {
  return SIMPLE_SIP_URI_RE.test(text);
}

export function isIPv4(host: string): boolean {
  return IPV4_RE.test(host);
}

function validIPv6(h: string): boolean {
  if (!IPV6_RE.test(h) || h.indexOf(':') < 0) return false;
  const dbl = h.split('::');
  if (dbl.length > 2) return false;
  const groups = h.split(':').filter((g) => g !== '');
  let count = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] ?? '';
    if (g.indexOf('.') >= 0) {
      if (i !== groups.length - 1 || !isIPv4(g)) return false;
      count += 2;
    } else {
      if (g.length > 4) return false;
      count += 1;
    }
  }
  return dbl.length === 2 ? count < 8 : count === 8;
}

/** Parses host [":" port] where host may be an IPv6 reference. */
export function parseHostPort(s: string): { host: string; port?: number } {
  let host: string;
  let rest: string;
  if (s.charCodeAt(0) === 0x5b) {
    const end = s.indexOf(']');
    if (end < 0) throw new SipParseError(`unterminated IPv6 reference in "${s}"`);
    host = s.slice(1, end);
    if (!validIPv6(host)) throw new SipParseError(`bad IPv6 address "${host}"`);
    rest = s.slice(end + 1);
  } else {
    const colon = s.indexOf(':');
    host = colon < 0 ? s : s.slice(0, colon);
    rest = colon < 0 ? '' : s.slice(colon);
    if (!validHost(host)) throw new SipParseError(`bad host "${host}"`);
  }
  if (rest === '') return { host };
  if (rest.charCodeAt(0) !== 0x3a) throw new SipParseError(`junk after host in "${s}"`);
  const p = rest.slice(1);
  if (!/^\d{1,5}$/.test(p) || Number(p) > 65535) throw new SipParseError(`bad port "${p}"`);
  return { host, port: Number(p) };
}

export function formatHost(host: string): string {
  return host.indexOf(':') >= 0 ? `[${host}]` : host;
}

function parseUriParams(s: string, into: Params): void {
  // s is ";a=b;c" (leading ';' included) or ''
  if (s === '') return;
  const parts = s.slice(1).split(';');
  for (const part of parts) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? null : part.slice(eq + 1);
    if (!isEscapedOf(name, PARAM_CHARS)) throw new SipParseError(`bad URI parameter name "${name}"`);
    if (value !== null && !isEscapedOf(value, PARAM_CHARS)) throw new SipParseError(`bad URI parameter value "${value}"`);
    into.set(name, value);
  }
}

/**
 * Parses a URI. `s` must not contain whitespace (RFC 4475 §3.1.2.8 and §3.1.2.14: LWS inside a
 * URI is an error, not something to trim).
 */
export function parseUri(s: string): Uri {
  const colon = s.indexOf(':');
  if (colon <= 0) throw new SipParseError(`not a URI: "${s.slice(0, 60)}"`);
  const scheme = s.slice(0, colon).toLowerCase();
  if (!SCHEME_RE.test(scheme)) throw new SipParseError(`bad URI scheme "${scheme}"`);
  const rest = s.slice(colon + 1);
  if (scheme === 'sip' || scheme === 'sips') return parseSip(scheme, rest);
  if (scheme === 'tel') return parseTel(rest);
  if (rest === '' || !OPAQUE_RE.test(rest)) throw new SipParseError(`bad URI "${s.slice(0, 60)}"`);
  return { scheme, opaque: rest };
}

function parseSip(scheme: 'sip' | 'sips', s: string): SipUri {
  const uri: SipUri = { scheme, host: '', params: new Params(), headers: [] };
  let rest = s;
  // A user part cannot hold an unescaped '@', and nothing after the host can either, so the
  // first '@' ends the userinfo (RFC 3261 §25.1 user / password / uri-parameters / headers).
  const at = rest.indexOf('@');
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    rest = rest.slice(at + 1);
    const pc = userinfo.indexOf(':');
    const user = pc < 0 ? userinfo : userinfo.slice(0, pc);
    if (!isEscapedOf(user, USER_CHARS)) throw new SipParseError(`bad user part "${user}"`);
    uri.user = user;
    if (pc >= 0) {
      const password = userinfo.slice(pc + 1);
      if (!isEscapedOf(password, PASSWORD_CHARS, true)) throw new SipParseError('bad password in URI');
      uri.password = password;
    }
  }
  const q = rest.indexOf('?');
  const hdrs = q < 0 ? '' : rest.slice(q + 1);
  if (q >= 0) rest = rest.slice(0, q);
  // The host ends at the first ';' outside an IPv6 reference.
  const close = rest.charCodeAt(0) === 0x5b ? rest.indexOf(']') : -1;
  const semi = rest.indexOf(';', close < 0 ? 0 : close);
  const hostport = semi < 0 ? rest : rest.slice(0, semi);
  const hp = parseHostPort(hostport);
  uri.host = hp.host;
  if (hp.port !== undefined) uri.port = hp.port;
  parseUriParams(semi < 0 ? '' : rest.slice(semi), uri.params);
  if (q >= 0) {
    for (const h of hdrs.split('&')) {
      const eq = h.indexOf('=');
      if (eq <= 0) throw new SipParseError(`bad URI header "${h}"`);
      const name = h.slice(0, eq);
      const value = h.slice(eq + 1);
      if (!isEscapedOf(name, HNV_CHARS) || !isEscapedOf(value, HNV_CHARS, true)) {
        throw new SipParseError(`bad URI header "${h}"`);
      }
      uri.headers.push([name, value]);
    }
  }
  return uri;
}

const TEL_CHARS = /^\+?[0-9A-Fa-f*#().\-]+$/;
function parseTel(s: string): TelUri {
  const semi = s.indexOf(';');
  const number = semi < 0 ? s : s.slice(0, semi);
  if (!TEL_CHARS.test(number) || !/[0-9A-Fa-f*#]/.test(number)) throw new SipParseError(`bad tel number "${number}"`);
  const params = new Params();
  parseUriParams(semi < 0 ? '' : s.slice(semi), params);
  return { scheme: 'tel', number, params };
}

export function formatUri(u: Uri): string {
  if (isSipUri(u)) {
    let out = u.scheme + ':';
    if (u.user !== undefined) {
      out += u.user;
      if (u.password !== undefined) out += ':' + u.password;
      out += '@';
    }
    out += formatHost(u.host);
    if (u.port !== undefined) out += ':' + u.port;
    out += u.params.toString();
    if (u.headers.length > 0) out += '?' + u.headers.map(([n, v]) => `${n}=${v}`).join('&');
    return out;
  }
  if (isTelUri(u)) return 'tel:' + u.number + u.params.toString();
  return u.scheme + ':' + u.opaque;
}

export function sipUri(init: {
  scheme?: 'sip' | 'sips';
  user?: string;
  host: string;
  port?: number;
  params?: Record<string, string | null>;
}): SipUri {
  const u: SipUri = {
    scheme: init.scheme ?? 'sip',
    host: init.host.replace(/^\[(.*)\]$/, '$1'),
    params: Params.of(init.params ?? {}),
    headers: [],
  };
  if (init.user !== undefined) u.user = escape(init.user, USER_CHARS);
  if (init.port !== undefined) u.port = init.port;
  return u;
}

export function cloneUri<T extends Uri>(u: T): T {
  if (isSipUri(u)) return { ...u, params: u.params.clone(), headers: u.headers.map(([a, b]) => [a, b]) } as T;
  if (isTelUri(u)) return { ...u, params: u.params.clone() } as T;
  return { ...u };
}

/** The decoded user part. */
export function uriUser(u: Uri): string | undefined {
  if (isSipUri(u)) return u.user === undefined ? undefined : unescape(u.user);
  if (isTelUri(u)) return u.number;
  return undefined;
}

/**
 * URI comparison of RFC 3261 §19.1.4: user and password case-sensitive after unescaping,
 * host case-insensitive, ports must match (absent != 5060), the transport/user/ttl/method/maddr
 * parameters must match when either side has them, other parameters only when both have them,
 * headers must match as sets.
 */
export function uriEquals(a: Uri, b: Uri): boolean {
  if (a.scheme !== b.scheme) return false;
  if (isSipUri(a) && isSipUri(b)) {
    if ((a.user === undefined) !== (b.user === undefined)) return false;
    if (a.user !== undefined && unescape(a.user) !== unescape(b.user ?? '')) return false;
    if (unescape(a.password ?? '') !== unescape(b.password ?? '')) return false;
    if (a.host.toLowerCase() !== b.host.toLowerCase() || a.port !== b.port) return false;
    for (const name of ['transport', 'user', 'ttl', 'method', 'maddr']) {
      const va = a.params.get(name);
      const vb = b.params.get(name);
      if ((va === undefined) !== (vb === undefined)) return false;
      if (va != null && vb != null && unescape(va).toLowerCase() !== unescape(vb).toLowerCase()) return false;
    }
    for (const p of a.params.entries()) {
      const vb = b.params.get(p.name);
      if (vb === undefined) continue;
      if ((p.value === null) !== (vb === null)) return false;
      if (p.value !== null && vb !== null && unescape(p.value).toLowerCase() !== unescape(vb).toLowerCase()) return false;
    }
    if (a.headers.length !== b.headers.length) return false;
    const hb = new Map(b.headers.map(([n, v]) => [unescape(n).toLowerCase(), unescape(v)]));
    for (const [n, v] of a.headers) if (hb.get(unescape(n).toLowerCase()) !== unescape(v)) return false;
    return true;
  }
  if (isTelUri(a) && isTelUri(b)) {
    const strip = (n: string): string => n.replace(/[\-.()]/g, '').toLowerCase();
    return strip(a.number) === strip(b.number) && a.params.toString().toLowerCase() === b.params.toString().toLowerCase();
  }
  return formatUri(a) === formatUri(b);
}

/**
 * name-addr / addr-spec headers: From, To, Contact, Route, Record-Route, Reply-To, Refer-To,
 * Referred-By, P-Asserted-Identity (RFC 3261 §20.10, §20.20, §20.39, §25.1; RFC 3515; RFC 3892).
 */
import { SipParseError } from '../errors';
import { Scanner, TOKEN, isWs, quote, splitCommas } from '../grammar';
import { Params } from '../params';
import { Uri, formatUri, parseUri } from '../uri';
import { readParams, expectEnd } from './common';

export interface NameAddr {
  /** Display name, unquoted; undefined when absent. */
  displayName?: string;
  uri: Uri;
  /** Header parameters (tag, expires, q, ...), not the URI's own. */
  params: Params;
  /** True when the URI was written in angle brackets (always so when serialised with params). */
  angle: boolean;
}

/** Reads one name-addr or addr-spec with its header params from the scanner. */
export function readNameAddr(sc: Scanner): NameAddr {
  sc.skipWs();
  let displayName: string | undefined;
  const c = sc.peek();
  if (c === 0x22) {
    displayName = sc.quoted();
    sc.skipWs();
    if (sc.peek() !== 0x3c) sc.fail('expected < after display name');
  } else if (c !== 0x3c) {
    // Either a token display name (*(token LWS)) followed by '<', or a bare addr-spec.
    const save = sc.pos;
    const words: string[] = [];
    for (;;) {
      const start = sc.pos;
      while (sc.pos < sc.s.length) {
        const ch = sc.s.charCodeAt(sc.pos);
        if (ch >= 128 || TOKEN[ch] === 0) break;
        sc.pos++;
      }
      if (sc.pos === start) break;
      words.push(sc.s.slice(start, sc.pos));
      sc.skipWs();
    }
    if (sc.peek() === 0x3c && words.length > 0) {
      displayName = words.join(' ');
    } else {
      // addr-spec without brackets: the URI runs to the first ';', ',' or LWS and may not
      // carry URI params or headers (RFC 3261 §20: they would be header params; §3.1.2.13
      // of RFC 4475 shows why a '?' there is an error).
      sc.pos = save;
      const start = sc.pos;
      while (sc.pos < sc.s.length) {
        const ch = sc.s.charCodeAt(sc.pos);
        if (ch === 0x3b || ch === 0x2c || isWs(ch)) break;
        sc.pos++;
      }
      const text = sc.s.slice(start, sc.pos);
      if (text.indexOf('?') >= 0) sc.fail('URI headers need angle brackets');
      const uri = parseUri(text);
      const params = readParams(sc);
      return { uri, params, angle: false };
    }
  }
  // LAQUOT addr-spec RAQUOT, no LWS inside (RFC 4475 §3.1.2.14).
  sc.pos++;
  const end = sc.s.indexOf('>', sc.pos);
  if (end < 0) sc.fail('missing >');
  const text = sc.s.slice(sc.pos, end);
  for (let i = 0; i < text.length; i++) if (isWs(text.charCodeAt(i))) sc.fail('whitespace inside <URI>');
  const uri = parseUri(text);
  sc.pos = end + 1;
  const params = readParams(sc);
  const na: NameAddr = { uri, params, angle: true };
  if (displayName !== undefined) na.displayName = displayName;
  return na;
}

/** One name-addr header value (From, To, Refer-To, Referred-By...). */
export function parseNameAddr(value: string): NameAddr {
  const sc = new Scanner(value);
  const na = readNameAddr(sc);
  expectEnd(sc, 'name-addr');
  return na;
}

/** A comma list of name-addrs (Contact, Route, Record-Route, PAI). */
export function parseNameAddrList(value: string): NameAddr[] {
  const sc = new Scanner(value);
  const out: NameAddr[] = [];
  for (;;) {
    out.push(readNameAddr(sc));
    sc.skipWs();
    if (sc.done) return out;
    if (sc.peek() !== 0x2c) sc.fail('expected , between addresses');
    sc.pos++;
  }
}

/** Contact may also be `*` (RFC 3261 §10.2.2, REGISTER only). */
export type ContactValue = NameAddr[] | '*';
export function parseContact(value: string): ContactValue {
  if (value.trim() === '*') return '*';
  return parseNameAddrList(value);
}

export function formatNameAddr(na: NameAddr): string {
  let out = '';
  if (na.displayName !== undefined && na.displayName !== '') out += quote(na.displayName) + ' ';
  const uriText = formatUri(na.uri);
  // Brackets are needed whenever the URI has ',', ';' or '?' or a display name precedes it.
  out += na.angle || out !== '' || /[;,?]/.test(uriText) ? `<${uriText}>` : uriText;
  return out + na.params.toString();
}

export function nameAddr(uri: Uri, params: Record<string, string | null> = {}, displayName?: string): NameAddr {
  const na: NameAddr = { uri, params: Params.of(params), angle: true };
  if (displayName !== undefined) na.displayName = displayName;
  return na;
}

/** The tag parameter of From/To (RFC 3261 §19.3). */
export function tagOf(na: NameAddr): string | undefined {
  const t = na.params.get('tag');
  return t == null ? undefined : t;
}

export { splitCommas, SipParseError };

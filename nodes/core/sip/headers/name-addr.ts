/**
 * name-addr / addr-spec headers: From, To, Contact, Route, Record-Route, Reply-To, Refer-To,
 * Referred-By, P-Asserted-Identity (RFC 3261 §20.10, §20.20, §20.39, §25.1; RFC 3515; RFC 3892).
 */
import { SipParseError } from '../errors';
import { Scanner, TOKEN, isWs, quote, splitCommas } from '../grammar';
import { Param, Params } from '../params';
import { SIMPLE_SIP_URI_SRC, Uri, formatUri, parseUri } from '../uri';
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

/**
 * Fast path for `["Display" | Display] <uri>;a=b` without LWS around separators; anything else
 * takes the full grammar.
 */
const FAST_NA = /^(?:"((?:[^"\\\x00-\x08\x0a-\x1f\x7f]|\\[\x00-\x09\x0b\x0c\x0e-\x7f])*)" *|([A-Za-z0-9\-.!%*_+`'~]+(?: +[A-Za-z0-9\-.!%*_+`'~]+)*) *)?<([^<>\s]+)>((?:;[A-Za-z0-9\-.!%*_+`'~]+(?:=[A-Za-z0-9\-.!%*_+`'~]+)?)*)$/;

function fastNameAddr(value: string): NameAddr | undefined {
  const m = FAST_NA.exec(value);
  if (m === null) return undefined;
  const uri = parseUri(m[3] as string);
  const list: Param[] = [];
  const ps = m[4] as string;
  if (ps !== '') {
    const parts = ps.split(';');
    for (let i = 1; i < parts.length; i++) {
      const part = parts[i] as string;
      const eq = part.indexOf('=');
      list.push(eq < 0 ? { name: part, value: null } : { name: part.slice(0, eq), value: part.slice(eq + 1) });
    }
  }
  const na: NameAddr = { uri, params: new Params(list), angle: true };
  if (m[1] !== undefined) na.displayName = m[1].indexOf('\\') < 0 ? m[1] : m[1].replace(/\\([\s\S])/g, '$1');
  else if (m[2] !== undefined) na.displayName = m[2].replace(/ +/g, ' ');
  return na;
}

const TOKEN_SRC = "[A-Za-z0-9\\-.!%*_+`'~]+";
/**
 * The common name-addr shape, checked in full by one expression: optional display name
 * (quoted or tokens), a simple SIP URI in brackets, token parameters. A match is valid by the
 * §25 grammar, so the object can be built later.
 */
const SIMPLE_NA_RE = new RegExp(
  `^(?:"(?:[^"\\\\\\x00-\\x08\\x0a-\\x1f\\x7f]|\\\\[\\x00-\\x09\\x0b\\x0c\\x0e-\\x7f])*" *|${TOKEN_SRC}(?: +${TOKEN_SRC})* *)?<${SIMPLE_SIP_URI_SRC}>(?:;${TOKEN_SRC}(?:=${TOKEN_SRC})?)*$`,
);

export function isSimpleNameAddr(value: string): boolean {
  return SIMPLE_NA_RE.test(value);
}

/** The tag of a value that passed isSimpleNameAddr (the first one, as every parser here reads it). */
export function simpleTag(value: string): string | undefined {
  const gt = value.lastIndexOf('>');
  let i = value.indexOf(';', gt);
  while (i >= 0) {
    const next = value.indexOf(';', i + 1);
    const end = next < 0 ? value.length : next;
    if (end - i > 4 && (value.charCodeAt(i + 4) === 0x3d || end - i === 4)) {
      const name = value.slice(i + 1, i + 4);
      if (name === 'tag' || name.toLowerCase() === 'tag') return value.charCodeAt(i + 4) === 0x3d ? value.slice(i + 5, end) : undefined;
    }
    i = next;
  }
  return undefined;
}

/** One name-addr header value (From, To, Refer-To, Referred-By...). */
export function parseNameAddr(value: string): NameAddr {
  const fast = fastNameAddr(value);
  if (fast !== undefined) return fast;
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

/**
 * The smaller typed headers: Content-Type, Replaces (RFC 3891), Reason (RFC 3326),
 * Session-Expires / Min-SE (RFC 4028), RSeq / RAck (RFC 3262), Event / Subscription-State
 * (RFC 6665), option-tag lists (Supported/Require/Unsupported/Allow), Date (RFC 3261 §20.17).
 */
import { SipParseError } from '../errors';
import { Scanner, isToken, isWord, parseDigits, splitCommas } from '../grammar';
import { Params } from '../params';
import { expectEnd, readParams } from './common';

export interface ContentType {
  type: string; // lower-case "application"
  subtype: string; // lower-case "sdp"
  params: Params;
}

export function parseContentType(value: string): ContentType {
  const sc = new Scanner(value);
  sc.skipWs();
  const type = sc.token('media type').toLowerCase();
  sc.expect('/', 'in media type');
  const subtype = sc.token('media subtype').toLowerCase();
  const params = readParams(sc);
  expectEnd(sc, 'media type');
  return { type, subtype, params };
}
export function mediaType(ct: ContentType): string {
  return `${ct.type}/${ct.subtype}`;
}

/** Integer header values: Expires, Min-Expires, Max-Forwards, Content-Length, RSeq, Min-SE. */
export function parseUint(value: string, max: number, what: string): number {
  return parseDigits(value.trim(), max, what);
}
export const MAX_DELTA = 2 ** 32 - 1;

/** Comma-separated tokens (Allow, Supported, Require, Unsupported, Proxy-Require). */
export function parseTokenList(value: string): string[] {
  if (value.trim() === '') return [];
  const out = splitCommas(value);
  for (const t of out) if (!isToken(t)) throw new SipParseError(`bad token "${t}"`);
  return out;
}

export interface Replaces {
  callId: string;
  toTag: string;
  fromTag: string;
  earlyOnly: boolean;
  params: Params;
}

/** Replaces = callid *(SEMI replaces-param), to-tag and from-tag required (RFC 3891 §6.1). */
export function parseReplaces(value: string): Replaces {
  const sc = new Scanner(value.trim());
  const semi = sc.s.indexOf(';');
  const callId = semi < 0 ? sc.s : sc.s.slice(0, semi).trim();
  if (!isCallId(callId)) throw new SipParseError(`bad Replaces call-id "${callId}"`);
  sc.pos = semi < 0 ? sc.s.length : semi;
  const params = readParams(sc);
  expectEnd(sc, 'Replaces');
  const toTag = params.get('to-tag');
  const fromTag = params.get('from-tag');
  if (!toTag || !fromTag) throw new SipParseError('Replaces needs to-tag and from-tag');
  return { callId, toTag, fromTag, earlyOnly: params.has('early-only'), params };
}

/** callid = word [ "@" word ] (RFC 3261 §25.1). */
export function isCallId(s: string): boolean {
  const at = s.indexOf('@');
  if (at < 0) return isWord(s);
  return isWord(s.slice(0, at)) && isWord(s.slice(at + 1));
}

export interface Reason {
  protocol: string; // "SIP" or "Q.850"
  cause?: number;
  text?: string;
  params: Params;
}

export function parseReasonList(value: string): Reason[] {
  return splitCommas(value).map((v) => {
    const sc = new Scanner(v);
    const protocol = sc.token('reason protocol');
    const params = readParams(sc);
    expectEnd(sc, 'Reason');
    const r: Reason = { protocol, params };
    const cause = params.get('cause');
    if (cause != null) r.cause = parseDigits(cause, 65535, 'Reason cause');
    const text = params.get('text');
    if (text != null) r.text = text;
    return r;
  });
}

export interface SessionExpires {
  deltaSeconds: number;
  refresher?: 'uac' | 'uas';
  params: Params;
}

export function parseSessionExpires(value: string): SessionExpires {
  const sc = new Scanner(value);
  sc.skipWs();
  const start = sc.pos;
  while (!sc.done && sc.peek() >= 0x30 && sc.peek() <= 0x39) sc.pos++;
  const deltaSeconds = parseDigits(sc.s.slice(start, sc.pos), MAX_DELTA, 'Session-Expires');
  const params = readParams(sc);
  expectEnd(sc, 'Session-Expires');
  const se: SessionExpires = { deltaSeconds, params };
  const r = params.get('refresher')?.toLowerCase();
  if (r === 'uac' || r === 'uas') se.refresher = r;
  return se;
}

export interface RAck {
  rseq: number;
  cseq: number;
  method: string;
}

export function parseRAck(value: string): RAck {
  const m = /^[ \t]*(\d+)[ \t]+(\d+)[ \t]+(\S+)[ \t]*$/.exec(value);
  if (!m || !isToken(m[3] ?? '')) throw new SipParseError(`bad RAck "${value}"`);
  return {
    rseq: parseDigits(m[1] ?? '', MAX_DELTA, 'RAck response-num'),
    cseq: parseDigits(m[2] ?? '', 2 ** 31 - 1, 'RAck CSeq'),
    method: m[3] ?? '',
  };
}

export interface EventHeader {
  /** event-type, e.g. "refer", "message-summary", "dialog". */
  event: string;
  id?: string;
  params: Params;
}

export function parseEvent(value: string): EventHeader {
  const sc = new Scanner(value);
  sc.skipWs();
  const event = sc.token('event type');
  const params = readParams(sc);
  expectEnd(sc, 'Event');
  const e: EventHeader = { event, params };
  const id = params.get('id');
  if (id != null) e.id = id;
  return e;
}

export interface SubscriptionState {
  state: 'active' | 'pending' | 'terminated' | string;
  expires?: number;
  reason?: string;
  retryAfter?: number;
  params: Params;
}

export function parseSubscriptionState(value: string): SubscriptionState {
  const sc = new Scanner(value);
  sc.skipWs();
  const state = sc.token('substate').toLowerCase();
  const params = readParams(sc);
  expectEnd(sc, 'Subscription-State');
  const s: SubscriptionState = { state, params };
  const exp = params.get('expires');
  if (exp != null) s.expires = parseDigits(exp, MAX_DELTA, 'expires');
  const reason = params.get('reason');
  if (reason != null) s.reason = reason;
  const ra = params.get('retry-after');
  if (ra != null) s.retryAfter = parseDigits(ra, MAX_DELTA, 'retry-after');
  return s;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** SIP-date = rfc1123-date, always GMT (RFC 3261 §20.17; RFC 4475 §3.1.2.12). */
export function parseSipDate(value: string): Date {
  const m = /^[ \t]*(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (\w{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT[ \t]*$/.exec(value);
  const month = m ? MONTHS.indexOf(m[3] ?? '') : -1;
  if (!m || month < 0) throw new SipParseError(`bad Date "${value}"`);
  return new Date(Date.UTC(Number(m[4]), month, Number(m[2]), Number(m[5]), Number(m[6]), Number(m[7])));
}

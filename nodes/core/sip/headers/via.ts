/** Via (RFC 3261 §20.42, §25.1; received/rport of RFC 3581). */
import { Scanner } from '../grammar';
import { Param, Params } from '../params';
import { SipParseError } from '../errors';
import { HOSTNAME_SRC, IPV4_SRC, PORT_SRC, formatHost, parseHostPort } from '../uri';

/** The magic cookie that marks an RFC 3261 branch (§8.1.1.7). */
export const BRANCH_COOKIE = 'z9hG4bK';

export interface Via {
  protocol: string; // "SIP/2.0"
  /** Upper-case transport: UDP, TCP, TLS, WS, WSS, SCTP or an extension token. */
  transport: string;
  host: string;
  port?: number;
  params: Params;
}

function readVia(sc: Scanner): Via {
  sc.skipWs();
  const name = sc.token('protocol name');
  sc.expect('/', 'in Via protocol');
  const version = sc.token('protocol version');
  sc.expect('/', 'in Via protocol');
  const transport = sc.token('transport').toUpperCase();
  sc.skipWs();
  if (sc.done) sc.fail('Via without sent-by');
  // sent-by = host [ COLON port ]; LWS may surround the colon.
  const start = sc.pos;
  if (sc.peek() === 0x5b) {
    const end = sc.s.indexOf(']', sc.pos);
    if (end < 0) sc.fail('unterminated IPv6 reference');
    sc.pos = end + 1;
  } else {
    while (!sc.done) {
      const c = sc.peek();
      if (c === 0x3a || c === 0x3b || c === 0x2c || c === 0x20 || c === 0x09) break;
      sc.pos++;
    }
  }
  let hostText = sc.s.slice(start, sc.pos);
  if (sc.eat(':')) {
    const ps = sc.pos;
    while (!sc.done && sc.peek() >= 0x30 && sc.peek() <= 0x39) sc.pos++;
    hostText += ':' + sc.s.slice(ps, sc.pos);
  }
  const hp = parseHostPort(hostText);
  const params = readViaParams(sc);
  checkParams(params, (m) => sc.fail(m));
  const via: Via = { protocol: `${name}/${version}`.toUpperCase(), transport, host: hp.host, params };
  if (hp.port !== undefined) via.port = hp.port;
  return via;
}

/**
 * Via's parameters: generic-params, except that received and maddr may hold an IPv6 address,
 * bare (`received=::1`, RFC 3261 §20.42 via-received) or bracketed (RFC 5118 §4.5), which is
 * not a token.
 */
function readViaParams(sc: Scanner): Params {
  const into = new Params();
  for (;;) {
    sc.skipWs();
    if (sc.peek() !== 0x3b) return into;
    sc.pos++;
    sc.skipWs();
    const name = sc.token('parameter name');
    if (!sc.eat('=')) {
      if (!into.has(name)) into.set(name, null);
      continue;
    }
    const lower = name.toLowerCase();
    const ipv6 = lower === 'received' || lower === 'maddr'
      ? /^(?:\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f]*:[0-9A-Fa-f:.]+)/.exec(sc.s.slice(sc.pos))
      : null;
    if (ipv6 !== null) {
      sc.pos += ipv6[0].length;
      if (!into.has(name)) into.set(name, ipv6[0], false);
    } else {
      const v = sc.genValue();
      if (!into.has(name)) into.set(name, v.value, v.quoted);
    }
  }
}

/**
 * Fast path for the usual shape `SIP/2.0/UDP host[:port];a=b;c` with no LWS; anything else
 * (folding leftovers, spaces around separators, quoted values, IPv6, ports with leading zeros)
 * takes the full grammar. The host and port alternatives are the §25.1 grammar itself
 * (hostname / IPv4address, port <= 65535), so a match needs no second validation pass.
 */
const FAST_VIA = new RegExp(
  `^SIP/2\\.0/([A-Za-z0-9]+) (${IPV4_SRC}|${HOSTNAME_SRC})(?::(${PORT_SRC}))?((?:;[A-Za-z0-9\\-.!%*_+\`'~]+(?:=[A-Za-z0-9\\-.!%*_+\`'~:[\\]]+)?)*)(,|$)`,
);

function fastVia(value: string): { via: Via; more: boolean } | undefined {
  const m = FAST_VIA.exec(value);
  if (m === null) return undefined;
  const list: Param[] = [];
  const ps = m[4] as string;
  // ps is ";a=b;c..." as the expression matched it: cut at ';' and '=' in place.
  let i = 0;
  while (i < ps.length) {
    let next = ps.indexOf(';', i + 1);
    if (next < 0) next = ps.length;
    const eq = ps.indexOf('=', i + 1);
    if (eq > 0 && eq < next) list.push({ name: ps.slice(i + 1, eq), value: ps.slice(eq + 1, next) });
    else list.push({ name: ps.slice(i + 1, next), value: null });
    i = next;
  }
  const t = m[1] as string;
  const transport = t === 'UDP' || t === 'TCP' || t === 'TLS' || t === 'WS' || t === 'WSS' ? t : t.toUpperCase();
  const via: Via = { protocol: 'SIP/2.0', transport, host: m[2] as string, params: new Params(list) };
  if (m[3] !== undefined) via.port = Number(m[3]);
  checkParams(via.params, throwParse);
  return { via, more: m[5] === ',' };
}

function checkParams(params: Params, fail: (m: string) => never): void {
  for (const p of params.entries()) checkParam(p.name, p.value, fail);
}

/** A branch, received, ttl or maddr without a value is a grammar error; so is an empty one. */
function checkParam(name: string, value: string | null, fail: (m: string) => never): void {
  const l = name.length;
  if (l !== 3 && l !== 5 && l !== 6 && l !== 8) return;
  const n = name.toLowerCase();
  if ((n === 'branch' || n === 'received' || n === 'ttl' || n === 'maddr') && !value) fail(`Via ${n} needs a value`);
  if (n === 'ttl' && !/^\d{1,3}$/.test(value ?? '')) fail('bad Via ttl');
  if (n === 'rport' && value !== null && !/^\d{1,5}$/.test(value)) fail('bad Via rport');
}

const throwParse = (m: string): never => {
  throw new SipParseError(m);
};

/**
 * The parameter section (";a=b;c") of the top Via in a field value that matched FAST_VIA: it
 * starts at the first ';' (transport, host and port hold none) and ends at the ',' before the
 * next Via value (the parameter characters of FAST_VIA hold none).
 */
function paramSection(value: string): { start: number; end: number } {
  let end = value.indexOf(',');
  if (end < 0) end = value.length;
  const start = value.indexOf(';');
  return { start: start < 0 || start > end ? end : start, end };
}

/**
 * Validates the top Via of a field value in place, without building it, when it has the fast
 * shape: true when it is valid (same checks as parseFirstVia), false when only the full grammar
 * can tell (call parseFirstVia then). Throws SipParseError for a bad parameter.
 */
export function checkSimpleTopVia(value: string): boolean {
  if (!FAST_VIA.test(value)) return false;
  const { start, end } = paramSection(value);
  let i = start;
  while (i < end) {
    let next = value.indexOf(';', i + 1);
    if (next < 0 || next > end) next = end;
    const eq = value.indexOf('=', i + 1);
    if (eq > 0 && eq < next) checkParam(value.slice(i + 1, eq), value.slice(eq + 1, next), throwParse);
    else checkParam(value.slice(i + 1, next), null, throwParse);
    i = next;
  }
  return true;
}

/**
 * One parameter of a top Via that passed checkSimpleTopVia, read in place (the first of that
 * name, compared case-insensitively as Params does): null for a flag, undefined when absent.
 */
export function simpleTopViaParam(value: string, name: string): string | null | undefined {
  const { start, end } = paramSection(value);
  let i = start;
  while (i < end) {
    let next = value.indexOf(';', i + 1);
    if (next < 0 || next > end) next = end;
    let eq = value.indexOf('=', i + 1);
    if (eq < 0 || eq > next) eq = next;
    if (eq - i - 1 === name.length) {
      const n = value.slice(i + 1, eq);
      if (n === name || n.toLowerCase() === name) return eq === next ? null : value.slice(eq + 1, next);
    }
    i = next;
  }
  return undefined;
}

/** The first Via value of a header field (the top Via of a message). */
export function parseFirstVia(value: string): Via {
  const f = fastVia(value);
  if (f !== undefined) return f.via;
  const sc = new Scanner(value);
  const via = readVia(sc);
  sc.skipWs();
  if (!sc.done && sc.peek() !== 0x2c) sc.fail('expected , between Via values');
  return via;
}

/** All Via values in one header field (comma-separated). */
export function parseVia(value: string): Via[] {
  const f = fastVia(value);
  if (f !== undefined && !f.more) return [f.via];
  const sc = new Scanner(value);
  const out: Via[] = [];
  for (;;) {
    out.push(readVia(sc));
    sc.skipWs();
    if (sc.done) return out;
    if (sc.peek() !== 0x2c) sc.fail('expected , between Via values');
    sc.pos++;
  }
}

export function formatVia(v: Via): string {
  return `${v.protocol}/${v.transport} ${formatHost(v.host)}${v.port !== undefined ? ':' + v.port : ''}${v.params.toString()}`;
}

export function viaBranch(v: Via): string | undefined {
  const b = v.params.get('branch');
  return b == null ? undefined : b;
}

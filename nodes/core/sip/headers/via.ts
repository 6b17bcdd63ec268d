/** Via (RFC 3261 §20.42, §25.1; received/rport of RFC 3581). */
import { Scanner } from '../grammar';
import { Params } from '../params';
import { formatHost, parseHostPort } from '../uri';
import { readParams } from './common';

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
  const params = readParams(sc);
  // A branch, received, ttl or maddr without a value is a grammar error; so is an empty one.
  for (const p of params.entries()) {
    const n = p.name.toLowerCase();
    if ((n === 'branch' || n === 'received' || n === 'ttl' || n === 'maddr') && !p.value) sc.fail(`Via ${n} needs a value`);
    if (n === 'ttl' && !/^\d{1,3}$/.test(p.value ?? '')) sc.fail('bad Via ttl');
    if (n === 'rport' && p.value !== null && !/^\d{1,5}$/.test(p.value)) sc.fail('bad Via rport');
  }
  const via: Via = { protocol: `${name}/${version}`.toUpperCase(), transport, host: hp.host, params };
  if (hp.port !== undefined) via.port = hp.port;
  return via;
}

/** All Via values in one header field (comma-separated). */
export function parseVia(value: string): Via[] {
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

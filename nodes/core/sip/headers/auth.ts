/**
 * WWW-Authenticate / Proxy-Authenticate challenges and Authorization / Proxy-Authorization
 * credentials (RFC 3261 §20.27, §20.28, §20.44, §25.1; RFC 7616 for the Digest parameters).
 * One challenge or credential per header field; its parameters are comma-separated.
 */
import { Scanner, isToken, quote } from '../grammar';
import { expectEnd } from './common';

export interface AuthParams {
  scheme: string; // "Digest"
  /** Parameter names lower-cased; quoted values unquoted. */
  params: Map<string, string>;
}

export function parseAuth(value: string): AuthParams {
  const sc = new Scanner(value);
  sc.skipWs();
  const scheme = sc.token('auth scheme');
  const params = new Map<string, string>();
  sc.skipWs();
  if (sc.done) return { scheme, params };
  for (;;) {
    sc.skipWs();
    const name = sc.token('auth parameter').toLowerCase();
    sc.expect('=', 'in auth parameter');
    let v: string;
    if (sc.peek() === 0x22) v = sc.quoted();
    else {
      const start = sc.pos;
      // token, or nonce-count / LHEX etc. which are tokens too; also allow '/' and '=' for
      // base64-looking unquoted values some servers send.
      while (!sc.done && sc.peek() !== 0x2c && sc.peek() !== 0x20 && sc.peek() !== 0x09) sc.pos++;
      v = sc.s.slice(start, sc.pos);
      if (v === '') sc.fail('empty auth parameter');
    }
    if (params.has(name)) sc.fail(`duplicate auth parameter ${name}`);
    params.set(name, v);
    sc.skipWs();
    if (sc.done) break;
    sc.expect(',', 'between auth parameters');
  }
  expectEnd(sc, 'auth');
  return { scheme, params };
}

/** Which parameters go unquoted in credentials (RFC 7616 §3.4: algorithm, qop, nc). */
const UNQUOTED = new Set(['algorithm', 'qop', 'nc', 'stale']);

export function formatAuth(a: AuthParams): string {
  const parts: string[] = [];
  for (const [k, v] of a.params) parts.push(`${k}=${UNQUOTED.has(k) && isToken(v) ? v : quote(v)}`);
  return `${a.scheme} ${parts.join(', ')}`;
}

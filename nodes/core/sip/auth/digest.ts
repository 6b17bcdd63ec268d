/**
 * HTTP Digest authentication for SIP (RFC 3261 §22, RFC 2617, RFC 7616, RFC 8760): MD5,
 * MD5-sess, SHA-256(-sess), SHA-512-256(-sess); qop auth and auth-int; nonce counting; 401 and
 * 407; several challenges in one response (the topmost supported algorithm per realm, RFC 8760
 * §2.4); `stale=true` answered with the same credentials; a second challenge for a realm we
 * already answered with a fresh nonce but without stale is a rejection (wrong credentials), so a
 * wrong password never loops.
 *
 * `DigestClient.authorize(req, res)` builds the retry of any request (REGISTER, INVITE, BYE,
 * re-INVITE...) with Authorization/Proxy-Authorization, CSeq + 1 and no Via (the stack adds a
 * fresh one); the dialog layer passes its own next CSeq when it keeps one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SipRequest, SipResponse } from '../message';
import { AuthParams, formatAuth } from '../headers/auth';

export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess' | 'SHA-512-256' | 'SHA-512-256-sess';

export interface DigestCredentials {
  username: string;
  password: string;
  /** Answer only challenges of this realm (default: every realm). */
  realm?: string;
}

const HASH: Record<string, string> = { MD5: 'md5', 'SHA-256': 'sha256', 'SHA-512-256': 'sha512-256' };

function baseAlgorithm(a: string): string {
  return a.replace(/-sess$/i, '').toUpperCase();
}
export function isSupportedAlgorithm(a: string): boolean {
  return HASH[baseAlgorithm(a)] !== undefined;
}

export interface DigestInput {
  algorithm: string;
  username: string;
  password: string;
  realm: string;
  nonce: string;
  cnonce?: string;
  nc?: string;
  qop?: 'auth' | 'auth-int';
  method: string;
  uri: string;
  body?: Buffer;
}

/** The `response` value (RFC 7616 §3.4.1, RFC 2617 §3.2.2). */
export function digestResponse(i: DigestInput): string {
  const algo = HASH[baseAlgorithm(i.algorithm)];
  if (!algo) throw new Error(`unsupported digest algorithm ${i.algorithm}`);
  const H = (s: string | Buffer): string => createHash(algo).update(s).digest('hex');
  let ha1 = H(`${i.username}:${i.realm}:${i.password}`);
  if (/-sess$/i.test(i.algorithm)) ha1 = H(`${ha1}:${i.nonce}:${i.cnonce ?? ''}`);
  const ha2 = i.qop === 'auth-int' ? H(`${i.method}:${i.uri}:${H(i.body ?? Buffer.alloc(0))}`) : H(`${i.method}:${i.uri}`);
  if (i.qop) return H(`${ha1}:${i.nonce}:${i.nc ?? ''}:${i.cnonce ?? ''}:${i.qop}:${ha2}`);
  return H(`${ha1}:${i.nonce}:${ha2}`);
}

interface RealmState {
  challenge: AuthParams;
  header: 'Authorization' | 'Proxy-Authorization';
  nonce: string;
  nc: number;
  /** How many times we answered this realm's challenge without success in a row. */
  attempts: number;
}

export type AuthFailure = 'no-credentials' | 'unsupported' | 'rejected';

export class DigestClient {
  private readonly realms = new Map<string, RealmState>();
  /** Why the last authorize() returned undefined. */
  lastFailure: AuthFailure | undefined;

  constructor(
    private readonly credentials: DigestCredentials,
    private readonly cnonce: () => string = () => randomBytes(8).toString('hex'),
  ) {}

  /**
   * The request to send after a 401/407, or undefined when it cannot or must not be retried
   * (`lastFailure` says why). `cseq` defaults to the old CSeq + 1.
   */
  authorize(req: SipRequest, res: SipResponse, cseq?: number): SipRequest | undefined {
    this.lastFailure = undefined;
    const sets: Array<[AuthParams[], 'Authorization' | 'Proxy-Authorization']> = [];
    if (res.status === 401) sets.push([res.wwwAuthenticate, 'Authorization']);
    if (res.status === 407) sets.push([res.proxyAuthenticate, 'Proxy-Authorization']);
    let answered = 0;
    for (const [challenges, header] of sets) {
      const seen = new Set<string>();
      for (const ch of challenges) {
        if (ch.scheme.toLowerCase() !== 'digest') continue;
        const realm = ch.params.get('realm') ?? '';
        if (seen.has(realm)) continue; // topmost supported challenge per realm wins
        const algorithm = ch.params.get('algorithm') ?? 'MD5';
        if (!isSupportedAlgorithm(algorithm)) continue;
        const nonce = ch.params.get('nonce');
        if (nonce === undefined) continue;
        if (this.credentials.realm !== undefined && this.credentials.realm !== realm) {
          this.lastFailure = 'no-credentials';
          continue;
        }
        seen.add(realm);
        const prev = this.realms.get(realm);
        const stale = (ch.params.get('stale') ?? '').toLowerCase() === 'true';
        // A new challenge after we answered, not marked stale: the credentials were refused
        // (RFC 3261 §22.2: do not retry the same credentials forever).
        if (prev && prev.attempts > 0 && !stale) {
          this.realms.delete(realm);
          this.lastFailure = 'rejected';
          return undefined;
        }
        this.realms.set(realm, { challenge: ch, header, nonce, nc: 0, attempts: (prev?.attempts ?? 0) + 1 });
        answered++;
      }
    }
    if (answered === 0) {
      this.lastFailure ??= 'unsupported';
      return undefined;
    }
    const retry = cloneForRetry(req, cseq ?? req.cseq.seq + 1);
    this.apply(retry);
    return retry;
  }

  /**
   * Adds credentials for every realm we hold a nonce for (nonce counting, RFC 7616 §3.4):
   * used by authorize(), and for later requests to the same server (refreshes, in-dialog).
   */
  apply(req: SipRequest): void {
    req.remove('authorization');
    req.remove('proxy-authorization');
    for (const [realm, st] of this.realms) req.append(st.header, this.credentialsFor(req, realm, st));
  }

  /** Forget the answered state after a success, keeping nonces for reuse. */
  succeeded(): void {
    for (const st of this.realms.values()) st.attempts = 0;
  }

  reset(): void {
    this.realms.clear();
  }

  private credentialsFor(req: SipRequest, realm: string, st: RealmState): string {
    const ch = st.challenge.params;
    const algorithm = ch.get('algorithm') ?? 'MD5';
    const qops = (ch.get('qop') ?? '').split(',').map((q) => q.trim().toLowerCase()).filter((q) => q !== '');
    const qop: 'auth' | 'auth-int' | undefined = qops.includes('auth') ? 'auth' : qops.includes('auth-int') ? 'auth-int' : undefined;
    const params = new Map<string, string>();
    params.set('username', this.credentials.username);
    params.set('realm', realm);
    params.set('nonce', st.nonce);
    params.set('uri', req.uriText);
    const input: DigestInput = {
      algorithm,
      username: this.credentials.username,
      password: this.credentials.password,
      realm,
      nonce: st.nonce,
      method: req.method,
      uri: req.uriText,
      body: req.body,
    };
    const cnonce = qop || /-sess$/i.test(algorithm) ? this.cnonce() : undefined;
    if (qop) {
      st.nc++;
      input.qop = qop;
      input.nc = st.nc.toString(16).padStart(8, '0');
    }
    if (cnonce !== undefined) input.cnonce = cnonce;
    params.set('response', digestResponse(input));
    // RFC 7616 §3.4: algorithm echoed as offered; MD5 callers expect it too.
    params.set('algorithm', algorithm);
    if (cnonce !== undefined) params.set('cnonce', cnonce);
    const opaque = ch.get('opaque');
    if (opaque !== undefined) params.set('opaque', opaque);
    if (qop && input.nc) {
      params.set('qop', qop);
      params.set('nc', input.nc);
    }
    return formatAuth({ scheme: 'Digest', params });
  }
}

/** A copy of a request for a new transaction: same headers and body, no Via, new CSeq. */
export function cloneForRetry(req: SipRequest, cseq: number): SipRequest {
  const copy = new SipRequest(req.method, req.uri, req.uriText);
  for (const h of req.headers) {
    if (h.key === 'via') continue;
    copy.headers.push(h.key === 'cseq' ? { ...h, value: `${cseq} ${req.method}` } : { ...h });
  }
  copy.body = req.body;
  return copy;
}

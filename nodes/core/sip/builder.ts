/**
 * Building requests and responses, and fresh identifiers (RFC 3261 §8.1.1, §8.2.6).
 */
import { randomBytes } from 'node:crypto';
import { CallId, SipRequest, SipResponse } from './message';
import { NameAddr, formatNameAddr } from './headers/name-addr';
import { BRANCH_COOKIE } from './headers/via';
import { reasonPhrase } from './status';
import { Uri } from './uri';

/** A branch with the RFC 3261 magic cookie and 64 random bits (§8.1.1.7). */
export function newBranch(): string {
  return BRANCH_COOKIE + randomBytes(8).toString('hex');
}
/** A tag with 48 random bits (§19.3 asks for at least 32). */
export function newTag(): string {
  return randomBytes(6).toString('hex');
}
export function newCallId(host?: string): CallId {
  const id = randomBytes(12).toString('hex');
  return (host ? `${id}@${host}` : id) as CallId;
}

export interface RequestInit {
  method: string;
  uri: Uri;
  from: NameAddr;
  to: NameAddr;
  callId: CallId;
  cseq: number;
  /** Defaults to 70 (§8.1.1.6). */
  maxForwards?: number;
  contact?: NameAddr;
  /** Route set, each a name-addr (§8.1.2, §12.2.1.1). */
  route?: NameAddr[];
  /** Extra headers in order, [name, value]. */
  headers?: Array<[string, string]>;
  body?: Buffer | string;
  contentType?: string;
}

/**
 * A request without its Via: the transport layer adds the top Via when it knows the transport
 * and local address (§18.1.1); a caller that wants its own Via may prepend it.
 */
export function createRequest(init: RequestInit): SipRequest {
  const req = new SipRequest(init.method, init.uri);
  const h = req.headers;
  const add = (name: string, key: string, value: string): void => {
    h.push({ name, key, value });
  };
  for (const r of init.route ?? []) add('Route', 'route', formatNameAddr(r));
  add('Max-Forwards', 'max-forwards', String(init.maxForwards ?? 70));
  add('From', 'from', formatNameAddr(init.from));
  add('To', 'to', formatNameAddr(init.to));
  add('Call-ID', 'call-id', init.callId);
  add('CSeq', 'cseq', `${init.cseq} ${init.method}`);
  if (init.contact) add('Contact', 'contact', formatNameAddr(init.contact));
  for (const [n, v] of init.headers ?? []) req.append(n, v);
  if (init.body !== undefined) {
    req.body = typeof init.body === 'string' ? Buffer.from(init.body, 'utf8') : init.body;
    if (init.contentType) req.set('Content-Type', init.contentType);
  }
  return req;
}

export interface ResponseInit {
  reason?: string;
  /** To tag to add when the request's To has none (every non-100 response of a UAS, §8.2.6.2). */
  toTag?: string;
  headers?: Array<[string, string]>;
  body?: Buffer | string;
  contentType?: string;
}

/** A response copying Via, From, To, Call-ID, CSeq (and Timestamp for 100) from the request. */
export function createResponse(req: SipRequest, status: number, init: ResponseInit = {}): SipResponse {
  const res = new SipResponse(status, init.reason ?? reasonPhrase(status));
  const seen = new Set<string>();
  for (const f of req.headers) {
    // Single-valued headers are echoed once even when a broken request repeats them.
    if (f.key !== 'via' && seen.has(f.key)) continue;
    seen.add(f.key);
    switch (f.key) {
      case 'via':
      case 'from':
      case 'call-id':
      case 'cseq':
        res.headers.push({ name: f.name, key: f.key, value: f.value });
        break;
      case 'to': {
        let value = f.value;
        if (status > 100 && init.toTag !== undefined && req.toTag === undefined) value += `;tag=${init.toTag}`;
        res.headers.push({ name: f.name, key: f.key, value });
        break;
      }
      case 'timestamp':
        if (status === 100) res.headers.push({ name: f.name, key: f.key, value: f.value });
        break;
      default:
        break;
    }
  }
  for (const [n, v] of init.headers ?? []) res.append(n, v);
  if (init.body !== undefined) {
    res.body = typeof init.body === 'string' ? Buffer.from(init.body, 'utf8') : init.body;
    if (init.contentType) res.set('Content-Type', init.contentType);
  }
  return res;
}

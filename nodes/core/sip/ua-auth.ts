/**
 * Digest credentials for a 401/407 challenge (RFC 3261 §22.4, RFC 2617 / RFC 7616: MD5,
 * qop=auth). A stand-in until the sip-core branch's digest client lands; then authorize()
 * delegates to it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { formatAuth, parseAuth } from './headers/auth';
import type { IncomingResponse, OutgoingRequest } from './signalling-port';

function md5(s: string): string {
  return createHash('md5').update(s).digest('hex');
}

export function authorizeRequest(
  req: OutgoingRequest,
  res: IncomingResponse,
  creds: { username: string; password: string },
  nc: { value: number },
): OutgoingRequest | undefined {
  const proxy = res.status === 407;
  const challengeValue = res.header(proxy ? 'Proxy-Authenticate' : 'WWW-Authenticate');
  if (!challengeValue) return undefined;
  let ch;
  try {
    ch = parseAuth(challengeValue);
  } catch {
    return undefined;
  }
  if (ch.scheme.toLowerCase() !== 'digest') return undefined;
  const realm = ch.params.get('realm') ?? '';
  const nonce = ch.params.get('nonce') ?? '';
  const algorithm = ch.params.get('algorithm') ?? 'MD5';
  if (algorithm.toUpperCase() !== 'MD5') return undefined;
  const qops = (ch.params.get('qop') ?? '').split(',').map((q) => q.trim());
  const ha1 = md5(`${creds.username}:${realm}:${creds.password}`);
  const ha2 = md5(`${req.method}:${req.uri}`);
  const params = new Map<string, string>([
    ['username', creds.username],
    ['realm', realm],
    ['nonce', nonce],
    ['uri', req.uri],
  ]);
  let response: string;
  if (qops.includes('auth')) {
    nc.value += 1;
    const ncs = nc.value.toString(16).padStart(8, '0');
    const cnonce = randomBytes(8).toString('hex');
    response = md5(`${ha1}:${nonce}:${ncs}:${cnonce}:auth:${ha2}`);
    params.set('response', response);
    params.set('algorithm', 'MD5');
    params.set('cnonce', cnonce);
    params.set('qop', 'auth');
    params.set('nc', ncs);
  } else {
    response = md5(`${ha1}:${nonce}:${ha2}`);
    params.set('response', response);
    params.set('algorithm', 'MD5');
  }
  const opaque = ch.params.get('opaque');
  if (opaque !== undefined) params.set('opaque', opaque);
  const name = proxy ? 'Proxy-Authorization' : 'Authorization';
  const headers = req.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase());
  headers.push([name, formatAuth({ scheme: 'Digest', params })]);
  return { ...req, headers };
}

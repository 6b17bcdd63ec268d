/**
 * Digest credentials for a 401/407 challenge (RFC 3261 §22.4, RFC 7616), through sip-core's
 * DigestClient: the call layer's header lists are turned into a SipRequest/SipResponse for it,
 * and the credentials it computes are copied back.
 */
import { DigestClient } from './auth/digest';
import { SipResponse } from './message';
import { toSipRequest } from './stack-signalling';
import type { IncomingResponse, OutgoingRequest } from './signalling-port';

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization']);

export class UaAuthenticator {
  private readonly digest: DigestClient;

  constructor(creds: { username: string; password: string }) {
    this.digest = new DigestClient(creds);
  }

  /** The request with credentials, or undefined (unsupported challenge, or credentials refused). */
  authorize(req: OutgoingRequest, res: IncomingResponse): OutgoingRequest | undefined {
    const proxy = res.status === 407;
    const challenges = res.headers(proxy ? 'Proxy-Authenticate' : 'WWW-Authenticate');
    if (challenges.length === 0) return undefined;
    const sipRes = new SipResponse(res.status, res.reason);
    for (const c of challenges) sipRes.append(proxy ? 'Proxy-Authenticate' : 'WWW-Authenticate', c);
    // A request that went out without credentials meets a fresh challenge: whatever was answered
    // before succeeded (RFC 3261 §22.2 only forbids retrying the same refused credentials).
    if (!req.headers.some(([n]) => CREDENTIAL_HEADERS.has(n.toLowerCase()))) this.digest.succeeded();
    let retry;
    try {
      retry = this.digest.authorize(toSipRequest(req), sipRes);
    } catch {
      return undefined;
    }
    if (!retry) return undefined;
    const headers = req.headers.filter(([n]) => !CREDENTIAL_HEADERS.has(n.toLowerCase()));
    for (const h of retry.headers) if (CREDENTIAL_HEADERS.has(h.key)) headers.push([h.name, h.value]);
    return { ...req, headers };
  }
}

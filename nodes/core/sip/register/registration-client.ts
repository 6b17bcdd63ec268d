/**
 * Registration client (RFC 3261 §10.2): REGISTER with one Call-ID and increasing CSeq, the
 * server-granted expiry (our Contact's `expires`, else Expires, else what we asked) refreshed
 * before it runs out, 423 Interval Too Brief answered with Min-Expires (§10.3 step 7), digest
 * challenges answered (a refusal is final for that attempt: no retry storm), failures and
 * timeouts retried with exponential backoff, unregistration on stop(). A Contact behind NAT is
 * refreshed with the address the registrar saw (RFC 3581 received/rport) when `natContact`.
 *
 * State and results use the names of Zoiper's API (seed 000 §2): states rsNotRegistered,
 * rsRegistering, rsRegistered; results rrAcknowledged, rrRejected, rrTimeout.
 *
 * Events:
 *   'state' (RegistrationState)
 *   'registered' ({expires, contacts: NameAddr[], response})          result rrAcknowledged
 *   'failed' ({result: 'rrRejected'|'rrTimeout', status?, reason, retryInMs?, response?})
 *   'unregistered' ({result, status?})
 */
import { EventEmitter } from 'node:events';
import { TimerHandle } from '../../clock';
import { createRequest, newCallId, newTag } from '../builder';
import { CallId, SipRequest, SipResponse } from '../message';
import { NameAddr, formatNameAddr, nameAddr } from '../headers/name-addr';
import { DigestClient, DigestCredentials } from '../auth/digest';
import { SipStack } from '../stack';
import { SipUri, cloneUri, uriEquals, uriUser } from '../uri';
import { Destination, TransportProtocol } from '../transport/types';

export type RegistrationState = 'rsNotRegistered' | 'rsRegistering' | 'rsRegistered';
export type RegistrationResult = 'rrAcknowledged' | 'rrRejected' | 'rrTimeout';

export interface RegistrationOptions {
  /** Request-URI of the REGISTER: the registrar's domain, e.g. sip:pbx.local (§10.2). */
  registrar: SipUri;
  /** Address of record: To and From. */
  aor: SipUri;
  displayName?: string;
  credentials?: DigestCredentials;
  /** Requested expiry in seconds (default 3600). */
  expires?: number;
  /** User part of our Contact (default: the AOR's user). */
  contactUser?: string;
  transport?: TransportProtocol;
  /** Send here instead of resolving the registrar URI (an outbound proxy). */
  destination?: Destination;
  /** First retry delay after a failure, ms (default 30 000), doubled up to maxRetryMs. */
  retryMs?: number;
  /** Longest retry delay, ms (default 1 800 000). */
  maxRetryMs?: number;
  /** Re-register with the public address from received/rport (default true). */
  natContact?: boolean;
  /** Extra headers for every REGISTER. */
  headers?: Array<[string, string]>;
}

export class RegistrationClient extends EventEmitter {
  state: RegistrationState = 'rsNotRegistered';
  lastResult: RegistrationResult | undefined;
  /** Seconds granted by the registrar in the last 200. */
  grantedExpires: number | undefined;
  private readonly callId: CallId;
  private readonly fromTag = newTag();
  private cseq = 0;
  private expires: number;
  private readonly digest: DigestClient | undefined;
  private timer: TimerHandle | undefined;
  private failures = 0;
  private running = false;
  private contactUri: SipUri;
  private natRetried = false;

  constructor(
    private readonly stack: SipStack,
    private readonly opts: RegistrationOptions,
  ) {
    super();
    this.callId = newCallId();
    this.expires = opts.expires ?? 3600;
    this.digest = opts.credentials ? new DigestClient(opts.credentials) : undefined;
    this.contactUri = this.makeContact(false);
  }

  private get transport(): TransportProtocol {
    return this.opts.transport ?? this.opts.destination?.transport ?? this.stack.defaultProtocol();
  }

  private makeContact(usePublic: boolean): SipUri {
    const na = this.stack.contact(this.opts.contactUser ?? uriUser(this.opts.aor), this.transport, usePublic);
    return na.uri as SipUri;
  }

  /** Starts registering (and keeps the registration alive until stop()). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    this.register();
  }

  /** Unregisters (Expires 0 for our Contact) and stops refreshing. Resolves when answered. */
  stop(): Promise<void> {
    this.running = false;
    this.stack.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.state === 'rsNotRegistered') return Promise.resolve();
    return new Promise((resolve) => {
      const req = this.buildRegister(0);
      this.send(req, (res) => {
        this.setState('rsNotRegistered');
        this.emit('unregistered', { result: res && res.status < 300 ? 'rrAcknowledged' : res ? 'rrRejected' : 'rrTimeout', status: res?.status });
        resolve();
      });
    });
  }

  private setState(s: RegistrationState): void {
    if (s === this.state) return;
    this.state = s;
    this.emit('state', s);
  }

  private buildRegister(expires: number): SipRequest {
    const to = nameAddr(cloneUri(this.opts.aor), {}, this.opts.displayName);
    const from = nameAddr(cloneUri(this.opts.aor), { tag: this.fromTag }, this.opts.displayName);
    const contact: NameAddr = nameAddr(this.contactUri, { expires: String(expires) });
    const req = createRequest({
      method: 'REGISTER',
      uri: cloneUri(this.opts.registrar),
      from,
      to,
      callId: this.callId,
      cseq: ++this.cseq,
      contact,
      headers: [['Expires', String(expires)], ...(this.opts.headers ?? [])],
    });
    req.set('Allow', this.stack.allow.join(', '));
    // Reuse the nonce we hold (RFC 7616 §3.4 nonce counting) so refreshes avoid a round trip.
    this.digest?.apply(req);
    return req;
  }

  /** Sends a REGISTER, answering auth challenges; calls back with the final response or undefined on timeout. */
  private send(req: SipRequest, done: (res: SipResponse | undefined, error?: string) => void): void {
    const tx = this.stack.sendRequest(req, this.opts.destination ? { destination: this.opts.destination } : {});
    tx.on('response', (res: SipResponse) => {
      if (res.status < 200) return;
      if ((res.status === 401 || res.status === 407) && this.digest) {
        const retry = this.digest.authorize(req, res, ++this.cseq);
        if (retry) {
          this.send(retry, done);
          return;
        }
      }
      if (res.status < 300) this.digest?.succeeded();
      done(res);
    });
    tx.on('timeout', () => done(undefined, 'timeout'));
    tx.on('transport-error', (err: Error) => done(undefined, err.message));
  }

  private register(): void {
    if (!this.running) return;
    this.setState('rsRegistering');
    const req = this.buildRegister(this.expires);
    this.send(req, (res, error) => this.onFinal(res, error));
  }

  private onFinal(res: SipResponse | undefined, error?: string): void {
    if (!this.running) return;
    if (!res) {
      this.fail('rrTimeout', undefined, error ?? 'timeout');
      return;
    }
    const s = res.status;
    if (s >= 200 && s < 300) {
      this.onSuccess(res);
      return;
    }
    if (s === 423) {
      const min = safe(() => res.minExpires);
      if (min !== undefined && min > this.expires) {
        this.expires = min;
        this.register();
        return;
      }
    }
    let retryMs: number | undefined;
    if (s === 503 || s === 500 || s === 480) {
      const ra = Number((res.get('retry-after') ?? '').split(/[;( ]/)[0]);
      if (Number.isFinite(ra) && ra > 0) retryMs = ra * 1000;
    }
    this.fail(s === 408 ? 'rrTimeout' : 'rrRejected', res, `${s} ${res.reasonPhrase}`, retryMs);
  }

  private onSuccess(res: SipResponse): void {
    this.failures = 0;
    const contacts = safe(() => res.contact);
    const list = Array.isArray(contacts) ? contacts : [];
    const ours = list.find((c) => uriEquals(c.uri, this.contactUri));
    let granted = this.expires;
    const cexp = ours?.params.get('expires');
    if (cexp != null && /^\d+$/.test(cexp)) granted = Number(cexp);
    else {
      const e = safe(() => res.expires);
      if (e !== undefined) granted = e;
    }
    // NAT: the registrar saw another address than our Contact; register that one instead
    // (once per change), so calls can reach us through the NAT binding.
    if ((this.opts.natContact ?? true) && !this.natRetried) {
      const pub = this.stack.publicAddress(this.transport);
      const local = this.stack.localAddress(this.transport);
      if (pub && (pub.host !== local.host || pub.port !== local.port) && (pub.host !== this.contactUri.host || pub.port !== this.contactUri.port)) {
        this.natRetried = true;
        const old = this.contactUri;
        this.contactUri = this.makeContact(true);
        this.stack.logger.debug(`registration: Contact ${formatNameAddr(nameAddr(old))} is behind NAT, re-registering as ${this.contactUri.host}:${this.contactUri.port}`);
        this.register();
        return;
      }
    }
    this.grantedExpires = granted;
    this.lastResult = 'rrAcknowledged';
    this.setState('rsRegistered');
    this.emit('registered', { expires: granted, contacts: list, response: res });
    // Refresh ahead of expiry: half way for short grants, 32 s early for long ones.
    const refreshIn = granted > 64 ? (granted - 32) * 1000 : Math.max(1, granted / 2) * 1000;
    this.schedule(refreshIn);
  }

  private fail(result: 'rrRejected' | 'rrTimeout', res: SipResponse | undefined, reason: string, retryAfterMs?: number): void {
    this.failures++;
    this.lastResult = result;
    this.grantedExpires = undefined;
    this.setState('rsNotRegistered');
    const base = this.opts.retryMs ?? 30000;
    const max = this.opts.maxRetryMs ?? 1800000;
    const retryInMs = retryAfterMs ?? Math.min(max, base * 2 ** Math.min(this.failures - 1, 16));
    this.emit('failed', { result, status: res?.status, reason, retryInMs, response: res });
    this.schedule(retryInMs);
  }

  private schedule(ms: number): void {
    this.stack.clock.clearTimeout(this.timer);
    this.timer = this.stack.clock.setTimeout(() => {
      this.timer = undefined;
      this.register();
    }, ms);
  }
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/**
 * The SIP stack: one object owning the transports and the transaction layer, through which the
 * layers above (registration, dialogs, the user agent) send and receive.
 *
 * - `sendRequest(req, {destination})` adds the top Via (with a new branch and `rport`, RFC
 *   3581), picks the destination (RFC 3263 §4 minus SRV) and runs a client transaction.
 * - `cancel(tx)` sends the CANCEL of an INVITE client transaction (§9.1).
 * - `sendAck(ack)` sends an ACK for a 2xx (no transaction, §13.2.2.4); `sendStateless(msg, dest)`
 *   sends anything as it is.
 * - Incoming requests become server transactions and are emitted as 'request' (req, tx); the
 *   stack itself absorbs retransmissions, answers CANCEL (200 or 481, then 487 for the INVITE
 *   when nobody listens to the transaction's 'cancel'), merged requests (482), and the checks of
 *   §8.2.1-8.2.3 (405/501 with Allow, 416, 420 with Unsupported, 415 when configured).
 * - ACKs for 2xx are emitted as 'ack' (ack, inviteServerTx?); responses that match no client
 *   transaction (2xx retransmissions after Timer M) as 'response'; a stream connection that
 *   closed as 'flow-closed' (source), so users can re-establish their flow (RFC 5626 §4.4).
 */
import { EventEmitter } from 'node:events';
import { Clock, TimerHandle, systemClock } from '../clock';
import { Logger, silentLogger } from '../logger';
import { createRequest, createResponse, newBranch, newCallId, newTag } from './builder';
import { SipMessage, SipRequest, SipResponse } from './message';
import { NameAddr, nameAddr } from './headers/name-addr';
import { Via, formatVia } from './headers/via';
import { Params } from './params';
import { nextHopUri, resolveDestination, targetOf } from './resolver';
import { SipUri, Uri, sipUri } from './uri';
import { InviteClientTransaction } from './transaction/invite-client';
import { InviteServerTransaction } from './transaction/invite-server';
import { TimerConfig, timers as makeTimers } from './transaction/timers';
import { ClientTransaction, ServerTransaction, TransactionLayer } from './transaction/transaction-layer';
import { TransactionTransport } from './transaction/base';
import { TransportConfig, TransportLayer } from './transport/transport-layer';
import { Destination, Endpoint, Source, TransportProtocol } from './transport/types';

export interface StackOptions {
  transports: TransportConfig[];
  clock?: Clock;
  logger?: Logger;
  timers?: Partial<TimerConfig>;
  maxMessageSize?: number;
  /** User-Agent / Server header value. */
  userAgent?: string;
  /** Methods the TU handles; others get 405 (known) or 501 (unknown) with Allow (§8.2.1). */
  allow?: string[];
  /** Option tags the TU supports; a Require outside them gets 420 (§8.2.2.3). */
  supported?: string[];
  /** Body types the TU accepts; when set, others get 415 with Accept (§8.2.3). */
  accept?: string[];
  /** Where every out-of-dialog request goes when set (an outbound proxy). */
  outboundProxy?: Destination;
  /** Most server transactions at once; more get 503 with Retry-After (flood guard). */
  maxServerTransactions?: number;
}

const KNOWN_METHODS = new Set(['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'REGISTER', 'PRACK', 'SUBSCRIBE', 'NOTIFY', 'PUBLISH', 'INFO', 'REFER', 'MESSAGE', 'UPDATE']);
export const DEFAULT_ALLOW = ['INVITE', 'ACK', 'CANCEL', 'BYE', 'OPTIONS', 'INFO', 'MESSAGE', 'NOTIFY', 'REFER', 'UPDATE', 'PRACK', 'SUBSCRIBE'];

export interface SendOptions {
  /** Send here instead of the resolved next hop. */
  destination?: Destination;
  /** Keep the request's own top Via (it must have a branch). */
  keepVia?: boolean;
}

export class SipStack extends EventEmitter {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timers: TimerConfig;
  readonly transportLayer: TransportLayer;
  readonly transactions: TransactionLayer;
  readonly allow: string[];
  readonly supported: string[];
  private readonly opts: StackOptions;
  /** Public address learned from received/rport of our responses' Via (RFC 3581), per transport. */
  private readonly learned = new Map<TransportProtocol, Endpoint>();
  private readonly inviteDestinations = new WeakMap<InviteClientTransaction, { dest: Destination; connectionId?: string }>();
  private closed = false;

  constructor(opts: StackOptions) {
    super();
    this.opts = opts;
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    this.timers = makeTimers(opts.timers);
    this.allow = opts.allow ?? DEFAULT_ALLOW;
    this.supported = opts.supported ?? ['replaces', 'timer', 'norefersub'];
    this.transactions = new TransactionLayer({ clock: this.clock, logger: this.logger, timers: this.timers });
    this.transportLayer = new TransportLayer(
      opts.transports,
      this.logger,
      (m, s) => this.onMessage(m, s),
      opts.maxMessageSize,
      (s) => !this.closed && this.emit('flow-closed', s),
    );
  }

  async start(): Promise<void> {
    await this.transportLayer.start();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.transactions.clear();
    await this.transportLayer.close();
  }

  /** Host and port for Via/Contact on a transport (learned public address first when asked). */
  localAddress(protocol: TransportProtocol = this.defaultProtocol(), usePublic = false): Endpoint {
    if (usePublic) {
      const l = this.learned.get(protocol);
      if (l) return l;
    }
    return this.transportLayer.advertised(protocol);
  }

  /** The public address seen by the last peer that reported received/rport, if any. */
  publicAddress(protocol: TransportProtocol): Endpoint | undefined {
    return this.learned.get(protocol);
  }

  defaultProtocol(): TransportProtocol {
    const t = this.transportLayer.transports[0];
    if (!t) throw new Error('no transport configured');
    return t.protocol;
  }

  /** A Contact for this UA on a transport (RFC 3261 §8.1.1.8), NAT-aware when asked. */
  contact(user?: string, protocol: TransportProtocol = this.defaultProtocol(), usePublic = false): NameAddr {
    const a = this.localAddress(protocol, usePublic);
    const params: Record<string, string | null> = {};
    if (protocol !== 'UDP') params['transport'] = protocol.toLowerCase();
    const uri: SipUri = sipUri({ scheme: protocol === 'TLS' || protocol === 'WSS' ? 'sips' : 'sip', host: a.host, port: a.port, params });
    if (protocol === 'TLS' || protocol === 'WSS') uri.params.delete('transport');
    if (protocol === 'WSS') uri.params.set('transport', 'wss');
    if (user !== undefined) uri.user = sipUri({ user, host: 'x' }).user;
    return nameAddr(uri);
  }

  /** Where a request goes: an explicit destination, the outbound proxy, or its next hop. */
  target(req: SipRequest, explicit?: Destination): Destination {
    if (explicit) return explicit;
    if (this.opts.outboundProxy && req.route.length === 0) return this.opts.outboundProxy;
    return targetOf(nextHopUri(req), this.defaultProtocol());
  }

  private viaFor(protocol: TransportProtocol, branch: string): Via {
    const a = this.localAddress(protocol);
    return { protocol: 'SIP/2.0', transport: protocol, host: a.host, port: a.port, params: new Params().set('branch', branch).set('rport', null) };
  }

  private bind(dest: Destination, connectionId?: string): TransactionTransport {
    const reliable = dest.transport !== 'UDP';
    let resolved: Promise<Destination> | undefined;
    return {
      reliable,
      send: async (msg: SipMessage) => {
        resolved ??= resolveDestination(dest);
        const d = await resolved;
        await this.transportLayer.send(msg, d, connectionId);
      },
    };
  }

  /** Sends a request in a new client transaction and returns the transaction. */
  sendRequest(req: SipRequest, opts: SendOptions = {}): ClientTransaction {
    if (req.method === 'ACK') throw new Error('ACK is sent with sendAck, not in a transaction');
    const dest = this.target(req, opts.destination);
    // A UA's request carries only its own Via: a fresh one per transaction (a retry with
    // credentials or after 423 is a new transaction, §8.1.3.5).
    if (!opts.keepVia || !req.has('via')) req.set('Via', formatVia(this.viaFor(dest.transport, newBranch())));
    if (!req.has('max-forwards')) req.set('Max-Forwards', '70');
    if (this.opts.userAgent && !req.has('user-agent')) req.append('User-Agent', this.opts.userAgent);
    const tx = this.transactions.createClient(req, this.bind(dest));
    if (tx instanceof InviteClientTransaction) this.inviteDestinations.set(tx, { dest });
    return tx;
  }

  /**
   * Cancels an INVITE client transaction (§9.1): the CANCEL copies the INVITE's Request-URI,
   * Call-ID, From, To, CSeq number, top Via and Route. It is sent once a provisional response
   * arrived (never before, §9.1), right away if one already did. Returns the CANCEL's
   * transaction through the callback when it is sent; undefined when the INVITE is already final.
   */
  cancel(invite: InviteClientTransaction, reason?: string, onSent?: (tx: ClientTransaction) => void): void {
    const go = (): void => {
      if (invite.state !== 'Proceeding') return;
      const inv = invite.request;
      const c = new SipRequest('CANCEL', inv.uri, inv.uriText);
      const topVia = inv.getAll('via')[0]?.split(',')[0]?.trim() ?? '';
      c.headers.push({ name: 'Via', key: 'via', value: topVia });
      for (const h of inv.headers) if (h.key === 'route') c.headers.push({ ...h });
      c.headers.push({ name: 'Max-Forwards', key: 'max-forwards', value: '70' });
      c.headers.push({ name: 'From', key: 'from', value: inv.get('from') ?? '' });
      c.headers.push({ name: 'To', key: 'to', value: inv.get('to') ?? '' });
      c.headers.push({ name: 'Call-ID', key: 'call-id', value: inv.get('call-id') ?? '' });
      c.headers.push({ name: 'CSeq', key: 'cseq', value: `${inv.cseq.seq} CANCEL` });
      if (reason) c.headers.push({ name: 'Reason', key: 'reason', value: reason });
      const d = this.inviteDestinations.get(invite)?.dest ?? this.target(inv);
      const tx = this.transactions.createClient(c, this.bind(d));
      onSent?.(tx);
    };
    if (invite.state === 'Proceeding') go();
    else if (invite.state === 'Calling') {
      const onState = (s: string): void => {
        if (s === 'Calling') return;
        invite.off('state', onState);
        go();
      };
      invite.on('state', onState);
    }
  }

  /** Sends the ACK for a 2xx (§13.2.2.4): a new branch, no transaction, to the next hop. */
  async sendAck(ack: SipRequest, destination?: Destination): Promise<void> {
    const dest = this.target(ack, destination);
    if (!ack.has('via')) ack.prepend('Via', formatVia(this.viaFor(dest.transport, newBranch())));
    if (!ack.has('max-forwards')) ack.set('Max-Forwards', '70');
    await this.transportLayer.send(ack, await resolveDestination(dest));
  }

  /** Sends a message as it is (a stateless response, a raw request). */
  async sendStateless(msg: SipMessage, dest: Destination, connectionId?: string): Promise<void> {
    await this.transportLayer.send(msg, await resolveDestination(dest), connectionId);
  }

  /** Answers a request outside any transaction (§8.2.7 stateless UAS behaviour). */
  respondStateless(req: SipRequest, res: SipResponse, source?: Source): Promise<void> {
    const { dest, connectionId } = this.transportLayer.responseDestination(req, source);
    return this.sendStateless(res, dest, connectionId);
  }

  /**
   * Keeps a flow alive (RFC 5626 §4.4): CRLF pings on streams and UDP, or OPTIONS on UDP, every
   * `intervalMs`. Returns a function that stops it.
   */
  keepalive(dest: Destination, intervalMs: number, mode: 'crlf' | 'options' = 'crlf', uri?: Uri): () => void {
    let handle: TimerHandle | undefined;
    let stopped = false;
    const tick = (): void => {
      if (stopped || this.closed) return;
      if (mode === 'options' && dest.transport === 'UDP') {
        const target = uri ?? sipUri({ host: dest.host, port: dest.port });
        const from = nameAddr(sipUri({ user: 'keepalive', host: this.localAddress(dest.transport).host }), { tag: newTag() });
        const req = createRequest({ method: 'OPTIONS', uri: target, from, to: nameAddr(target), callId: newCallId(), cseq: 1 });
        const tx = this.sendRequest(req, { destination: dest });
        tx.on('timeout', () => this.emit('keepalive-failed', dest));
      } else {
        const t = this.transportLayer.get(dest.transport);
        t?.ping(dest).catch((err: unknown) => {
          this.logger.debug(`keepalive to ${dest.host}:${dest.port} failed: ${err instanceof Error ? err.message : String(err)}`);
          this.emit('keepalive-failed', dest);
        });
      }
      handle = this.clock.setTimeout(tick, intervalMs);
    };
    handle = this.clock.setTimeout(tick, intervalMs);
    return () => {
      stopped = true;
      this.clock.clearTimeout(handle);
    };
  }

  // ---- receiving ------------------------------------------------------------------------------

  private onMessage(msg: SipMessage, source: Source): void {
    if (this.closed) return;
    if (msg instanceof SipResponse) this.onResponse(msg, source);
    else if (msg instanceof SipRequest) this.onRequest(msg, source);
  }

  private onResponse(res: SipResponse, source: Source): void {
    this.learnAddress(res, source.transport);
    const tx = this.transactions.matchResponse(res);
    if (tx) tx.receiveResponse(res);
    else {
      this.logger.trace(`response ${res.status} for ${res.cseq.method} matches no transaction`);
      this.emit('response', res, source);
    }
  }

  private learnAddress(res: SipResponse, protocol: TransportProtocol): void {
    const via = res.topVia;
    // RFC 3261 writes an IPv6 received without brackets; some peers bracket it (RFC 5118 §4.5).
    const received = via.params.get('received')?.replace(/^\[(.*)\]$/, '$1');
    const rport = via.params.get('rport');
    if (!received && !rport) return;
    const local = this.transportLayer.advertised(protocol);
    const ep = { host: received ?? via.host, port: rport ? Number(rport) : (via.port ?? local.port) };
    const prev = this.learned.get(protocol);
    if (!prev || prev.host !== ep.host || prev.port !== ep.port) {
      this.learned.set(protocol, ep);
      if (ep.host !== local.host || ep.port !== local.port) this.emit('public-address', protocol, ep);
    }
  }

  private serverTransport(req: SipRequest, source: Source): TransactionTransport {
    const { dest, connectionId } = this.transportLayer.responseDestination(req, source);
    return this.bind(dest, connectionId);
  }

  private onRequest(req: SipRequest, source: Source): void {
    const existing = this.transactions.matchRequest(req);
    if (existing) {
      existing.receiveRequest(req);
      return;
    }
    if (req.method === 'ACK') {
      const tx = this.transactions.matchAckFor2xx(req);
      tx?.ackReceived();
      this.emit('ack', req, tx, source);
      return;
    }
    if (this.transactions.servers.size >= (this.opts.maxServerTransactions ?? 5000)) {
      this.logger.debug(`${source.transport} ${source.remote.host}:${source.remote.port}: too many transactions, 503`);
      void this.respondStateless(req, createResponse(req, 503, { headers: [['Retry-After', '5']] }), source).catch(() => undefined);
      return;
    }
    // Checked before this request's own transaction registers its merge key.
    const merged = req.method !== 'CANCEL' && this.transactions.isMerged(req);
    const tx = this.transactions.createServer(req, this.serverTransport(req, source));
    const respond = (status: number, headers: Array<[string, string]> = []): void =>
      tx.respond(createResponse(req, status, { toTag: newTag(), headers: this.serverHeaders(headers) }));

    if (req.method === 'CANCEL') {
      const invite = this.transactions.matchCancel(req);
      if (!invite) {
        respond(481);
        return;
      }
      respond(200);
      invite.receiveCancel(req);
      this.emit('cancel', req, invite);
      if (invite.listenerCount('cancel') === 0 && invite.state === 'Proceeding') {
        invite.respond(createResponse(invite.request, 487, { toTag: newTag(), headers: this.serverHeaders([]) }));
      }
      return;
    }
    if (merged) {
      respond(482);
      return;
    }
    const check = this.uasCheck(req);
    if (check) {
      respond(check.status, check.headers);
      return;
    }
    if (this.listenerCount('request') === 0) {
      if (req.method === 'OPTIONS') respond(200, [['Allow', this.allow.join(', ')], ['Supported', this.supported.join(', ')]]);
      else respond(req.method === 'INVITE' ? 480 : 405, [['Allow', this.allow.join(', ')]]);
      return;
    }
    this.emit('request', req, tx, source);
  }

  /** RFC 3261 §8.2.1-§8.2.3, in that order. */
  uasCheck(req: SipRequest): { status: number; headers: Array<[string, string]> } | undefined {
    if (!this.allow.includes(req.method)) {
      return { status: KNOWN_METHODS.has(req.method) ? 405 : 501, headers: [['Allow', this.allow.join(', ')]] };
    }
    const scheme = req.uri.scheme;
    if (scheme !== 'sip' && scheme !== 'sips' && scheme !== 'tel') return { status: 416, headers: [] };
    if (req.method !== 'CANCEL' && req.method !== 'ACK') {
      const unsupported = req.require.filter((t) => !this.supported.some((s) => s.toLowerCase() === t.toLowerCase()));
      if (unsupported.length > 0) return { status: 420, headers: [['Unsupported', unsupported.join(', ')]] };
    }
    const accept = this.opts.accept;
    if (accept && req.body.length > 0) {
      const ct = req.contentType;
      const type = ct ? `${ct.type}/${ct.subtype}` : undefined;
      const enc = req.get('content-encoding');
      if (!type || !accept.includes(type) || (enc !== undefined && enc.trim().toLowerCase() !== 'identity')) {
        return { status: 415, headers: [['Accept', accept.join(', ')], ['Accept-Encoding', 'identity']] };
      }
    }
    return undefined;
  }

  /** Headers this stack adds to its own responses (Server). */
  serverHeaders(extra: Array<[string, string]>): Array<[string, string]> {
    return this.opts.userAgent ? [...extra, ['Server', this.opts.userAgent]] : extra;
  }
}

export type { ClientTransaction, ServerTransaction, InviteServerTransaction };

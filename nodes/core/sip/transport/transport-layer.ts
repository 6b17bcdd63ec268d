/**
 * The transport layer (RFC 3261 §18): owns the transports, parses what they receive, answers
 * what cannot be parsed when a response can be built (400, 505, 513) and drops the rest with a
 * debug line naming the peer, stamps received/rport into the top Via of requests (§18.2.1,
 * RFC 3581 §4), checks the sent-by of responses (§18.1.2), and sends to a destination.
 * Nothing thrown while handling input leaves this layer.
 */
import { Logger } from '../../logger';
import { createResponse } from '../builder';
import { SipMessage, SipRequest } from '../message';
import { SipMessageError, parseMessage, DEFAULT_MAX_MESSAGE_SIZE } from '../parser';
import { serialize } from '../serializer';
import { Via, formatVia } from '../headers/via';
import { splitCommas } from '../grammar';
import { StreamTransport, TlsOptions } from './stream';
import { UdpTransport } from './udp';
import { WsTransport } from './ws';
import { Destination, Endpoint, Source, Transport, TransportEvents, TransportProtocol } from './types';

export interface TransportConfig {
  protocol: TransportProtocol;
  /** Address to bind, e.g. '127.0.0.1', '::1', '0.0.0.0'. */
  host: string;
  /** Port to bind; 0 for an ephemeral one. */
  port: number;
  /** Address and port to put into Via/Contact when different from the bound ones (NAT, 0.0.0.0). */
  advertisedHost?: string;
  advertisedPort?: number;
  tls?: TlsOptions;
  /** For WS/WSS: accept inbound connections (default true). */
  listen?: boolean;
}

export type ReceiveHandler = (msg: SipMessage, source: Source) => void;

function describe(s: Source): string {
  return `${s.transport} ${s.remote.host.includes(':') ? `[${s.remote.host}]` : s.remote.host}:${s.remote.port}`;
}

/** Rewrites the first Via value of a message (keeping the rest of that header field). */
export function replaceTopVia(msg: SipMessage, via: Via): void {
  const i = msg.headers.findIndex((h) => h.key === 'via');
  const h = msg.headers[i];
  if (h === undefined) return;
  const rest = splitCommas(h.value).slice(1);
  msg.headers[i] = { ...h, value: [formatVia(via), ...rest].join(', ') };
  msg.invalidate();
}

export class TransportLayer {
  readonly transports: Transport[] = [];
  private readonly configs: TransportConfig[];
  private readonly maxSize: number;

  constructor(
    configs: TransportConfig[],
    private readonly logger: Logger,
    private readonly onReceive: ReceiveHandler,
    maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE,
  ) {
    this.configs = configs;
    this.maxSize = maxMessageSize;
    const events: TransportEvents = {
      onMessage: (data, source) => this.receive(data, source),
      onProblem: (reason, source) => this.logger.debug(`${describe(source)}: ${reason}`),
      onConnectionClosed: (source) => this.logger.trace(`${describe(source)}: connection closed`),
    };
    for (const c of configs) {
      const opts = { host: c.host, port: c.port, maxMessageSize: maxMessageSize };
      switch (c.protocol) {
        case 'UDP':
          this.transports.push(new UdpTransport(opts, events, logger));
          break;
        case 'TCP':
          this.transports.push(new StreamTransport('TCP', opts, events, logger));
          break;
        case 'TLS':
          this.transports.push(new StreamTransport('TLS', opts, events, logger, c.tls));
          break;
        case 'WS':
        case 'WSS':
          this.transports.push(new WsTransport(c.protocol, { ...opts, listen: c.listen ?? true }, events, logger, c.tls));
          break;
      }
    }
  }

  async start(): Promise<void> {
    for (const t of this.transports) await t.listen();
  }

  async close(): Promise<void> {
    for (const t of this.transports) await t.close();
  }

  get(protocol: TransportProtocol): Transport | undefined {
    return this.transports.find((t) => t.protocol === protocol);
  }

  /** The host and port to advertise in Via/Contact for a transport. */
  advertised(protocol: TransportProtocol): Endpoint {
    const i = this.transports.findIndex((t) => t.protocol === protocol);
    const t = this.transports[i];
    const c = this.configs[i];
    if (!t || !c) throw new Error(`no ${protocol} transport`);
    let host = c.advertisedHost ?? t.local.host;
    if (host === '0.0.0.0') host = '127.0.0.1';
    if (host === '::') host = '::1';
    return { host, port: c.advertisedPort ?? t.local.port };
  }

  async send(msg: SipMessage | Buffer, dest: Destination, connectionId?: string): Promise<void> {
    const t = this.get(dest.transport);
    if (!t) throw new Error(`no ${dest.transport} transport for ${dest.host}:${dest.port}`);
    const data = Buffer.isBuffer(msg) ? msg : serialize(msg);
    if (data.length > this.maxSize) throw new Error(`message of ${data.length} bytes is over the limit`);
    await t.send(data, dest, connectionId);
  }

  /** Where a response to a request goes (§18.2.2, RFC 3581 §4). */
  responseDestination(req: SipRequest, source?: Source): { dest: Destination; connectionId?: string } {
    const via = req.topVia;
    const transport = (source?.transport ?? via.transport) as TransportProtocol;
    const received = via.params.get('received');
    const rport = via.params.get('rport');
    const host = received ?? via.host;
    let port: number;
    if (rport) port = Number(rport);
    else if (source && transport === 'UDP' && rport === null) port = source.remote.port;
    else port = via.port ?? (transport === 'TLS' || transport === 'WSS' ? 5061 : 5060);
    const dest: Destination = { transport, host, port };
    if (source?.connectionId !== undefined) return { dest, connectionId: source.connectionId };
    return { dest };
  }

  private receive(data: Buffer, source: Source): void {
    try {
      this.receiveUnsafe(data, source);
    } catch (e) {
      // Last line of defence: a handler bug must not kill the socket or the process.
      this.logger.warn(`${describe(source)}: error handling message: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }

  private receiveUnsafe(data: Buffer, source: Source): void {
    // Stray CRLF keepalives on UDP (RFC 5626 §4.4.1 uses STUN, but CRLF is common).
    if (data.length <= 4 && /^(\r\n)*$/.test(data.toString('latin1'))) return;
    let msg: SipMessage;
    try {
      msg = parseMessage(data, {
        datagram: source.transport === 'UDP' || source.transport === 'WS' || source.transport === 'WSS',
        maxSize: this.maxSize,
      });
    } catch (e) {
      if (!(e instanceof SipMessageError)) throw e;
      const req = e.partial;
      this.logger.debug(`${describe(source)}: bad message (${e.status}): ${e.message}${req ? '' : ', dropped'}`);
      if (req) {
        this.stampVia(req, source);
        const res = createResponse(req, e.status, { reason: e.status === 400 ? `Bad Request (${e.message.slice(0, 80)})`.replace(/[\r\n]/g, ' ') : undefined });
        const { dest, connectionId } = this.responseDestination(req, source);
        this.send(res, dest, connectionId).catch((err: unknown) =>
          this.logger.debug(`${describe(source)}: could not send ${e.status}: ${err instanceof Error ? err.message : String(err)}`),
        );
      }
      return;
    }
    if (msg instanceof SipRequest) {
      this.stampVia(msg, source);
    } else if (!this.sentByIsOurs(msg.topVia, source.transport)) {
      // §18.1.2: a response whose top Via is not ours is discarded.
      this.logger.debug(`${describe(source)}: response with foreign Via sent-by ${msg.topVia.host} dropped`);
      return;
    }
    this.onReceive(msg, source);
  }

  /** §18.2.1 received= when the sent-by host differs; RFC 3581 rport= when asked. */
  private stampVia(req: SipRequest, source: Source): void {
    let via: Via;
    try {
      via = req.topVia;
    } catch {
      return;
    }
    const rport = via.params.get('rport');
    const needReceived = via.host !== source.remote.host;
    if (!needReceived && rport !== null) return;
    const v: Via = { ...via, params: via.params.clone() };
    if (needReceived || rport === null) v.params.set('received', source.remote.host);
    if (rport === null) v.params.set('rport', String(source.remote.port));
    replaceTopVia(req, v);
  }

  private sentByIsOurs(via: Via, protocol: TransportProtocol): boolean {
    for (const t of this.transports) {
      try {
        const a = this.advertised(t.protocol);
        if (via.host.toLowerCase() === a.host.toLowerCase()) return true;
      } catch {
        // not started
      }
    }
    void protocol;
    return false;
  }
}

/**
 * The SignallingPort of the user agent on top of the sip-core SipStack (transports +
 * transactions, RFC 3261 §17-18). Converts between the call layer's header lists and SipMessage,
 * wires CANCEL and ACK-for-2xx, and owns the stack's lifetime.
 */
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { createResponse } from './builder';
import { headerKey } from './header-names';
import { SipMessage, SipRequest, SipResponse } from './message';
import { SipStack } from './stack';
import { InviteClientTransaction } from './transaction/invite-client';
import { InviteServerTransaction } from './transaction/invite-server';
import type { ServerTransaction as CoreServerTransaction } from './transaction/transaction-layer';
import type { Destination, TransportProtocol } from './transport/types';
import { formatUri, parseUri } from './uri';
import type {
  ClientCallbacks,
  ClientTransaction,
  HeaderList,
  IncomingRequest,
  IncomingResponse,
  OutgoingRequest,
  ServerTransaction,
  SignallingPort,
} from './signalling-port';

/** Headers whose values are comma-separated lists (RFC 3261 §7.3.1). */
const LIST = new Set(['route', 'record-route', 'via', 'contact', 'allow', 'supported', 'require', 'proxy-require', 'unsupported', 'reason', 'accept', 'allow-events']);

function viewOf(msg: SipMessage): { header(n: string): string | undefined; headers(n: string): string[]; body: string } {
  return {
    header: (n) => {
      const key = headerKey(n);
      return LIST.has(key) ? msg.values(n)[0] : msg.get(n);
    },
    headers: (n) => (LIST.has(headerKey(n)) ? msg.values(n) : msg.getAll(n)),
    body: msg.body.length ? msg.bodyText : '',
  };
}

function requestView(req: SipRequest, source?: { transport: string; remote: { host: string; port: number } }): IncomingRequest {
  const v: IncomingRequest = { ...viewOf(req), method: req.method, uri: req.uriText };
  return source ? { ...v, source: { address: source.remote.host, port: source.remote.port, transport: source.transport } } : v;
}

function responseView(res: SipResponse): IncomingResponse {
  return { ...viewOf(res), status: res.status, reason: res.reasonPhrase };
}

function tagOf(nameAddr: string): string | undefined {
  const gt = nameAddr.lastIndexOf('>');
  const m = /;\s*tag\s*=\s*([^;\s,]+)/i.exec(gt >= 0 ? nameAddr.slice(gt + 1) : nameAddr);
  return m ? m[1] : undefined;
}

export function toSipRequest(o: OutgoingRequest): SipRequest {
  const req = new SipRequest(o.method, parseUri(o.uri));
  for (const [n, v] of o.headers) req.append(n, v);
  if (o.body !== undefined && o.body !== '') req.body = Buffer.from(o.body, 'utf8');
  return req;
}

export interface StackSignallingOptions {
  transport: 'udp' | 'tcp' | 'tls' | 'ws' | 'wss';
  localAddress: string;
  localPort: number;
  wsUrl?: string;
  outboundProxy?: string;
  tls?: { ca?: string; cert?: string; key?: string; rejectUnauthorized?: boolean };
  userAgentHeader?: string;
  /** Flood guard of the stack (503 beyond it). Each answered call holds its INVITE server
   * transaction for Timer L (64*T1) and its BYE's for Timer J, so a sustained rate R needs
   * about 2 * R * 32 s of room. Default 50000. */
  maxServerTransactions?: number;
  clock?: Clock;
  logger?: Logger;
}

const PROTOCOLS: Record<StackSignallingOptions['transport'], TransportProtocol> = { udp: 'UDP', tcp: 'TCP', tls: 'TLS', ws: 'WS', wss: 'WSS' };

export class StackSignalling implements SignallingPort {
  readonly reliable = true; // the INVITE server transaction retransmits our 2xx (RFC 6026 Accepted)
  private handler: ((req: IncomingRequest, tx: ServerTransaction & { onCancel(cb: () => void): void }) => void) | undefined;

  constructor(readonly stack: SipStack, private readonly logger?: Logger) {
    stack.on('request', (req: SipRequest, tx: CoreServerTransaction, source: { transport: string; remote: { host: string; port: number } }) => {
      this.handler?.(requestView(req, source), this.wrapServer(req, tx));
    });
    stack.on('ack', (ack: SipRequest, _tx: unknown, source: { transport: string; remote: { host: string; port: number } }) => {
      this.handler?.(requestView(ack, source), { respond: () => undefined, onCancel: () => undefined });
    });
  }

  static async create(o: StackSignallingOptions): Promise<StackSignalling> {
    const protocol = PROTOCOLS[o.transport];
    let outbound: Destination | undefined;
    if ((protocol === 'WS' || protocol === 'WSS') && o.wsUrl) {
      const u = new URL(o.wsUrl);
      outbound = { transport: protocol, host: u.hostname, port: Number(u.port) || (protocol === 'WSS' ? 443 : 80), path: u.pathname || '/' };
    } else if (o.outboundProxy) {
      const [host, port] = o.outboundProxy.replace(/^sips?:/, '').split(':');
      outbound = { transport: protocol, host: host ?? '127.0.0.1', port: Number(port) || (protocol === 'TLS' ? 5061 : 5060) };
    }
    const tls = o.tls ? { ca: o.tls.ca, clientCert: o.tls.cert, clientKey: o.tls.key, cert: o.tls.cert, key: o.tls.key, verify: o.tls.rejectUnauthorized !== false } : undefined;
    const stack = new SipStack({
      transports: [{ protocol, host: o.localAddress, port: o.localPort, ...(tls ? { tls } : {}), ...(protocol === 'WS' || protocol === 'WSS' ? { listen: false } : {}) }],
      clock: o.clock,
      logger: o.logger,
      userAgent: o.userAgentHeader,
      supported: ['replaces', 'timer', '100rel', 'norefersub'],
      maxServerTransactions: o.maxServerTransactions ?? 50000,
      ...(outbound ? { outboundProxy: outbound } : {}),
    });
    await stack.start();
    return new StackSignalling(stack, o.logger);
  }

  get localHostPort(): string {
    const a = this.stack.localAddress();
    return `${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`;
  }

  contactUri(user: string): string {
    return formatUri(this.stack.contact(user).uri);
  }

  request(o: OutgoingRequest, cb: ClientCallbacks): ClientTransaction {
    const tx = this.stack.sendRequest(toSipRequest(o));
    let final = false;
    tx.on('response', (res: SipResponse) => {
      if (res.status < 200) {
        if (!final) cb.onProvisional?.(responseView(res));
        return;
      }
      final = true;
      cb.onFinal(responseView(res));
    });
    tx.on('timeout', () => {
      if (!final) cb.onTimeout('timeout');
      final = true;
    });
    tx.on('transport-error', (err: Error) => {
      this.logger?.debug(`${o.method} transport error: ${err.message}`);
      if (!final) cb.onTimeout('transport');
      final = true;
    });
    return {
      cancel: (headers?: HeaderList) => {
        if (!(tx instanceof InviteClientTransaction)) return;
        const reason = headers?.find(([n]) => n.toLowerCase() === 'reason')?.[1];
        this.stack.cancel(tx, reason);
      },
    };
  }

  sendAck(o: OutgoingRequest): void {
    this.stack.sendAck(toSipRequest(o)).catch((err: Error) => this.logger?.debug(`ACK: ${err.message}`));
  }

  onRequest(h: (req: IncomingRequest, tx: ServerTransaction & { onCancel(cb: () => void): void }) => void): void {
    this.handler = h;
  }

  private wrapServer(req: SipRequest, tx: CoreServerTransaction): ServerTransaction & { onCancel(cb: () => void): void } {
    return {
      respond: (status, reason, headers = [], body) => {
        let toTag: string | undefined;
        let contentType: string | undefined;
        const rest: Array<[string, string]> = [];
        for (const [n, v] of headers) {
          const k = headerKey(n);
          if (k === 'to') toTag = tagOf(v);
          else if (k === 'content-type') contentType = v;
          else rest.push([n, v]);
        }
        const init: Parameters<typeof createResponse>[2] = { headers: this.stack.serverHeaders(rest) };
        if (reason) init.reason = reason;
        if (toTag) init.toTag = toTag;
        if (body !== undefined && body !== '') {
          init.body = body;
          if (contentType) init.contentType = contentType;
        }
        try {
          tx.respond(createResponse(req, status, init));
        } catch (err) {
          this.logger?.debug(`respond ${status} to ${req.method}: ${(err as Error).message}`);
        }
      },
      onCancel: (cb) => {
        if (tx instanceof InviteServerTransaction) tx.on('cancel', cb);
      },
    };
  }

  async close(): Promise<void> {
    await this.stack.close();
  }
}

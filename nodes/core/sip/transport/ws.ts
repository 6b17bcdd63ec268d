/**
 * WebSocket and secure WebSocket transport (RFC 7118) on the `ws` package: subprotocol `sip`,
 * one SIP message per WebSocket message. Connections are reused per destination; inbound
 * connections are kept by id for replies. Keepalive uses WebSocket ping frames.
 */
import http from 'node:http';
import https from 'node:https';
import type * as tls from 'node:tls';
import { WebSocket, WebSocketServer, RawData } from 'ws';
import { Logger } from '../../logger';
import { TlsOptions } from './stream';
import { Destination, Endpoint, Source, Transport, TransportEvents, endpointKey } from './types';
import { checkServerIdentity } from './server-identity';

const TLS_IDENTITY: Pick<tls.ConnectionOptions, 'checkServerIdentity'> = { checkServerIdentity };

export interface WsOptions {
  host: string;
  port: number;
  maxMessageSize: number;
  /** Listen for inbound connections (false: client only, `local` is then nominal). */
  listen?: boolean;
  maxConnections?: number;
}

interface WsConn {
  id: string;
  ws: WebSocket;
  remote: Endpoint;
  ready: Promise<void>;
}

let nextId = 1;

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

export class WsTransport implements Transport {
  readonly reliable = true;
  private server: http.Server | https.Server | undefined;
  private wss: WebSocketServer | undefined;
  private readonly conns = new Map<string, WsConn>();
  private readonly byRemote = new Map<string, WsConn>();
  local: Endpoint;

  constructor(
    readonly protocol: 'WS' | 'WSS',
    private readonly opts: WsOptions,
    private readonly events: TransportEvents,
    private readonly logger: Logger,
    private readonly tlsOpts: TlsOptions = {},
  ) {
    this.local = { host: opts.host, port: opts.port };
  }
  get secure(): boolean {
    return this.protocol === 'WSS';
  }

  listen(): Promise<void> {
    if (this.opts.listen === false) return Promise.resolve();
    const server =
      this.protocol === 'WSS' ? https.createServer({ cert: this.tlsOpts.cert, key: this.tlsOpts.key, ca: this.tlsOpts.ca }) : http.createServer();
    this.server = server;
    const wss = new WebSocketServer({
      server,
      maxPayload: this.opts.maxMessageSize,
      handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
    });
    this.wss = wss;
    wss.on('connection', (ws, req) => {
      if (ws.protocol !== 'sip' || this.conns.size >= (this.opts.maxConnections ?? 1000)) {
        ws.close(1002);
        return;
      }
      const remote = { host: req.socket.remoteAddress ?? '', port: req.socket.remotePort ?? 0 };
      this.adopt(ws, remote, Promise.resolve());
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port, this.opts.host, () => {
        server.off('error', reject);
        const a = server.address();
        if (a && typeof a === 'object') this.local = { host: a.address, port: a.port };
        resolve();
      });
    });
  }

  private adopt(ws: WebSocket, remote: Endpoint, ready: Promise<void>): WsConn {
    const id = `${this.protocol.toLowerCase()}-${nextId++}`;
    const conn: WsConn = { id, ws, remote, ready };
    this.conns.set(id, conn);
    this.byRemote.set(endpointKey(remote), conn);
    const source = (): Source => ({ transport: this.protocol, remote, local: this.local, connectionId: id });
    ws.on('message', (data) => {
      const buf = toBuffer(data);
      // A CRLF keepalive some clients send over WebSocket: answer it, do not parse it.
      if (buf.length <= 4 && /^(\r\n)+$/.test(buf.toString('latin1'))) {
        if (buf.length === 4) ws.send('\r\n');
        return;
      }
      this.events.onMessage(buf, source());
    });
    ws.on('error', (err) => {
      this.logger.debug(`${this.protocol} ${remote.host}:${remote.port}: ${err.message}`);
      this.events.onProblem(err.message, source());
    });
    ws.on('close', () => {
      this.conns.delete(id);
      if (this.byRemote.get(endpointKey(remote)) === conn) this.byRemote.delete(endpointKey(remote));
      this.events.onConnectionClosed?.(source());
    });
    return conn;
  }

  private connect(dest: Destination): WsConn {
    const scheme = this.protocol === 'WSS' ? 'wss' : 'ws';
    const host = dest.host.includes(':') ? `[${dest.host}]` : dest.host;
    const url = `${scheme}://${host}:${dest.port}${dest.path ?? '/'}`;
    const ws = new WebSocket(url, 'sip', {
      maxPayload: this.opts.maxMessageSize,
      ca: this.tlsOpts.ca,
      cert: this.tlsOpts.clientCert,
      key: this.tlsOpts.clientKey,
      rejectUnauthorized: this.tlsOpts.verify ?? true,
      // ws hands its options on to tls.connect; its typings still describe an older callback.
      ...(TLS_IDENTITY as object),
      handshakeTimeout: 10000,
    });
    const ready = new Promise<void>((resolve, reject) => {
      ws.once('open', () => {
        if (ws.protocol !== 'sip') {
          ws.close();
          reject(new Error(`${url} did not accept the sip subprotocol`));
        } else resolve();
      });
      ws.once('error', reject);
      ws.once('close', () => reject(new Error(`${url} closed`)));
    });
    ready.catch(() => undefined);
    return this.adopt(ws, { host: dest.host, port: dest.port }, ready);
  }

  async send(data: Buffer, dest: Destination, connectionId?: string): Promise<void> {
    let conn = connectionId !== undefined ? this.conns.get(connectionId) : undefined;
    conn ??= this.byRemote.get(endpointKey(dest));
    if (conn === undefined || conn.ws.readyState > WebSocket.OPEN) conn = this.connect(dest);
    await conn.ready;
    const ws = conn.ws;
    // Text frames for UTF-8 messages (RFC 7118 §5.2 allows both).
    await new Promise<void>((resolve, reject) => ws.send(data.toString('utf8'), (err) => (err ? reject(err) : resolve())));
  }

  ping(dest: Destination): Promise<void> {
    const conn = this.byRemote.get(endpointKey(dest));
    if (!conn || conn.ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error(`no ${this.protocol} connection`));
    conn.ws.ping();
    return Promise.resolve();
  }

  async close(): Promise<void> {
    for (const c of this.conns.values()) c.ws.terminate();
    this.conns.clear();
    this.byRemote.clear();
    const wss = this.wss;
    const server = this.server;
    this.wss = undefined;
    this.server = undefined;
    if (wss) await new Promise<void>((resolve) => wss.close(() => resolve()));
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

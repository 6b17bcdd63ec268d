/**
 * TCP and TLS transports (RFC 3261 §18, RFC 5626 §3.5.1 keepalives). Connections are reused per
 * destination (§18.1.1) and for replies (§18.2.2, by connection id); inbound connections are
 * indexed by their remote address too, so a request to a peer that connected to us goes back
 * over its connection. A new connection is opened when none is alive (reconnection is a send).
 * Each connection has a framer with a size limit: a peer that floods or breaks framing is
 * dropped with a debug line, never buffered without bound.
 */
import net from 'node:net';
import tls from 'node:tls';
import { Logger } from '../../logger';
import { StreamFramer } from '../framing';
import { Destination, Endpoint, Source, Transport, TransportEvents, endpointKey } from './types';
import { checkServerIdentity } from './server-identity';

export interface StreamOptions {
  host: string;
  port: number;
  maxMessageSize: number;
  /** Most connections kept at once; new inbound ones beyond are refused. */
  maxConnections?: number;
  /** Time allowed to open an outbound connection, ms. */
  connectTimeout?: number;
}

export interface TlsOptions {
  /** PEM server certificate and key (needed to accept connections). */
  cert?: string | Buffer;
  key?: string | Buffer;
  /** Extra trusted CA(s), PEM. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** A client certificate and key to present when connecting. */
  clientCert?: string | Buffer;
  clientKey?: string | Buffer;
  /** Verify the peer certificate (default true). */
  verify?: boolean;
}

interface Conn {
  id: string;
  socket: net.Socket;
  framer: StreamFramer;
  remote: Endpoint;
  ready: Promise<void>;
}

let nextConnId = 1;

export class StreamTransport implements Transport {
  readonly reliable = true;
  readonly secure: boolean;
  private server: net.Server | undefined;
  private readonly conns = new Map<string, Conn>();
  private readonly byRemote = new Map<string, Conn>();
  local: Endpoint;

  constructor(
    readonly protocol: 'TCP' | 'TLS',
    private readonly opts: StreamOptions,
    private readonly events: TransportEvents,
    private readonly logger: Logger,
    private readonly tlsOpts: TlsOptions = {},
  ) {
    this.secure = protocol === 'TLS';
    this.local = { host: opts.host, port: opts.port };
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  listen(): Promise<void> {
    const onConn = (socket: net.Socket): void => {
      if (this.conns.size >= (this.opts.maxConnections ?? 1000)) {
        this.logger.debug(`${this.protocol}: refusing connection from ${socket.remoteAddress}: too many connections`);
        socket.destroy();
        return;
      }
      const remote = { host: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
      this.adopt(socket, remote, Promise.resolve());
    };
    const server =
      this.protocol === 'TLS'
        ? tls.createServer(
            {
              cert: this.tlsOpts.cert,
              key: this.tlsOpts.key,
              ca: this.tlsOpts.ca,
              requestCert: false,
            },
            onConn,
          )
        : net.createServer(onConn);
    this.server = server;
    server.on('error', (err) => this.logger.warn(`${this.protocol} server: ${err.message}`));
    if (this.protocol === 'TLS') {
      server.on('tlsClientError', (err: Error) => this.logger.debug(`TLS handshake failed: ${err.message}`));
    }
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

  private adopt(socket: net.Socket, remote: Endpoint, ready: Promise<void>): Conn {
    const id = `${this.protocol.toLowerCase()}-${nextConnId++}`;
    const conn: Conn = { id, socket, remote, framer: new StreamFramer(this.opts.maxMessageSize), ready };
    this.conns.set(id, conn);
    this.byRemote.set(endpointKey(remote), conn);
    socket.setNoDelay(true);
    const source = (): Source => ({ transport: this.protocol, remote, local: this.local, connectionId: id });
    socket.on('data', (chunk: Buffer) => {
      for (const ev of conn.framer.push(chunk)) {
        if (ev.type === 'message') this.events.onMessage(ev.data, source());
        else if (ev.type === 'ping') socket.write('\r\n'); // pong, RFC 5626 §3.5.1
        else if (ev.type === 'error') {
          this.events.onProblem(ev.reason, source());
          socket.destroy();
        }
      }
    });
    socket.on('error', (err) => this.logger.debug(`${this.protocol} ${remote.host}:${remote.port}: ${err.message}`));
    socket.on('close', () => {
      this.conns.delete(id);
      if (this.byRemote.get(endpointKey(remote)) === conn) this.byRemote.delete(endpointKey(remote));
      this.events.onConnectionClosed?.(source());
    });
    return conn;
  }

  private connect(dest: Destination): Conn {
    const remote = { host: dest.host, port: dest.port };
    let socket: net.Socket;
    const ready = new Promise<void>((resolve, reject) => {
      if (this.protocol === 'TLS') {
        socket = tls.connect({
          host: dest.host,
          port: dest.port,
          servername: net.isIP(dest.servername ?? dest.host) ? undefined : (dest.servername ?? dest.host),
          ca: this.tlsOpts.ca,
          cert: this.tlsOpts.clientCert,
          key: this.tlsOpts.clientKey,
          rejectUnauthorized: this.tlsOpts.verify ?? true,
          checkServerIdentity,
        });
        socket.once('secureConnect', () => resolve());
      } else {
        socket = net.connect({ host: dest.host, port: dest.port });
        socket.once('connect', () => resolve());
      }
      socket.once('error', reject);
      socket.once('close', () => reject(new Error(`connection to ${dest.host}:${dest.port} closed`)));
      socket.setTimeout(this.opts.connectTimeout ?? 10000, () => {
        socket.destroy(new Error(`connection to ${dest.host}:${dest.port} timed out`));
      });
    });
    // socket is assigned synchronously inside the executor above.
    const conn = this.adopt(socket!, remote, ready);
    ready.then(
      () => conn.socket.setTimeout(0),
      () => undefined,
    );
    return conn;
  }

  async send(data: Buffer, dest: Destination, connectionId?: string): Promise<void> {
    let conn = connectionId !== undefined ? this.conns.get(connectionId) : undefined;
    conn ??= this.byRemote.get(endpointKey(dest));
    if (conn === undefined || conn.socket.destroyed) conn = this.connect(dest);
    await conn.ready;
    const c = conn;
    await new Promise<void>((resolve, reject) => c.socket.write(data, (err) => (err ? reject(err) : resolve())));
  }

  ping(dest: Destination): Promise<void> {
    const conn = this.byRemote.get(endpointKey(dest));
    if (!conn) return Promise.reject(new Error(`no ${this.protocol} connection to ${dest.host}:${dest.port}`));
    return this.send(Buffer.from('\r\n\r\n'), dest, conn.id);
  }

  /** Whether a connection to that destination is open now. */
  hasConnection(dest: Endpoint): boolean {
    const c = this.byRemote.get(endpointKey(dest));
    return c !== undefined && !c.socket.destroyed;
  }

  async close(): Promise<void> {
    for (const c of this.conns.values()) c.socket.destroy();
    this.conns.clear();
    this.byRemote.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

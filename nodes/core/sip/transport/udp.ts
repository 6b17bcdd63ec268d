/** UDP transport (RFC 3261 §18): one socket, IPv4 or IPv6 after the bound address. */
import dgram from 'node:dgram';
import { Logger } from '../../logger';
import { Destination, Endpoint, Transport, TransportEvents } from './types';

export interface UdpOptions {
  host: string;
  port: number;
  /** Datagrams larger than this are dropped before parsing. */
  maxMessageSize: number;
}

export class UdpTransport implements Transport {
  readonly protocol = 'UDP' as const;
  readonly reliable = false;
  readonly secure = false;
  private socket: dgram.Socket | undefined;
  local: Endpoint;

  constructor(
    private readonly opts: UdpOptions,
    private readonly events: TransportEvents,
    private readonly logger: Logger,
  ) {
    this.local = { host: opts.host, port: opts.port };
  }

  listen(): Promise<void> {
    const type = this.opts.host.includes(':') ? 'udp6' : 'udp4';
    const socket = dgram.createSocket({ type, reuseAddr: false });
    this.socket = socket;
    socket.on('message', (data, rinfo) => {
      const source = { transport: 'UDP' as const, remote: { host: rinfo.address, port: rinfo.port }, local: this.local };
      if (data.length > this.opts.maxMessageSize) {
        this.events.onProblem(`datagram of ${data.length} bytes dropped`, source);
        return;
      }
      this.events.onMessage(data, source);
    });
    socket.on('error', (err) => this.logger.warn(`UDP ${this.local.host}:${this.local.port}: ${err.message}`));
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.opts.port, this.opts.host, () => {
        socket.off('error', reject);
        const a = socket.address();
        this.local = { host: a.address, port: a.port };
        resolve();
      });
    });
  }

  send(data: Buffer, dest: Destination): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error('UDP transport not listening'));
    return new Promise((resolve, reject) => {
      socket.send(data, dest.port, dest.host, (err) => (err ? reject(err) : resolve()));
    });
  }

  ping(dest: Destination): Promise<void> {
    return this.send(Buffer.from('\r\n\r\n'), dest);
  }

  close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return Promise.resolve();
    return new Promise((resolve) => socket.close(() => resolve()));
  }
}

/** What the transport layer and the stack say about where messages come from and go to. */
export type TransportProtocol = 'UDP' | 'TCP' | 'TLS' | 'WS' | 'WSS';

export interface Endpoint {
  host: string;
  port: number;
}

/** Where to send: a transport and an address (RFC 3263 §4 minus DNS). */
export interface Destination extends Endpoint {
  transport: TransportProtocol;
  /** WebSocket resource path (default '/'). */
  path?: string;
  /** TLS server name to verify (default: host). */
  servername?: string;
}

/** Where a message came from; `connectionId` names a stream connection for replies. */
export interface Source {
  transport: TransportProtocol;
  remote: Endpoint;
  local: Endpoint;
  connectionId?: string;
}

export interface TransportEvents {
  /** One whole message (framed for streams), or undefined data for a keepalive pong. */
  onMessage(data: Buffer, source: Source): void;
  /** A stream-level problem worth a debug line (bad framing, flood); the connection is closed. */
  onProblem(reason: string, source: Source): void;
  /** A connection closed (stream transports), so flows can be re-established (RFC 5626 §4.4). */
  onConnectionClosed?(source: Source): void;
}

export interface Transport {
  readonly protocol: TransportProtocol;
  readonly reliable: boolean;
  readonly secure: boolean;
  /** The bound local address (after listen). */
  readonly local: Endpoint;
  listen(): Promise<void>;
  /** Sends one message; reuses a connection to `dest` (or `connectionId`) or opens one. */
  send(data: Buffer, dest: Destination, connectionId?: string): Promise<void>;
  /** Sends a CRLF keepalive (double CRLF on streams, RFC 5626 §3.5.1). */
  ping(dest: Destination): Promise<void>;
  close(): Promise<void>;
}

export function endpointKey(e: Endpoint): string {
  return `${e.host.toLowerCase()}|${e.port}`;
}

/**
 * What the dialog/call layer needs from the layers below it (transport + transactions, RFC 3261
 * §17-18), as a narrow interface. The user agent talks only to this; an adapter maps it onto the
 * sip-core transaction layer, and unit tests drive the state machines through an in-memory pair.
 *
 * Messages are kept minimal: header lookup by name (case-insensitive, compact forms expanded by
 * the adapter) and a text body. Via, Max-Forwards and Content-Length belong to the layer below.
 */

/** A received request or response, as the call layer reads it. */
export interface SipMessageView {
  /** First value of a header (comma-separated lists are split by the adapter). */
  header(name: string): string | undefined;
  /** Every value of a header, list headers split on top-level commas, in message order. */
  headers(name: string): string[];
  readonly body: string;
}

export interface IncomingRequest extends SipMessageView {
  readonly method: string;
  readonly uri: string;
  /** Where it came from: used for `received`/rport-less P2P replies and logging. */
  readonly source?: { address: string; port: number; transport: string };
}

export interface IncomingResponse extends SipMessageView {
  readonly status: number;
  readonly reason: string;
}

export type HeaderList = Array<[name: string, value: string]>;

export interface OutgoingRequest {
  method: string;
  uri: string;
  /** From, To, Call-ID, CSeq, Contact, Route, ... in order. Via is added below. */
  headers: HeaderList;
  body?: string;
}

export interface ClientCallbacks {
  onProvisional?(res: IncomingResponse): void;
  /** A final response; for INVITE, 2xx retransmissions are delivered here again. */
  onFinal(res: IncomingResponse): void;
  /** Timer B/F fired or the transport failed: the RFC treats both as a 408 (§8.1.3.1). */
  onTimeout(reason: 'timeout' | 'transport'): void;
}

export interface ClientTransaction {
  /** CANCEL this INVITE (RFC 3261 §9.1: same Request-URI, Call-ID, From, To, CSeq number, Via). */
  cancel(headers?: HeaderList): void;
}

export interface ServerTransaction {
  /** Sends a response; To-tag, Via, From, Call-ID, CSeq are copied by the layer below. */
  respond(status: number, reason?: string, headers?: HeaderList, body?: string): void;
}

export interface SignallingPort {
  /** Our Contact URI for this transport (`sip:user@host:port;transport=tcp`). */
  contactUri(user: string): string;
  /** Host:port we are reachable at, for P2P domains. */
  readonly localHostPort: string;
  /** True for TCP/TLS/WS: no retransmission of our 2xx by the UAS core (§13.3.1.4). */
  readonly reliable: boolean;
  /** Starts a client transaction. */
  request(req: OutgoingRequest, cb: ClientCallbacks): ClientTransaction;
  /** Sends an ACK for a 2xx: a request of its own, outside any transaction (§13.2.2.4). */
  sendAck(req: OutgoingRequest): void;
  /**
   * New requests (not retransmissions; CANCEL already answered 200 by the transaction layer,
   * and `onCancel` fires on the matching INVITE's server transaction instead). ACKs for our 2xx
   * arrive here too, with a transaction whose respond() does nothing (they match no transaction).
   */
  onRequest(handler: (req: IncomingRequest, tx: ServerTransaction & { onCancel(cb: () => void): void }) => void): void;
  close(): Promise<void>;
}

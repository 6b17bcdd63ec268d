/** What a provider's webhook normaliser returns for one request. */
import type { Provider } from './cdr-record';

export interface InboundRecord {
  /** `cdr` for call records; the event's name otherwise (`callStart`, `PhoneOnline`, ...). */
  topic: string;
  payload: unknown;
  /** The record exactly as received. */
  raw: unknown;
  /** Identity for duplicate suppression: the same record retried has the same key. */
  key: string;
}

export interface InboundResult {
  provider: Provider;
  records: InboundRecord[];
  /** The acknowledgement the sender expects, in its own vocabulary. */
  ack: unknown;
}

export class UnknownRequestError extends Error {
  override readonly name = 'UnknownRequestError';
}

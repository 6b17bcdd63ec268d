/** TLS transport (RFC 3261 §26.2.1): node:tls, certificate verification on unless told not to. */
import { Logger } from '../../logger';
import { StreamOptions, StreamTransport, TlsOptions } from './stream';
import { TransportEvents } from './types';

export type { TlsOptions };

export function createTlsTransport(opts: StreamOptions, tlsOpts: TlsOptions, events: TransportEvents, logger: Logger): StreamTransport {
  return new StreamTransport('TLS', opts, events, logger, tlsOpts);
}

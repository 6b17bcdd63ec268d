/** TCP transport: the stream transport without TLS. */
import { Logger } from '../../logger';
import { StreamOptions, StreamTransport } from './stream';
import { TransportEvents } from './types';

export function createTcpTransport(opts: StreamOptions, events: TransportEvents, logger: Logger): StreamTransport {
  return new StreamTransport('TCP', opts, events, logger);
}

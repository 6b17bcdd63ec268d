/**
 * What a Call may ask of its user agent. Keeps call.ts free of a circular import on the
 * UserAgent class and lets the state machines be driven by tests.
 */
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Call } from './call';
import type { Dialog } from './dialog/dialog';
import type { Replaces } from './headers/replaces';
import type { MediaSessionPort } from './media-port';
import type { HeaderList, IncomingResponse, OutgoingRequest, SignallingPort } from './signalling-port';

export interface UaContext {
  readonly port: SignallingPort;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly idPrefix: string;
  readonly allow: string;
  readonly dtmfMode: 'rfc4733' | 'info';
  readonly transferPolicy: 'accept' | 'reject' | 'ask';
  contactUri(): string;
  commonHeaders(): HeaderList;
  capabilityHeaders(): HeaderList;
  createMedia(): MediaSessionPort;
  /** A request with credentials for this challenge, or undefined (no password, or stale twice). */
  authorize(req: OutgoingRequest, challenge: IncomingResponse): OutgoingRequest | undefined;
  normalizeTarget(target: string): string;
  registerDialog(d: Dialog, owner: Call): void;
  unregisterDialog(d: Dialog): void;
  dialFromRefer(uri: string, headers: HeaderList, replaces?: Replaces): Call;
  onAnswered(call: Call): void;
  onEnded(call: Call): void;
}

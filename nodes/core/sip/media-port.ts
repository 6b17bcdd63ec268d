/**
 * What a call needs from the media core (RFC 3264 offer/answer, RTP, DTMF, play/record). The
 * media branch's MediaEngine/MediaSession is adapted onto this; `sdp-media.ts` is a signalling-
 * only stand-in (offer/answer without RTP) used when no media engine is given.
 */
export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface MediaSessionPort {
  /** A new offer; `direction` is what we want (sendonly/inactive to hold, RFC 3264 §8.4). */
  createOffer(direction: MediaDirection): Promise<string>;
  /** Applies the answer to our last offer. */
  setAnswer(sdp: string): Promise<void>;
  /** Forgets an offer whose transaction failed (the session stays as it was, RFC 3261 §14.1). */
  rollback(): void;
  /** Answers a remote offer; `localDirection` is our wish, intersected with the offer's. */
  createAnswer(offer: string, localDirection: MediaDirection): Promise<string>;
  /** The direction the peer last offered/answered, from its point of view. */
  remoteDirection(): MediaDirection;
  sendDtmf(digit: string, durationMs: number): Promise<void>;
  /** RFC 4733 digits received. */
  onDtmf(cb: (digit: string, durationMs: number) => void): void;
  mute(on: boolean): void;
  play(source: string | Buffer | { file?: string; buffer?: Buffer; loop?: boolean; tone?: string }, onEnd: (reason: string) => void): void;
  stopPlay(): void;
  record(file: string, opts: { maxDurationMs?: number; mix?: boolean }, onEnd: (info: { file: string; durationMs: number; reason: string }) => void): void;
  stopRecord(): void;
  stats(): Record<string, unknown>;
  close(): void;
}

export interface MediaFactoryPort {
  createSession(opts: { codecs: string[]; localAddress: string }): MediaSessionPort;
  /** Mixes these sessions' audio (conference); optional. */
  conference?(sessions: MediaSessionPort[]): void;
}

/** Shared vocabulary of the media core. */

/** The two G.711 laws, named as RFC 3551 names their RTP payload formats. */
export type CodecName = 'PCMU' | 'PCMA';

/** SDP media direction (RFC 3264 §5.1); `sendonly`/`inactive` from the far end means "on hold". */
export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/** Milliseconds on the monotonic clock. */
export type MonotonicMs = number;

/** A 16-bit signed, 8 kHz, mono PCM frame (the core's internal audio format). */
export type PcmFrame = Int16Array;

/** Identifies one play() request in `playEnded`. */
export type PlaybackId = string;

export const SAMPLE_RATE = 8000;

export class MediaNegotiationError extends Error {
  /** The SIP status the call layer should answer with (RFC 3261 §21.4.26: 488 Not Acceptable Here). */
  readonly sipStatus: number;
  constructor(message: string, sipStatus = 488) {
    super(message);
    this.name = 'MediaNegotiationError';
    this.sipStatus = sipStatus;
  }
}

/** Direction seen from the other side: what we send is what they receive (RFC 3264 §6.1). */
export function reverseDirection(d: Direction): Direction {
  if (d === 'sendonly') return 'recvonly';
  if (d === 'recvonly') return 'sendonly';
  return d;
}

export function canSend(d: Direction): boolean {
  return d === 'sendrecv' || d === 'sendonly';
}

export function canReceive(d: Direction): boolean {
  return d === 'sendrecv' || d === 'recvonly';
}

/** The direction both sides allow: our wish intersected with what the far end offered. */
export function intersectDirection(local: Direction, remoteReversed: Direction): Direction {
  const send = canSend(local) && canSend(remoteReversed);
  const recv = canReceive(local) && canReceive(remoteReversed);
  if (send && recv) return 'sendrecv';
  if (send) return 'sendonly';
  if (recv) return 'recvonly';
  return 'inactive';
}

/**
 * A signalling-only media session: RFC 3264 offer/answer over sdp-transform with no RTP. The user
 * agent uses it when no media engine is plugged in (tests of the state machines, benchmarks of
 * call handling, or flows that only need signalling). DTMF then goes by INFO only.
 */
import * as sdpTransform from 'sdp-transform';
import type { MediaDirection, MediaFactoryPort, MediaSessionPort } from './media-port';

const STATIC_PT: Record<string, number> = { PCMU: 0, PCMA: 8 };

export function directionOf(sdp: string): MediaDirection {
  try {
    const s = sdpTransform.parse(sdp);
    const m = s.media.find((x) => x.type === 'audio');
    const conn = m?.connection?.ip ?? s.connection?.ip;
    // RFC 2543 hold: c=0.0.0.0 still seen from old gear (RFC 3264 §8.4 says accept it).
    if (conn === '0.0.0.0') return 'inactive';
    if (m && m.port === 0) return 'inactive';
    const d = (m?.direction ?? (s as { direction?: string }).direction ?? 'sendrecv') as MediaDirection;
    return d;
  } catch {
    return 'sendrecv';
  }
}

/** Our answer's direction given the offer's and our wish (RFC 3264 §6.1). */
export function answerDirection(offer: MediaDirection, want: MediaDirection): MediaDirection {
  const weSend = (want === 'sendrecv' || want === 'sendonly') && (offer === 'sendrecv' || offer === 'recvonly');
  const weRecv = (want === 'sendrecv' || want === 'recvonly') && (offer === 'sendrecv' || offer === 'sendonly');
  return weSend && weRecv ? 'sendrecv' : weSend ? 'sendonly' : weRecv ? 'recvonly' : 'inactive';
}

let portCursor = 0;

export class SdpOnlySession implements MediaSessionPort {
  private readonly sessionId = String(Math.floor(Math.random() * 1e9));
  private version = 0;
  private remoteDir: MediaDirection = 'sendrecv';
  private readonly port: number;
  private dtmfCb: ((d: string, ms: number) => void) | undefined;

  constructor(private readonly codecs: string[], private readonly address: string, portMin = 10000, portMax = 20000) {
    const span = Math.max(2, portMax - portMin);
    this.port = portMin + ((portCursor += 2) % span);
  }

  private build(direction: MediaDirection, codecs: string[]): string {
    this.version += 1;
    const pts = codecs.map((c) => STATIC_PT[c]).filter((p) => p !== undefined);
    const lines = [
      'v=0',
      `o=- ${this.sessionId} ${this.version} IN IP4 ${this.address}`,
      's=-',
      `c=IN IP4 ${this.address}`,
      't=0 0',
      `m=audio ${this.port} RTP/AVP ${[...pts, 101].join(' ')}`,
      ...codecs.filter((c) => STATIC_PT[c] !== undefined).map((c) => `a=rtpmap:${STATIC_PT[c]} ${c}/8000`),
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:101 0-16',
      'a=ptime:20',
      `a=${direction}`,
    ];
    return lines.join('\r\n') + '\r\n';
  }

  async createOffer(direction: MediaDirection): Promise<string> {
    return this.build(direction, this.codecs);
  }

  async setAnswer(sdp: string): Promise<void> {
    this.remoteDir = directionOf(sdp);
  }

  rollback(): void {}

  async createAnswer(offer: string, localDirection: MediaDirection): Promise<string> {
    const offered = new Set<string>();
    try {
      const s = sdpTransform.parse(offer);
      const m = s.media.find((x) => x.type === 'audio');
      for (const r of m?.rtp ?? []) offered.add(r.codec.toUpperCase());
      for (const p of String(m?.payloads ?? '').split(' ')) {
        if (p === '0') offered.add('PCMU');
        if (p === '8') offered.add('PCMA');
      }
    } catch {
      throw new Error('unparseable SDP offer');
    }
    const common = this.codecs.filter((c) => offered.has(c));
    if (common.length === 0) throw new Error('no common codec (RFC 3264 §6: 488)');
    this.remoteDir = directionOf(offer);
    return this.build(answerDirection(this.remoteDir, localDirection), common);
  }

  remoteDirection(): MediaDirection {
    return this.remoteDir;
  }

  async sendDtmf(): Promise<void> {
    throw new Error('no RTP in a signalling-only session: use dtmfMode "info"');
  }

  onDtmf(cb: (digit: string, durationMs: number) => void): void {
    this.dtmfCb = cb;
  }

  /** Lets a test or adapter inject an RFC 4733 digit. */
  emitDtmf(digit: string, durationMs: number): void {
    this.dtmfCb?.(digit, durationMs);
  }

  mute(): void {}
  play(_s: unknown, onEnd: (reason: string) => void): void {
    onEnd('unsupported');
  }
  stopPlay(): void {}
  record(file: string, _o: unknown, onEnd: (info: { file: string; durationMs: number; reason: string }) => void): void {
    onEnd({ file, durationMs: 0, reason: 'unsupported' });
  }
  stopRecord(): void {}
  stats(): Record<string, unknown> {
    return { media: 'none' };
  }
  close(): void {}
}

export function sdpOnlyMediaFactory(portMin?: number, portMax?: number): MediaFactoryPort {
  return { createSession: (o) => new SdpOnlySession(o.codecs, o.localAddress, portMin, portMax) };
}

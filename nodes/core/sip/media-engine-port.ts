/**
 * The call layer's media port on top of the media core (MediaEngine/MediaSession): real RTP,
 * G.711, RFC 4733 DTMF, play/record, conference. The session's ports are bound lazily on the
 * first offer or answer, since MediaEngine.createSession is asynchronous.
 */
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { MediaEngine, type MediaSession, type PlaySource , type CodecName } from '../media';
import type { MediaDirection, MediaFactoryPort, MediaSessionPort } from './media-port';

const TONES = new Set(['ringback', 'busy', 'congestion', 'dial', 'dtmf', 'sine']);

function toPlaySource(s: string | Buffer | { file?: string; buffer?: Buffer; loop?: boolean; tone?: string }): PlaySource {
  if (typeof s === 'string' || Buffer.isBuffer(s)) return s;
  if (s.tone !== undefined) {
    if (!TONES.has(s.tone)) throw new Error(`unknown tone: ${s.tone}`);
    return { tone: s.tone as 'ringback' };
  }
  const spec: { file?: string; buffer?: Uint8Array; loop?: boolean } = {};
  if (s.file !== undefined) spec.file = s.file;
  if (s.buffer !== undefined) spec.buffer = s.buffer;
  if (s.loop !== undefined) spec.loop = s.loop;
  return spec;
}

class EngineSession implements MediaSessionPort {
  private session: MediaSession | undefined;
  private opening: Promise<MediaSession> | undefined;
  private closed = false;
  private dtmfCb: ((d: string, ms: number) => void) | undefined;
  private muted = false;

  constructor(private readonly engine: MediaEngine, private readonly logger: Logger | undefined) {}

  private open(): Promise<MediaSession> {
    this.opening ??= this.engine.createSession().then((s) => {
      this.session = s;
      s.on('dtmf', (e: { digit: string; durationMs: number }) => this.dtmfCb?.(e.digit, e.durationMs));
      s.on('error', (err: Error) => this.logger?.debug(`media: ${err.message}`));
      if (this.muted) s.mute();
      if (this.closed) void s.close();
      return s;
    });
    return this.opening;
  }

  get raw(): MediaSession | undefined {
    return this.session;
  }

  async createOffer(direction: MediaDirection): Promise<string> {
    const s = await this.open();
    return s.createOffer(direction);
  }

  async setAnswer(sdp: string): Promise<void> {
    const s = await this.open();
    s.setRemoteAnswer(sdp);
  }

  rollback(): void {
    this.session?.rollbackOffer();
  }

  async createAnswer(offer: string, localDirection: MediaDirection): Promise<string> {
    const s = await this.open();
    return s.createAnswer(offer, localDirection);
  }

  remoteDirection(): MediaDirection {
    return this.session?.remoteDirection ?? 'sendrecv';
  }

  async sendDtmf(digit: string, durationMs: number): Promise<void> {
    const s = await this.open();
    await s.sendDtmf(digit, { durationMs });
  }

  onDtmf(cb: (digit: string, durationMs: number) => void): void {
    this.dtmfCb = cb;
  }

  mute(on: boolean): void {
    this.muted = on;
    if (!this.session) return;
    if (on) this.session.mute();
    else this.session.unmute();
  }

  play(source: string | Buffer | { file?: string; buffer?: Buffer; loop?: boolean; tone?: string }, onEnd: (reason: string) => void): void {
    const s = this.session;
    if (!s) {
      onEnd('error');
      return;
    }
    const id = s.play(toPlaySource(source), typeof source === 'object' && !Buffer.isBuffer(source) && source.loop ? { loop: true } : undefined);
    const h = (e: { id: unknown; reason: string }): void => {
      if (e.id !== id) return;
      s.off('playEnded', h);
      onEnd(e.reason);
    };
    s.on('playEnded', h);
  }

  stopPlay(): void {
    this.session?.stopPlay();
  }

  record(file: string, opts: { maxDurationMs?: number; mix?: boolean }, onEnd: (info: { file: string; durationMs: number; reason: string }) => void): void {
    const s = this.session;
    if (!s) {
      onEnd({ file, durationMs: 0, reason: 'error' });
      return;
    }
    const h = (e: { file: string; durationMs: number; reason: string }): void => {
      if (e.file !== file) return;
      s.off('recordEnded', h);
      onEnd({ file: e.file, durationMs: e.durationMs, reason: e.reason });
    };
    s.on('recordEnded', h);
    s.record(file, opts);
  }

  stopRecord(): void {
    this.session?.stopRecord();
  }

  stats(): Record<string, unknown> {
    return this.session ? { ...this.session.stats(), codec: this.session.codec } : {};
  }

  close(): void {
    this.closed = true;
    if (this.session) void this.session.close();
  }
}

export class MediaEnginePort implements MediaFactoryPort {
  readonly engine: MediaEngine;

  constructor(opts: { localAddress: string; portMin: number; portMax: number; codecs: string[]; clock?: Clock; logger?: Logger }) {
    this.engine = new MediaEngine({
      localAddress: opts.localAddress,
      portMin: opts.portMin,
      portMax: opts.portMax,
      codecs: opts.codecs.filter((c): c is CodecName => c === 'PCMU' || c === 'PCMA'),
      ...(opts.clock ? { clock: opts.clock } : {}),
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
    this.logger = opts.logger;
  }

  private readonly logger: Logger | undefined;

  createSession(): MediaSessionPort {
    return new EngineSession(this.engine, this.logger);
  }

  conference(sessions: MediaSessionPort[]): void {
    const raw = sessions.map((s) => (s instanceof EngineSession ? s.raw : undefined));
    if (raw.some((r) => r === undefined)) throw new Error('every call in a conference needs live media');
    this.engine.conference(raw as MediaSession[]);
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}

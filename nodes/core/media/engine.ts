/**
 * The media engine: owns the one packet scheduler, the RTP port allocator and the conference
 * mixers, and creates sessions. One engine per phone/account (or per process).
 */
import * as dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { type Clock, systemClock } from '../clock';
import { type Logger, silentLogger } from '../logger';
import { literalFirstLookup } from './literal-lookup';
import { type Waker, WorkerWaker } from './precise-waker';
import { PacketScheduler, type ScheduledStream } from './scheduler';
import { SampleFifo } from './sample-fifo';
import { MediaSession } from './session';
import type { CodecName } from './types';

export interface MediaOptions {
  /** Address to bind RTP to and to announce in SDP (c=, o=). */
  localAddress: string;
  /** Port range; RTP takes even ports, RTCP the odd port above (RFC 3550 §11). */
  portMin: number;
  portMax: number;
  /** Offered codecs in order of preference. Default ['PCMU', 'PCMA']. */
  codecs?: CodecName[];
  /** Packet time we offer and use unless the far end asks for another. Default 20. */
  ptimeMs?: number;
  /** Payload type for telephone-event. Default 101. */
  telephoneEventPt?: number;
  /** Offer rtcp-mux (RFC 5761). Default true; we always listen on the RTCP port as well. */
  rtcpMux?: boolean;
  /**
   * Wake the packet scheduler at each tick's due time through a worker thread (precise-waker.ts)
   * rather than on millisecond timers. Default true with the system clock; an injected clock
   * (tests) always uses its own timers.
   */
  preciseWakeups?: boolean;
  clock?: Clock;
  logger?: Logger;
}

export class MediaEngine {
  readonly scheduler: PacketScheduler;
  private readonly used = new Set<number>();
  private cursor: number;
  private readonly sessions = new Set<MediaSession>();
  private readonly conferences = new Set<Conference>();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private closed = false;
  private readonly waker: Waker | undefined;
  private readonly cname = `${randomBytes(6).toString('hex')}@node-red-telephony`;

  constructor(readonly opts: MediaOptions) {
    const min = opts.portMin + (opts.portMin & 1);
    if (!(min > 0 && opts.portMax <= 65535 && min + 1 <= opts.portMax)) throw new RangeError('invalid RTP port range');
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    if (opts.clock === undefined && opts.preciseWakeups !== false) this.waker = new WorkerWaker(this.clock);
    this.scheduler = new PacketScheduler(this.clock, {
      onError: (err) => this.logger.error(`media tick failed: ${String(err)}`),
      waker: this.waker,
    });
    // Start at a random even port so that quick restarts do not reuse the last call's ports.
    const slots = Math.floor((opts.portMax - min + 1) / 2);
    this.cursor = min + 2 * Math.floor(Math.random() * slots);
  }

  get activeSessions(): number {
    return this.sessions.size;
  }

  /** Allocates a port pair and returns a session ready for createOffer/createAnswer. */
  async createSession(): Promise<MediaSession> {
    if (this.closed) throw new Error('media engine is closed');
    const { rtp, rtcp, port } = await this.allocate();
    const codecs = this.opts.codecs && this.opts.codecs.length ? [...this.opts.codecs] : (['PCMU', 'PCMA'] as CodecName[]);
    const session: MediaSession = new MediaSession({
      rtpSocket: rtp,
      rtcpSocket: rtcp,
      localAddress: this.opts.localAddress,
      rtpPort: port,
      scheduler: this.scheduler,
      clock: this.clock,
      logger: this.logger,
      codecs,
      ptimeMs: this.opts.ptimeMs ?? 20,
      telephoneEventPt: this.opts.telephoneEventPt ?? 101,
      rtcpMux: this.opts.rtcpMux ?? true,
      cname: this.cname,
      release: () => {
        this.used.delete(port);
        this.sessions.delete(session);
        for (const c of this.conferences) c.remove(session);
      },
    });
    this.sessions.add(session);
    return session;
  }

  /**
   * Joins sessions into a local conference: every leg hears the sum of the others (added to
   * whatever it plays). Legs can be added and removed later; a closed session leaves by itself.
   */
  conference(sessions: MediaSession[] = []): Conference {
    const c = new Conference(this.scheduler, () => this.conferences.delete(c));
    this.conferences.add(c);
    for (const s of sessions) c.add(s);
    return c;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const c of [...this.conferences]) c.close();
    await Promise.all([...this.sessions].map((s) => s.close()));
    this.scheduler.stop();
    this.waker?.close();
  }

  private async allocate(): Promise<{ rtp: dgram.Socket; rtcp: dgram.Socket; port: number }> {
    const min = this.opts.portMin + (this.opts.portMin & 1);
    const slots = Math.floor((this.opts.portMax - min + 1) / 2);
    const type = this.opts.localAddress.includes(':') ? 'udp6' : 'udp4';
    for (let i = 0; i < slots; i++) {
      const port = this.cursor;
      this.cursor += 2;
      if (this.cursor + 1 > this.opts.portMax) this.cursor = min;
      if (this.used.has(port)) continue;
      this.used.add(port);
      const rtp = dgram.createSocket({ type, reuseAddr: false, lookup: literalFirstLookup });
      const rtcp = dgram.createSocket({ type, reuseAddr: false, lookup: literalFirstLookup });
      try {
        await bind(rtp, port, this.opts.localAddress);
        await bind(rtcp, port + 1, this.opts.localAddress);
        return { rtp, rtcp, port };
      } catch {
        this.used.delete(port);
        rtp.close();
        rtcp.close();
      }
    }
    throw new Error(`no free RTP port pair in ${this.opts.portMin}-${this.opts.portMax}`);
  }
}

function bind(s: dgram.Socket, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    s.once('error', onError);
    s.bind(port, address, () => {
      s.off('error', onError);
      resolve();
    });
  });
}

const MIX_PTIME_MS = 20;
const MIX_SAMPLES = MIX_PTIME_MS * 8;

/** A local N-way mixer driven by the engine's scheduler (RFC 7667 §3.6 "media mixer", locally). */
export class Conference {
  private readonly legs = new Map<MediaSession, { in: SampleFifo; out: SampleFifo; frame: Int16Array }>();
  private stream: ScheduledStream | undefined;
  private readonly sum = new Int32Array(MIX_SAMPLES);

  constructor(private readonly scheduler: PacketScheduler, private readonly onClose: () => void) {}

  get size(): number {
    return this.legs.size;
  }

  add(session: MediaSession): void {
    if (this.legs.has(session) || session.isClosed) return;
    const port = { in: new SampleFifo(4000, 320), out: new SampleFifo(4000, 320) };
    session.conferencePort = port;
    this.legs.set(session, { ...port, frame: new Int16Array(MIX_SAMPLES) });
    this.stream ??= this.scheduler.add(MIX_PTIME_MS, () => this.mix());
  }

  remove(session: MediaSession): void {
    if (!this.legs.delete(session)) return;
    session.conferencePort = undefined;
    if (this.legs.size === 0) {
      this.stream?.cancel();
      this.stream = undefined;
    }
  }

  close(): void {
    for (const s of [...this.legs.keys()]) this.remove(s);
    this.onClose();
  }

  private mix(): void {
    this.sum.fill(0);
    for (const leg of this.legs.values()) {
      leg.in.read(leg.frame, MIX_SAMPLES);
      for (let i = 0; i < MIX_SAMPLES; i++) this.sum[i] += leg.frame[i];
    }
    const out = new Int16Array(MIX_SAMPLES);
    for (const leg of this.legs.values()) {
      // Each leg hears everyone but itself (no echo of its own voice).
      for (let i = 0; i < MIX_SAMPLES; i++) {
        const v = this.sum[i] - leg.frame[i];
        out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
      }
      leg.out.push(out);
    }
  }
}

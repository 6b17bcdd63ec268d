/**
 * One call's media: SDP offer/answer state, one RTP socket (+ RTCP socket unless muxed), the
 * send path driven by the engine's scheduler (player → mixer → DTMF → G.711 → RTP), the receive
 * path (RTP → statistics → reorder → decode → recorder / 'audio' / conference), RTCP reports.
 */
import { randomBytes } from 'node:crypto';
import type { Socket, RemoteInfo } from 'node:dgram';
import { EventEmitter } from 'node:events';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { DtmfReceiver, DtmfSender, digitsToEvents, type ReceivedDigit } from './dtmf';
import { SILENCE_BYTE, STATIC_PAYLOAD_TYPE, decode, encode } from './g711';
import { Player, type PlayEndReason, type PlayOptions, type PlaySource } from './player';
import { type RecordEndReason, WavFileWriter } from './recorder';
import { parseRtp, serializeRtp } from './rtp-packet';
import { ReceiveStats, ReorderBuffer } from './rtp-receive';
import {
  RTCP_BYE, RTCP_SR, buildBye, buildReceiverReport, buildSdesCname, buildSenderReport, ntpFromUnixMs, parseRtcp, type ReportBlock,
} from './rtcp';
import { SampleFifo } from './sample-fifo';
import type { PacketScheduler, ScheduledStream } from './scheduler';
import { type LocalDescriptionParams, type Negotiated, answerOffer, buildOffer, readAnswer } from './sdp';
import { type CodecName, type Direction, MediaNegotiationError, type PlaybackId, canReceive, canSend } from './types';

export interface MediaStats {
  codec?: CodecName;
  payloadType?: number;
  ptimeMs: number;
  localAddress: string;
  localRtpPort: number;
  localRtcpPort: number;
  remoteAddress?: string;
  remoteRtpPort?: number;
  ssrc: number;
  remoteSsrc?: number;
  direction: Direction;
  remoteDirection?: Direction;
  packetsSent: number;
  /** RTP payload octets sent (as RTCP's sender octet count). */
  bytesSent: number;
  packetsReceived: number;
  bytesReceived: number;
  /** Cumulative lost packets (RFC 3550 A.3), over all remote SSRCs. */
  packetsLost: number;
  /** Fraction lost over the whole call, 0..1. */
  lossRate: number;
  duplicates: number;
  outOfOrder: number;
  /** Interarrival jitter (RFC 3550 A.8) in ms. */
  jitterMs: number;
  /** What the far end reports about our stream in its RTCP. */
  remote?: { fractionLost: number; packetsLost: number; jitterMs: number; rttMs?: number };
  rtcpSent: number;
  rtcpReceived: number;
  dtmfSent: number;
  dtmfReceived: number;
  /** ms since media started (first negotiation). */
  durationMs: number;
}

export interface DtmfEvent {
  digit: string;
  durationMs: number;
}

export interface PlayEndedEvent {
  id: PlaybackId;
  reason: PlayEndReason;
  error?: Error;
}

export interface RecordEndedEvent {
  file: string;
  durationMs: number;
  reason: RecordEndReason;
  error?: Error;
}

export interface AudioFrameInfo {
  sequenceNumber: number;
  timestamp: number;
  codec: CodecName;
}

export interface MediaSessionEvents {
  dtmf: [DtmfEvent];
  playEnded: [PlayEndedEvent];
  recordEnded: [RecordEndedEvent];
  /** Decoded received audio: 16-bit little-endian mono PCM at 8 kHz, one Buffer per packet. */
  audio: [Buffer, AudioFrameInfo];
  remoteDirection: [Direction];
  /** The far end sent RTCP BYE for its source. */
  rtcpBye: [number];
  error: [Error];
}

export interface RecordOptions {
  maxDurationMs?: number;
  /** Record both directions mixed (what we send and what we receive) instead of only received audio. */
  mix?: boolean;
}

/** What the engine hands a session. */
export interface SessionResources {
  rtpSocket: Socket;
  rtcpSocket: Socket;
  localAddress: string;
  rtpPort: number;
  scheduler: PacketScheduler;
  clock: Clock;
  logger: Logger;
  codecs: readonly CodecName[];
  ptimeMs: number;
  telephoneEventPt: number;
  rtcpMux: boolean;
  release: () => void;
  cname: string;
}

const RTCP_MIN_INTERVAL_MS = 5000; // RFC 3550 §6.2 minimum, randomised ×[0.5, 1.5] (§6.3.1)

function random32(): number {
  return randomBytes(4).readUInt32BE(0);
}

function samplesToBuffer(pcm: Int16Array): Buffer {
  const b = Buffer.allocUnsafe(pcm.length * 2);
  for (let i = 0; i < pcm.length; i++) b.writeInt16LE(pcm[i], i * 2);
  return b;
}

export class MediaSession extends EventEmitter<MediaSessionEvents> {
  readonly ssrc = random32();
  private seq = random32() & 0xffff;
  private tsBase = random32();
  private readonly sessionId = String(random32() * 1000 + (random32() % 1000));
  private sessionVersion = 0;
  private lastSdpBody: string | undefined;
  private localDirection: Direction = 'sendrecv';
  private negotiated: Negotiated | undefined;
  private offerPending = false;
  private stream: ScheduledStream | undefined;
  private streamPtime = 0;
  private lastTick = -1;
  private startedAt: number | undefined;
  private closed = false;
  private muted = false;
  private pendingMarker = true;
  private wasPlaying = false;

  // destination (symmetric RTP: replaced by the source of the first packet received)
  private rtpDest: { address: string; port: number } | undefined;
  private rtcpDest: { address: string; port: number } | undefined;
  private latched = false;
  private rtcpLatched = false;

  // send-side counters
  private packetsSent = 0;
  private octetsSent = 0;
  private packetsSentAtLastReport = 0;
  private nextRtcpAt = 0;
  private rtcpSent = 0;
  private rtcpReceived = 0;
  private lastRtpTimestamp = 0;

  // receive side
  private remoteSsrc: number | undefined;
  private rx = new ReceiveStats();
  private rxTotals = { received: 0, bytes: 0, lost: 0, expected: 0, duplicates: 0, outOfOrder: 0 };
  private readonly reorder: ReorderBuffer<{ payload: Buffer; codec: CodecName; ts: number }>;
  private lastSr: { middle: number; arrivedAt: number } | undefined;
  private remoteReport: MediaStats['remote'];
  private dtmfReceived = 0;
  private readonly dtmfSender = new DtmfSender();
  private readonly dtmfReceiver: DtmfReceiver;

  // audio plumbing
  private readonly player: Player;
  private txFrame = new Int16Array(160);
  private rxFrame = new Int16Array(160);
  private mixFrame = new Int16Array(160);
  private payloadBuf = new Uint8Array(160);
  private recorder: { writer: WavFileWriter; fifo: SampleFifo; mix: boolean; maxSamples: number; file: string } | undefined;
  /** Set by a conference: decoded received audio goes to `in`, mixed audio of the others comes from `out`. */
  conferencePort: { in: SampleFifo; out: SampleFifo } | undefined;

  constructor(private readonly res: SessionResources) {
    super();
    this.player = new Player(this.ssrc.toString(16), () => this.codec ?? this.res.codecs[0], (id, reason, error) => {
      this.emit('playEnded', error ? { id, reason, error } : { id, reason });
    });
    this.dtmfReceiver = new DtmfReceiver((d: ReceivedDigit) => {
      this.dtmfReceived++;
      this.emit('dtmf', { digit: d.digit, durationMs: d.durationMs });
    });
    this.reorder = new ReorderBuffer((item, seq) => this.deliverAudio(item.payload, item.codec, seq, item.ts));
    res.rtpSocket.on('message', (msg, rinfo) => this.onRtpSocket(msg, rinfo));
    res.rtcpSocket.on('message', (msg, rinfo) => this.onRtcp(msg, rinfo, false));
    const onErr = (err: Error): void => this.res.logger.debug(`media socket error: ${err.message}`);
    res.rtpSocket.on('error', onErr);
    res.rtcpSocket.on('error', onErr);
  }

  // ---------------------------------------------------------------- public surface

  get localAddress(): string {
    return this.res.localAddress;
  }

  get localPort(): number {
    return this.res.rtpPort;
  }

  /** The codec in use once negotiated. */
  get codec(): CodecName | undefined {
    return this.negotiated?.codec;
  }

  /** The direction the far end's last SDP gave (its own point of view): sendonly/inactive = we are on hold. */
  get remoteDirection(): Direction | undefined {
    return this.negotiated?.remote.direction;
  }

  /** Our effective direction after negotiation. */
  get direction(): Direction {
    return this.negotiated?.direction ?? this.localDirection;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** An SDP offer (initial or re-offer). Our direction may be changed for it (hold: 'sendonly'). */
  createOffer(direction?: Direction): string {
    this.assertOpen();
    if (direction) this.localDirection = direction;
    this.offerPending = true;
    return this.describe(buildOffer, this.localParams());
  }

  /** Answers the far end's offer (initial or re-INVITE); throws MediaNegotiationError (488). */
  createAnswer(remoteOffer: string, direction?: Direction): string {
    this.assertOpen();
    if (direction) this.localDirection = direction;
    let negotiated: Negotiated | undefined;
    const text = this.describe((p) => {
      const r = answerOffer(remoteOffer, p);
      negotiated = r.negotiated;
      return r.sdp;
    }, this.localParams());
    this.offerPending = false;
    if (negotiated) this.apply(negotiated);
    return text;
  }

  /** Takes the answer to our last offer. */
  setRemoteAnswer(sdp: string): void {
    this.assertOpen();
    if (!this.offerPending) throw new MediaNegotiationError('no offer outstanding', 500);
    this.apply(readAnswer(sdp, this.localParams()));
    this.offerPending = false;
  }

  /**
   * Sets what we want (hold = 'sendonly', or 'inactive'); the next offer or answer carries it.
   * Until then the stream keeps the negotiated direction, except that we stop sending at once
   * when the new direction forbids it.
   */
  setDirection(d: Direction): void {
    this.localDirection = d;
    if (this.negotiated && !canSend(d) && canSend(this.negotiated.direction)) {
      this.negotiated.direction = canReceive(this.negotiated.direction) ? 'recvonly' : 'inactive';
    }
  }

  play(source: PlaySource, opts?: PlayOptions): PlaybackId {
    this.assertOpen();
    return this.player.play(source, opts);
  }

  /** Stops one playback, or (without an id) the current one and everything queued. */
  stopPlay(id?: PlaybackId): void {
    this.player.stop(id);
  }

  get playing(): boolean {
    return this.player.playing;
  }

  /** Records received audio (or both directions mixed) to a 16-bit 8 kHz mono WAV file. */
  record(file: string, opts: RecordOptions = {}): void {
    this.assertOpen();
    if (this.recorder) this.finishRecording('stopped');
    const maxSamples = opts.maxDurationMs !== undefined && opts.maxDurationMs > 0 ? Math.round(opts.maxDurationMs * 8) : Infinity;
    this.recorder = { writer: new WavFileWriter(file), fifo: new SampleFifo(8000, 320), mix: opts.mix ?? false, maxSamples, file };
  }

  stopRecord(): void {
    if (this.recorder) this.finishRecording('stopped');
  }

  get recording(): boolean {
    return this.recorder !== undefined;
  }

  /**
   * Sends digits as RFC 4733 events (durationMs per digit, default 100 ms). Without a negotiated
   * telephone-event the digits are played as in-band DTMF tones instead.
   */
  sendDtmf(digits: string, opts: { durationMs?: number; gapMs?: number } = {}): Promise<void> {
    this.assertOpen();
    const events = digitsToEvents(digits);
    const durationMs = opts.durationMs ?? 100;
    if (events.length === 0) return Promise.resolve();
    if (this.negotiated && this.negotiated.telephoneEventPt === undefined) {
      const id = this.player.play({ tone: 'dtmf', digits: digits.replace(/[^0-9*#A-Da-d]/g, ''), durationMs, gapMs: opts.gapMs ?? 60 });
      return new Promise((resolve) => {
        const h = (e: PlayEndedEvent): void => {
          if (e.id !== id) return;
          this.off('playEnded', h);
          resolve();
        };
        this.on('playEnded', h);
      });
    }
    return this.dtmfSender.enqueue(events, durationMs);
  }

  /** Sends silence instead of our audio (playback keeps running). */
  mute(): void {
    this.muted = true;
  }

  unmute(): void {
    this.muted = false;
  }

  get isMuted(): boolean {
    return this.muted;
  }

  stats(): MediaStats {
    const t = this.rxTotals;
    const received = t.received + this.rx.received;
    const lost = t.lost + this.rx.lost;
    const expected = t.expected + this.rx.expected;
    const s: MediaStats = {
      codec: this.negotiated?.codec,
      payloadType: this.negotiated?.payloadType,
      ptimeMs: this.streamPtime || this.res.ptimeMs,
      localAddress: this.res.localAddress,
      localRtpPort: this.res.rtpPort,
      localRtcpPort: this.res.rtcpMux && this.negotiated?.remote.rtcpMux ? this.res.rtpPort : this.res.rtpPort + 1,
      remoteAddress: this.rtpDest?.address,
      remoteRtpPort: this.rtpDest?.port,
      ssrc: this.ssrc,
      remoteSsrc: this.remoteSsrc,
      direction: this.direction,
      remoteDirection: this.remoteDirection,
      packetsSent: this.packetsSent,
      bytesSent: this.octetsSent,
      packetsReceived: received,
      bytesReceived: t.bytes + this.rx.bytes,
      packetsLost: lost,
      lossRate: expected > 0 ? lost / expected : 0,
      duplicates: t.duplicates + this.rx.duplicates,
      outOfOrder: t.outOfOrder + this.rx.outOfOrder,
      jitterMs: this.rx.jitter / 8,
      rtcpSent: this.rtcpSent,
      rtcpReceived: this.rtcpReceived,
      dtmfSent: this.dtmfSender.digitsSent,
      dtmfReceived: this.dtmfReceived,
      durationMs: this.startedAt === undefined ? 0 : this.res.clock.now() - this.startedAt,
    };
    if (this.remoteReport) s.remote = { ...this.remoteReport };
    return s;
  }

  /** Ends everything: playback and recording end with reason 'closed', RTCP BYE goes out, ports are freed. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stream?.cancel();
    this.stream = undefined;
    this.dtmfSender.cancel();
    this.dtmfReceiver.flush();
    this.player.stop(undefined, 'closed');
    const rec = this.recorder ? this.finishRecording('closed') : Promise.resolve();
    if (this.rtcpDest && this.startedAt !== undefined) {
      const bye = Buffer.concat([this.buildReport(), buildSdesCname(this.ssrc, this.res.cname), buildBye(this.ssrc)]);
      await this.sendRtcp(bye);
    }
    await rec;
    await Promise.all([closeSocket(this.res.rtpSocket), closeSocket(this.res.rtcpSocket)]);
    this.res.release();
    this.removeAllListeners('audio');
  }

  // ---------------------------------------------------------------- negotiation

  private localParams(): LocalDescriptionParams {
    return {
      address: this.res.localAddress,
      rtpPort: this.res.rtpPort,
      rtcpPort: this.res.rtpPort + 1,
      codecs: this.res.codecs,
      telephoneEventPt: this.res.telephoneEventPt,
      ptimeMs: this.res.ptimeMs,
      direction: this.localDirection,
      rtcpMux: this.res.rtcpMux,
      sessionId: this.sessionId,
      sessionVersion: this.sessionVersion,
    };
  }

  /** RFC 3264 §8: the o= version goes up by one whenever the description changes. */
  private describe(build: (p: LocalDescriptionParams) => string, p: LocalDescriptionParams): string {
    const body = build({ ...p, sessionVersion: 0 });
    if (this.lastSdpBody !== undefined && body !== this.lastSdpBody) this.sessionVersion++;
    this.lastSdpBody = body;
    return build({ ...p, sessionVersion: this.sessionVersion });
  }

  private apply(n: Negotiated): void {
    const previous = this.negotiated;
    this.negotiated = n;
    const r = n.remote;
    const addressChanged = !previous || previous.remote.address !== r.address || previous.remote.port !== r.port;
    if (addressChanged || !this.latched) {
      this.rtpDest = r.address === '0.0.0.0' || r.port === 0 ? undefined : { address: r.address, port: r.port };
      this.latched = false;
    }
    if (addressChanged || !this.rtcpLatched) {
      this.rtcpDest = r.address === '0.0.0.0' ? undefined : { address: r.rtcpAddress, port: r.rtcpPort };
      this.rtcpLatched = false;
    }
    if (!previous || previous.remote.direction !== r.direction) this.emit('remoteDirection', r.direction);
    if (!canSend(n.direction)) this.pendingMarker = true;
    if (this.startedAt === undefined) this.startedAt = this.res.clock.now();
    this.startStream(n.sendPtimeMs);
  }

  private startStream(ptimeMs: number): void {
    if (this.stream && this.streamPtime === ptimeMs) return;
    const n = (ptimeMs * 8) | 0;
    if (this.stream) {
      // Keep the timestamp running across the change: rebase on the next tick's timestamp.
      this.tsBase = (this.tsBase + (this.lastTick + 1) * (this.streamPtime * 8)) >>> 0;
      this.stream.cancel();
    }
    this.streamPtime = ptimeMs;
    this.lastTick = -1;
    this.txFrame = new Int16Array(n);
    this.rxFrame = new Int16Array(n);
    this.mixFrame = new Int16Array(n);
    this.payloadBuf = new Uint8Array(n);
    this.nextRtcpAt = this.res.clock.now() + RTCP_MIN_INTERVAL_MS * (0.5 + Math.random());
    this.stream = this.res.scheduler.add(ptimeMs, (tick) => this.onTick(tick));
  }

  // ---------------------------------------------------------------- send path (one call per ptime)

  private onTick(tick: number): void {
    const n = this.txFrame.length;
    const ticksPassed = tick - this.lastTick;
    this.lastTick = tick;
    const ts = (this.tsBase + tick * n) % 0x100000000;
    const playing = this.player.read(this.txFrame);
    const conf = this.conferencePort;
    let audible = playing;
    if (conf) {
      if (conf.out.read(this.mixFrame, n) > 0) {
        audible = true;
        addInto(this.txFrame, this.mixFrame);
      }
    }
    if (this.muted) {
      this.txFrame.fill(0);
      audible = false;
    }
    if (this.recorder) this.recordTick(ticksPassed);
    const neg = this.negotiated;
    if (!neg || !this.rtpDest || !canSend(neg.direction)) {
      this.pendingMarker = true;
      this.wasPlaying = false;
      return;
    }
    const dtmf = neg.telephoneEventPt !== undefined ? this.dtmfSender.tick(ts, n, this.streamPtime) : undefined;
    if (dtmf) {
      this.sendRtp(neg.telephoneEventPt as number, dtmf.marker, dtmf.timestamp, dtmf.payload);
      this.pendingMarker = true; // the audio after an event starts a new talkspurt
    } else {
      let payload: Uint8Array;
      if (!audible && !this.muted) payload = this.payloadBuf.fill(SILENCE_BYTE[neg.codec]);
      else payload = encode(neg.codec, this.txFrame, this.payloadBuf);
      if (this.muted) payload.fill(SILENCE_BYTE[neg.codec]);
      // RFC 3551 §4.1: marker on the first packet of a talkspurt: stream start, after hold or
      // DTMF, and when playback starts after silence.
      const marker = this.pendingMarker || (audible && !this.wasPlaying);
      this.pendingMarker = false;
      this.sendRtp(neg.payloadType, marker, ts, payload);
    }
    this.wasPlaying = audible;
    this.lastRtpTimestamp = ts;
    const now = this.res.clock.now();
    if (now >= this.nextRtcpAt) {
      this.nextRtcpAt = now + RTCP_MIN_INTERVAL_MS * (0.5 + Math.random());
      void this.sendRtcp(Buffer.concat([this.buildReport(), buildSdesCname(this.ssrc, this.res.cname)]));
    }
  }

  private sendRtp(pt: number, marker: boolean, ts: number, payload: Uint8Array): void {
    const dest = this.rtpDest;
    if (!dest) return;
    const pkt = serializeRtp(pt, marker, this.seq, ts, this.ssrc, payload);
    this.seq = (this.seq + 1) & 0xffff;
    this.packetsSent++;
    this.octetsSent += payload.length;
    this.res.rtpSocket.send(pkt, dest.port, dest.address);
  }

  private recordTick(ticksPassed: number): void {
    const rec = this.recorder;
    if (!rec) return;
    const n = this.txFrame.length;
    // Ticks skipped by the scheduler (a blocked event loop) become silence so the file keeps time.
    for (let i = 1; i < Math.min(ticksPassed, 50); i++) {
      rec.fifo.read(this.rxFrame, n);
      this.appendRecording(new Int16Array(n));
    }
    rec.fifo.read(this.rxFrame, n);
    if (rec.mix) addInto(this.rxFrame, this.txFrame);
    this.appendRecording(this.rxFrame);
  }

  private appendRecording(frame: Int16Array): void {
    const rec = this.recorder;
    if (!rec) return;
    const room = rec.maxSamples - rec.writer.samplesWritten;
    rec.writer.append(room < frame.length ? frame.subarray(0, Math.max(0, room)) : frame);
    if (rec.writer.error) void this.finishRecording('error');
    else if (rec.writer.samplesWritten >= rec.maxSamples) void this.finishRecording('maxDuration');
  }

  private finishRecording(reason: RecordEndReason): Promise<void> {
    const rec = this.recorder;
    if (!rec) return Promise.resolve();
    this.recorder = undefined;
    const durationMs = rec.writer.samplesWritten / 8;
    return rec.writer.close().then((error) => {
      const ev: RecordEndedEvent = { file: rec.file, durationMs, reason: error ? 'error' : reason };
      if (error) ev.error = error;
      this.emit('recordEnded', ev);
    });
  }

  // ---------------------------------------------------------------- receive path

  private onRtpSocket(msg: Buffer, rinfo: RemoteInfo): void {
    if (this.closed) return;
    // RFC 5761 §4: with rtcp-mux, RTCP packet types 200-204 arrive on the RTP port.
    if (msg.length >= 2 && msg[1] >= 200 && msg[1] <= 204) return this.onRtcp(msg, rinfo, true);
    const pkt = parseRtp(msg);
    if (!pkt) return;
    const neg = this.negotiated;
    let codec: CodecName | undefined;
    const tePt = neg?.telephoneEventPt ?? (this.offerPending ? this.res.telephoneEventPt : undefined);
    if (neg && pkt.payloadType === neg.payloadType) codec = neg.codec;
    else if (pkt.payloadType === STATIC_PAYLOAD_TYPE.PCMU) codec = 'PCMU';
    else if (pkt.payloadType === STATIC_PAYLOAD_TYPE.PCMA) codec = 'PCMA';
    else if (pkt.payloadType !== tePt) return; // comfort noise or formats we did not negotiate
    if (this.remoteSsrc !== pkt.ssrc) this.newRemoteSource(pkt.ssrc);
    if (!this.latched) {
      // Symmetric RTP (RFC 4961): send to where the far end's packets come from, for NATs.
      this.rtpDest = { address: rinfo.address, port: rinfo.port };
      this.latched = true;
      if (neg?.remote.rtcpMux) {
        this.rtcpDest = { address: rinfo.address, port: rinfo.port };
        this.rtcpLatched = true;
      }
    }
    if (!this.rx.update(pkt.sequenceNumber, pkt.payload.length)) return;
    if (codec === undefined) {
      this.dtmfReceiver.onPacket(pkt.timestamp, pkt.payload);
      return;
    }
    this.rx.updateJitter(Math.round(this.res.clock.now() * 8), pkt.timestamp);
    this.reorder.push(pkt.sequenceNumber, { payload: pkt.payload, codec, ts: pkt.timestamp });
  }

  private newRemoteSource(ssrc: number): void {
    if (this.remoteSsrc !== undefined) {
      // SSRC change (a B2BUA or PBX switching streams): keep totals, restart per-source state.
      const t = this.rxTotals;
      t.received += this.rx.received;
      t.bytes += this.rx.bytes;
      t.lost += this.rx.lost;
      t.expected += this.rx.expected;
      t.duplicates += this.rx.duplicates;
      t.outOfOrder += this.rx.outOfOrder;
      this.rx = new ReceiveStats();
      this.reorder.reset();
      this.dtmfReceiver.reset();
    }
    this.remoteSsrc = ssrc;
  }

  private deliverAudio(payload: Buffer, codec: CodecName, seq: number, ts: number): void {
    const neg = this.negotiated;
    if (neg && !canReceive(neg.direction)) return;
    const pcm = decode(codec, payload);
    if (this.recorder) this.recorder.fifo.push(pcm);
    if (this.conferencePort) this.conferencePort.in.push(pcm);
    if (this.listenerCount('audio') > 0) this.emit('audio', samplesToBuffer(pcm), { sequenceNumber: seq, timestamp: ts, codec });
  }

  // ---------------------------------------------------------------- RTCP

  private buildReport(): Buffer {
    const blocks: ReportBlock[] = [];
    if (this.remoteSsrc !== undefined && this.rx.received > 0) {
      const now = this.res.clock.now();
      blocks.push({
        ssrc: this.remoteSsrc,
        fractionLost: this.rx.fractionSinceLastReport(),
        cumulativeLost: this.rx.lost,
        highestSeq: this.rx.extendedMax,
        jitter: this.rx.jitter,
        lsr: this.lastSr?.middle ?? 0,
        dlsr: this.lastSr ? Math.round(((now - this.lastSr.arrivedAt) / 1000) * 65536) : 0,
      });
    }
    const sentSince = this.packetsSent !== this.packetsSentAtLastReport;
    this.packetsSentAtLastReport = this.packetsSent;
    if (sentSince) {
      const ntp = ntpFromUnixMs(this.res.clock.wallNow());
      return buildSenderReport(this.ssrc, { ntpSec: ntp.sec, ntpFrac: ntp.frac, rtpTimestamp: this.lastRtpTimestamp, packetCount: this.packetsSent, octetCount: this.octetsSent }, blocks);
    }
    return buildReceiverReport(this.ssrc, blocks);
  }

  private sendRtcp(buf: Buffer): Promise<void> {
    const mux = this.negotiated?.remote.rtcpMux ?? false;
    const dest = mux ? this.rtpDest : this.rtcpDest;
    if (!dest) return Promise.resolve();
    const socket = mux ? this.res.rtpSocket : this.res.rtcpSocket;
    this.rtcpSent++;
    return new Promise((resolve) => {
      try {
        socket.send(buf, dest.port, dest.address, () => resolve());
      } catch {
        resolve();
      }
    });
  }

  private onRtcp(msg: Buffer, rinfo: RemoteInfo, muxed: boolean): void {
    if (this.closed) return;
    const packets = parseRtcp(msg);
    if (!packets) return;
    this.rtcpReceived++;
    if (!muxed && !this.rtcpLatched) {
      this.rtcpDest = { address: rinfo.address, port: rinfo.port };
      this.rtcpLatched = true;
    }
    const now = this.res.clock.now();
    for (const p of packets) {
      if (p.type === RTCP_SR && p.sender) {
        this.lastSr = { middle: (((p.sender.ntpSec & 0xffff) << 16) | (p.sender.ntpFrac >>> 16)) >>> 0, arrivedAt: now };
      }
      for (const r of p.reports) {
        if (r.ssrc !== this.ssrc) continue;
        let rttMs: number | undefined;
        if (r.lsr !== 0) {
          const ntp = ntpFromUnixMs(this.res.clock.wallNow());
          const nowMiddle = (((ntp.sec & 0xffff) << 16) | (ntp.frac >>> 16)) >>> 0;
          const rtt = (nowMiddle - r.lsr - r.dlsr) >>> 0;
          if (rtt < 0x80000000) rttMs = (rtt / 65536) * 1000;
        }
        this.remoteReport = { fractionLost: r.fractionLost / 256, packetsLost: r.cumulativeLost, jitterMs: r.jitter / 8 };
        if (rttMs !== undefined) this.remoteReport.rttMs = rttMs;
      }
      if (p.type === RTCP_BYE) for (const s of p.byeSsrcs ?? []) this.emit('rtcpBye', s);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('media session is closed');
  }

  /** Emits 'error' only when someone listens (an unheard 'error' would throw). */
  protected reportError(err: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', err);
    else this.res.logger.warn(`media: ${err.message}`);
  }
}

function addInto(acc: Int16Array, add: Int16Array): void {
  for (let i = 0; i < acc.length; i++) {
    const v = acc[i] + add[i];
    acc[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
}

function closeSocket(s: Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      s.close(() => resolve());
    } catch {
      resolve();
    }
  });
}

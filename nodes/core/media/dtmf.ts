/**
 * RFC 4733 telephone-events for DTMF: the 4-byte payload (§2.3), a sender that turns digits into
 * packets tick by tick, and a receiver that reports each event exactly once.
 */

/** Digits as events (RFC 4733 §3.2, Table 3): 0-9, * = 10, # = 11, A-D = 12-15, flash = 16. */
const DIGIT_EVENTS: Readonly<Record<string, number>> = {
  '0': 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7, '8': 8, '9': 9,
  '*': 10, '#': 11, A: 12, B: 13, C: 14, D: 15, '!': 16,
};
const EVENT_DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#', 'A', 'B', 'C', 'D', 'flash'];

/** A digit string as events. `!` (or the word "flash" as a whole string) stands for hook flash. */
export function digitsToEvents(digits: string): number[] {
  const s = digits.trim().toLowerCase() === 'flash' ? '!' : digits.toUpperCase().replace(/[\s,]/g, '');
  const out: number[] = [];
  for (const ch of s) {
    const ev = DIGIT_EVENTS[ch];
    if (ev === undefined) throw new RangeError(`not a DTMF digit: ${JSON.stringify(ch)}`);
    out.push(ev);
  }
  return out;
}

export function eventToDigit(event: number): string | undefined {
  return EVENT_DIGITS[event];
}

export interface TelephoneEvent {
  event: number;
  end: boolean;
  /** -dBm0, 0..63 */
  volume: number;
  /** in timestamp units (samples at 8 kHz) */
  duration: number;
}

export function parseTelephoneEvent(payload: Uint8Array): TelephoneEvent | undefined {
  if (payload.length < 4) return undefined;
  return {
    event: payload[0],
    end: (payload[1] & 0x80) !== 0,
    volume: payload[1] & 0x3f,
    duration: (payload[2] << 8) | payload[3],
  };
}

export function serializeTelephoneEvent(e: TelephoneEvent): Uint8Array {
  const d = Math.min(e.duration, 0xffff);
  return Uint8Array.of(e.event & 0xff, (e.end ? 0x80 : 0) | (e.volume & 0x3f), d >> 8, d & 0xff);
}

/** What the sender wants sent on a tick. */
export interface DtmfTickOutput {
  payload: Uint8Array;
  marker: boolean;
  /** RTP timestamp: held at the event's start for every packet of the event (§2.5.1.2). */
  timestamp: number;
}

interface PendingDigit {
  event: number;
  durationSamples: number;
}

/**
 * Produces the packets for queued digits, one call per packet interval. An event starts on a
 * tick (marker set, timestamp = that tick's timestamp), its duration grows by one interval per
 * packet until the requested duration, then the end packet goes out three times (§2.5.1.4).
 * A pause of `gapMs` of ordinary audio separates digits.
 */
export class DtmfSender {
  private queue: PendingDigit[] = [];
  private current: { event: number; target: number; timestamp: number; elapsed: number; endsSent: number } | undefined;
  private gapTicksLeft = 0;
  private waiters: { remaining: number; resolve: () => void }[] = [];
  private sentDigits = 0;

  constructor(private readonly volume = 10, private readonly gapMs = 60) {}

  get busy(): boolean {
    return this.current !== undefined || this.queue.length > 0 || this.gapTicksLeft > 0;
  }

  get digitsSent(): number {
    return this.sentDigits;
  }

  /** Queues digits; resolves when their last end packet has been sent. */
  enqueue(events: number[], durationMs: number): Promise<void> {
    const durationSamples = Math.max(40, Math.min(0xffff, Math.round(durationMs * 8)));
    for (const event of events) this.queue.push({ event, durationSamples });
    const remaining = this.queue.length + (this.current ? 1 : 0);
    return new Promise((resolve) => this.waiters.push({ remaining, resolve }));
  }

  /** Drops everything queued (the promises resolve). */
  cancel(): void {
    this.queue = [];
    this.current = undefined;
    this.gapTicksLeft = 0;
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }

  /**
   * One packet interval has come. Returns the event packet to send, or undefined when the tick
   * carries audio (no digit, or the gap between digits).
   */
  tick(timestamp: number, samplesPerPacket: number, intervalMs: number): DtmfTickOutput | undefined {
    if (!this.current) {
      if (this.gapTicksLeft > 0) {
        this.gapTicksLeft--;
        return undefined;
      }
      const next = this.queue.shift();
      if (!next) return undefined;
      this.current = { event: next.event, target: next.durationSamples, timestamp, elapsed: 0, endsSent: 0 };
    }
    const c = this.current;
    if (c.elapsed < c.target) {
      const first = c.elapsed === 0;
      c.elapsed = Math.min(c.target, c.elapsed + samplesPerPacket);
      const end = c.elapsed >= c.target;
      if (end) c.endsSent = 1;
      const out = { payload: serializeTelephoneEvent({ event: c.event, end, volume: this.volume, duration: c.elapsed }), marker: first, timestamp: c.timestamp };
      if (end && c.endsSent >= 3) this.finish(intervalMs);
      return out;
    }
    c.endsSent++;
    const out = { payload: serializeTelephoneEvent({ event: c.event, end: true, volume: this.volume, duration: c.elapsed }), marker: false, timestamp: c.timestamp };
    if (c.endsSent >= 3) this.finish(intervalMs);
    return out;
  }

  private finish(intervalMs: number): void {
    this.current = undefined;
    this.sentDigits++;
    this.gapTicksLeft = Math.max(1, Math.ceil(this.gapMs / intervalMs));
    for (const w of this.waiters) w.remaining--;
    const done = this.waiters.filter((w) => w.remaining <= 0);
    this.waiters = this.waiters.filter((w) => w.remaining > 0);
    for (const w of done) w.resolve();
  }
}

export interface ReceivedDigit {
  digit: string;
  event: number;
  durationMs: number;
}

/**
 * Turns incoming event packets into digits, once each. An event is known by its RTP timestamp
 * (§2.5.2.1): the first end packet reports it; its retransmissions and any later packet with the
 * same timestamp are ignored. A new event arriving while the previous one never saw its end
 * reports the previous one first (all its end packets were lost).
 */
export class DtmfReceiver {
  private current: { timestamp: number; event: number; duration: number; reported: boolean } | undefined;
  private readonly recent: number[] = []; // timestamps of reported events

  constructor(private readonly report: (d: ReceivedDigit) => void) {}

  /** Feeds one event packet; `ssrc` changes reset the state. */
  onPacket(timestamp: number, payload: Uint8Array): void {
    const ev = parseTelephoneEvent(payload);
    if (!ev) return;
    if (this.recent.includes(timestamp)) return;
    if (!this.current || this.current.timestamp !== timestamp) {
      if (this.current && !this.current.reported) this.emit(this.current);
      this.current = { timestamp, event: ev.event, duration: ev.duration, reported: false };
    } else if (ev.duration > this.current.duration) {
      this.current.duration = ev.duration;
    }
    if (ev.end) this.emit(this.current);
  }

  /** Reports an event still waiting for its end (call at the end of the stream). */
  flush(): void {
    if (this.current && !this.current.reported) this.emit(this.current);
  }

  reset(): void {
    this.flush();
    this.current = undefined;
    this.recent.length = 0;
  }

  private emit(c: { timestamp: number; event: number; duration: number; reported: boolean }): void {
    c.reported = true;
    this.recent.push(c.timestamp);
    if (this.recent.length > 16) this.recent.shift();
    const digit = eventToDigit(c.event);
    if (digit !== undefined) this.report({ digit, event: c.event, durationMs: c.duration / 8 });
  }
}

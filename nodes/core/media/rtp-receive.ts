/**
 * Receive-side bookkeeping for one remote source (RFC 3550 Appendix A): sequence tracking with
 * wrap-around and restarts (A.1), expected/lost counts and the fraction lost per interval (A.3),
 * interarrival jitter (A.8); plus duplicate detection and a small reorder buffer that hands
 * payloads on in sequence order.
 */
const RTP_SEQ_MOD = 0x10000;
const MAX_DROPOUT = 3000;
const MAX_MISORDER = 100;
const REORDER_DEPTH = 3;
const SEEN_WINDOW = 1024;

export class ReceiveStats {
  baseSeq = 0;
  maxSeq = 0;
  cycles = 0;
  received = 0;
  bytes = 0;
  duplicates = 0;
  outOfOrder = 0;
  private badSeq = RTP_SEQ_MOD + 1;
  private expectedPrior = 0;
  private receivedPrior = 0;
  /** Extended sequence numbers of the last SEEN_WINDOW packets, for duplicate detection. */
  private seen = new Int32Array(SEEN_WINDOW).fill(-1);
  /** Jitter in timestamp units, as the RFC keeps it (×16 internally for precision, A.8). */
  private jitterQ4 = 0;
  private lastTransit: number | undefined;
  private initialised = false;

  private init(seq: number): void {
    this.baseSeq = seq;
    this.maxSeq = seq;
    this.badSeq = RTP_SEQ_MOD + 1;
    this.cycles = 0;
    this.received = 0;
    this.receivedPrior = 0;
    this.expectedPrior = 0;
    this.seen.fill(-1);
    this.lastTransit = undefined;
    this.initialised = true;
  }

  /** A.1 update_seq plus duplicate detection. Returns false when the packet should be discarded. */
  update(seq: number, payloadBytes: number): boolean {
    if (!this.initialised) {
      this.init(seq);
      this.maxSeq = (seq - 1) & 0xffff; // so that the first packet counts as in order
    }
    const udelta = (seq - this.maxSeq) & 0xffff;
    let ext: number;
    if (udelta !== 0 && udelta < MAX_DROPOUT) {
      if (seq < this.maxSeq) this.cycles += RTP_SEQ_MOD; // wrapped
      this.maxSeq = seq;
      ext = this.cycles + seq;
    } else if (udelta === 0 || udelta > RTP_SEQ_MOD - MAX_MISORDER) {
      // the highest again (duplicate) or an older one (reordered)
      ext = this.extendedMax - ((this.maxSeq - seq) & 0xffff);
      if (udelta !== 0) this.outOfOrder++;
    } else {
      // A very large jump: the sender restarted; accept after two sequential packets.
      if (seq === this.badSeq) {
        this.init(seq);
        ext = seq;
      } else {
        this.badSeq = (seq + 1) & 0xffff;
        return false;
      }
    }
    const slot = ext & (SEEN_WINDOW - 1);
    if (this.seen[slot] === ext) {
      this.duplicates++;
      if (udelta !== 0) this.outOfOrder--;
      return false;
    }
    this.seen[slot] = ext;
    this.received++;
    this.bytes += payloadBytes;
    return true;
  }

  /** A.8: `arrival` and `timestamp` in the same units (samples). */
  updateJitter(arrivalSamples: number, timestamp: number): void {
    const transit = arrivalSamples - timestamp;
    if (this.lastTransit !== undefined) {
      let d = transit - this.lastTransit;
      if (d < 0) d = -d;
      // A timestamp discontinuity (new talkspurt after silence suppression, DTMF) gives one large d;
      // cap it so that one event does not dominate (as Asterisk and PJMEDIA do).
      if (d > 8000) d = 0;
      this.jitterQ4 += d - ((this.jitterQ4 + 8) >> 4);
    }
    this.lastTransit = transit;
  }

  get jitter(): number {
    return this.jitterQ4 >> 4;
  }

  get extendedMax(): number {
    return this.cycles + this.maxSeq;
  }

  get expected(): number {
    return this.initialised ? this.extendedMax - this.baseSeq + 1 : 0;
  }

  get lost(): number {
    return Math.max(0, this.expected - this.received);
  }

  /** A.3: fraction lost since the previous call, as the 8-bit fixed-point RTCP field. */
  fractionSinceLastReport(): number {
    const expected = this.expected;
    const expectedInterval = expected - this.expectedPrior;
    this.expectedPrior = expected;
    const receivedInterval = this.received - this.receivedPrior;
    this.receivedPrior = this.received;
    const lostInterval = expectedInterval - receivedInterval;
    if (expectedInterval === 0 || lostInterval <= 0) return 0;
    return Math.min(255, Math.floor((lostInterval << 8) / expectedInterval));
  }
}

/** Releases payloads in sequence order, waiting for at most REORDER_DEPTH later packets per gap. */
export class ReorderBuffer<T> {
  private held = new Map<number, T>(); // extended-ish key: seq as 32-bit unwrapped value
  private next: number | undefined;

  constructor(private readonly deliver: (item: T, seq: number) => void) {}

  push(seq: number, item: T): void {
    if (this.next === undefined) this.next = seq;
    const rel = (seq - this.next) & 0xffff;
    if (rel >= 0x8000) return; // older than what was already delivered: too late
    this.held.set(seq, item);
    this.drain();
    if (this.held.size > REORDER_DEPTH) {
      // Give up on the gap: skip to the lowest sequence we hold.
      let best: number | undefined;
      let bestRel = Infinity;
      for (const s of this.held.keys()) {
        const r = (s - this.next) & 0xffff;
        if (r < bestRel) {
          bestRel = r;
          best = s;
        }
      }
      if (best !== undefined) this.next = best;
      this.drain();
    }
  }

  reset(): void {
    this.held.clear();
    this.next = undefined;
  }

  private drain(): void {
    while (this.next !== undefined && this.held.has(this.next)) {
      const s = this.next;
      const item = this.held.get(s) as T;
      this.held.delete(s);
      this.next = (s + 1) & 0xffff;
      this.deliver(item, s);
    }
  }
}

/**
 * The one packet scheduler for every stream of an engine. Each stream's n-th tick is due at
 * `start + n * interval` on the monotonic clock: the due time is computed, never accumulated, so
 * a late timer does not push later packets back and nothing drifts however long a call lasts.
 * A single timer (through the injected Clock) sleeps until the earliest due tick of all streams;
 * entries live in a binary min-heap ordered by due time.
 */
import type { Clock } from '../clock';
import type { TimerHandle } from '../clock';
import type { Waker } from './precise-waker';

/** Called on each tick with the tick number (0, 1, 2, ...); skipped ticks are never replayed. */
export type TickCallback = (tick: number, dueMs: number) => void;

export interface ScheduledStream {
  readonly intervalMs: number;
  cancel(): void;
}

interface Entry {
  start: number;
  intervalMs: number;
  tick: number;
  due: number;
  callback: TickCallback;
  index: number; // position in the heap, -1 when removed
}

export interface SchedulerOptions {
  /** Ticks due within this many ms of now run in the current wake-up (timers fire on whole ms). */
  earlyMs?: number;
  /** A stream later than this many intervals skips ahead instead of sending a burst. */
  maxCatchUpIntervals?: number;
  onError?: (err: unknown) => void;
  /**
   * Wakes the scheduler at the due time itself instead of on the clock's whole-millisecond timers
   * (see precise-waker.ts). Without it, Clock.setTimeout is used (and tests drive it).
   */
  waker?: Waker;
}

export class PacketScheduler {
  private readonly heap: Entry[] = [];
  private timer: TimerHandle | undefined;
  private timerDue = Infinity;
  private readonly earlyMs: number;
  private readonly maxCatchUp: number;
  private readonly onError: (err: unknown) => void;
  private running = false;
  private readonly waker: Waker | undefined;
  private readonly runFn = (): void => this.run();

  constructor(private readonly clock: Clock, opts: SchedulerOptions = {}) {
    this.waker = opts.waker;
    // With exact wake-ups the window only batches ticks due together; it still sends them up to
    // earlyMs early, which bounds both that jitter and the number of wake-ups (CPU).
    this.earlyMs = opts.earlyMs ?? (this.waker ? 0.25 : 0.5);
    this.maxCatchUp = opts.maxCatchUpIntervals ?? 3;
    this.onError = opts.onError ?? (() => {});
  }

  get size(): number {
    return this.heap.length;
  }

  /** Adds a stream whose tick 0 is due at `startMs` (default: now). */
  add(intervalMs: number, callback: TickCallback, startMs: number = this.clock.now()): ScheduledStream {
    if (!(intervalMs > 0)) throw new RangeError('interval must be positive');
    const entry: Entry = { start: startMs, intervalMs, tick: 0, due: startMs, callback, index: -1 };
    this.push(entry);
    this.arm();
    return {
      intervalMs,
      cancel: () => {
        if (entry.index >= 0) this.removeAt(entry.index);
        entry.index = -1;
        if (this.heap.length === 0) this.disarm();
      },
    };
  }

  /** Stops everything. */
  stop(): void {
    for (const e of this.heap) e.index = -1;
    this.heap.length = 0;
    this.disarm();
  }

  private disarm(): void {
    if (this.waker && this.timerDue !== Infinity) this.waker.cancel();
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Infinity;
  }

  private arm(): void {
    if (this.running) return; // run() re-arms when it finishes
    const next = this.heap[0];
    if (!next) return this.disarm();
    if (this.timer !== undefined && this.timerDue <= next.due) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    const delay = Math.max(0, next.due - this.clock.now());
    this.timerDue = next.due;
    // The waker wakes us at the due time itself. The clock timer stays armed as before: it is
    // what drives a clock that is not real time (fake timers) and a fallback if the worker died;
    // whichever comes first runs, and run() only takes what is due by the clock.
    // With a waker the fallback asks for the ceiling, so that on real time it rarely fires before
    // the waker (on a fake clock due times are whole ms and both are the same).
    this.waker?.wakeAt(next.due, this.runFn);
    // Timers have whole-millisecond resolution and never fire early: ask for the floor, and let
    // run() take everything due within earlyMs.
    this.timer = this.clock.setTimeout(this.runFn, this.waker ? Math.ceil(delay) : Math.floor(delay));
  }

  private run(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Infinity;
    this.running = true;
    try {
      let now = this.clock.now();
      let processed = 0;
      while (this.heap.length > 0) {
        const e = this.heap[0];
        if (e.due > now + this.earlyMs) break;
        const lateTicks = Math.floor((now - e.due) / e.intervalMs);
        if (lateTicks > this.maxCatchUp) {
          // The event loop was blocked: skip to the current tick rather than burst (the stream's
          // RTP timestamp follows the tick number, so the far end sees a gap, not a time warp).
          e.tick += lateTicks;
        }
        const tick = e.tick;
        const due = e.start + tick * e.intervalMs;
        e.tick = tick + 1;
        e.due = e.start + e.tick * e.intervalMs;
        this.siftDown(0);
        try {
          e.callback(tick, due);
        } catch (err) {
          this.onError(err);
        }
        if (++processed % 64 === 0) now = this.clock.now();
      }
    } finally {
      this.running = false;
      this.arm();
    }
  }

  // --- binary heap on `due` ---
  private push(e: Entry): void {
    e.index = this.heap.length;
    this.heap.push(e);
    this.siftUp(e.index);
  }

  private removeAt(i: number): void {
    const last = this.heap.pop();
    if (!last) return;
    if (i < this.heap.length) {
      this.heap[i] = last;
      last.index = i;
      this.siftDown(i);
      this.siftUp(last.index);
    }
  }

  private swap(i: number, j: number): void {
    const a = this.heap[i];
    const b = this.heap[j];
    this.heap[i] = b;
    this.heap[j] = a;
    a.index = j;
    b.index = i;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.heap[p].due <= this.heap[i].due) break;
      this.swap(i, p);
      i = p;
    }
  }

  private siftDown(i: number): void {
    const n = this.heap.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.heap[l].due < this.heap[m].due) m = l;
      if (r < n && this.heap[r].due < this.heap[m].due) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}

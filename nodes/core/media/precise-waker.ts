/**
 * Sub-millisecond wake-ups for the packet scheduler without spinning. Node's timers (libuv) have
 * whole-millisecond resolution and the poll sleeps a whole number of ms counted from the loop's
 * last time update, so a timer fires anywhere in the millisecond after its due time: at 500
 * streams that spread is most of the pacing jitter budget. Here a worker thread sleeps in
 * `Atomics.wait` (a futex with a fractional-ms timeout: no CPU while waiting) until the exact due
 * time and then posts a message, which wakes the main event loop at once (uv_async).
 *
 * One wake-up is pending at a time (the scheduler needs only its earliest due tick); every
 * wakeAt()/cancel() bumps a generation counter in shared memory, which also tells the worker to
 * re-read its target, and stale messages are ignored by generation.
 */
import { Worker } from 'node:worker_threads';
import type { Clock } from '../clock';

/** What the scheduler needs: one pending wake-up at a time, on the scheduler's clock. */
export interface Waker {
  /** (Re)arms the one wake-up for `dueMs` on the scheduler's clock; replaces any pending one. */
  wakeAt(dueMs: number, fn: () => void): void;
  cancel(): void;
  close(): void;
}

// ctrl[0]: generation, ctrl[1]: 1 = worker must exit. target[0]: due in process.hrtime ms, NaN = none.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ctrl = new Int32Array(workerData, 0, 2);
const target = new Float64Array(workerData, 8, 1);
const MAX_WAIT_MS = 50;
const hrMs = () => Number(process.hrtime.bigint()) / 1e6;
for (;;) {
  if (Atomics.load(ctrl, 1) === 1) break;
  const gen = Atomics.load(ctrl, 0);
  const t = target[0];
  // Waits are bounded: a worker blocked in Atomics.wait cannot be terminated, and Node stops
  // workers at process exit (an idle worker wakes MAX_WAIT_MS apart, which costs nothing).
  if (Number.isNaN(t)) { Atomics.wait(ctrl, 0, gen, MAX_WAIT_MS); continue; }
  const remaining = t - hrMs();
  if (remaining > 0) { Atomics.wait(ctrl, 0, gen, Math.min(remaining, MAX_WAIT_MS)); continue; }
  parentPort.postMessage(gen);
  // Until the main thread arms again (or cancels, or closes).
  while (Atomics.load(ctrl, 0) === gen && Atomics.load(ctrl, 1) !== 1) Atomics.wait(ctrl, 0, gen, MAX_WAIT_MS);
}
`;

function hrNowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export class WorkerWaker implements Waker {
  private readonly ctrl: Int32Array;
  private readonly target: Float64Array;
  private readonly worker: Worker;
  private fn: (() => void) | undefined;
  private closed = false;

  constructor(private readonly clock: Clock) {
    const sab = new SharedArrayBuffer(16);
    this.ctrl = new Int32Array(sab, 0, 2);
    this.target = new Float64Array(sab, 8, 1);
    this.target[0] = NaN;
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: sab });
    this.worker.on('message', (gen: unknown) => {
      if (gen !== Atomics.load(this.ctrl, 0) || !this.fn) return;
      const fn = this.fn;
      this.fn = undefined;
      fn();
    });
    this.worker.on('error', () => this.close());
    // A pending wake-up must never keep Node-RED (or a test run) alive on its own (after the
    // listeners: adding a 'message' listener refs the worker's port again).
    this.worker.unref();
  }

  wakeAt(dueMs: number, fn: () => void): void {
    if (this.closed) throw new Error('waker is closed');
    this.fn = fn;
    this.target[0] = hrNowMs() + (dueMs - this.clock.now());
    this.bump();
  }

  cancel(): void {
    this.fn = undefined;
    this.target[0] = NaN;
    this.bump();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.fn = undefined;
    Atomics.store(this.ctrl, 1, 1);
    this.bump();
  }

  private bump(): void {
    Atomics.add(this.ctrl, 0, 1);
    Atomics.notify(this.ctrl, 0);
  }
}

/**
 * Time as the core sees it. Every timer in the core goes through a Clock so that tests drive it
 * with fake timers (sinon) and nothing sleeps.
 */
export type TimerHandle = { readonly __timer: unique symbol };

export interface Clock {
  /** Monotonic milliseconds, for measuring intervals and scheduling. */
  now(): number;
  /** Wall-clock time, for timestamps that leave the process (CDR times, RTCP NTP). */
  wallNow(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
}

/** The real clock. `performance.now()` is monotonic; Date.now() can jump. */
export const systemClock: Clock = {
  now: () => performance.now(),
  wallNow: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending core timer must never keep Node-RED (or a test run) alive on its own.
    t.unref();
    return t as unknown as TimerHandle;
  },
  clearTimeout: (handle) => {
    if (handle !== undefined) clearTimeout(handle as unknown as NodeJS.Timeout);
  },
};

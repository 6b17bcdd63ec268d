'use strict';
/**
 * A Clock for tests: timers never fire on their own. `auto(ms)` decides which timers run at once
 * (on the next macrotask), e.g. short backoff waits, while long response timeouts stay pending
 * until the test calls fire(). Every requested delay is recorded in `delays`.
 */
class ManualClock {
  constructor({ auto = () => false } = {}) {
    this.t = 0;
    this.auto = auto;
    this.timers = new Map();
    this.nextId = 1;
    this.delays = [];
  }
  now() { return this.t; }
  wallNow() { return 1_700_000_000_000 + this.t; }
  setTimeout(fn, ms) {
    const id = this.nextId++;
    this.delays.push(ms);
    if (this.auto(ms)) {
      const h = setImmediate(() => { this.timers.delete(id); this.t += ms; fn(); });
      this.timers.set(id, { fn, ms, immediate: h });
    } else {
      this.timers.set(id, { fn, ms });
    }
    return id;
  }
  clearTimeout(id) {
    const t = this.timers.get(id);
    if (t && t.immediate) clearImmediate(t.immediate);
    this.timers.delete(id);
  }
  /** Fires every pending timer whose delay is `ms` (or all when ms is undefined). */
  fire(ms) {
    let n = 0;
    for (const [id, t] of [...this.timers]) {
      if (t.immediate) continue;
      if (ms === undefined || t.ms === ms) { this.timers.delete(id); t.fn(); n++; }
    }
    return n;
  }
  pending() { return [...this.timers.values()].filter((t) => !t.immediate).map((t) => t.ms); }
}
module.exports = { ManualClock };

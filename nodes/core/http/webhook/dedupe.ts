/**
 * Duplicate suppression within a time window: PBXs retry a notification when our answer was
 * slow or lost, and a retried CDR must not become two rows. Keys expire `windowMs` after they
 * were first seen; the map is bounded so a flood of distinct keys cannot grow it without limit.
 */
import type { Clock } from '../../clock';

export class DedupeWindow {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** True if `key` was seen within the window (and so is a duplicate); records it otherwise. */
  isDuplicate(key: string): boolean {
    if (this.windowMs <= 0) return false;
    const now = this.clock.now();
    this.expire(now);
    const at = this.seen.get(key);
    if (at !== undefined && now - at < this.windowMs) return true;
    this.seen.set(key, now);
    if (this.seen.size > this.maxKeys) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return false;
  }

  /** Forgets a key (a record that failed before it was taken may be retried). */
  forget(key: string): void {
    this.seen.delete(key);
  }

  get size(): number {
    return this.seen.size;
  }

  private expire(now: number): void {
    // Insertion order is time order, so expiry stops at the first live key.
    for (const [k, at] of this.seen) {
      if (now - at < this.windowMs) break;
      this.seen.delete(k);
    }
  }
}

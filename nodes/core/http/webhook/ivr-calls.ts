/**
 * Per-call IVR state, keyed by the call's unique id (Voicenter IVR_UNIQUE_ID, VOS3000 flowNo):
 * the menus visited, the digits entered, and whatever the flow chose to keep. Cleared when the
 * PBX reports the hang-up, or `idleMs` after the call was last seen (a lost HANGUP_CALL must not
 * leak memory).
 */
import type { Clock, TimerHandle } from '../../clock';

export interface IvrCallState {
  callId: string;
  startedAt: string;
  history: string[];
  digits: string[];
  data: Record<string, unknown>;
}

export class IvrCalls {
  private readonly calls = new Map<string, { state: IvrCallState; lastSeen: number }>();
  private sweepTimer: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly idleMs: number,
    private readonly maxCalls = 50_000,
  ) {}

  touch(callId: string): IvrCallState {
    const now = this.clock.now();
    let entry = this.calls.get(callId);
    if (!entry) {
      entry = { state: { callId, startedAt: new Date(this.clock.wallNow()).toISOString(), history: [], digits: [], data: {} }, lastSeen: now };
      this.calls.set(callId, entry);
      if (this.calls.size > this.maxCalls) {
        const oldest = this.calls.keys().next().value;
        if (oldest !== undefined) this.calls.delete(oldest);
      }
    } else {
      // Re-insert so the map stays in last-seen order for the sweep.
      this.calls.delete(callId);
      this.calls.set(callId, entry);
      entry.lastSeen = now;
    }
    this.scheduleSweep();
    return entry.state;
  }

  get(callId: string): IvrCallState | undefined {
    return this.calls.get(callId)?.state;
  }

  end(callId: string): IvrCallState | undefined {
    const e = this.calls.get(callId);
    this.calls.delete(callId);
    return e?.state;
  }

  get size(): number {
    return this.calls.size;
  }

  close(): void {
    this.clock.clearTimeout(this.sweepTimer);
    this.sweepTimer = undefined;
    this.calls.clear();
  }

  private scheduleSweep(): void {
    if (this.sweepTimer !== undefined) return;
    this.sweepTimer = this.clock.setTimeout(() => {
      this.sweepTimer = undefined;
      const now = this.clock.now();
      for (const [id, e] of this.calls) {
        if (now - e.lastSeen < this.idleMs) break;
        this.calls.delete(id);
      }
      if (this.calls.size) this.scheduleSweep();
    }, Math.min(this.idleMs, 60_000));
  }
}

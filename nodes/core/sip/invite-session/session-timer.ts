/**
 * Session timers (RFC 4028). The refresher sends a refresh at half the interval (§7.2); the other
 * side ends the session if no refresh arrived by interval - min(32, interval/3) seconds (§10).
 */
import type { Clock, TimerHandle } from '../../clock';

export interface SessionExpires {
  interval: number;
  refresher?: 'uac' | 'uas';
}

/** `1800;refresher=uac` (compact form `x:` expanded by the layer below). */
export function parseSessionExpires(value: string): SessionExpires | undefined {
  const parts = value.split(';');
  const n = Number(parts[0].trim());
  if (!Number.isInteger(n) || n <= 0 || n > 2 ** 31) return undefined;
  const out: SessionExpires = { interval: n };
  for (const p of parts.slice(1)) {
    const [k, v] = p.split('=').map((s) => s.trim().toLowerCase());
    if (k === 'refresher' && (v === 'uac' || v === 'uas')) out.refresher = v;
  }
  return out;
}

export class SessionTimer {
  private timer: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    private interval: number,
    private readonly weRefresh: boolean,
    private readonly on: { refresh(): void; expired(): void },
  ) {}

  get refresher(): boolean {
    return this.weRefresh;
  }

  start(): void {
    this.stop();
    const ms = this.weRefresh ? (this.interval * 1000) / 2 : (this.interval - Math.min(32, this.interval / 3)) * 1000;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.weRefresh) this.on.refresh();
      else this.on.expired();
    }, ms);
  }

  /** The peer refreshed (a re-INVITE/UPDATE or its 2xx carried Session-Expires). */
  refreshed(value: string | undefined): void {
    const se = value ? parseSessionExpires(value) : undefined;
    if (se) this.interval = se.interval;
    if (!this.weRefresh) this.start();
  }

  stop(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

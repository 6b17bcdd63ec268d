/**
 * Polling a PBX's CDR list on a schedule (Voicenter call log §3, iexpbx `action=cdr`, VOS3000
 * GetCdr), remembering where it stopped and emitting only records not emitted before.
 *
 * Each poll asks for [cursor - overlap, now]: the overlap catches records the PBX writes late
 * (a CDR appears when the call ends, stamped with its start). Records already emitted are
 * recognised by id; the ids inside the overlap are kept with the cursor, so a restart neither
 * repeats nor skips. The cursor is saved through a CursorStore after every successful poll.
 */
import type { Clock, TimerHandle } from '../../clock';
import type { Logger } from '../../logger';

export interface PolledRecord {
  /** Stable identity of the record at the PBX. */
  id: string;
  /** Call start (ISO), to decide what stays inside the overlap. */
  start: string | null;
  payload: unknown;
  raw: unknown;
}

export type CdrSource = (from: Date, to: Date) => Promise<PolledRecord[]>;

export interface PollCursor {
  /** The end of the last window fetched successfully (ISO). */
  until: string;
  /** Ids already emitted whose start lies inside the overlap before `until`. */
  seen: string[];
}

export interface CursorStore {
  load(): PollCursor | undefined;
  save(c: PollCursor): void;
}

export interface PollerOptions {
  everyMs: number;
  overlapMs: number;
  /** How far back the very first poll looks. */
  firstLookbackMs: number;
}

export class CdrPoller {
  private timer: TimerHandle | undefined;
  private running = false;
  private stopped = false;
  private cursor: PollCursor | undefined;

  constructor(
    private readonly source: CdrSource,
    private readonly clock: Clock,
    private readonly store: CursorStore,
    private readonly opts: PollerOptions,
    private readonly emit: (records: PolledRecord[]) => void,
    private readonly logger: Logger,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.cursor = store.load();
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One poll now; resolves with the number of new records (0 if a poll is already running). */
  async poll(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const now = this.clock.wallNow();
      const from = this.cursor ? Date.parse(this.cursor.until) - this.opts.overlapMs : now - this.opts.firstLookbackMs;
      const to = now;
      const records = await this.source(new Date(from), new Date(to));
      const seen = new Set(this.cursor?.seen ?? []);
      const fresh = records.filter((r) => !seen.has(r.id));
      // Keep the ids that the next window's overlap will fetch again.
      const keepFrom = to - this.opts.overlapMs;
      const nextSeen = new Set<string>();
      for (const r of records) {
        const t = r.start ? Date.parse(r.start) : NaN;
        if (Number.isNaN(t) || t >= keepFrom) nextSeen.add(r.id);
      }
      this.cursor = { until: new Date(to).toISOString(), seen: [...nextSeen] };
      if (fresh.length) this.emit(fresh);
      this.store.save(this.cursor);
      this.logger.debug(`cdr poll ${new Date(from).toISOString()}..${this.cursor.until}: ${records.length} records, ${fresh.length} new`);
      return fresh.length;
    } finally {
      this.running = false;
    }
  }

  get state(): PollCursor | undefined {
    return this.cursor;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.poll()
        .catch((err: unknown) => this.onError(err))
        .finally(() => this.schedule(this.opts.everyMs));
    }, ms);
  }
}

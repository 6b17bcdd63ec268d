/**
 * A durable spool for records the flow has not yet taken. A record is appended and fsync'ed
 * before the PBX is acknowledged (so an acknowledged record survives a crash), and marked taken
 * when the flow is done with it. On start, records never marked taken are handed back to be
 * sent again: delivery is at-least-once, duplicates being preferable to losses for billing data.
 *
 * Format: one line per event, `R <json>` for a record and `A <id>` for "taken". A torn last line
 * (a crash mid-write) is ignored. The file is compacted (pending records only, written to a
 * temporary file, fsync'ed, renamed over) on open and every `compactEvery` acknowledgements.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export interface SpoolRecord {
  id: string;
  topic: string;
  payload: unknown;
  raw: unknown;
  key: string;
  /** Wall-clock ms when the record was received. */
  receivedAt: number;
}

export class Spool {
  private fd: number | undefined;
  private readonly pending = new Map<string, string>();
  private acksSinceCompact = 0;
  private readonly prefix = randomBytes(4).toString('hex');
  private counter = 0;

  constructor(
    readonly file: string,
    private readonly compactEvery = 1000,
  ) {}

  /** Opens (creating if needed) and returns the records still pending from earlier runs, oldest first. */
  open(): SpoolRecord[] {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const out: SpoolRecord[] = [];
    if (fs.existsSync(this.file)) {
      const text = fs.readFileSync(this.file, 'utf8');
      for (const line of text.split('\n')) {
        if (line.startsWith('R ')) {
          try {
            const rec = JSON.parse(line.slice(2)) as SpoolRecord;
            if (typeof rec.id === 'string') this.pending.set(rec.id, line);
          } catch {
            // a torn line from a crash mid-append: that record was never acknowledged to the PBX
          }
        } else if (line.startsWith('A ')) {
          this.pending.delete(line.slice(2).trim());
        }
      }
      for (const line of this.pending.values()) out.push(JSON.parse(line.slice(2)) as SpoolRecord);
    }
    this.compact();
    return out;
  }

  newId(): string {
    return `${this.prefix}-${(this.counter++).toString(36)}`;
  }

  /** Appends and fsyncs: when this returns, the record is on disk. */
  append(rec: SpoolRecord): void {
    const fd = this.requireFd();
    const line = 'R ' + JSON.stringify(rec);
    fs.writeSync(fd, line + '\n');
    fs.fsyncSync(fd);
    this.pending.set(rec.id, line);
  }

  /** Marks a record taken. Not fsync'ed: losing an ack only means one duplicate after a crash. */
  ack(id: string): void {
    if (!this.pending.delete(id) || this.fd === undefined) return;
    fs.writeSync(this.fd, `A ${id}\n`);
    if (++this.acksSinceCompact >= this.compactEvery) this.compact();
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  isPending(id: string): boolean {
    return this.pending.has(id);
  }

  close(): void {
    if (this.fd !== undefined) {
      fs.closeSync(this.fd);
      this.fd = undefined;
    }
  }

  private requireFd(): number {
    if (this.fd === undefined) throw new Error('spool is not open');
    return this.fd;
  }

  private compact(): void {
    this.close();
    const tmp = this.file + '.tmp';
    const fd = fs.openSync(tmp, 'w');
    try {
      let body = '';
      for (const line of this.pending.values()) body += line + '\n';
      if (body) fs.writeSync(fd, body);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
    this.fd = fs.openSync(this.file, 'a');
    this.acksSinceCompact = 0;
  }
}

/**
 * The playback queue of one session: items play one after the other, each may loop, and each
 * reports its end once ('finished', 'stopped', 'error', 'closed'). Files load asynchronously;
 * until an item is loaded the stream carries silence.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { type AudioSource, BufferSource, type ToneSpec, toneSource } from './audio-source';
import { decode } from './g711';
import { resample } from './resample';
import { SAMPLE_RATE, type CodecName, type PlaybackId } from './types';
import { isWav, readWav } from './wav';

/** Raw formats a file or Buffer may be in when it is not a WAV. */
export type RawFormat = 'pcmu' | 'pcma' | 's16le';

export interface PlayFileSpec {
  file?: string;
  buffer?: Uint8Array;
  loop?: boolean;
  /** For data that is not WAV: its encoding (default from the file extension, else the call's codec). */
  format?: RawFormat;
}

export type PlaySource = string | Uint8Array | PlayFileSpec | ToneSpec;

export interface PlayOptions {
  /** false: stop what is playing and clear the queue first. Default true (append). */
  queue?: boolean;
  loop?: boolean;
}

export type PlayEndReason = 'finished' | 'stopped' | 'error' | 'closed';

interface Item {
  id: PlaybackId;
  source?: AudioSource;
  loading?: Promise<void>;
  failed?: Error;
}

const MAX_FILE_BYTES = 64 * 1024 * 1024;

function rawFormatFromName(file: string): RawFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.ul' || ext === '.ulaw' || ext === '.mulaw' || ext === '.pcmu' || ext === '.g711u') return 'pcmu';
  if (ext === '.al' || ext === '.alaw' || ext === '.pcma' || ext === '.g711a') return 'pcma';
  if (ext === '.raw' || ext === '.sln' || ext === '.s16') return 's16le';
  return undefined;
}

/** Turns bytes (WAV or raw) into 8 kHz mono samples. */
export function decodeAudioBytes(bytes: Uint8Array, format: RawFormat | undefined, fallback: CodecName): Int16Array {
  if (isWav(bytes)) {
    const w = readWav(bytes);
    return resample(w.samples, w.sampleRate, SAMPLE_RATE);
  }
  const f = format ?? (fallback === 'PCMU' ? 'pcmu' : 'pcma');
  if (f === 'pcmu') return decode('PCMU', bytes);
  if (f === 'pcma') return decode('PCMA', bytes);
  const n = Math.floor(bytes.length / 2);
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, n * 2);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = b.readInt16LE(i * 2);
  return out;
}

export class Player {
  private queue: Item[] = [];
  private counter = 0;

  constructor(
    private readonly idPrefix: string,
    private readonly codec: () => CodecName,
    private readonly ended: (id: PlaybackId, reason: PlayEndReason, error?: Error) => void,
  ) {}

  get playing(): boolean {
    return this.queue.length > 0;
  }

  /** The id of the item now at the head of the queue. */
  get current(): PlaybackId | undefined {
    return this.queue[0]?.id;
  }

  play(src: PlaySource, opts: PlayOptions = {}): PlaybackId {
    if (opts.queue === false) this.stop();
    const id = `${this.idPrefix}-${++this.counter}`;
    const item: Item = { id };
    if (typeof src === 'object' && src !== null && 'tone' in src) {
      item.source = toneSource(src);
    } else {
      const spec: PlayFileSpec = typeof src === 'string' ? { file: src } : src instanceof Uint8Array ? { buffer: src } : src;
      const loop = opts.loop ?? spec.loop ?? false;
      if (spec.buffer) {
        item.source = new BufferSource(decodeAudioBytes(spec.buffer, spec.format, this.codec()), loop);
      } else if (spec.file) {
        const file = spec.file;
        item.loading = (async () => {
          const bytes = await readFile(file);
          if (bytes.length > MAX_FILE_BYTES) throw new Error(`${file} is larger than ${MAX_FILE_BYTES} bytes`);
          item.source = new BufferSource(decodeAudioBytes(bytes, spec.format ?? rawFormatFromName(file), this.codec()), loop);
        })().catch((err: unknown) => {
          item.failed = err instanceof Error ? err : new Error(String(err));
        }).finally(() => {
          item.loading = undefined;
        });
      } else {
        throw new TypeError('play() needs a file path, a Buffer, {file}, {buffer} or {tone}');
      }
    }
    this.queue.push(item);
    return id;
  }

  /** Stops the current item (or the one named) and, without an id, everything queued. */
  stop(id?: PlaybackId, reason: PlayEndReason = 'stopped'): void {
    if (id !== undefined) {
      const i = this.queue.findIndex((q) => q.id === id);
      if (i >= 0) {
        this.queue.splice(i, 1);
        this.ended(id, reason);
      }
      return;
    }
    const items = this.queue;
    this.queue = [];
    for (const item of items) this.ended(item.id, reason);
  }

  /**
   * Fills `out` with the next samples; returns true if any audio (rather than pure silence from an
   * empty queue) was produced. Items that end mid-frame hand over to the next item seamlessly.
   */
  read(out: Int16Array): boolean {
    let offset = 0;
    let any = false;
    while (offset < out.length && this.queue.length > 0) {
      const item = this.queue[0];
      if (item.failed) {
        this.queue.shift();
        this.ended(item.id, 'error', item.failed);
        continue;
      }
      if (!item.source) break; // still loading
      const n = item.source.read(out, offset, out.length - offset);
      if (n > 0) any = true;
      offset += n;
      if (offset < out.length) {
        this.queue.shift();
        this.ended(item.id, 'finished');
      }
    }
    out.fill(0, offset);
    return any;
  }
}

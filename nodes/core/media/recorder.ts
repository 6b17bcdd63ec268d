/**
 * Writes 8 kHz mono 16-bit audio to a WAV file as it comes, then fixes the header's sizes when
 * the recording ends. Writes are batched (one write per ~0.5 s of audio) and chained so that
 * they land in order without blocking the packet path.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { littleEndian, wavHeader } from './wav';
import { SAMPLE_RATE } from './types';

export type RecordEndReason = 'maxDuration' | 'stopped' | 'closed' | 'error';

export class WavFileWriter {
  private handle: Promise<FileHandle>;
  private chain: Promise<void>;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private dataBytes = 0;
  private failed: Error | undefined;

  constructor(readonly file: string, private readonly sampleRate = SAMPLE_RATE) {
    this.handle = open(file, 'w');
    this.chain = this.handle.then((h) => h.write(wavHeader(0, sampleRate)).then(() => undefined));
    this.chain.catch((err: unknown) => this.fail(err));
  }

  get error(): Error | undefined {
    return this.failed;
  }

  get samplesWritten(): number {
    return this.dataBytes / 2;
  }

  append(samples: Int16Array): void {
    if (this.failed) return;
    const copy = littleEndian(Buffer.from(samples.buffer.slice(samples.byteOffset, samples.byteOffset + samples.byteLength)));
    this.pending.push(copy);
    this.pendingBytes += copy.length;
    this.dataBytes += copy.length;
    if (this.pendingBytes >= this.sampleRate) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const chunk = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    this.chain = this.chain.then(async () => {
      if (this.failed) return;
      const h = await this.handle;
      await h.write(chunk);
    });
    this.chain.catch((err: unknown) => this.fail(err));
  }

  private fail(err: unknown): void {
    this.failed ??= err instanceof Error ? err : new Error(String(err));
  }

  /** Flushes, rewrites the header with the final sizes and closes. Resolves with an error, never rejects. */
  async close(): Promise<Error | undefined> {
    this.flush();
    try {
      await this.chain;
    } catch {
      // recorded in this.failed
    }
    try {
      const h = await this.handle;
      if (!this.failed) await h.write(wavHeader(this.dataBytes, this.sampleRate), 0, 44, 0);
      await h.close();
    } catch (err) {
      this.fail(err);
    }
    return this.failed;
  }
}

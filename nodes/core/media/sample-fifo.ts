/**
 * A bounded FIFO of 16-bit samples between a producer (packets arriving) and a consumer driven by
 * the packet clock (recorder, mixer). Reads never block: an underrun yields silence. A short
 * pre-fill absorbs the phase between arrivals and our ticks; overflow drops the oldest samples so
 * latency stays bounded.
 */
export class SampleFifo {
  private buf: Int16Array;
  private readPos = 0;
  private length = 0;
  private primed = false;

  constructor(private readonly capacity = 8000, private readonly prefill = 160) {
    this.buf = new Int16Array(capacity);
  }

  get available(): number {
    return this.length;
  }

  push(samples: Int16Array): void {
    let src = samples;
    if (src.length > this.capacity) src = src.subarray(src.length - this.capacity);
    const overflow = this.length + src.length - this.capacity;
    if (overflow > 0) {
      this.readPos = (this.readPos + overflow) % this.capacity;
      this.length -= overflow;
    }
    let writePos = (this.readPos + this.length) % this.capacity;
    for (let i = 0; i < src.length; i++) {
      this.buf[writePos] = src[i];
      writePos = writePos + 1 === this.capacity ? 0 : writePos + 1;
    }
    this.length += src.length;
    if (this.length >= this.prefill) this.primed = true;
  }

  /** Reads exactly `count` samples into out (silence where there are none). Returns samples that were real. */
  read(out: Int16Array, count: number = out.length): number {
    if (!this.primed) {
      out.fill(0, 0, count);
      return 0;
    }
    const n = Math.min(count, this.length);
    for (let i = 0; i < n; i++) {
      out[i] = this.buf[this.readPos];
      this.readPos = this.readPos + 1 === this.capacity ? 0 : this.readPos + 1;
    }
    this.length -= n;
    if (n < count) {
      out.fill(0, n, count);
      // Ran dry: wait for a fresh pre-fill so that a stream arriving just after our tick does not
      // alternate between silence and audio.
      this.primed = false;
    }
    return n;
  }

  clear(): void {
    this.readPos = 0;
    this.length = 0;
    this.primed = false;
  }
}

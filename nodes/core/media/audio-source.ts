/**
 * Things that produce 8 kHz mono 16-bit audio on demand: a decoded buffer (optionally looped)
 * and generated tones (ITU-T E.180 / ETSI ES 201 970 call-progress tones, DTMF per ITU-T Q.23).
 */
import { SAMPLE_RATE } from './types';

export interface AudioSource {
  /** Fills out[offset..offset+count) and returns how many samples it wrote; fewer means finished. */
  read(out: Int16Array, offset: number, count: number): number;
}

export class BufferSource implements AudioSource {
  private pos = 0;
  constructor(private readonly samples: Int16Array, private readonly loop = false) {}
  read(out: Int16Array, offset: number, count: number): number {
    let written = 0;
    while (written < count) {
      if (this.pos >= this.samples.length) {
        if (!this.loop || this.samples.length === 0) break;
        this.pos = 0;
      }
      const n = Math.min(count - written, this.samples.length - this.pos);
      out.set(this.samples.subarray(this.pos, this.pos + n), offset + written);
      this.pos += n;
      written += n;
    }
    return written;
  }
}

/** One segment of a cadence: frequencies (empty = silence) for a duration. */
export interface ToneSegment {
  freqs: number[];
  ms: number;
}

export class ToneSource implements AudioSource {
  private readonly segments: { freqs: number[]; samples: number }[];
  private seg = 0;
  private posInSeg = 0;
  private phase = 0; // sample counter for the oscillators
  private produced = 0;
  private readonly limit: number;

  /** `repeat`: loop the cadence; `maxMs`: stop after this long in any case. */
  constructor(segments: ToneSegment[], private readonly repeat: boolean, maxMs: number | undefined, private readonly amplitude = 0.3 * 32767) {
    this.segments = segments.map((s) => ({ freqs: s.freqs, samples: Math.round((s.ms * SAMPLE_RATE) / 1000) }));
    this.limit = maxMs === undefined ? Infinity : Math.round((maxMs * SAMPLE_RATE) / 1000);
  }

  read(out: Int16Array, offset: number, count: number): number {
    let written = 0;
    while (written < count && this.produced < this.limit) {
      if (this.seg >= this.segments.length) {
        if (!this.repeat) break;
        this.seg = 0;
      }
      const s = this.segments[this.seg];
      if (this.posInSeg >= s.samples) {
        this.seg++;
        this.posInSeg = 0;
        continue;
      }
      const amp = s.freqs.length ? this.amplitude / s.freqs.length : 0;
      let v = 0;
      for (const f of s.freqs) v += Math.sin((2 * Math.PI * f * this.phase) / SAMPLE_RATE);
      out[offset + written] = Math.round(v * amp);
      this.phase++;
      this.posInSeg++;
      this.produced++;
      written++;
    }
    return written;
  }
}

export type ToneName = 'ringback' | 'busy' | 'congestion' | 'dial' | 'dtmf' | 'sine';
export type ToneRegion = 'eu' | 'us';

export interface ToneSpec {
  tone: ToneName;
  region?: ToneRegion;
  /** For `dtmf`: the digits to sound. */
  digits?: string;
  /** For `dtmf`: tone length per digit (default 100 ms), gap (default 100 ms). For `sine`: total length. */
  durationMs?: number;
  gapMs?: number;
  /** For `sine`. */
  frequency?: number;
  /** Stop after this long; call-progress tones otherwise repeat until stopped. */
  maxMs?: number;
}

const DTMF_FREQS: Readonly<Record<string, [number, number]>> = {
  '1': [697, 1209], '2': [697, 1336], '3': [697, 1477], A: [697, 1633],
  '4': [770, 1209], '5': [770, 1336], '6': [770, 1477], B: [770, 1633],
  '7': [852, 1209], '8': [852, 1336], '9': [852, 1477], C: [852, 1633],
  '*': [941, 1209], '0': [941, 1336], '#': [941, 1477], D: [941, 1633],
};

export function toneSource(spec: ToneSpec): ToneSource {
  const us = spec.region === 'us';
  switch (spec.tone) {
    case 'ringback':
      // ETSI: 425 Hz 1 s on, 4 s off; North America: 440+480 Hz 2 s on, 4 s off.
      return new ToneSource(us ? [{ freqs: [440, 480], ms: 2000 }, { freqs: [], ms: 4000 }] : [{ freqs: [425], ms: 1000 }, { freqs: [], ms: 4000 }], true, spec.maxMs);
    case 'busy':
      return new ToneSource(us ? [{ freqs: [480, 620], ms: 500 }, { freqs: [], ms: 500 }] : [{ freqs: [425], ms: 500 }, { freqs: [], ms: 500 }], true, spec.maxMs);
    case 'congestion':
      return new ToneSource(us ? [{ freqs: [480, 620], ms: 250 }, { freqs: [], ms: 250 }] : [{ freqs: [425], ms: 250 }, { freqs: [], ms: 250 }], true, spec.maxMs);
    case 'dial':
      return new ToneSource([{ freqs: us ? [350, 440] : [425], ms: 1000 }], true, spec.maxMs);
    case 'sine':
      return new ToneSource([{ freqs: [spec.frequency ?? 1000], ms: spec.durationMs ?? 1000 }], false, spec.maxMs);
    case 'dtmf': {
      const on = spec.durationMs ?? 100;
      const off = spec.gapMs ?? 100;
      const segs: ToneSegment[] = [];
      for (const ch of (spec.digits ?? '').toUpperCase()) {
        const f = DTMF_FREQS[ch];
        if (!f) throw new RangeError(`not a DTMF digit: ${JSON.stringify(ch)}`);
        segs.push({ freqs: f, ms: on }, { freqs: [], ms: off });
      }
      return new ToneSource(segs, false, spec.maxMs);
    }
    default:
      throw new RangeError(`unknown tone ${String((spec as { tone: unknown }).tone)}`);
  }
}

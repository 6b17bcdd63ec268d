/**
 * Sample-rate conversion to (or from) 8 kHz with a Blackman-windowed sinc low-pass, so that a
 * 44.1 kHz prompt does not alias into the telephone band. Runs once per file, not per packet.
 */
import { clamp16 } from './wav';

const ZERO_CROSSINGS = 8;

export function resample(input: Int16Array, fromRate: number, toRate: number): Int16Array {
  if (fromRate === toRate) return input;
  const ratio = fromRate / toRate; // input samples per output sample
  const outLength = Math.floor((input.length * toRate) / fromRate);
  const out = new Int16Array(outLength);
  // Cut-off in cycles per input sample: just under the lower Nyquist frequency.
  const fc = 0.5 * Math.min(1, 1 / ratio) * 0.92;
  const half = Math.ceil(ZERO_CROSSINGS / (2 * fc));
  for (let j = 0; j < outLength; j++) {
    const x = j * ratio;
    const centre = Math.floor(x);
    let acc = 0;
    let wsum = 0;
    for (let i = centre - half + 1; i <= centre + half; i++) {
      const t = x - i;
      if (Math.abs(t) >= half) continue;
      const arg = 2 * fc * t;
      const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
      const w = 0.42 + 0.5 * Math.cos((Math.PI * t) / half) + 0.08 * Math.cos((2 * Math.PI * t) / half);
      const k = sinc * w;
      wsum += k;
      if (i >= 0 && i < input.length) acc += input[i] * k;
    }
    out[j] = clamp16(Math.round(wsum !== 0 ? acc / wsum : 0));
  }
  return out;
}

/**
 * G.711 µ-law and A-law (ITU-T G.711, 11/1988), bit-exact with the reference algorithm that
 * libsox implements (the Sun/CCITT g711.c segment search), fed as libsox feeds it: the 16-bit
 * sample rounded to the nearest 14-bit (µ-law) or 13-bit (A-law) value, clipped at full scale.
 * Rounding rather than truncating puts the decision levels midway between the G.711
 * reconstruction levels, as the Recommendation's tables do; sox agrees on all 65536 inputs
 * (test/unit/media/g711.test.js).
 *
 * Encoding goes through 64 K-entry tables indexed by the 16-bit sample so that the per-packet
 * cost in the send path is one table lookup per sample.
 */
import type { CodecName } from './types';

const ULAW_BIAS = 0x84;
const ULAW_CLIP = 8159;
const ULAW_SEG_END = [0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff];
const ALAW_SEG_END = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff];

function segment(value: number, ends: readonly number[]): number {
  for (let i = 0; i < ends.length; i++) if (value <= ends[i]) return i;
  return ends.length;
}

/** G.711 µ-law encoding of one 16-bit linear sample (reference algorithm). */
export function linearToUlawReference(sample: number): number {
  let pcm = Math.min(8191, (sample + 2) >> 2); // 14-bit linear, rounded
  let mask: number;
  if (pcm < 0) {
    pcm = -pcm;
    mask = 0x7f;
  } else {
    mask = 0xff;
  }
  if (pcm > ULAW_CLIP) pcm = ULAW_CLIP;
  pcm += ULAW_BIAS >> 2;
  const seg = segment(pcm, ULAW_SEG_END);
  if (seg >= 8) return 0x7f ^ mask;
  return (((seg << 4) | ((pcm >> (seg + 1)) & 0x0f)) ^ mask) & 0xff;
}

/** G.711 µ-law decoding to a 16-bit linear sample. */
export function ulawToLinearReference(code: number): number {
  const u = ~code & 0xff;
  let t = ((u & 0x0f) << 3) + ULAW_BIAS;
  t <<= (u & 0x70) >> 4;
  return u & 0x80 ? ULAW_BIAS - t : t - ULAW_BIAS;
}

/** G.711 A-law encoding of one 16-bit linear sample (reference algorithm, even bits inverted). */
export function linearToAlawReference(sample: number): number {
  let pcm = Math.min(4095, (sample + 4) >> 3); // 13-bit linear, rounded
  let mask: number;
  if (pcm >= 0) {
    mask = 0xd5;
  } else {
    mask = 0x55;
    pcm = -pcm - 1;
  }
  const seg = segment(pcm, ALAW_SEG_END);
  if (seg >= 8) return (0x7f ^ mask) & 0xff;
  let a = seg << 4;
  a |= seg < 2 ? (pcm >> 1) & 0x0f : (pcm >> seg) & 0x0f;
  return (a ^ mask) & 0xff;
}

/** G.711 A-law decoding to a 16-bit linear sample. */
export function alawToLinearReference(code: number): number {
  const a = (code ^ 0x55) & 0xff;
  let t = (a & 0x0f) << 4;
  const seg = (a & 0x70) >> 4;
  if (seg === 0) t += 8;
  else if (seg === 1) t += 0x108;
  else t = (t + 0x108) << (seg - 1);
  return a & 0x80 ? t : -t;
}

const ULAW_DECODE = new Int16Array(256);
const ALAW_DECODE = new Int16Array(256);
const ULAW_ENCODE = new Uint8Array(65536);
const ALAW_ENCODE = new Uint8Array(65536);
for (let i = 0; i < 256; i++) {
  ULAW_DECODE[i] = ulawToLinearReference(i);
  ALAW_DECODE[i] = alawToLinearReference(i);
}
for (let i = 0; i < 65536; i++) {
  const s = i >= 32768 ? i - 65536 : i;
  ULAW_ENCODE[i] = linearToUlawReference(s);
  ALAW_ENCODE[i] = linearToAlawReference(s);
}

/** The byte each law uses for digital silence (the encoding of 0). */
export const SILENCE_BYTE: Readonly<Record<CodecName, number>> = {
  PCMU: ULAW_ENCODE[0],
  PCMA: ALAW_ENCODE[0],
};

/** Encodes 16-bit samples into G.711 bytes. `out` may be passed to avoid an allocation. */
export function encode(codec: CodecName, pcm: Int16Array, out: Uint8Array = new Uint8Array(pcm.length)): Uint8Array {
  const table = codec === 'PCMU' ? ULAW_ENCODE : ALAW_ENCODE;
  for (let i = 0; i < pcm.length; i++) out[i] = table[pcm[i] & 0xffff];
  return out;
}

/** Decodes G.711 bytes into 16-bit samples. */
export function decode(codec: CodecName, bytes: Uint8Array, out: Int16Array = new Int16Array(bytes.length)): Int16Array {
  const table = codec === 'PCMU' ? ULAW_DECODE : ALAW_DECODE;
  for (let i = 0; i < bytes.length; i++) out[i] = table[bytes[i]];
  return out;
}

export function encodeSample(codec: CodecName, sample: number): number {
  return (codec === 'PCMU' ? ULAW_ENCODE : ALAW_ENCODE)[sample & 0xffff];
}

export function decodeSample(codec: CodecName, code: number): number {
  return (codec === 'PCMU' ? ULAW_DECODE : ALAW_DECODE)[code & 0xff];
}

/** The static RTP payload types of RFC 3551 §6. */
export const STATIC_PAYLOAD_TYPE: Readonly<Record<CodecName, number>> = { PCMU: 0, PCMA: 8 };

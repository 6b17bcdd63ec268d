/**
 * WAV (RIFF WAVE) reading and writing. Reads PCM 8/16/24/32-bit, IEEE float, A-law and µ-law,
 * WAVE_FORMAT_EXTENSIBLE, any rate and channel count; writes 16-bit PCM.
 */
import { decodeSample } from './g711';

export const WAVE_FORMAT_PCM = 1;
export const WAVE_FORMAT_IEEE_FLOAT = 3;
export const WAVE_FORMAT_ALAW = 6;
export const WAVE_FORMAT_MULAW = 7;
export const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

export interface DecodedAudio {
  sampleRate: number;
  channels: number;
  /** Original encoding, for information. */
  format: 'pcm' | 'float' | 'alaw' | 'ulaw';
  bitsPerSample: number;
  /** Mono 16-bit samples (channels averaged). */
  samples: Int16Array;
}

export class WavFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WavFormatError';
  }
}

export function isWav(buf: Uint8Array): boolean {
  return buf.length >= 12 && Buffer.from(buf.buffer, buf.byteOffset, 12).toString('latin1', 0, 4) === 'RIFF' &&
    Buffer.from(buf.buffer, buf.byteOffset, 12).toString('latin1', 8, 12) === 'WAVE';
}

/** Parses a WAV file held in memory and mixes it down to mono 16-bit. */
export function readWav(input: Uint8Array): DecodedAudio {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (!isWav(buf)) throw new WavFormatError('not a RIFF/WAVE file');
  let offset = 12;
  let fmt: { tag: number; channels: number; rate: number; bits: number; blockAlign: number } | undefined;
  let data: Buffer | undefined;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('latin1', offset, offset + 4);
    let size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    // Streaming writers leave 0 or 0xFFFFFFFF in the data size: take what is there.
    if (body + size > buf.length) size = buf.length - body;
    if (id === 'fmt ') {
      if (size < 16) throw new WavFormatError('fmt chunk too short');
      let tag = buf.readUInt16LE(body);
      if (tag === WAVE_FORMAT_EXTENSIBLE && size >= 40) tag = buf.readUInt16LE(body + 24); // SubFormat GUID's first two bytes
      fmt = {
        tag,
        channels: buf.readUInt16LE(body + 2),
        rate: buf.readUInt32LE(body + 4),
        blockAlign: buf.readUInt16LE(body + 12),
        bits: buf.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      data = buf.subarray(body, body + size);
      if (fmt) break;
    }
    offset = body + size + (size & 1); // chunks are word-aligned
  }
  if (!fmt) throw new WavFormatError('no fmt chunk');
  if (!data) throw new WavFormatError('no data chunk');
  const { tag, channels, rate, bits } = fmt;
  if (channels < 1 || channels > 8) throw new WavFormatError(`unsupported channel count ${channels}`);
  if (rate < 1000 || rate > 384000) throw new WavFormatError(`unsupported sample rate ${rate}`);
  let read: (pos: number) => number; // returns a sample scaled to 16-bit range
  let bytes: number;
  let format: DecodedAudio['format'];
  if (tag === WAVE_FORMAT_PCM && bits === 8) {
    bytes = 1; format = 'pcm';
    read = (p) => (data![p] - 128) << 8;
  } else if (tag === WAVE_FORMAT_PCM && bits === 16) {
    bytes = 2; format = 'pcm';
    read = (p) => data!.readInt16LE(p);
  } else if (tag === WAVE_FORMAT_PCM && bits === 24) {
    bytes = 3; format = 'pcm';
    read = (p) => data!.readIntLE(p, 3) >> 8;
  } else if (tag === WAVE_FORMAT_PCM && bits === 32) {
    bytes = 4; format = 'pcm';
    read = (p) => data!.readInt32LE(p) >> 16;
  } else if (tag === WAVE_FORMAT_IEEE_FLOAT && (bits === 32 || bits === 64)) {
    bytes = bits / 8; format = 'float';
    read = bits === 32 ? (p) => data!.readFloatLE(p) * 32767 : (p) => data!.readDoubleLE(p) * 32767;
  } else if (tag === WAVE_FORMAT_ALAW && bits === 8) {
    bytes = 1; format = 'alaw';
    read = (p) => decodeSample('PCMA', data![p]);
  } else if (tag === WAVE_FORMAT_MULAW && bits === 8) {
    bytes = 1; format = 'ulaw';
    read = (p) => decodeSample('PCMU', data![p]);
  } else {
    throw new WavFormatError(`unsupported WAV encoding (format tag ${tag}, ${bits} bits)`);
  }
  const frame = bytes * channels;
  const count = Math.floor(data.length / frame);
  const samples = new Int16Array(count);
  for (let i = 0; i < count; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += read(i * frame + c * bytes);
    samples[i] = clamp16(Math.round(sum / channels));
  }
  return { sampleRate: rate, channels, format, bitsPerSample: bits, samples };
}

export function clamp16(v: number): number {
  return v > 32767 ? 32767 : v < -32768 ? -32768 : v;
}

/** A 44-byte canonical header for 16-bit PCM (or `format`/`bits` as given). */
export function wavHeader(dataBytes: number, sampleRate: number, channels = 1, bits = 16, format = WAVE_FORMAT_PCM): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(Math.min(0xffffffff, 36 + dataBytes), 4);
  h.write('WAVE', 8, 'latin1');
  h.write('fmt ', 12, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(format, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE((sampleRate * channels * bits) / 8, 28);
  h.writeUInt16LE((channels * bits) / 8, 32);
  h.writeUInt16LE(bits, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(Math.min(0xffffffff, dataBytes), 40);
  return h;
}

/** A complete in-memory 16-bit mono WAV. */
export function writeWav(samples: Int16Array, sampleRate: number): Buffer {
  const body = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  return Buffer.concat([wavHeader(body.length, sampleRate), littleEndian(body)]);
}

/** Int16Array memory is host-endian; WAV is little-endian. Copy-swaps only on big-endian hosts. */
export function littleEndian(body: Buffer): Buffer {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) return body;
  const c = Buffer.from(body);
  c.swap16();
  return c;
}

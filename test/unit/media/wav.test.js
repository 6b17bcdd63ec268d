'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const wav = require('../../../dist/core/media/wav');
const { resample } = require('../../../dist/core/media/resample');
const { decodeAudioBytes } = require('../../../dist/core/media/player');
const { WavFileWriter } = require('../../../dist/core/media/recorder');

function sine(freq, rate, n, amp = 10000) {
  return Int16Array.from({ length: n }, (_, i) => Math.round(amp * Math.sin((2 * Math.PI * freq * i) / rate)));
}

/** Goertzel power of one frequency, normalised by the signal energy. */
function toneShare(samples, freq, rate) {
  const k = (2 * Math.cos((2 * Math.PI * freq) / rate));
  let s1 = 0, s2 = 0, energy = 0;
  for (const x of samples) {
    const s0 = x + k * s1 - s2;
    s2 = s1;
    s1 = s0;
    energy += x * x;
  }
  const power = s1 * s1 + s2 * s2 - k * s1 * s2;
  return energy === 0 ? 0 : (2 * power) / (samples.length * energy);
}

function rms(a) {
  let e = 0;
  for (const x of a) e += x * x;
  return Math.sqrt(e / a.length);
}

function makeWav({ tag, channels, rate, bits, body }) {
  const h = wav.wavHeader(body.length, rate, channels, bits, tag);
  return Buffer.concat([h, body]);
}

describe('media/wav', () => {
  it('writes a 16-bit WAV and reads it back', () => {
    const s = sine(1000, 8000, 800);
    const buf = wav.writeWav(s, 8000);
    assert.equal(buf.length, 44 + 1600);
    assert.equal(buf.toString('latin1', 0, 4), 'RIFF');
    const back = wav.readWav(buf);
    assert.equal(back.sampleRate, 8000);
    assert.equal(back.channels, 1);
    assert.deepEqual([...back.samples], [...s]);
  });

  it('reads 8-bit unsigned, stereo 16-bit (mixing down), A-law, µ-law, float and extensible', () => {
    const u8 = wav.readWav(makeWav({ tag: 1, channels: 1, rate: 8000, bits: 8, body: Buffer.from([128, 255, 0]) }));
    assert.deepEqual([...u8.samples], [0, 127 << 8, -32768]);
    const st = Buffer.alloc(8);
    st.writeInt16LE(1000, 0); st.writeInt16LE(3000, 2); st.writeInt16LE(-100, 4); st.writeInt16LE(-300, 6);
    assert.deepEqual([...wav.readWav(makeWav({ tag: 1, channels: 2, rate: 8000, bits: 16, body: st })).samples], [2000, -200]);
    assert.deepEqual([...wav.readWav(makeWav({ tag: 6, channels: 1, rate: 8000, bits: 8, body: Buffer.from([0xd5, 0xaa]) })).samples], [8, 32256]);
    assert.deepEqual([...wav.readWav(makeWav({ tag: 7, channels: 1, rate: 8000, bits: 8, body: Buffer.from([0xff, 0x80]) })).samples], [0, 32124]);
    const f = Buffer.alloc(8);
    f.writeFloatLE(0.5, 0); f.writeFloatLE(-1, 4);
    assert.deepEqual([...wav.readWav(makeWav({ tag: 3, channels: 1, rate: 8000, bits: 32, body: f })).samples], [16384, -32767]);
    // WAVE_FORMAT_EXTENSIBLE with PCM subformat
    const ext = Buffer.alloc(40);
    ext.writeUInt16LE(0xfffe, 0); ext.writeUInt16LE(1, 2); ext.writeUInt32LE(8000, 4); ext.writeUInt32LE(16000, 8);
    ext.writeUInt16LE(2, 12); ext.writeUInt16LE(16, 14); ext.writeUInt16LE(22, 16); ext.writeUInt16LE(1, 24);
    const data = Buffer.from([0x10, 0x00]);
    const file = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt '), Buffer.from([40, 0, 0, 0]), ext,
      Buffer.from('LIST'), Buffer.from([3, 0, 0, 0, 1, 2, 3, 0]), Buffer.from('data'), Buffer.from([2, 0, 0, 0]), data]);
    assert.deepEqual([...wav.readWav(file).samples], [16]);
  });

  it('rejects what it cannot read with a clear error', () => {
    assert.throws(() => wav.readWav(Buffer.from('not a wav at all')), wav.WavFormatError);
    assert.throws(() => wav.readWav(makeWav({ tag: 2, channels: 1, rate: 8000, bits: 4, body: Buffer.alloc(4) })), /unsupported/);
    const noData = wav.wavHeader(0, 8000).subarray(0, 36);
    assert.throws(() => wav.readWav(noData), /no data/);
  });

  it('writes a WAV file incrementally and fixes the header at the end', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wavw-'));
    try {
      const file = path.join(dir, 'r.wav');
      const w = new WavFileWriter(file);
      const s = sine(440, 8000, 8000 * 3);
      for (let i = 0; i < s.length; i += 160) w.append(s.subarray(i, i + 160));
      assert.equal(await w.close(), undefined);
      const back = wav.readWav(fs.readFileSync(file));
      assert.equal(back.samples.length, 24000);
      assert.deepEqual([...back.samples.subarray(0, 500)], [...s.subarray(0, 500)]);
      assert.equal(fs.readFileSync(file).readUInt32LE(40), 48000);
      const bad = new WavFileWriter(path.join(dir, 'missing', 'x.wav'));
      bad.append(s.subarray(0, 160));
      assert.ok((await bad.close()) instanceof Error);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('media/resample', () => {
  it('keeps a 1 kHz tone at 1 kHz when converting 44.1 kHz and 48 kHz to 8 kHz, with the same level', () => {
    for (const rate of [44100, 48000, 16000, 11025]) {
      const out = resample(sine(1000, rate, rate), rate, 8000);
      assert.equal(out.length, 8000);
      assert.ok(toneShare(out.subarray(200, 7800), 1000, 8000) > 0.95, `${rate}: tone`);
      assert.ok(Math.abs(rms(out.subarray(200, 7800)) - 10000 / Math.SQRT2) < 300, `${rate}: level ${rms(out)}`);
    }
  });

  it('filters out what lies above 4 kHz instead of aliasing it', () => {
    // 6 kHz at 48 kHz would alias to 2 kHz without the low-pass.
    const out = resample(sine(6000, 48000, 48000), 48000, 8000);
    assert.ok(rms(out.subarray(200, 7800)) < 200, `residue ${rms(out)}`);
  });

  it('upsamples 8 kHz to 16 kHz', () => {
    const out = resample(sine(1000, 8000, 8000), 8000, 16000);
    assert.equal(out.length, 16000);
    assert.ok(toneShare(out.subarray(400, 15600), 1000, 16000) > 0.95);
  });

  it('decodes a 44.1 kHz stereo WAV made by sox to 8 kHz mono', function () {
    if (spawnSync('sox', ['--version']).status !== 0) this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
    try {
      const file = path.join(dir, 't.wav');
      const r = spawnSync('sox', ['-D', '-n', '-r', '44100', '-c', '2', '-b', '16', file, 'synth', '1', 'sine', '1000', 'vol', '0.3']);
      assert.equal(r.status, 0, String(r.stderr));
      const s = decodeAudioBytes(fs.readFileSync(file), undefined, 'PCMU');
      assert.equal(s.length, 8000);
      assert.ok(toneShare(s.subarray(200, 7800), 1000, 8000) > 0.95);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('treats a non-WAV buffer as raw G.711 of the call\'s codec or as the given format', () => {
    assert.deepEqual([...decodeAudioBytes(Buffer.from([0xff, 0x80]), undefined, 'PCMU')], [0, 32124]);
    assert.deepEqual([...decodeAudioBytes(Buffer.from([0xd5]), undefined, 'PCMA')], [8]);
    assert.deepEqual([...decodeAudioBytes(Buffer.from([0x10, 0x00, 0xff, 0xff]), 's16le', 'PCMU')], [16, -1]);
  });
});

module.exports = { toneShare, sine, rms };

'use strict';
const assert = require('node:assert/strict');
const { toneSource, BufferSource } = require('../../../dist/core/media/audio-source');
const { toneShare } = require('./wav.test.js');

function take(src, n) {
  const out = new Int16Array(n);
  const got = src.read(out, 0, n);
  return { out, got };
}

describe('media/tones', () => {
  it('ringback (ETSI): 1 s of 425 Hz then 4 s of silence, repeating', () => {
    const src = toneSource({ tone: 'ringback' });
    const { out } = take(src, 8000 * 6);
    assert.ok(toneShare(out.subarray(0, 8000), 425, 8000) > 0.95);
    assert.ok(out.subarray(8000, 40000).every((x) => x === 0));
    assert.ok(toneShare(out.subarray(40000, 48000), 425, 8000) > 0.95);
  });

  it('ringback (US): 440 + 480 Hz for 2 s; busy: 0.5 s on / 0.5 s off', () => {
    const us = take(toneSource({ tone: 'ringback', region: 'us' }), 16000).out;
    assert.ok(toneShare(us, 440, 8000) > 0.4 && toneShare(us, 480, 8000) > 0.4);
    const busy = take(toneSource({ tone: 'busy' }), 8000).out;
    assert.ok(toneShare(busy.subarray(0, 4000), 425, 8000) > 0.95);
    assert.ok(busy.subarray(4000).every((x) => x === 0));
  });

  it('DTMF tones use the Q.23 row and column frequencies and end after the digits', () => {
    const src = toneSource({ tone: 'dtmf', digits: '9#', durationMs: 100, gapMs: 50 });
    const { out, got } = take(src, 8000);
    assert.equal(got, 2 * (800 + 400));
    const nine = out.subarray(0, 800);
    assert.ok(toneShare(nine, 852, 8000) > 0.4 && toneShare(nine, 1477, 8000) > 0.4);
    const pound = out.subarray(1200, 2000);
    assert.ok(toneShare(pound, 941, 8000) > 0.4 && toneShare(pound, 1477, 8000) > 0.4);
    assert.throws(() => toneSource({ tone: 'dtmf', digits: 'x' }), RangeError);
  });

  it('maxMs bounds a repeating tone; a sine plays for its duration', () => {
    assert.equal(take(toneSource({ tone: 'busy', maxMs: 250 }), 8000).got, 2000);
    const { out, got } = take(toneSource({ tone: 'sine', frequency: 1000, durationMs: 500 }), 8000);
    assert.equal(got, 4000);
    assert.ok(toneShare(out.subarray(0, 4000), 1000, 8000) > 0.95);
  });

  it('a buffer source loops seamlessly across reads', () => {
    const src = new BufferSource(Int16Array.from([1, 2, 3]), true);
    const out = new Int16Array(7);
    assert.equal(src.read(out, 0, 7), 7);
    assert.deepEqual([...out], [1, 2, 3, 1, 2, 3, 1]);
  });
});

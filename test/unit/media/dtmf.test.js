'use strict';
const assert = require('node:assert/strict');
const dtmf = require('../../../dist/core/media/dtmf');

function run(sender, ticks) {
  const out = [];
  for (let t = 0; t < ticks; t++) {
    const p = sender.tick(1000 + t * 160, 160, 20);
    out.push(p && { ts: p.timestamp, m: p.marker, ...dtmf.parseTelephoneEvent(p.payload) });
  }
  return out;
}

describe('media/dtmf (RFC 4733)', () => {
  it('maps digits, A-D and flash to events', () => {
    assert.deepEqual(dtmf.digitsToEvents('0129*#abcD!'), [0, 1, 2, 9, 10, 11, 12, 13, 14, 15, 16]);
    assert.deepEqual(dtmf.digitsToEvents('flash'), [16]);
    assert.throws(() => dtmf.digitsToEvents('1x'), RangeError);
    assert.equal(dtmf.eventToDigit(11), '#');
    assert.equal(dtmf.eventToDigit(16), 'flash');
  });

  it('sends a digit with growing duration, a held timestamp, marker on the first packet, the end packet three times', async () => {
    const s = new dtmf.DtmfSender(10, 60);
    let resolved = false;
    const done = s.enqueue([5], 100).then(() => { resolved = true; });
    const out = run(s, 10);
    assert.deepEqual(out.slice(0, 7).map((p) => [p.event, p.end, p.duration, p.ts, p.m, p.volume]), [
      [5, false, 160, 1000, true, 10],
      [5, false, 320, 1000, false, 10],
      [5, false, 480, 1000, false, 10],
      [5, false, 640, 1000, false, 10],
      [5, true, 800, 1000, false, 10],
      [5, true, 800, 1000, false, 10],
      [5, true, 800, 1000, false, 10],
    ]);
    assert.deepEqual(out.slice(7), [undefined, undefined, undefined]);
    await done;
    assert.ok(resolved);
    assert.equal(s.digitsSent, 1);
  });

  it('separates digits by a gap and gives each a new timestamp', () => {
    const s = new dtmf.DtmfSender(10, 40);
    s.enqueue([1, 2], 40);
    const out = run(s, 12);
    const starts = out.filter((p) => p && p.m);
    assert.deepEqual(starts.map((p) => [p.event, p.ts]), [[1, 1000], [2, 1000 + 6 * 160]]);
    assert.equal(out[4], undefined);
    assert.equal(out[5], undefined);
  });

  it('receives each event once however many end packets arrive, with its duration', () => {
    const got = [];
    const r = new dtmf.DtmfReceiver((d) => got.push(d));
    const pkt = (event, end, duration) => dtmf.serializeTelephoneEvent({ event, end, volume: 10, duration });
    r.onPacket(500, pkt(1, false, 160));
    r.onPacket(500, pkt(1, false, 320));
    r.onPacket(500, pkt(1, true, 800));
    r.onPacket(500, pkt(1, true, 800));
    r.onPacket(500, pkt(1, true, 800));
    // Same digit again, new event (new timestamp); its end packets are all lost.
    r.onPacket(3000, pkt(1, false, 160));
    r.onPacket(3000, pkt(1, false, 480));
    // A different digit arrives: the lost-end event is reported first.
    r.onPacket(6000, pkt(11, true, 1600));
    r.onPacket(6000, pkt(11, true, 1600));
    // A late retransmission of the first event is ignored.
    r.onPacket(500, pkt(1, true, 800));
    assert.deepEqual(got, [
      { digit: '1', event: 1, durationMs: 100 },
      { digit: '1', event: 1, durationMs: 60 },
      { digit: '#', event: 11, durationMs: 200 },
    ]);
  });
});

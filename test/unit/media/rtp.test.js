'use strict';
const assert = require('node:assert/strict');
const { parseRtp, serializeRtp } = require('../../../dist/core/media/rtp-packet');
const { ReceiveStats, ReorderBuffer } = require('../../../dist/core/media/rtp-receive');
const rtcp = require('../../../dist/core/media/rtcp');

describe('media/rtp packets', () => {
  it('serialises and parses the fixed header', () => {
    const buf = serializeRtp(8, true, 65535, 0xfffffff0, 0xdeadbeef, Uint8Array.from([1, 2, 3]));
    assert.equal(buf.length, 15);
    assert.equal(buf[0], 0x80);
    assert.equal(buf[1], 0x88);
    const p = parseRtp(buf);
    assert.deepEqual({ ...p, payload: [...p.payload] }, {
      payloadType: 8, marker: true, sequenceNumber: 65535, timestamp: 0xfffffff0, ssrc: 0xdeadbeef, csrcs: [], payload: [1, 2, 3],
    });
  });

  it('skips CSRCs, header extension and padding; rejects junk and RTCP', () => {
    const b = Buffer.from([0x80 | 0x20 | 0x10 | 1, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 9, 0xbe, 0xde, 0, 1, 1, 2, 3, 4, 0xaa, 0xbb, 0, 2]);
    const p = parseRtp(b);
    assert.deepEqual(p.csrcs, [9]);
    assert.deepEqual([...p.payload], [0xaa, 0xbb]);
    assert.equal(parseRtp(Buffer.alloc(11)), undefined);
    assert.equal(parseRtp(Buffer.from([0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])), undefined, 'version 1');
    assert.equal(parseRtp(Buffer.from([0x80, 200, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0])), undefined, 'RTCP SR');
    assert.equal(parseRtp(Buffer.from([0xa0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50])), undefined, 'padding longer than packet');
  });
});

describe('media/rtp receive statistics (RFC 3550 A.1, A.3, A.8)', () => {
  it('counts loss, duplicates and reordering across the 16-bit wrap', () => {
    const s = new ReceiveStats();
    const seqs = [65533, 65534, 65535, 1, 0, 0, 2, 4, 5];
    const accepted = seqs.map((q) => s.update(q, 160));
    assert.deepEqual(accepted, [true, true, true, true, true, false, true, true, true]);
    assert.equal(s.duplicates, 1);
    assert.equal(s.outOfOrder, 1);
    assert.equal(s.received, 8);
    assert.equal(s.cycles, 65536);
    assert.equal(s.expected, 65536 + 5 - 65533 + 1);
    assert.equal(s.lost, 1); // seq 3
    assert.equal(s.fractionSinceLastReport(), Math.floor((1 << 8) / 9));
    assert.equal(s.fractionSinceLastReport(), 0);
  });

  it('accepts a sender restart after two sequential packets', () => {
    const s = new ReceiveStats();
    s.update(100, 1);
    s.update(101, 1);
    assert.equal(s.update(40000, 1), false);
    assert.equal(s.update(40001, 1), true);
    assert.equal(s.received, 1);
    assert.equal(s.baseSeq, 40001);
  });

  it('computes interarrival jitter', () => {
    const s = new ReceiveStats();
    // Packets 160 samples apart arriving alternately 80 samples early and late: |D| = 160 each time after the first.
    for (let i = 0; i < 200; i++) s.updateJitter(i * 160 + (i % 2 ? 80 : -80), i * 160);
    assert.ok(Math.abs(s.jitter - 160) <= 10, `jitter ${s.jitter}`);
  });

  it('reorders up to three packets and gives up on a lost one', () => {
    const out = [];
    const r = new ReorderBuffer((item) => out.push(item));
    for (const q of [10, 12, 11, 13, 15, 16, 17, 18, 19, 14]) r.push(q, q);
    assert.deepEqual(out, [10, 11, 12, 13, 15, 16, 17, 18, 19]);
  });
});

describe('media/rtcp', () => {
  it('builds SR+SDES+BYE compound packets and parses them back', () => {
    const block = { ssrc: 7, fractionLost: 25, cumulativeLost: -2, highestSeq: 70000, jitter: 40, lsr: 0x12345678, dlsr: 65536 };
    const sr = rtcp.buildSenderReport(99, { ntpSec: 1, ntpFrac: 2, rtpTimestamp: 3, packetCount: 4, octetCount: 5 }, [block]);
    assert.equal(sr.length, 52);
    const compound = Buffer.concat([sr, rtcp.buildSdesCname(99, 'abc@host'), rtcp.buildBye(99, 'bye')]);
    assert.equal(compound.length % 4, 0);
    const parsed = rtcp.parseRtcp(compound);
    assert.deepEqual(parsed.map((p) => p.type), [200, 202, 203]);
    assert.deepEqual(parsed[0].sender, { ntpSec: 1, ntpFrac: 2, rtpTimestamp: 3, packetCount: 4, octetCount: 5 });
    assert.deepEqual(parsed[0].reports[0], block);
    assert.deepEqual(parsed[2].byeSsrcs, [99]);
    const rr = rtcp.parseRtcp(rtcp.buildReceiverReport(5, []));
    assert.equal(rr[0].type, 201);
    assert.equal(rr[0].ssrc, 5);
    assert.equal(rtcp.parseRtcp(rtcp.buildBye(1)), undefined, 'a compound packet must start with SR or RR');
    assert.equal(rtcp.parseRtcp(sr.subarray(0, 20)), undefined);
  });

  it('converts Unix time to NTP', () => {
    const n = rtcp.ntpFromUnixMs(1500);
    assert.equal(n.sec, 2208988801);
    assert.equal(n.frac, 0x80000000);
  });
});

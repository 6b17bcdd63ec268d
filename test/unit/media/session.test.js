'use strict';
// A session against a raw UDP peer on 127.0.0.1 and against a second session, with fake timers
// driving the packet clock; socket I/O is real, so the tests wait for datagrams (setImmediate
// polling), never for time.
const assert = require('node:assert/strict');
const dgram = require('node:dgram');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const sinon = require('sinon');
const { MediaEngine, MediaNegotiationError } = require('../../../dist/core/media');
const { parseRtp, serializeRtp } = require('../../../dist/core/media/rtp-packet');
const { parseRtcp } = require('../../../dist/core/media/rtcp');
const { parseTelephoneEvent, serializeTelephoneEvent } = require('../../../dist/core/media/dtmf');
const g711 = require('../../../dist/core/media/g711');
const wav = require('../../../dist/core/media/wav');

const PORT_MIN = 22100;
const PORT_MAX = 22199;
const realImmediate = setImmediate;

async function waitFor(cond, what, spins = 20000) {
  for (let i = 0; i < spins; i++) {
    if (cond()) return;
    await new Promise((r) => realImmediate(r));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function rawPeer() {
  const sock = dgram.createSocket('udp4');
  await new Promise((r) => sock.bind(0, '127.0.0.1', r));
  const rtp = [];
  const rtcp = [];
  sock.on('message', (m, rinfo) => {
    if (m[1] >= 200 && m[1] <= 204) rtcp.push(parseRtcp(m));
    else rtp.push({ ...parseRtp(m), from: rinfo });
  });
  return { sock, port: sock.address().port, rtp, rtcp };
}

function answerFrom(port, extra = []) {
  return ['v=0', 'o=peer 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0',
    `m=audio ${port} RTP/AVP 0 101`, 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-15', 'a=rtcp-mux', ...extra, ''].join('\r\n');
}

describe('media/session (loopback, fake timers)', function () {
  let clock;
  let engine;
  const peers = [];
  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
    engine = new MediaEngine({ localAddress: '127.0.0.1', portMin: PORT_MIN, portMax: PORT_MAX, codecs: ['PCMU', 'PCMA'] });
  });
  afterEach(async () => {
    await engine.close();
    for (const p of peers.splice(0)) p.sock.close();
    clock.restore();
  });

  it('allocates even RTP ports in the range', async () => {
    const a = await engine.createSession();
    const b = await engine.createSession();
    for (const s of [a, b]) {
      assert.equal(s.localPort % 2, 0);
      assert.ok(s.localPort >= PORT_MIN && s.localPort + 1 <= PORT_MAX);
    }
    assert.notEqual(a.localPort, b.localPort);
    await a.close();
    assert.equal(engine.activeSessions, 1);
  });

  it('sends 20 ms packets with continuous sequence numbers and timestamps, marker on the first', async () => {
    const peer = await rawPeer();
    peers.push(peer);
    const s = await engine.createSession();
    s.createOffer();
    s.setRemoteAnswer(answerFrom(peer.port));
    assert.equal(s.codec, 'PCMU');
    clock.tick(1000);
    await waitFor(() => peer.rtp.length >= 50, '50 packets');
    const p = peer.rtp;
    assert.equal(p.length, 51); // ticks at 0, 20, ..., 1000
    for (let i = 1; i < p.length; i++) {
      assert.equal(p[i].sequenceNumber, (p[0].sequenceNumber + i) & 0xffff);
      assert.equal(p[i].timestamp, (p[0].timestamp + i * 160) >>> 0);
      assert.equal(p[i].ssrc, p[0].ssrc);
      assert.equal(p[i].payloadType, 0);
      assert.equal(p[i].payload.length, 160);
      assert.equal(p[i].marker, false);
    }
    assert.equal(p[0].marker, true);
    assert.ok(p[0].payload.every((b) => b === 0xff), 'µ-law silence while nothing plays');
    assert.equal(s.stats().packetsSent, 51);
    assert.equal(s.stats().bytesSent, 51 * 160);
  });

  it('sends RFC 4733 digits with held timestamps and three end packets, audio timestamps running on', async () => {
    const peer = await rawPeer();
    peers.push(peer);
    const s = await engine.createSession();
    s.createOffer();
    s.setRemoteAnswer(answerFrom(peer.port));
    clock.tick(40);
    const sent = s.sendDtmf('5#', { durationMs: 100 });
    clock.tick(1000);
    await sent;
    await waitFor(() => peer.rtp.length >= 51, 'packets');
    const ev = peer.rtp.filter((x) => x.payloadType === 101).map((x) => ({ ...parseTelephoneEvent(x.payload), ts: x.timestamp, m: x.marker }));
    const five = ev.filter((e) => e.event === 5);
    const pound = ev.filter((e) => e.event === 11);
    assert.deepEqual(five.map((e) => [e.end, e.duration]), [[false, 160], [false, 320], [false, 480], [false, 640], [true, 800], [true, 800], [true, 800]]);
    assert.ok(five.every((e) => e.ts === five[0].ts));
    assert.deepEqual(five.map((e) => e.m), [true, false, false, false, false, false, false]);
    assert.equal(pound.filter((e) => e.end).length, 3);
    assert.notEqual(pound[0].ts, five[0].ts);
    // All packets, events included, have consecutive sequence numbers; audio timestamps follow time.
    const all = peer.rtp;
    for (let i = 1; i < all.length; i++) assert.equal(all[i].sequenceNumber, (all[0].sequenceNumber + i) & 0xffff);
    const audio = all.filter((x) => x.payloadType === 0);
    const firstAfter = all.findIndex((x, i) => i > 0 && x.payloadType === 0 && all[i - 1].payloadType === 101);
    assert.equal(all[firstAfter].timestamp, (all[0].timestamp + firstAfter * 160) >>> 0);
    assert.equal(all[firstAfter].marker, true, 'talkspurt after an event');
    assert.ok(audio.length > 20);
    assert.equal(s.stats().dtmfSent, 2);
  });

  it('receives digits once each, reports their duration, and latches onto the source (symmetric RTP)', async () => {
    const peer = await rawPeer();
    peers.push(peer);
    const other = dgram.createSocket('udp4');
    await new Promise((r) => other.bind(0, '127.0.0.1', r));
    const s = await engine.createSession();
    const digits = [];
    s.on('dtmf', (d) => digits.push(d));
    s.createOffer();
    s.setRemoteAnswer(answerFrom(peer.port)); // SDP names `peer`, but RTP will come from `other`
    const send = (pt, m, seq, ts, payload) => other.send(serializeRtp(pt, m, seq, ts, 0x1234, payload), s.localPort, '127.0.0.1');
    send(0, true, 1, 0, new Uint8Array(160).fill(0xff));
    const ev = (end, dur) => serializeTelephoneEvent({ event: 7, end, volume: 10, duration: dur });
    send(101, true, 2, 160, ev(false, 160));
    send(101, false, 3, 160, ev(false, 320));
    send(101, false, 4, 160, ev(true, 640));
    send(101, false, 5, 160, ev(true, 640));
    send(101, false, 5, 160, ev(true, 640)); // duplicate
    send(101, false, 6, 160, ev(true, 640));
    await waitFor(() => s.stats().packetsReceived >= 6, 'received');
    assert.deepEqual(digits, [{ digit: '7', durationMs: 80 }]);
    const peerGot = [];
    other.on('message', (m) => peerGot.push(parseRtp(m)));
    clock.tick(100);
    await waitFor(() => peerGot.length >= 5, 'latched packets');
    assert.equal(s.stats().duplicates, 1);
    assert.equal(s.stats().dtmfReceived, 1);
    other.close();
  });

  it('holds and resumes: direction in the SDP, remote hold reported, no packets while held, timestamps continue', async () => {
    const a = await engine.createSession();
    const b = await engine.createSession();
    const bRemote = [];
    b.on('remoteDirection', (d) => bRemote.push(d));
    a.setRemoteAnswer(b.createAnswer(a.createOffer()));
    clock.tick(200);
    const before = b.stats().packetsSent;
    assert.equal(before, 11);
    // a puts b on hold.
    const holdOffer = a.createOffer('sendonly');
    assert.match(holdOffer, /a=sendonly/);
    assert.match(holdOffer, /o=- \d+ 1 IN IP4/, 'o= version incremented');
    const holdAnswer = b.createAnswer(holdOffer);
    assert.match(holdAnswer, /a=recvonly/);
    a.setRemoteAnswer(holdAnswer);
    assert.equal(b.remoteDirection, 'sendonly');
    assert.equal(b.direction, 'recvonly');
    clock.tick(400);
    assert.equal(b.stats().packetsSent, before, 'b sends nothing while held');
    assert.ok(a.stats().packetsSent > 20, 'a keeps sending (music on hold)');
    // Resume.
    const resume = a.createOffer('sendrecv');
    a.setRemoteAnswer(b.createAnswer(resume));
    assert.deepEqual(bRemote, ['sendrecv', 'sendonly', 'sendrecv']);
    // Spy b's next packet through a's receiver.
    const got = [];
    a.on('audio', (_buf, info) => got.push(info));
    clock.tick(20);
    await waitFor(() => got.length >= 1, 'b resumes');
    await waitFor(() => a.stats().packetsReceived >= before + 1, 'count');
    const st = a.stats();
    assert.equal(st.packetsLost, 0, 'sequence numbers continue across hold');
  });

  it('plays a WAV buffer to the far end, ends with playEnded, and records what arrives', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'media-'));
    try {
      const a = await engine.createSession();
      const b = await engine.createSession();
      a.setRemoteAnswer(b.createAnswer(a.createOffer()));
      const tone = Int16Array.from({ length: 16000 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 1000 * i) / 16000)));
      const ended = [];
      a.on('playEnded', (e) => ended.push(e));
      const recEnded = [];
      b.on('recordEnded', (e) => recEnded.push(e));
      const file = path.join(dir, 'rec.wav');
      b.record(file, { maxDurationMs: 1500 });
      const id = a.play(wav.writeWav(tone, 16000)); // 1 s at 16 kHz
      for (let i = 0; i < 100; i++) {
        clock.tick(20);
        await waitFor(() => b.stats().packetsReceived >= a.stats().packetsSent - 0, 'delivery');
      }
      await waitFor(() => recEnded.length === 1, 'recordEnded');
      assert.deepEqual(ended, [{ id, reason: 'finished' }]);
      assert.equal(recEnded[0].reason, 'maxDuration');
      assert.equal(recEnded[0].durationMs, 1500);
      const rec = wav.readWav(fs.readFileSync(file));
      assert.equal(rec.samples.length, 12000);
      const { toneShare } = require('./wav.test.js');
      let loud = 0;
      for (const x of rec.samples) if (Math.abs(x) > 2000) loud++;
      assert.ok(loud > 3000, 'the tone is in the recording');
      assert.ok(toneShare(rec.samples.subarray(1000, 7000), 1000, 8000) > 0.9);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('queues, loops and stops playback; mute sends silence', async () => {
    const peer = await rawPeer();
    peers.push(peer);
    const s = await engine.createSession();
    s.createOffer();
    s.setRemoteAnswer(answerFrom(peer.port));
    const ended = [];
    s.on('playEnded', (e) => ended.push(e));
    const loud = new Uint8Array(160).fill(g711.encodeSample('PCMU', 10000));
    const first = s.play({ buffer: loud, loop: true });
    const second = s.play(Buffer.from(loud));
    clock.tick(100);
    assert.deepEqual(ended, []);
    s.stopPlay(first);
    assert.deepEqual(ended, [{ id: first, reason: 'stopped' }]);
    clock.tick(40);
    assert.deepEqual(ended.map((e) => e.id), [first, second]);
    s.mute();
    s.play({ tone: 'busy' });
    clock.tick(40);
    await waitFor(() => peer.rtp.length >= 10, 'packets');
    const last = peer.rtp[peer.rtp.length - 1];
    assert.ok(last.payload.every((b) => b === 0xff), 'muted: silence');
    s.stopPlay();
    assert.equal(ended[2].reason, 'stopped');
  });

  it('sends RTCP reports and a BYE on close', async () => {
    const peer = await rawPeer();
    peers.push(peer);
    const s = await engine.createSession();
    s.createOffer();
    s.setRemoteAnswer(answerFrom(peer.port));
    // In steps, so that a burst of 400 packets does not overflow the peer's socket buffer.
    for (let i = 0; i < 80 && peer.rtcp.length === 0; i++) {
      clock.tick(100);
      await new Promise((r) => realImmediate(r));
    }
    await waitFor(() => peer.rtcp.length >= 1, 'an RTCP report');
    assert.equal(peer.rtcp[0][0].type, 200);
    assert.equal(peer.rtcp[0][1].type, 202);
    await s.close();
    await waitFor(() => peer.rtcp.some((c) => c.some((p) => p.type === 203)), 'BYE');
    assert.throws(() => s.createOffer(), /closed/);
  });

  it('answers 488 for an offer without G.711', async () => {
    const s = await engine.createSession();
    const offer = ['v=0', 'o=x 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 4000 RTP/AVP 9', 'a=rtpmap:9 G722/8000', ''].join('\r\n');
    assert.throws(() => s.createAnswer(offer), (e) => e instanceof MediaNegotiationError && e.sipStatus === 488);
  });

  it('mixes a conference: each leg hears the others', async () => {
    const legs = [];
    const far = [];
    for (let i = 0; i < 3; i++) {
      const near = await engine.createSession();
      const remote = await engine.createSession();
      near.setRemoteAnswer(remote.createAnswer(near.createOffer()));
      legs.push(near);
      far.push(remote);
    }
    engine.conference(legs);
    // Far end 0 speaks (a loud constant); far ends 1 and 2 must hear it, far end 0 must not.
    far[0].play({ buffer: new Uint8Array(8000).fill(g711.encodeSample('PCMU', 6000)) });
    const heard = [0, 0, 0];
    far.forEach((f, i) => f.on('audio', (buf) => { for (let k = 0; k < buf.length; k += 2) if (Math.abs(buf.readInt16LE(k)) > 3000) heard[i]++; }));
    for (let i = 0; i < 30; i++) {
      clock.tick(20);
      await new Promise((r) => realImmediate(r));
      await new Promise((r) => realImmediate(r));
    }
    await waitFor(() => heard[1] > 1000 && heard[2] > 1000, 'mixed audio');
    assert.equal(heard[0], 0);
  });
});

'use strict';
// A call between a MediaSession and baresip over a test-local minimal INVITE/200/ACK/BYE:
// our 1 kHz tone must reach baresip (its sndfile recording), baresip's 1 kHz WAV must reach our
// recording, and our RFC 4733 digits must arrive as baresip CALL_DTMF_START events.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { MediaEngine, wav } = require('../../../dist/core/media');
const { MiniSip } = require('../lib/mini-sip');
const { startBaresip, haveBaresip } = require('../lib/baresip');
const { dominantFrequency, rms, activePart } = require('../lib/audio-check');
const { sleep, waitUntil } = require('../lib/peers');

const BARESIP_SIP = 5310; // baresip also takes 5311 (SIP over TLS on sip_listen + 1)
const BARESIP_CTRL = 5320;
const OUR_SIP = 5312;
const DIGITS = '159#*0';

describe('interop/media: a call with baresip', function () {
  this.timeout(45000);
  let dir;
  let baresip;
  let engine;
  let sip;
  let ourRecording;
  const dtmfStarts = [];
  let stats;

  before(async function () {
    if (!haveBaresip()) {
      const msg = 'baresip (with ctrl_tcp) not found: interop test skipped (apt-get install --no-install-recommends baresip)';
      if (process.env.REQUIRE_INTEROP === '1') throw new Error(msg);
      process.stderr.write(`      ${msg}\n`);
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-media-'));
    // baresip's source: 10 s of 1 kHz (it hangs up when its WAV ends, so longer than the call).
    const source = path.join(dir, 'baresip-1k.wav');
    fs.writeFileSync(source, wav.writeWav(Int16Array.from({ length: 80000 }, (_, i) => Math.round(9000 * Math.sin((2 * Math.PI * 1000 * i) / 8000))), 8000));
    // Our tone: a 1 kHz WAV at 16 kHz, so the resampler is on the path too.
    const ours = path.join(dir, 'ours-1k.wav');
    fs.writeFileSync(ours, wav.writeWav(Int16Array.from({ length: 40000 }, (_, i) => Math.round(9000 * Math.sin((2 * Math.PI * 1000 * i) / 16000))), 16000));

    baresip = await startBaresip({ sipPort: BARESIP_SIP, ctrlPort: BARESIP_CTRL, rtpPorts: [22600, 22699], source, record: true });
    baresip.events.on('event', (e) => { if (e.type === 'CALL_DTMF_START') dtmfStarts.push(e.param); });
    engine = new MediaEngine({ localAddress: '127.0.0.1', portMin: 22700, portMax: 22799 });
    sip = new MiniSip({ port: OUR_SIP, media: () => engine.createSession() });
    await sip.listen();
    const session = await engine.createSession();
    const dialog = await sip.invite(`127.0.0.1:${BARESIP_SIP}`, session, 'baresip');
    ourRecording = path.join(dir, 'ours-rec.wav');
    session.record(ourRecording);
    const ended = new Promise((resolve) => session.once('playEnded', resolve));
    session.play(ours);
    await ended;
    await session.sendDtmf(DIGITS, { durationMs: 100 });
    await waitUntil(() => dtmfStarts.length >= DIGITS.length, 5000, 'baresip DTMF events').catch(() => {});
    session.stopRecord();
    await new Promise((resolve) => session.once('recordEnded', resolve));
    stats = session.stats();
    await dialog.bye();
    await sleep(300);
    await session.close();
  });

  after(async () => {
    if (sip) await sip.close();
    if (engine) await engine.close();
    if (baresip) await baresip.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('baresip receives our 1 kHz tone', () => {
    const { dec } = baresip.recordings();
    assert.equal(dec.length, 1, `sndfile recordings: ${JSON.stringify(baresip.recordings())}`);
    const rec = wav.readWav(fs.readFileSync(dec[0]));
    const active = activePart(rec.samples);
    assert.ok(active.length >= 8000 * 2, `only ${active.length / 8000} s of audio reached baresip`);
    assert.ok(Math.abs(dominantFrequency(active, rec.sampleRate) - 1000) <= 10, `dominant ${dominantFrequency(active, rec.sampleRate)} Hz`);
    assert.ok(rms(active) > 3000);
  });

  it('we record baresip\'s 1 kHz tone', () => {
    const rec = wav.readWav(fs.readFileSync(ourRecording));
    const active = activePart(rec.samples);
    assert.ok(active.length >= 8000 * 2, `only ${active.length / 8000} s recorded`);
    assert.equal(Math.abs(dominantFrequency(active) - 1000) <= 10, true, `dominant ${dominantFrequency(active)} Hz`);
    assert.ok(stats.packetsReceived > 100);
    assert.equal(stats.packetsLost, 0);
  });

  it('baresip reports our RFC 4733 digits as CALL_DTMF_START', () => {
    assert.deepEqual(dtmfStarts, DIGITS.split(''));
    assert.equal(stats.dtmfSent, DIGITS.length);
  });
});

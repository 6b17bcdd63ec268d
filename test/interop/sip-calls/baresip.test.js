'use strict';
// The user agent against baresip (direct, no proxy): we call it and it calls us; DTMF both ways
// (RFC 4733: baresip has no INFO DTMF); hold and unhold; hang up from either side; baresip hangs
// up by itself when its audio file ends.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { once } = require('node:events');
const { UserAgent } = require('../../../dist/core/sip/user-agent');
const { wav } = require('../../../dist/core/media');
const { startBaresip, haveBaresip } = require('../lib/baresip');
const { sleep, waitUntil } = require('../lib/peers');

const BS_SIP = 5230; // baresip also binds 5231 (TLS)
const BS_CTRL = 5240;
const OUR_SIP = 5232;

function tone(file, seconds) {
  fs.writeFileSync(file, wav.writeWav(Int16Array.from({ length: 8000 * seconds }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000))), 8000));
}

describe('sip-calls interop: baresip', function () {
  this.timeout(40000);
  let dir; let bs; let ua; const events = [];

  before(function () {
    if (!haveBaresip()) {
      const msg = 'baresip (with ctrl_tcp) not found: interop test skipped (apt-get install --no-install-recommends baresip)';
      if (process.env.REQUIRE_INTEROP === '1') throw new Error(msg);
      process.stderr.write(`      ${msg}\n`);
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipcalls-bs-'));
  });

  async function start(seconds, answerMode = 'auto') {
    const src = path.join(dir, `src-${seconds}.wav`);
    tone(src, seconds);
    bs = await startBaresip({ sipPort: BS_SIP, ctrlPort: BS_CTRL, rtpPorts: [21500, 21599], source: src, answerMode });
    events.length = 0;
    bs.events.on('event', (e) => events.push(e));
    ua = new UserAgent({ username: 'alice', localAddress: '127.0.0.1', localPort: OUR_SIP, rtpPortMin: 21600, rtpPortMax: 21699 });
    await ua.start();
  }

  afterEach(async () => {
    if (ua) await ua.stop();
    if (bs) await bs.stop();
    ua = undefined; bs = undefined;
  });
  after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

  it('we call baresip (auto-answer): DTMF to it, hold, unhold, we hang up', async () => {
    await start(30);
    const call = ua.dial(`sip:baresip@127.0.0.1:${BS_SIP}`);
    await once(call, 'answered');
    await call.sendDtmf('1#');
    await waitUntil(() => events.filter((e) => e.type === 'CALL_DTMF_START').length >= 2, 5000, 'baresip DTMF');
    assert.deepEqual(events.filter((e) => e.type === 'CALL_DTMF_START').map((e) => e.param), ['1', '#']);
    await call.hold();
    assert.equal(call.state, 'held');
    await call.unhold();
    assert.equal(call.state, 'active');
    assert.equal(call.remoteHoldState, false);
    const closed = waitUntil(() => events.some((e) => e.type === 'CALL_CLOSED'), 5000, 'baresip CALL_CLOSED');
    call.hangup();
    await closed;
  });

  it('baresip calls us: we answer, it sends DTMF, it hangs up', async () => {
    await start(30);
    const inc = once(ua, 'incoming');
    await bs.command('dial', `sip:alice@127.0.0.1:${OUR_SIP}`);
    const [call, info] = await inc;
    assert.match(info.caller, /baresip@127\.0\.0\.1/);
    call.answer();
    await once(call, 'answered');
    await waitUntil(() => events.some((e) => e.type === 'CALL_ESTABLISHED'), 5000, 'baresip CALL_ESTABLISHED');
    const got = [];
    call.on('dtmf', (d) => got.push(`${d.digit}/${d.method}`));
    await bs.command('sndcode', '7');
    await sleep(300);
    await bs.command('sndcode', '7'); // release (baresip toggles the key)
    await waitUntil(() => got.length >= 1, 5000, 'DTMF from baresip');
    assert.equal(got[0], '7/rfc4733');
    const ended = once(call, 'ended');
    await bs.command('hangup');
    const [{ cause }] = await ended;
    assert.equal(cause.status, 'ANSWER');
    assert.equal(ua.calls.size, 0);
  });

  it('baresip hangs up when its audio file ends', async () => {
    await start(2);
    const call = ua.dial(`sip:baresip@127.0.0.1:${BS_SIP}`);
    await once(call, 'answered');
    const [{ cause }] = await once(call, 'ended');
    assert.equal(cause.q850, 16);
    assert.equal(call.state, 'down');
  });
});

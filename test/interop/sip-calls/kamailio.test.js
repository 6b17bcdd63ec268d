'use strict';
// Two of our accounts registered to Kamailio (digest), calling each other through it: 407 on
// INVITE answered, Record-Route followed for in-dialog requests (re-INVITE, INFO, BYE), MESSAGE.
const assert = require('node:assert/strict');
const { once } = require('node:events');
const { UserAgent } = require('../../../dist/core/sip/user-agent');
const { sleep } = require('../lib/peers');
const { startKamailio, haveKamailio } = require('./lib/kamailio');

const KAM = 5250;

describe('sip-calls interop: Kamailio proxy', function () {
  this.timeout(30000);
  let kam; let alice; let bob;
  before(async function () {
    if (!haveKamailio()) {
      const msg = 'kamailio (with db_text, auth_db) not found: interop test skipped (apt-get install kamailio)';
      if (process.env.REQUIRE_INTEROP === '1') throw new Error(msg);
      process.stderr.write(`      ${msg}\n`);
      this.skip();
    }
    kam = await startKamailio({ port: KAM, users: { alice: 'alicepw', bob: 'bobpw' } });
    await sleep(300);
    const mk = (u, p, rtp) => new UserAgent({ server: `127.0.0.1:${KAM}`, username: u, password: p, localAddress: '127.0.0.1', localPort: 0, rtpPortMin: rtp, rtpPortMax: rtp + 99, dtmfMode: 'info' });
    alice = mk('alice', 'alicepw', 21700);
    bob = mk('bob', 'bobpw', 21800);
    const regs = [once(alice, 'registered'), once(bob, 'registered')];
    await alice.start(); await bob.start();
    await Promise.all(regs);
  });
  after(async () => {
    if (alice) await alice.stop();
    if (bob) await bob.stop();
    if (kam) await kam.stop();
  });

  it('registers both accounts with digest', () => {
    assert.equal(alice.registrationState, 'registered');
    assert.equal(bob.registrationState, 'registered');
  });

  it('calls through the proxy: 407 answered, Record-Route followed, hold/INFO/BYE in the dialog', async () => {
    const inc = once(bob, 'incoming');
    const call = alice.dial('bob');
    const [bobCall, info] = await inc;
    assert.match(info.caller, /^sip:alice@127\.0\.0\.1/);
    bobCall.answer();
    await once(call, 'answered');
    if (bobCall.state !== 'active') await once(bobCall, 'answered');
    assert.equal(call.dialog.routeSet.length, 1);
    assert.match(call.dialog.routeSet[0], new RegExp(`127\\.0\\.0\\.1:${KAM};lr`));
    assert.equal(bobCall.dialog.routeSet.length, 1);
    const d = once(bobCall, 'dtmf');
    await call.sendDtmf('3');
    assert.equal((await d)[0].digit, '3');
    const rh = once(bobCall, 'remoteHold');
    await call.hold();
    assert.deepEqual((await rh)[0], { held: true });
    await call.unhold();
    const ended = once(bobCall, 'ended');
    call.hangup();
    await ended;
  });

  it('MESSAGE through the proxy (407 answered)', async () => {
    const got = once(bob, 'message');
    await alice.sendMessage('bob', 'hi bob');
    const [m] = await got;
    assert.equal(m.text, 'hi bob');
  });
});

'use strict';
// The user agent against SIPp scenarios written for it (scenarios/*.xml), on 127.0.0.1 with this
// branch's ports (SIP 5200-5299, RTP 21000-21999).
const assert = require('node:assert/strict');
const { once } = require('node:events');
const { UserAgent } = require('../../../dist/core/sip/user-agent');
const { requirePeer, sleep } = require('../lib/peers');
const { sipp } = require('./lib/sipp');

function ua(name, port, rtp, extra = {}) {
  return new UserAgent({ username: name, localAddress: '127.0.0.1', localPort: port, rtpPortMin: rtp, rtpPortMax: rtp + 49, ...extra });
}

describe('sip-calls interop: SIPp scenarios', function () {
  this.timeout(30000);
  before(function () { requirePeer(this, 'sipp', ['-v']); });
  const started = [];
  afterEach(async () => {
    for (const x of started.splice(0)) await x.stop();
  });

  it('forking UAS: two 180s, two 200s; both ACKed, forkB BYEd, forkA kept then hung up', async () => {
    const peer = sipp({ scenario: 'forking-uas.xml', port: 5211, mediaPort: 21900 });
    started.push(peer);
    const a = ua('alice', 5210, 21000, { media: 'none' });
    started.push(a);
    await a.start();
    await sleep(300);
    const call = a.dial('sip:fork@127.0.0.1:5211');
    let ringing = 0;
    call.on('ringing', () => ringing++);
    await once(call, 'answered');
    assert.match(call.dialog.remoteTag, /^forkA/);
    await sleep(500);
    call.hangup();
    const r = await peer.done();
    assert.equal(r.code, 0, r.out.slice(-2000));
    assert.equal(ringing, 2);
  });

  it('re-INVITE answered 491: retried after the §14.1 delay, then held', async () => {
    const peer = sipp({ scenario: 'reinvite-491-uas.xml', port: 5213, mediaPort: 21910 });
    started.push(peer);
    const a = ua('alice', 5212, 21050);
    started.push(a);
    await a.start();
    await sleep(300);
    const call = a.dial('sip:glare@127.0.0.1:5213');
    await once(call, 'answered');
    const t0 = Date.now();
    await call.hold();
    const waited = Date.now() - t0;
    assert.equal(call.state, 'held');
    assert.ok(waited >= 2000, `retried after ${waited} ms`);
    call.hangup();
    const r = await peer.done();
    assert.equal(r.code, 0, r.out.slice(-2000));
  });

  it('REFER target: our transferee calls the target with Referred-By; the transferor sees the NOTIFYs', async () => {
    const target = sipp({ scenario: 'refer-target-uas.xml', port: 5216, mediaPort: 21920 });
    started.push(target);
    const alice = ua('alice', 5214, 21100, { media: 'none', transferPolicy: 'accept' });
    const bob = ua('bob', 5215, 21150, { media: 'none' });
    started.push(alice, bob);
    await alice.start(); await bob.start();
    await sleep(300);
    bob.once('incoming', (c) => c.answer());
    const call = alice.dial('sip:bob@127.0.0.1:5215');
    await once(call, 'answered');
    const bobCall = [...bob.calls.values()][0];
    if (bobCall.state !== 'active') await once(bobCall, 'answered');
    const progress = [];
    bobCall.on('transferProgress', (p) => progress.push(p.code));
    const newCall = once(alice, 'call');
    await bobCall.transfer('sip:target@127.0.0.1:5216');
    const [transferred] = await newCall;
    await once(transferred, 'answered');
    await once(bobCall, 'ended');
    assert.deepEqual(progress.filter((c) => c >= 200), [200]);
    assert.ok(progress.includes(100));
    transferred.hangup();
    const r = await target.done();
    assert.equal(r.code, 0, r.out.slice(-2000));
  });

  it('a peer that sends DTMF by INFO (dtmf-relay and dtmf)', async () => {
    const a = ua('alice', 5217, 21200, { media: 'none' });
    started.push(a);
    await a.start();
    const digits = [];
    let ended;
    a.on('incoming', (c) => {
      c.on('dtmf', (d) => digits.push(`${d.digit}/${d.method}`));
      c.on('ended', (e) => { ended = e.cause; });
      c.answer();
    });
    const peer = sipp({ scenario: 'info-dtmf-uac.xml', port: 5218, mediaPort: 21930, remote: '127.0.0.1:5217', extra: ['-s', 'alice'] });
    started.push(peer);
    const r = await peer.done();
    assert.equal(r.code, 0, r.out.slice(-2000));
    assert.deepEqual(digits, ['5/info', '9/info']);
    assert.equal(ended.q850, 16);
  });

  it('MWI: SUBSCRIBE message-summary and a NOTIFY with 3 new / 7 old messages', async () => {
    const peer = sipp({ scenario: 'mwi-notifier.xml', port: 5220, mediaPort: 21940 });
    started.push(peer);
    const a = ua('alice', 5219, 21250, { media: 'none', domain: '127.0.0.1:5220' });
    await a.start();
    await sleep(300);
    const mwi = once(a, 'mwi');
    a.subscribeMwi();
    const [m] = await mwi;
    assert.deepEqual([m.newMessages, m.oldMessages, m.urgent, m.waiting], [3, 7, 1, true]);
    a.unsubscribe();
    const r = await peer.done();
    await a.stop();
    assert.equal(r.code, 0, r.out.slice(-2000));
  });
});

'use strict';
// Two user agents calling each other over TCP on the IPv6 loopback [::1]: signalling on the
// sip-core stack, RTP from the media core on ::1. Skipped (with a message) only when ::1 cannot
// be bound here. RTP ports in 5180-5199. No timing assertions.
const assert = require('node:assert/strict');
const net = require('node:net');
const { once } = require('node:events');
const { UserAgent } = require('../../../dist/core/sip/user-agent');

function canBindV6() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(0, '::1', () => s.close(() => resolve(true)));
  });
}

function ua(name, range) {
  return new UserAgent({ username: name, transport: 'tcp', localAddress: '::1', localPort: 0, rtpPortMin: range[0], rtpPortMax: range[1] });
}

describe('sip-calls/p2p over TCP on [::1] (real sockets and RTP)', function () {
  this.timeout(10000);
  let alice; let bob;
  before(async function () {
    if (!(await canBindV6())) {
      // eslint-disable-next-line no-console
      console.warn('    skipped: ::1 cannot be bound on this machine (IPv6 loopback off)');
      this.skip();
    }
  });
  beforeEach(async () => {
    alice = ua('alice', [5180, 5189]);
    bob = ua('bob', [5190, 5199]);
    await alice.start(); await bob.start();
  });
  afterEach(async () => { await alice?.stop(); await bob?.stop(); });

  it('calls (From and Contact bracketed), sends RFC 4733 DTMF over RTP on ::1, hangs up', async () => {
    assert.match(bob.contactUri(), /^sip:bob@\[::1\]:\d+;transport=tcp/);
    const incoming = once(bob, 'incoming');
    const call = alice.dial(bob.contactUri());
    const [inCall, info] = await incoming;
    assert.match(info.caller, /^sip:alice@\[::1\]/);
    const answered = once(call, 'answered');
    inCall.answer();
    await answered;
    assert.equal(call.state, 'active');
    if (inCall.state !== 'active') await once(inCall, 'answered');

    const got = once(inCall, 'dtmf');
    await call.sendDtmf('9');
    assert.equal((await got)[0].digit, '9');

    const ended = once(inCall, 'ended');
    call.hangup();
    const [{ cause }] = await ended;
    assert.equal(cause.q850, 16);
    assert.equal(alice.calls.size, 0);
  });
});

'use strict';
// Two user agents on 127.0.0.1 calling each other for real: sip-core's UDP/TCP stack and the
// media core's RTP underneath. No timing assertions: each step waits for its event.
const assert = require('node:assert/strict');
const { once } = require('node:events');
const { UserAgent } = require('../../../dist/core/sip/user-agent');

function ua(name, range, extra = {}) {
  return new UserAgent({ username: name, localAddress: '127.0.0.1', localPort: 0, rtpPortMin: range[0], rtpPortMax: range[1], ...extra });
}

for (const transport of ['udp', 'tcp']) {
  describe(`sip-calls/p2p over ${transport} (real sockets)`, function () {
    this.timeout(10000);
    let alice; let bob;
    beforeEach(async () => {
      alice = ua('alice', [21000, 21099], { transport });
      bob = ua('bob', [21100, 21199], { transport });
      await alice.start(); await bob.start();
    });
    afterEach(async () => { await alice.stop(); await bob.stop(); });

    const target = () => `bob@${bob.contactUri().replace(/^sip:bob@/, '').replace(/;.*$/, '')}${transport === 'tcp' ? ';transport=tcp' : ''}`;

    it('calls, sends RFC 4733 DTMF both ways, holds, resumes and hangs up', async () => {
      const incoming = once(bob, 'incoming');
      const call = alice.dial(`sip:${target()}`);
      const [inCall, info] = await incoming;
      assert.match(info.caller, /^sip:alice@127\.0\.0\.1/);
      const answered = once(call, 'answered');
      inCall.answer();
      await answered;
      assert.equal(call.state, 'active');
      if (inCall.state !== 'active') await once(inCall, 'answered');

      const digits = [];
      const got = new Promise((resolve) => inCall.on('dtmf', (d) => { digits.push(d.digit); if (digits.length === 3) resolve(); }));
      await call.sendDtmf('12#');
      await got;
      assert.deepEqual(digits, ['1', '2', '#']);
      const back = once(call, 'dtmf');
      await inCall.sendDtmf('5');
      assert.equal((await back)[0].digit, '5');

      const rh = once(inCall, 'remoteHold');
      await call.hold();
      assert.equal(call.state, 'held');
      assert.deepEqual((await rh)[0], { held: true });
      const rr = once(inCall, 'remoteHold');
      await call.unhold();
      assert.deepEqual((await rr)[0], { held: false });

      const ended = once(inCall, 'ended');
      call.hangup();
      const [{ cause }] = await ended;
      assert.equal(cause.q850, 16);
      assert.equal(alice.calls.size, 0);
    });

    it('INFO DTMF, reject with a code, and CANCEL', async () => {
      alice.options.dtmfMode = 'info';
      bob.once('incoming', (c) => c.answer());
      const call = alice.dial(`sip:${target()}`);
      await once(call, 'answered');
      const inCall = [...bob.calls.values()][0];
      const d = once(inCall, 'dtmf');
      await call.sendDtmf('7');
      assert.deepEqual((await d)[0], { digit: '7', durationMs: 160, method: 'info' });
      call.hangup();

      bob.once('incoming', (c) => c.reject(603));
      const r = alice.dial(`sip:${target()}`);
      const [{ cause }] = await once(r, 'ended');
      assert.equal(cause.sip, 603);

      const inc = once(bob, 'incoming');
      const c2 = alice.dial(`sip:${target()}`);
      const [bobSide] = await inc;
      await once(c2, 'ringing').catch(() => undefined);
      const bobEnded = once(bobSide, 'ended');
      c2.hangup();
      const [[e1], [e2]] = await Promise.all([once(c2, 'ended'), bobEnded]);
      assert.equal(e1.cause.status, 'CANCEL');
      assert.equal(e2.cause.status, 'CANCEL');
    });
  });
}

describe('sip-calls/p2p conference (real sockets and RTP)', function () {
  this.timeout(10000);
  it('mixes two of our calls locally', async () => {
    const alice = ua('alice', [21200, 21299]);
    const bob = ua('bob', [21300, 21349]);
    const carol = ua('carol', [21350, 21399]);
    await alice.start(); await bob.start(); await carol.start();
    try {
      bob.on('incoming', (c) => c.answer());
      carol.on('incoming', (c) => c.answer());
      const host = (u, n) => `${n}@${u.contactUri().split('@')[1]}`;
      const c1 = alice.dial(host(bob, 'bob'));
      const c2 = alice.dial(host(carol, 'carol'));
      await Promise.all([once(c1, 'answered'), once(c2, 'answered')]);
      alice.conference([c1.id, c2.id]);
      assert.throws(() => alice.conference(['nope']), /no such call/);
      c1.hangup(); c2.hangup();
    } finally {
      await alice.stop(); await bob.stop(); await carol.stop();
    }
  });
});

describe('sip-calls/p2p over TLS (real sockets, a throwaway self-signed certificate)', function () {
  this.timeout(15000);
  const { spawnSync } = require('node:child_process');
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');
  let dir; let tls;
  before(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipcalls-tls-'));
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    if (r.error || r.status !== 0) { this.skip(); return; }
    const cert = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    tls = { cert, key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'), ca: cert, rejectUnauthorized: true };
  });
  after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

  it('calls over TLS with a sips: Contact and hangs up', async () => {
    const alice = ua('alice', [21400, 21449], { transport: 'tls', tls });
    const bob = ua('bob', [21450, 21499], { transport: 'tls', tls });
    await alice.start(); await bob.start();
    try {
      assert.match(bob.contactUri(), /^sips:bob@127\.0\.0\.1:\d+/);
      bob.once('incoming', (c) => c.answer());
      const call = alice.dial(bob.contactUri());
      await once(call, 'answered');
      const inCall = [...bob.calls.values()][0];
      const ended = once(inCall, 'ended');
      call.hangup();
      await ended;
    } finally {
      await alice.stop(); await bob.stop();
    }
  });
});

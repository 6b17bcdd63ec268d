'use strict';
// Registration with digest auth against a real Kamailio on 127.0.0.1:5160 (UDP and TCP).
const assert = require('node:assert/strict');
const sip = require('../../../dist/core/sip');
const { requirePeer } = require('../lib/peers');
const { startKamailio } = require('../lib/kamailio');

const PORT = 5160;

function once(emitter, event, ms = 15000) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    emitter.once(event, (v) => {
      clearTimeout(t);
      resolve(v);
    });
  });
}

describe('interop: registration to Kamailio with digest auth', function () {
  let kam;
  const stacks = [];
  before(async function () {
    requirePeer(this, 'kamailio');
    kam = await startKamailio({ port: PORT, users: { alice: 'secret', bob: 'b0b' } });
  });
  after(async () => {
    if (kam) await kam.stop();
  });
  afterEach(async () => {
    for (const s of stacks.splice(0)) await s.close();
  });

  async function ua(protocol, extra = {}) {
    const stack = new sip.SipStack({ transports: [{ protocol, host: '127.0.0.1', port: 0 }], userAgent: 'node-red-contrib-telephony test', allow: [...sip.DEFAULT_ALLOW], ...extra });
    await stack.start();
    stacks.push(stack);
    return stack;
  }

  function client(stack, protocol, user, password, opts = {}) {
    const params = protocol === 'UDP' ? {} : { transport: protocol.toLowerCase() };
    return new sip.RegistrationClient(stack, {
      registrar: sip.sipUri({ host: '127.0.0.1', port: PORT, params }),
      aor: sip.sipUri({ user, host: '127.0.0.1' }),
      credentials: { username: user, password },
      expires: 600,
      transport: protocol,
      retryMs: 60000,
      ...opts,
    });
  }

  for (const protocol of ['UDP', 'TCP']) {
    it(`${protocol}: the right password registers (rsRegistered, rrAcknowledged), stop() unregisters`, async () => {
      const stack = await ua(protocol);
      const rc = client(stack, protocol, 'alice', 'secret');
      const reg = once(rc, 'registered');
      rc.start();
      const info = await reg;
      assert.equal(rc.state, 'rsRegistered');
      assert.equal(rc.lastResult, 'rrAcknowledged');
      assert.ok(info.expires > 0 && info.expires <= 600, `granted ${info.expires}`);
      assert.ok(info.contacts.some((c) => sip.uriEquals(c.uri, stack.contact('alice', protocol).uri)), 'our Contact is bound');
      const unreg = once(rc, 'unregistered');
      await rc.stop();
      assert.equal((await unreg).result, 'rrAcknowledged');
    });

    it(`${protocol}: a wrong password gives one clear failure and no retry storm`, async () => {
      const stack = await ua(protocol);
      let registers = 0;
      const send = stack.sendRequest.bind(stack);
      stack.sendRequest = (req, o) => {
        if (req.method === 'REGISTER') registers++;
        return send(req, o);
      };
      const rc = client(stack, protocol, 'alice', 'wrong');
      const failures = [];
      rc.on('failed', (f) => failures.push(f));
      rc.start();
      await once(rc, 'failed');
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(failures.length, 1);
      assert.equal(failures[0].result, 'rrRejected');
      assert.equal(failures[0].status, 403);
      assert.equal(failures[0].retryInMs, 60000);
      assert.equal(registers, 2, 'one REGISTER and one answer to the challenge');
      assert.equal(rc.state, 'rsNotRegistered');
      await rc.stop();
    });
  }

  it('UDP: an unknown user is rejected too', async () => {
    const stack = await ua('UDP');
    const rc = client(stack, 'UDP', 'mallory', 'x');
    rc.start();
    const f = await once(rc, 'failed');
    assert.equal(f.result, 'rrRejected');
    await rc.stop();
  });

  it('UDP: a MESSAGE reaches a registered UA through Kamailio', async () => {
    const bobStack = await ua('UDP');
    const bob = client(bobStack, 'UDP', 'bob', 'b0b');
    bob.start();
    await once(bob, 'registered');
    const got = new Promise((resolve) =>
      bobStack.on('request', (req, tx) => {
        tx.respond(sip.createResponse(req, 200, { toTag: sip.newTag() }));
        resolve(req);
      }),
    );
    const aliceStack = await ua('UDP');
    const to = sip.sipUri({ user: 'bob', host: '127.0.0.1' });
    const req = sip.createRequest({
      method: 'MESSAGE',
      uri: to,
      from: sip.nameAddr(sip.sipUri({ user: 'alice', host: '127.0.0.1' }), { tag: sip.newTag() }),
      to: sip.nameAddr(to),
      callId: sip.newCallId(),
      cseq: 1,
      body: 'hi bob',
      contentType: 'text/plain',
    });
    const tx = aliceStack.sendRequest(req, { destination: { transport: 'UDP', host: '127.0.0.1', port: PORT } });
    const res = await new Promise((resolve, reject) => {
      tx.on('response', (r) => r.status >= 200 && resolve(r));
      tx.on('timeout', () => reject(new Error('timeout')));
    });
    assert.equal(res.status, 200);
    assert.equal((await got).bodyText, 'hi bob');
    await bob.stop();
  });
});

'use strict';
const assert = require('node:assert/strict');
const { sip, fakeClock, waitFor } = require('./helpers');

/** A registrar on a real UDP socket: digest (MD5, qop=auth), Min-Expires 60, scripted failures. */
async function registrar(opts = {}) {
  const stack = new sip.SipStack({ transports: [{ protocol: 'UDP', host: '127.0.0.1', port: 0 }], allow: [...sip.DEFAULT_ALLOW, 'REGISTER'] });
  await stack.start();
  const state = { requests: [], nonce: 1, fail: opts.fail ?? [] };
  stack.on('request', (req, tx) => {
    state.requests.push(req);
    const scripted = state.fail.shift();
    if (scripted === 'drop') return; // no answer at all
    if (scripted) return tx.respond(sip.createResponse(req, scripted, { toTag: 'r' }));
    const auth = req.authorization[0];
    const nonce = `n${state.nonce}`;
    const challenge = () => tx.respond(sip.createResponse(req, 401, { toTag: 'r', headers: [['WWW-Authenticate', `Digest realm="test", nonce="${nonce}", qop="auth"`]] }));
    if (!auth) return challenge();
    const p = auth.params;
    const expected = sip.digestResponse({
      algorithm: 'MD5', username: p.get('username'), password: opts.password ?? 'secret', realm: 'test', nonce: p.get('nonce'),
      cnonce: p.get('cnonce'), nc: p.get('nc'), qop: 'auth', method: 'REGISTER', uri: p.get('uri'),
    });
    if (p.get('response') !== expected) return p.get('nonce') === nonce ? tx.respond(sip.createResponse(req, 403, { toTag: 'r' })) : challenge();
    const exp = req.expires ?? 3600;
    if (exp > 0 && exp < 60) return tx.respond(sip.createResponse(req, 423, { toTag: 'r', headers: [['Min-Expires', '60']] }));
    const contact = req.get('contact');
    tx.respond(sip.createResponse(req, 200, { toTag: 'r', headers: [['Contact', `${contact.replace(/;expires=\d+/, '')};expires=${Math.min(exp, opts.grant ?? 120)}`]] }));
  });
  return { stack, state };
}

describe('sip/register: registration client', function () {
  this.timeout(8000);
  const toClose = [];
  afterEach(async () => {
    for (const s of toClose.splice(0)) await s.close();
  });

  async function client(reg, options = {}) {
    const fc = fakeClock();
    const ua = new sip.SipStack({ transports: [{ protocol: 'UDP', host: '127.0.0.1', port: 0 }], clock: fc.clock, timers: { T1: 50 } });
    await ua.start();
    toClose.push(ua, reg.stack);
    const port = reg.stack.localAddress('UDP').port;
    const rc = new sip.RegistrationClient(ua, {
      registrar: sip.parseUri(`sip:127.0.0.1:${port}`),
      aor: sip.parseUri('sip:alice@127.0.0.1'),
      credentials: { username: 'alice', password: options.password ?? 'secret' },
      expires: options.expires ?? 3600,
      retryMs: 1000,
      maxRetryMs: 8000,
    });
    return { rc, fc, ua };
  }

  it('registers through a digest challenge, keeps one Call-ID with rising CSeq, refreshes before expiry with the cached nonce', async () => {
    const reg = await registrar({ grant: 120 });
    const { rc, fc } = await client(reg);
    const states = [];
    rc.on('state', (s) => states.push(s));
    rc.start();
    const [info] = await waitFor(rc, 'registered');
    assert.equal(info.expires, 120);
    assert.equal(rc.state, 'rsRegistered');
    assert.equal(rc.lastResult, 'rrAcknowledged');
    assert.deepEqual(states, ['rsRegistering', 'rsRegistered']);
    const [r1, r2] = reg.state.requests;
    assert.equal(r1.callId, r2.callId);
    assert.equal(r2.cseq.seq, r1.cseq.seq + 1);
    // refresh at 120 - 32 = 88 s
    fc.fake.tick(87000);
    assert.equal(reg.state.requests.length, 2);
    fc.fake.tick(1000);
    await waitFor(rc, 'registered');
    assert.equal(reg.state.requests.length, 3, 'the refresh reused the nonce: no new challenge');
    assert.equal(reg.state.requests[2].authorization[0].params.get('nc'), '00000002');
  });

  it('423 Interval Too Brief: retries with Min-Expires', async () => {
    const reg = await registrar();
    const { rc } = await client(reg, { expires: 30 });
    rc.start();
    await waitFor(rc, 'registered');
    assert.equal(reg.state.requests.at(-1).expires, 60);
  });

  it('a wrong password fails clearly (rrRejected, 403) with no retry storm, then retries with backoff', async () => {
    const reg = await registrar();
    const { rc, fc } = await client(reg, { password: 'wrong' });
    rc.start();
    const [f] = await waitFor(rc, 'failed');
    assert.equal(f.result, 'rrRejected');
    assert.equal(f.status, 403);
    assert.equal(f.retryInMs, 1000);
    assert.equal(reg.state.requests.length, 2);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(reg.state.requests.length, 2, 'nothing more until the backoff runs out');
    fc.fake.tick(1000);
    const [f2] = await waitFor(rc, 'failed');
    assert.equal(f2.retryInMs, 2000, 'exponential backoff');
  });

  it('no answer: rrTimeout after Timer F, then retry', async () => {
    const reg = await registrar({ fail: Array(20).fill('drop') });
    const { rc, fc } = await client(reg);
    rc.start();
    const failed = waitFor(rc, 'failed');
    for (let k = 0; k < 70; k++) {
      fc.fake.tick(50);
      await new Promise((r) => setImmediate(r));
    }
    const [f] = await failed;
    assert.equal(f.result, 'rrTimeout');
    assert.equal(rc.state, 'rsNotRegistered');
    assert.equal(reg.state.requests.length, 1, 'retransmissions were absorbed by the registrar\'s server transaction');
  });

  it('503 with Retry-After is honoured', async () => {
    const reg = await registrar({ fail: [503] });
    const { rc } = await client(reg);
    rc.start();
    await new Promise((r) => setTimeout(r, 50));
    // the scripted 503 has no Retry-After: plain backoff
    const reg2 = await registrar();
    reg2.stack.removeAllListeners('request');
    reg2.stack.on('request', (req, tx) => tx.respond(sip.createResponse(req, 503, { toTag: 'r', headers: [['Retry-After', '42']] })));
    const c2 = await client(reg2);
    c2.rc.start();
    const [f] = await waitFor(c2.rc, 'failed');
    assert.equal(f.retryInMs, 42000);
  });

  it('stop() unregisters with Expires 0 for our Contact', async () => {
    const reg = await registrar();
    const { rc } = await client(reg);
    rc.start();
    await waitFor(rc, 'registered');
    const unreg = waitFor(rc, 'unregistered');
    await rc.stop();
    const [u] = await unreg;
    assert.equal(u.result, 'rrAcknowledged');
    const last = reg.state.requests.at(-1);
    assert.equal(last.expires, 0);
    assert.equal(last.contact[0].params.get('expires'), '0');
    assert.equal(rc.state, 'rsNotRegistered');
  });
});

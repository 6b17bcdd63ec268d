'use strict';
const assert = require('node:assert/strict');
const sinon = require('sinon');
const { createHash } = require('node:crypto');
const { UserAgent } = require('../../../dist/core/sip/user-agent');
const { MemoryNet } = require('./lib/memory-net');

const md5 = (s) => createHash('md5').update(s).digest('hex');

describe('sip-calls/registration (in-memory registrar, fake timers)', () => {
  let clock; let net;
  beforeEach(() => { clock = sinon.useFakeTimers(); net = new MemoryNet(); });
  afterEach(async () => { await clock.tickAsync(100000); clock.restore(); });
  async function settle(ms = 10) { for (let i = 0; i < 20; i++) await clock.tickAsync(ms / 20); }

  it('answers the 401 with a correct digest, reports the granted expiry and refreshes before it', async () => {
    const reg = net.raw();
    const seen = [];
    let fail = false;
    reg.onReq = (req, tx) => {
      if (req.method !== 'REGISTER') return;
      seen.push(req);
      const auth = req.header('Authorization');
      if (!auth) { tx.respond(401, 'Unauthorized', [['WWW-Authenticate', 'Digest realm="127.0.0.1", nonce="n1", qop="auth", algorithm=MD5']]); return; }
      const p = Object.fromEntries([...auth.matchAll(/(\w+)=("([^"]*)"|[^,\s]+)/g)].map((m) => [m[1], m[3] ?? m[2]]));
      const expected = md5(`${md5('alice:127.0.0.1:secret')}:n1:${p.nc}:${p.cnonce}:auth:${md5(`REGISTER:${p.uri}`)}`);
      if (fail || p.response !== expected) { tx.respond(403, 'Forbidden'); return; }
      tx.respond(200, 'OK', [['Contact', `${req.header('Contact')};expires=120`]]);
    };
    const ua = new UserAgent({ server: reg.localHostPort, username: 'alice', password: 'secret', domain: '127.0.0.1', localAddress: '127.0.0.1', signalling: net.port(), media: 'none',
      // the in-memory net routes by host:port: send REGISTER to the registrar via the outbound proxy Route
      outboundProxy: reg.localHostPort });
    const events = [];
    ua.on('registered', (e) => events.push(`registered ${e.expires}`));
    ua.on('registrationFailed', (e) => events.push(`failed ${e.cause.sip} retry ${e.retryInMs}`));
    await ua.start();
    await settle();
    assert.equal(ua.registrationState, 'registered');
    assert.deepEqual(events, ['registered 120']);
    assert.equal(seen.length, 2);
    assert.equal(seen[0].header('Call-ID'), seen[1].header('Call-ID'));
    assert.notEqual(seen[0].header('CSeq'), seen[1].header('CSeq'));
    await settle(89000);
    assert.equal(seen.length, 2);
    await settle(2000);
    assert.ok(seen.length >= 3, 'refreshed 30 s before expiry');
    fail = true;
    await settle(120000);
    assert.equal(ua.registrationState, 'failed');
    assert.match(events[events.length - 1], /^failed 403 retry 300000$/);
    const stopping = ua.stop();
    await settle();
    await stopping;
  });
});

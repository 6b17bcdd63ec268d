'use strict';
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { sip, fakeClock, waitFor } = require('./helpers');
const { valid } = require('./torture-messages');

describe('sip: robustness', function () {
  this.timeout(10000);

  it('mutated messages never throw anything but SipParseError, from the parser or any typed view', () => {
    let seed = 12345;
    const rnd = (n) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const views = ['via', 'from', 'to', 'callId', 'cseq', 'contact', 'route', 'recordRoute', 'maxForwards', 'contentType',
      'expires', 'allow', 'supported', 'require', 'event', 'subscriptionState', 'referTo', 'replaces', 'reason',
      'sessionExpires', 'rseq', 'rack', 'wwwAuthenticate', 'authorization', 'fromTag', 'toTag', 'branch', 'uri'];
    const seeds = Object.values(valid);
    let parsed = 0;
    for (let i = 0; i < 3000; i++) {
      const buf = Buffer.from(seeds[rnd(seeds.length)]);
      for (let k = 0, n = 1 + rnd(6); k < n; k++) {
        const at = rnd(buf.length);
        const op = rnd(4);
        if (op === 0) buf[at] = rnd(256);
        else if (op === 1) buf[at] = [0x3a, 0x3b, 0x2c, 0x3c, 0x3e, 0x22, 0x20, 0x0d, 0x0a, 0x25][rnd(10)];
        else if (op === 2) buf.copyWithin(at, rnd(buf.length));
        else buf[at] = 0x30 + rnd(10);
      }
      let m;
      try {
        m = sip.parseMessage(buf.subarray(0, buf.length - rnd(20)), { datagram: true });
        parsed++;
      } catch (e) {
        assert.ok(e instanceof sip.SipParseError, `parser threw ${e && e.stack}`);
        continue;
      }
      for (const v of views) {
        try {
          void m[v];
        } catch (e) {
          assert.ok(e instanceof sip.SipParseError, `view ${v} threw ${e && e.stack}`);
        }
      }
      sip.serialize(m);
    }
    assert.ok(parsed > 100, `some mutations still parse (${parsed})`);
  });

  it('keepalive: OPTIONS pings on UDP follow the injected clock', async () => {
    const fc = fakeClock();
    const a = new sip.SipStack({ transports: [{ protocol: 'UDP', host: '127.0.0.1', port: 0 }], clock: fc.clock });
    const b = new sip.SipStack({ transports: [{ protocol: 'UDP', host: '127.0.0.1', port: 0 }] });
    await a.start();
    await b.start();
    try {
      let pings = 0;
      b.on('request', (req, tx) => {
        pings++;
        tx.respond(sip.createResponse(req, 200, { toTag: 'k' }));
      });
      const stop = a.keepalive({ transport: 'UDP', host: '127.0.0.1', port: b.localAddress('UDP').port }, 25000, 'options');
      fc.fake.tick(24999);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(pings, 0);
      fc.fake.tick(1);
      await waitFor(b, 'request');
      stop();
      fc.fake.tick(100000);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(pings, 1);
    } finally {
      await a.close();
      await b.close();
    }
  });

  describe('TLS', () => {
    let dir;
    before(function () {
      try {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-tls-'));
        execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
          '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
      } catch {
        this.skip();
      }
    });
    after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

    async function pairTls(clientTls) {
      const tlsOpts = { cert: fs.readFileSync(path.join(dir, 'cert.pem')), key: fs.readFileSync(path.join(dir, 'key.pem')) };
      const b = new sip.SipStack({ transports: [{ protocol: 'TLS', host: '127.0.0.1', port: 0, tls: tlsOpts }] });
      const a = new sip.SipStack({ transports: [{ protocol: 'TLS', host: '127.0.0.1', port: 0, tls: { ...tlsOpts, ...clientTls } }] });
      await b.start();
      await a.start();
      const uri = sip.sipUri({ scheme: 'sips', user: 'b', host: '127.0.0.1', port: b.localAddress('TLS').port });
      const req = sip.createRequest({ method: 'OPTIONS', uri, from: sip.nameAddr(sip.sipUri({ user: 'a', host: '127.0.0.1' }), { tag: 'x' }), to: sip.nameAddr(uri), callId: sip.newCallId(), cseq: 1 });
      const tx = a.sendRequest(req);
      const result = await new Promise((resolve) => {
        tx.on('response', (r) => r.status >= 200 && resolve(r.status));
        tx.on('transport-error', (e) => resolve(e.message));
      });
      await a.close();
      await b.close();
      return result;
    }

    it('verifies the server certificate by default: a self-signed one is refused', async () => {
      const r = await pairTls({});
      assert.match(String(r), /self.signed|certificate/i);
    });
    it('accepts it with the CA option', async () => {
      assert.equal(await pairTls({ ca: fs.readFileSync(path.join(dir, 'cert.pem')) }), 200);
    });
  });
});

'use strict';
const assert = require('node:assert/strict');
const { sip, request } = require('./helpers');

function challenge(status, headers) {
  const req = request('REGISTER');
  const res = sip.createResponse(req, status, { toTag: 't' });
  for (const [n, v] of headers) res.append(n, v);
  return { req, res: sip.parseMessage(sip.serialize(res), {}) };
}

describe('sip/auth/digest (RFC 2617, 7616, 8760)', () => {
  it('computes the RFC 2617 §3.5 example (MD5, qop=auth)', () => {
    assert.equal(
      sip.digestResponse({
        algorithm: 'MD5', username: 'Mufasa', password: 'Circle Of Life', realm: 'testrealm@host.com',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', cnonce: '0a4f113b', nc: '00000001', qop: 'auth',
        method: 'GET', uri: '/dir/index.html',
      }),
      '6629fae49393a05397450978507c4ef1',
    );
  });

  it('computes the RFC 7616 §3.9.1 examples (MD5 and SHA-256)', () => {
    const base = {
      username: 'Mufasa', password: 'Circle of Life', realm: 'http-auth@example.org',
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v', cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
      nc: '00000001', qop: 'auth', method: 'GET', uri: '/dir/index.html',
    };
    assert.equal(sip.digestResponse({ ...base, algorithm: 'MD5' }), '8ca523f5e9506fed4657c9700eebdbec');
    assert.equal(sip.digestResponse({ ...base, algorithm: 'SHA-256' }), '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  });

  it('answers a 401 with Authorization, CSeq + 1, no Via, nonce count 1 then 2', () => {
    const { req, res } = challenge(401, [['WWW-Authenticate', 'Digest realm="pbx", nonce="abc", qop="auth,auth-int", opaque="xyz"']]);
    const d = new sip.DigestClient({ username: 'alice', password: 'pw' }, () => 'cn');
    const retry = d.authorize(req, res);
    assert.equal(retry.cseq.seq, req.cseq.seq + 1);
    assert.equal(retry.has('via'), false);
    const a = retry.authorization[0];
    assert.equal(a.scheme, 'Digest');
    assert.equal(a.params.get('username'), 'alice');
    assert.equal(a.params.get('qop'), 'auth');
    assert.equal(a.params.get('nc'), '00000001');
    assert.equal(a.params.get('opaque'), 'xyz');
    assert.equal(a.params.get('uri'), req.uriText);
    assert.equal(a.params.get('response'), sip.digestResponse({
      algorithm: 'MD5', username: 'alice', password: 'pw', realm: 'pbx', nonce: 'abc', cnonce: 'cn', nc: '00000001',
      qop: 'auth', method: 'REGISTER', uri: req.uriText,
    }));
    const next = request('REGISTER', { cseq: 5 });
    d.apply(next);
    assert.equal(next.authorization[0].params.get('nc'), '00000002');
  });

  it('407 gives Proxy-Authorization; auth-int hashes the body', () => {
    const { req, res } = challenge(407, [['Proxy-Authenticate', 'Digest realm="proxy", nonce="n1", qop=auth-int, algorithm=SHA-256']]);
    req.body = Buffer.from('v=0\r\n');
    const retry = new sip.DigestClient({ username: 'u', password: 'p' }, () => 'c').authorize(req, res);
    const a = retry.proxyAuthorization[0];
    assert.equal(a.params.get('algorithm'), 'SHA-256');
    assert.equal(a.params.get('qop'), 'auth-int');
    assert.equal(a.params.get('response'), sip.digestResponse({
      algorithm: 'SHA-256', username: 'u', password: 'p', realm: 'proxy', nonce: 'n1', cnonce: 'c', nc: '00000001',
      qop: 'auth-int', method: 'REGISTER', uri: req.uriText, body: Buffer.from('v=0\r\n'),
    }));
  });

  it('several challenges: the topmost supported one per realm (RFC 8760 §2.4), unknown algorithms skipped', () => {
    const { req, res } = challenge(401, [
      ['WWW-Authenticate', 'Digest realm="r", nonce="1", algorithm=SHA-999'],
      ['WWW-Authenticate', 'Digest realm="r", nonce="2", algorithm=SHA-512-256'],
      ['WWW-Authenticate', 'Digest realm="r", nonce="3", algorithm=MD5'],
    ]);
    const retry = new sip.DigestClient({ username: 'u', password: 'p' }).authorize(req, res);
    assert.equal(retry.authorization.length, 1);
    assert.equal(retry.authorization[0].params.get('algorithm'), 'SHA-512-256');
    assert.equal(retry.authorization[0].params.get('nonce'), '2');
  });

  it('MD5-sess uses a cnonce even without qop', () => {
    const { req, res } = challenge(401, [['WWW-Authenticate', 'Digest realm="r", nonce="n", algorithm=MD5-sess']]);
    const a = new sip.DigestClient({ username: 'u', password: 'p' }, () => 'cc').authorize(req, res).authorization[0];
    assert.equal(a.params.get('cnonce'), 'cc');
    assert.equal(a.params.get('qop'), undefined);
  });

  it('a second challenge without stale means wrong credentials: no retry; stale=true retries', () => {
    const d = new sip.DigestClient({ username: 'u', password: 'wrong' });
    const first = challenge(401, [['WWW-Authenticate', 'Digest realm="r", nonce="n1"']]);
    const retry = d.authorize(first.req, first.res);
    assert.ok(retry);
    const again = challenge(401, [['WWW-Authenticate', 'Digest realm="r", nonce="n2"']]);
    assert.equal(d.authorize(retry, again.res), undefined);
    assert.equal(d.lastFailure, 'rejected');

    const d2 = new sip.DigestClient({ username: 'u', password: 'p' });
    const r1 = d2.authorize(first.req, first.res);
    const stale = challenge(401, [['WWW-Authenticate', 'Digest realm="r", nonce="n3", stale=true']]);
    const r2 = d2.authorize(r1, stale.res);
    assert.ok(r2);
    assert.equal(r2.authorization[0].params.get('nonce'), 'n3');
  });

  it('no digest challenge: unsupported', () => {
    const { req, res } = challenge(401, [['WWW-Authenticate', 'Basic realm="x"']]);
    const d = new sip.DigestClient({ username: 'u', password: 'p' });
    assert.equal(d.authorize(req, res), undefined);
    assert.equal(d.lastFailure, 'unsupported');
  });
});

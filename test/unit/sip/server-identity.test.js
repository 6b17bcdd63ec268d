'use strict';
// TLS peer identity for IPv6 literals: Node 22's tls.checkServerIdentity compares '::1' with the
// address as OpenSSL prints it ('0:0:0:0:0:0:0:1') and refuses a valid certificate; ours compares
// canonical forms (the TLS and WSS tests on [::1] in ipv6-tls.test.js failed on Node 22 before).
const assert = require('node:assert/strict');
const { checkServerIdentity } = require('../../../dist/core/sip/transport/server-identity');

const cert = { subject: {}, subjectaltname: 'IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:localhost' };

describe('sip/transport: server identity', () => {
  it('accepts an IPv6 literal listed in another spelling', () => {
    assert.equal(checkServerIdentity('::1', cert), undefined);
    assert.equal(checkServerIdentity('[::1]', cert), undefined);
  });
  it('refuses an IPv6 literal the certificate does not name', () => {
    assert.ok(checkServerIdentity('::2', cert) instanceof Error);
  });
  it('leaves names and IPv4 to Node', () => {
    assert.equal(checkServerIdentity('127.0.0.1', cert), undefined);
    assert.equal(checkServerIdentity('localhost', cert), undefined);
    assert.ok(checkServerIdentity('127.0.0.2', cert) instanceof Error);
  });
});

'use strict';
// The in-place fast paths of the parser (top Via checked and read as text, header names found
// by shape) must agree with the full grammar and refuse what it refuses.
const assert = require('node:assert/strict');
const { sip } = require('./helpers');

const msg = (via, extra = '') =>
  Buffer.from(
    `OPTIONS sip:b@127.0.0.1 SIP/2.0\r\nVia: ${via}\r\n${extra}From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`,
  );

describe('sip/parser: fast paths agree with the full grammar', () => {
  const vias = [
    'SIP/2.0/UDP 127.0.0.1:5070;rport;branch=z9hG4bKa1',
    'SIP/2.0/udp 127.0.0.1;BRANCH=z9hG4bKUp;received=127.0.0.1',
    'SIP/2.0/TCP localhost;branch=z9hG4bKb, SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKsecond',
    'SIP/2.0/UDP 127.0.0.1;rport=5060',
    'SIP/2.0/UDP 127.0.0.1;branchx=1;branch=z9hG4bKc',
    'SIP/2.0/UDP [::1]:5060;branch=z9hG4bKv6',
    'SIP/2.0/UDP 127.0.0.1 ; branch = z9hG4bKlws',
  ];
  for (const v of vias) {
    it(`Via: ${v}`, () => {
      const m = sip.parseMessage(msg(v), {});
      const lazy = m.branch;
      m.invalidate();
      const full = m.topVia.params.get('branch') ?? undefined;
      assert.equal(lazy, full);
      assert.equal(m.branch, full);
    });
  }
  const bad = [
    'SIP/2.0/UDP 127.0.0.1;branch',
    'SIP/2.0/UDP 127.0.0.1;rport=abc;branch=z9hG4bKx',
    'SIP/2.0/UDP 127.0.0.1;ttl=1234;branch=z9hG4bKx',
    'SIP/2.0/UDP 256.0.0.1;branch=z9hG4bKx',
    'SIP/2.0/UDP 127.0.0.1:65536;branch=z9hG4bKx',
    'SIP/2.0/UDP 127.0.0.1;RECEIVED;branch=z9hG4bKx',
  ];
  for (const v of bad) {
    it(`refuses Via: ${v}`, () => {
      assert.throws(() => sip.parseMessage(msg(v), {}), (e) => e.status === 400);
    });
  }
  it('recognises common names in any case and compact forms as the same header', () => {
    const raw = Buffer.from(
      'OPTIONS sip:b@127.0.0.1 SIP/2.0\r\nv: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKx\r\nFROM: <sip:a@127.0.0.1>;tag=1\r\nt: <sip:b@127.0.0.1>\r\ncall-id: c\r\nCSEQ: 1 OPTIONS\r\nRAck: 1 1 INVITE\r\nRSeq: 7\r\nl: 0\r\n\r\n',
    );
    const m = sip.parseMessage(raw, {});
    assert.equal(m.branch, 'z9hG4bKx');
    assert.equal(m.fromTag, '1');
    assert.equal(m.callId, 'c');
    assert.equal(m.cseq.seq, 1);
    assert.equal(m.rseq, 7);
    assert.equal(m.get('rack'), '1 1 INVITE');
    assert.deepEqual(m.headers.map((h) => h.key), ['via', 'from', 'to', 'call-id', 'cseq', 'rack', 'rseq', 'content-length']);
  });
  it('refuses a second From spelt differently', () => {
    const raw = msg('SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKx', 'f: <sip:c@127.0.0.1>;tag=2\r\n');
    assert.throws(() => sip.parseMessage(raw, {}), (e) => e.status === 400);
  });
});

describe('sip/parser: Via received/maddr holding an IPv6 address', () => {
  function response(via) {
    return Buffer.from(`SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP ${via}\r\nFrom: <sip:a@[::1]>;tag=1\r\n`
      + 'To: <sip:b@[::1]>;tag=2\r\nCall-ID: x\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n');
  }
  // RFC 3261 §20.42: via-received = "received" EQUAL (IPv4address / IPv6address); RFC 5118 §4.5
  // also sees it bracketed. Neither is a token, so the generic-param grammar alone refuses them.
  for (const [via, received] of [
    ['[::1]:5060;branch=z9hG4bKabc;received=::1;rport=5060', '::1'],
    ['[::1]:5060;received=[::1];branch=z9hG4bKabc', '[::1]'],
    ['127.0.0.1;branch=z9hG4bKabc;received=2001:db8::1', '2001:db8::1'],
  ]) {
    it(`parses ${via}`, () => {
      const m = sip.parseMessage(response(via));
      assert.equal(m.branch, 'z9hG4bKabc');
      assert.equal(m.topVia.params.get('received'), received);
    });
  }
  it('still refuses a received value that is neither a token nor an address', () => {
    assert.throws(() => sip.parseMessage(response('[::1];branch=z9hG4bKabc;received=bad value')));
  });
});

'use strict';
const assert = require('node:assert/strict');
const { sip } = require('./helpers');

describe('sip/message: lazy views agree with the full grammar', () => {
  const values = [
    '<sip:a@127.0.0.1>;tag=x1',
    '"Alice \\"A\\"" <sip:a@127.0.0.1:5060;transport=tcp>;TAG=Up;foo',
    'Bob  Smith<sips:b%20c@host.example.com>;foo=bar;tag=a;tag=b',
    '<sip:127.0.0.1;lr>',
    'sip:a@127.0.0.1;tag=noangle',
    '<sip:a@127.0.0.1;tag=uriparam>',
    '<sip:a@127.0.0.1>;tag',
  ];
  for (const v of values) {
    it(`From: ${v}`, () => {
      const raw = `OPTIONS sip:b@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKx\r\nFrom: ${v}\r\nTo: <sip:b@127.0.0.1>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`;
      const lazy = sip.parseMessage(Buffer.from(raw), {});
      const fast = lazy.fromTag;
      assert.equal(fast, sip.tagOf(sip.parseNameAddr(v)));
      assert.equal(lazy.fromTag, lazy.from.params.get('tag') ?? undefined);
    });
  }
  it('the Request-URI is built on first access and equals the full parse', () => {
    const raw = 'INVITE sip:alice;x=1@127.0.0.1:5070;transport=udp;lr SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKx\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n';
    const m = sip.parseMessage(Buffer.from(raw), {});
    assert.equal(m.uriParsed, false);
    assert.equal(sip.formatUri(m.uri), 'sip:alice;x=1@127.0.0.1:5070;transport=udp;lr');
    assert.equal(m.uri.port, 5070);
    assert.equal(m.uriParsed, true);
  });
  it('editing headers drops cached views; Content-Length is always recomputed', () => {
    const m = sip.createRequest({
      method: 'MESSAGE', uri: sip.parseUri('sip:b@127.0.0.1'), from: sip.nameAddr(sip.parseUri('sip:a@127.0.0.1'), { tag: 't' }),
      to: sip.nameAddr(sip.parseUri('sip:b@127.0.0.1')), callId: 'c1', cseq: 7, body: 'héllo', contentType: 'text/plain',
    });
    assert.equal(m.cseq.seq, 7);
    m.set('CSeq', '8 MESSAGE');
    assert.equal(m.cseq.seq, 8);
    m.set('Content-Length', '999');
    m.prepend('Via', 'SIP/2.0/UDP 127.0.0.1:5100;branch=z9hG4bKm');
    const round = sip.parseMessage(sip.serialize(m), {});
    assert.equal(round.contentLength, Buffer.byteLength('héllo'));
    assert.equal(round.bodyText, 'héllo');
  });
});

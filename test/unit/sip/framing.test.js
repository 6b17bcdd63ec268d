'use strict';
const assert = require('node:assert/strict');
const { sip } = require('./helpers');

const msg = (body = '') => `OPTIONS sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1;branch=z9hG4bKx\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('sip/framing: Content-Length framing of streams (RFC 3261 §18.3, RFC 5626)', () => {
  it('cuts messages split across chunks and several in one chunk', () => {
    const f = new sip.StreamFramer(65535);
    const all = Buffer.from(msg('hello') + msg() + msg('x'));
    const out = [];
    for (let i = 0; i < all.length; i += 7) out.push(...f.push(all.subarray(i, i + 7)));
    assert.deepEqual(out.map((e) => e.type), ['message', 'message', 'message']);
    assert.equal(out[0].data.toString(), msg('hello'));
    assert.equal(f.pending, 0);
  });
  it('reads compact l: and keepalive pings/pongs between messages', () => {
    const f = new sip.StreamFramer(65535);
    const ev = f.push(Buffer.from('\r\n\r\n' + msg().replace('Content-Length', 'l') + '\r\n'));
    assert.deepEqual(ev.map((e) => e.type), ['ping', 'message', 'pong']);
  });
  it('waits for a truncated body and never emits a partial message', () => {
    const f = new sip.StreamFramer(65535);
    const m = Buffer.from(msg('0123456789'));
    assert.deepEqual(f.push(m.subarray(0, m.length - 3)), []);
    assert.equal(f.push(m.subarray(m.length - 3))[0].type, 'message');
  });
  it('fails on a missing end of headers beyond the limit, an oversize Content-Length, or two Content-Lengths', () => {
    const f1 = new sip.StreamFramer(1024);
    assert.equal(f1.push(Buffer.alloc(2000, 0x41)).at(-1).type, 'error');
    assert.equal(f1.pending, 0);
    assert.deepEqual(f1.push(Buffer.from(msg())), [], 'a failed stream stays failed');
    const f2 = new sip.StreamFramer(1024);
    assert.equal(f2.push(Buffer.from(msg().replace('Content-Length: 0', 'Content-Length: 99999'))).at(-1).type, 'error');
    const f3 = new sip.StreamFramer(1024);
    assert.equal(f3.push(Buffer.from(msg().replace('Content-Length: 0', 'Content-Length: 0\r\nl: 0'))).at(-1).type, 'error');
    const f4 = new sip.StreamFramer(1024);
    assert.equal(f4.push(Buffer.from(msg().replace('Content-Length: 0', 'Content-Length: -1'))).at(-1).type, 'error');
  });
});

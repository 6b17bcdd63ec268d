'use strict';
const assert = require('node:assert/strict');
const dgram = require('node:dgram');
const net = require('node:net');
const { sip, waitFor } = require('./helpers');
const { invalid, valid } = require('./torture-messages');

async function pair(protocol, optsB = {}) {
  const a = new sip.SipStack({ transports: [{ protocol, host: '127.0.0.1', port: 0 }] });
  const b = new sip.SipStack({ transports: [{ protocol, host: '127.0.0.1', port: 0 }], userAgent: 'test-b', ...optsB });
  await a.start();
  await b.start();
  return { a, b };
}

function requestTo(stack, method, protocol, extra = {}) {
  const p = stack.localAddress(protocol);
  const params = protocol === 'UDP' ? {} : { transport: protocol.toLowerCase() };
  const uri = sip.sipUri({ user: 'b', host: '127.0.0.1', port: p.port, params });
  return sip.createRequest({
    method,
    uri,
    from: sip.nameAddr(sip.sipUri({ user: 'a', host: '127.0.0.1' }), { tag: sip.newTag() }),
    to: sip.nameAddr(uri),
    callId: sip.newCallId(),
    cseq: 1,
    ...extra,
  });
}

function finalResponse(tx) {
  return new Promise((resolve, reject) => {
    tx.on('response', (r) => r.status >= 200 && resolve(r));
    tx.on('timeout', () => reject(new Error('timeout')));
    tx.on('transport-error', reject);
  });
}

describe('sip/stack over real sockets on 127.0.0.1', function () {
  this.timeout(8000);
  const stacks = [];
  afterEach(async () => {
    for (const s of stacks.splice(0)) await s.close();
  });

  for (const protocol of ['UDP', 'TCP', 'WS']) {
    it(`${protocol}: MESSAGE round trip, received/rport stamped, unknown headers kept`, async () => {
      const { a, b } = await pair(protocol);
      stacks.push(a, b);
      let got;
      b.on('request', (req, tx) => {
        got = req;
        tx.respond(sip.createResponse(req, 200, { toTag: 'bb' }));
      });
      const req = requestTo(b, 'MESSAGE', protocol, { body: 'hello', contentType: 'text/plain', headers: [['X-Custom', 'a ;; b']] });
      const res = await finalResponse(a.sendRequest(req));
      assert.equal(res.status, 200);
      assert.equal(got.bodyText, 'hello');
      assert.equal(got.get('x-custom'), 'a ;; b');
      assert.equal(got.topVia.params.get('received'), '127.0.0.1');
      assert.match(got.topVia.params.get('rport'), /^\d+$/);
      assert.equal(res.toTag, 'bb');
    });
  }

  it('UDP: OPTIONS without a TU gets 200 with Allow; an unknown method gets 501 with Allow', async () => {
    const { a, b } = await pair('UDP');
    stacks.push(a, b);
    const res = await finalResponse(a.sendRequest(requestTo(b, 'OPTIONS', 'UDP')));
    assert.equal(res.status, 200);
    assert.match(res.get('allow'), /INVITE/);
    b.on('request', (req, tx) => tx.respond(sip.createResponse(req, 200)));
    const res2 = await finalResponse(a.sendRequest(requestTo(b, 'FOO', 'UDP')));
    assert.equal(res2.status, 501);
    assert.match(res2.get('allow'), /OPTIONS/);
  });

  it('INVITE, 180, CANCEL: 200 for the CANCEL, 487 for the INVITE, ACK absorbed by the server transaction', async () => {
    const { a, b } = await pair('UDP');
    stacks.push(a, b);
    let serverTx;
    b.on('request', (req, tx) => {
      serverTx = tx;
      tx.respond(sip.createResponse(req, 180, { toTag: 'bb' }));
      tx.on('cancel', () => tx.respond(sip.createResponse(req, 487, { toTag: 'bb' })));
    });
    const inv = a.sendRequest(requestTo(b, 'INVITE', 'UDP', { body: 'v=0\r\n', contentType: 'application/sdp' }));
    await waitFor(inv, 'response', 3000, (r) => r.status === 180);
    let cancelTx;
    a.cancel(inv, 'SIP;cause=487', (t) => (cancelTx = t));
    const [cancelRes] = await waitFor(cancelTx, 'response');
    assert.equal(cancelRes.status, 200);
    const final = await finalResponse(inv);
    assert.equal(final.status, 487);
    await waitFor(serverTx, 'state', 3000, (s) => s === 'Confirmed');
  });

  it('CANCEL for an unknown transaction: 481', async () => {
    const { a, b } = await pair('UDP');
    stacks.push(a, b);
    const res = await finalResponse(a.sendRequest(requestTo(b, 'CANCEL', 'UDP')));
    assert.equal(res.status, 481);
  });

  it('2xx to INVITE is retransmitted until the ACK arrives; the ACK reaches the TU', async () => {
    const { a, b } = await pair('UDP');
    stacks.push(a, b);
    let serverTx;
    b.on('request', (req, tx) => {
      serverTx = tx;
      tx.respond(sip.createResponse(req, 200, { toTag: 'bb', headers: [['Contact', '<sip:b@127.0.0.1>']] }));
    });
    const invReq = requestTo(b, 'INVITE', 'UDP');
    const inv = a.sendRequest(invReq);
    const [ok] = await waitFor(inv, 'response');
    assert.equal(ok.status, 200);
    const ack = new sip.SipRequest('ACK', invReq.uri);
    for (const n of ['from', 'call-id']) ack.set(n, invReq.get(n));
    ack.set('To', ok.get('to'));
    ack.set('CSeq', `${invReq.cseq.seq} ACK`);
    const gotAck = waitFor(b, 'ack');
    await a.sendAck(ack);
    const [recvd, tx] = await gotAck;
    assert.equal(recvd.method, 'ACK');
    assert.equal(tx, serverTx);
    assert.equal(serverTx.waitingForAck, false);
  });

  it('merged request (same From tag, Call-ID, CSeq, new branch) gets 482', async () => {
    const { a, b } = await pair('UDP');
    stacks.push(a, b);
    b.on('request', () => undefined); // hold the first one
    const r1 = requestTo(b, 'INVITE', 'UDP');
    a.sendRequest(r1);
    await waitFor(b, 'request');
    const r2 = requestTo(b, 'INVITE', 'UDP');
    for (const n of ['from', 'call-id', 'cseq']) r2.set(n, r1.get(n));
    const res = await finalResponse(a.sendRequest(r2));
    assert.equal(res.status, 482);
  });

  describe('hostile input over UDP: answered where RFC 3261 says, dropped otherwise, the stack keeps serving', () => {
    let b;
    let sock;
    const responses = [];
    before(async () => {
      b = new sip.SipStack({ transports: [{ protocol: 'UDP', host: '127.0.0.1', port: 0 }], maxMessageSize: 8192 });
      await b.start();
      b.on('request', (req, tx) => tx.respond(sip.createResponse(req, 200, { toTag: 'x' })));
      sock = dgram.createSocket('udp4');
      await new Promise((r) => sock.bind(0, '127.0.0.1', r));
      sock.on('message', (m) => responses.push(sip.parseMessage(m, { datagram: true, lenient: true })));
    });
    after(async () => {
      sock.close();
      await b.close();
    });
    const send = (buf) => new Promise((r) => sock.send(buf, b.localAddress('UDP').port, '127.0.0.1', r));
    // Every Via goes to 127.0.0.1 with rport, so nothing can leave the machine.
    const local = (buf, i) => {
      const port = sock.address().port;
      let text = buf.toString('latin1');
      if (!text.includes(';;,;,,')) {
        text = text.replace(/\r\n(Via|v)[ \t]*:[^\r]*(\r\n[ \t][^\r]*)*/i, `\r\nVia: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK-t${i};rport`);
      }
      return Buffer.from(text, 'latin1');
    };
    const probe = async (i) => {
      const before = responses.length;
      const req = `OPTIONS sip:b@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${sock.address().port};branch=z9hG4bK-probe${i};rport\r\nFrom: <sip:a@127.0.0.1>;tag=p\r\nTo: <sip:b@127.0.0.1>\r\nCall-ID: probe${i}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`;
      await send(Buffer.from(req));
      for (let n = 0; n < 200 && !responses.slice(before).some((r) => r.get('call-id') === `probe${i}`); n++) await new Promise((r) => setTimeout(r, 5));
      return responses.slice(before);
    };
    let i = 0;
    for (const [name, [buf, status]] of Object.entries(invalid)) {
      it(`${name}: ${status ? status : 'no answer'}`, async () => {
        const n = i++;
        await send(local(buf, n));
        const got = await probe(n);
        const answers = got.filter((r) => r.get('call-id') !== `probe${n}`);
        if (status === 0) assert.equal(answers.length, 0, `${name} must be dropped`);
        else {
          assert.equal(answers.length, 1, `${name} must be answered once`);
          assert.equal(answers[0].status, status);
        }
      });
    }
    it('garbage, empty and oversized datagrams are dropped', async () => {
      await send(Buffer.from([0, 1, 2, 3, 255]));
      await send(Buffer.from('\r\n\r\n'));
      await send(Buffer.alloc(9000, 0x41));
      await send(local(valid.wsinv, 999).subarray(0, 200));
      const got = await probe(1000);
      assert.deepEqual(got.map((r) => r.get('call-id')), ['probe1000']);
    });
    it('responses whose top Via is not ours are dropped (RFC 4475 §3.3.10 bcast)', async () => {
      await send(valid.bcast);
      const got = await probe(1001);
      assert.deepEqual(got.map((r) => r.get('call-id')), ['probe1001']);
    });
  });

  it('TCP: a peer that never ends its headers is cut off; others are still served', async () => {
    const b = new sip.SipStack({ transports: [{ protocol: 'TCP', host: '127.0.0.1', port: 0 }], maxMessageSize: 4096 });
    stacks.push(b);
    await b.start();
    const port = b.localAddress('TCP').port;
    const s = net.connect(port, '127.0.0.1');
    await new Promise((r) => s.on('connect', r));
    const closed = new Promise((r) => s.on('close', r));
    s.on('error', () => undefined);
    for (let k = 0; k < 10; k++) s.write(Buffer.alloc(1000, 0x41));
    await closed;
    const a = new sip.SipStack({ transports: [{ protocol: 'TCP', host: '127.0.0.1', port: 0 }] });
    stacks.push(a);
    await a.start();
    const res = await finalResponse(a.sendRequest(requestTo(b, 'OPTIONS', 'TCP')));
    assert.equal(res.status, 200);
  });

  it('TCP: a double-CRLF ping is answered with a CRLF pong (RFC 5626 §3.5.1)', async () => {
    const b = new sip.SipStack({ transports: [{ protocol: 'TCP', host: '127.0.0.1', port: 0 }] });
    stacks.push(b);
    await b.start();
    const s = net.connect(b.localAddress('TCP').port, '127.0.0.1');
    await new Promise((r) => s.on('connect', r));
    const data = new Promise((r) => s.once('data', r));
    s.write('\r\n\r\n');
    assert.equal((await data).toString(), '\r\n');
    s.destroy();
  });
});

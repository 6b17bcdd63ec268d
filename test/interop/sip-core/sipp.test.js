'use strict';
// OPTIONS and MESSAGE to and from SIPp, and retransmission under 20 % loss, on 127.0.0.1.
const assert = require('node:assert/strict');
const sip = require('../../../dist/core/sip');
const { requirePeer } = require('../lib/peers');
const { startSipp, uasScenario, uacScenario } = require('../lib/sipp');

function finalOf(tx) {
  return new Promise((resolve) => {
    tx.on('response', (r) => r.status >= 200 && resolve(r.status));
    tx.on('timeout', () => resolve('timeout'));
    tx.on('transport-error', () => resolve('transport-error'));
  });
}

function request(stack, method, port, protocol = 'UDP') {
  const uri = sip.sipUri({ user: 'sipp', host: '127.0.0.1', port, params: protocol === 'UDP' ? {} : { transport: 'tcp' } });
  return sip.createRequest({
    method,
    uri,
    from: sip.nameAddr(sip.sipUri({ user: 'node', host: '127.0.0.1' }), { tag: sip.newTag() }),
    to: sip.nameAddr(uri),
    callId: sip.newCallId(),
    cseq: 1,
    ...(method === 'MESSAGE' ? { body: 'hello sipp', contentType: 'text/plain' } : {}),
  });
}

describe('interop: SIPp', function () {
  const cleanups = [];
  before(function () {
    requirePeer(this, 'sipp');
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function stack(protocol = 'UDP') {
    const s = new sip.SipStack({ transports: [{ protocol, host: '127.0.0.1', port: 0 }], userAgent: 'node-red-contrib-telephony test' });
    await s.start();
    cleanups.push(() => s.close());
    return s;
  }

  for (const [protocol, t, port] of [['UDP', 'u1', 5170], ['TCP', 't1', 5171]]) {
    it(`${protocol}: OPTIONS and MESSAGE to SIPp are answered 200`, async () => {
      const peer = startSipp({ xml: uasScenario(), port, calls: 2, transport: t });
      cleanups.push(() => peer.stop());
      await new Promise((r) => setTimeout(r, 500));
      const s = await stack(protocol);
      assert.equal(await finalOf(s.sendRequest(request(s, 'OPTIONS', port, protocol))), 200);
      assert.equal(await finalOf(s.sendRequest(request(s, 'MESSAGE', port, protocol))), 200);
      const r = await peer.done;
      assert.equal(r.code, 0, r.output.slice(-1500));
    });
  }

  for (const method of ['OPTIONS', 'MESSAGE']) {
    it(`UDP: ${method} from SIPp is answered by the stack`, async () => {
      const s = await stack();
      const got = [];
      s.on('request', (req, tx) => {
        got.push(req.method);
        tx.respond(sip.createResponse(req, 200, { toTag: sip.newTag() }));
      });
      const peer = startSipp({ xml: uacScenario(method), port: 5172, calls: 5, rate: 20, service: 'node', remote: `127.0.0.1:${s.localAddress('UDP').port}` });
      cleanups.push(() => peer.stop());
      const r = await peer.done;
      assert.equal(r.code, 0, r.output.slice(-1500));
      assert.equal(r.stats['SuccessfulCall(C)'], '5');
      assert.deepEqual(got, Array(5).fill(method));
    });
  }

  it('UDP, SIPp -lost 20 as UAS: 30 MESSAGEs all complete through Timer E retransmissions', async function () {
    this.timeout(90000);
    const port = 5173;
    const peer = startSipp({ xml: uasScenario(['MESSAGE'], 33000), port, calls: 30, lost: 20, timeoutS: 50 });
    cleanups.push(() => peer.stop());
    await new Promise((r) => setTimeout(r, 500));
    const s = await stack();
    // All at once: each transaction ends by Timer F (64*T1 = 32 s) at the latest, so the test
    // is bounded by one Timer F, not three, however slow the machine.
    const batch = [];
    for (let k = 0; k < 30; k++) batch.push(finalOf(s.sendRequest(request(s, 'MESSAGE', port))));
    const results = await Promise.all(batch);
    assert.deepEqual(results, Array(30).fill(200), 'no failed transaction');
  });

  it('UDP, SIPp -lost 20 as UAC: 30 MESSAGEs to the stack all succeed (retransmissions answered by the server transactions)', async function () {
    this.timeout(60000);
    const s = await stack();
    let tu = 0;
    s.on('request', (req, tx) => {
      tu++;
      tx.respond(sip.createResponse(req, 200, { toTag: sip.newTag() }));
    });
    const peer = startSipp({ xml: uacScenario('MESSAGE'), port: 5174, calls: 30, rate: 10, lost: 20, service: 'node', remote: `127.0.0.1:${s.localAddress('UDP').port}`, timeoutS: 50 });
    cleanups.push(() => peer.stop());
    const r = await peer.done;
    assert.equal(r.code, 0, r.output.slice(-1500));
    assert.equal(r.stats['SuccessfulCall(C)'], '30');
    assert.equal(r.stats['FailedCall(C)'], '0');
    assert.ok(tu <= 30, 'retransmitted requests never reach the TU twice');
  });
});

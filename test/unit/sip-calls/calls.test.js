'use strict';
const assert = require('node:assert/strict');
const sinon = require('sinon');
const { UserAgent } = require('../../../dist/core/sip/user-agent');
const { MemoryNet } = require('./lib/memory-net');

function events(emitter, names) {
  const seen = [];
  for (const n of names) emitter.on(n, (a) => seen.push(n === 'state' ? `state:${a}` : n));
  return seen;
}

describe('sip-calls/calls (in-memory signalling, fake timers)', () => {
  let clock; let net; let alice; let bob;
  beforeEach(async () => {
    clock = sinon.useFakeTimers();
    net = new MemoryNet();
    alice = new UserAgent({ username: 'alice', localAddress: '127.0.0.1', signalling: net.port(), dtmfMode: 'info' });
    bob = new UserAgent({ username: 'bob', localAddress: '127.0.0.1', signalling: net.port(), dtmfMode: 'info' });
    await alice.start(); await bob.start();
  });
  afterEach(async () => {
    await clock.tickAsync(100000);
    clock.restore();
  });

  // Lets a chain of promises and microtask deliveries run, advancing fake time by `ms` in steps.
  async function settle(ms = 10) {
    for (let i = 0; i < 20; i++) await clock.tickAsync(ms / 20);
  }

  function bobAddr() { return `bob@${bob.contactUri().split('@')[1]}`; }

  async function connect() {
    let incoming;
    bob.on('incoming', (c) => { incoming = c; });
    const call = alice.dial(bobAddr());
    await settle(10);
    assert.ok(incoming, 'bob sees the call');
    incoming.answer();
    await settle(10);
    assert.equal(call.state, 'active');
    assert.equal(incoming.state, 'active');
    return { call, incoming };
  }

  it('places a call, rings, answers and hangs up from the caller', async () => {
    let incoming; let info;
    bob.on('incoming', (c, i) => { incoming = c; info = i; });
    const call = alice.dial(bobAddr());
    const aSeen = events(call, ['state', 'ringing', 'progress', 'answered', 'ended']);
    await settle(10);
    assert.equal(incoming.direction, 'incoming');
    assert.equal(incoming.state, 'ringing');
    assert.match(info.caller, /^sip:alice@/);
    assert.equal(call.state, 'waitForAnswer');
    const bSeen = events(incoming, ['answered', 'ended']);
    let bEnd;
    incoming.on('ended', (e) => { bEnd = e; });
    incoming.answer();
    await settle(10);
    assert.deepEqual(aSeen, ['state:dialing', 'state:waitForAnswer', 'ringing', 'progress', 'state:active', 'answered']);
    assert.equal(alice.calls.size, 1);
    call.hangup();
    await settle(10);
    assert.deepEqual(bSeen, ['answered', 'ended']);
    assert.equal(bEnd.cause.q850, 16);
    assert.equal(call.state, 'down');
    assert.equal(alice.calls.size, 0);
    assert.equal(bob.calls.size, 0);
    assert.notEqual(call.id, incoming.id);
  });

  it('cancels before answer: the callee sees CANCEL, the caller a 487', async () => {
    let incoming;
    bob.on('incoming', (c) => { incoming = c; });
    const call = alice.dial(bobAddr());
    await settle(10);
    let aEnd; let bEnd;
    call.on('ended', (e) => { aEnd = e; });
    incoming.on('ended', (e) => { bEnd = e; });
    call.hangup();
    await settle(10);
    assert.equal(bEnd.cause.status, 'CANCEL');
    assert.equal(aEnd.cause.sip, 487);
    assert.equal(aEnd.cause.status, 'CANCEL');
  });

  it('rejects with a chosen code and reports the cause with its Q.850 value', async () => {
    bob.on('incoming', (c) => c.reject(486));
    const call = alice.dial(bobAddr());
    let end;
    call.on('ended', (e) => { end = e; });
    await settle(10);
    assert.deepEqual([end.cause.sip, end.cause.q850, end.cause.status], [486, 17, 'BUSY']);
  });

  it('callee hangs up: the caller gets a BYE with the Reason', async () => {
    const { call, incoming } = await connect();
    let end;
    call.on('ended', (e) => { end = e; });
    incoming.hangup();
    await settle(10);
    assert.equal(end.cause.q850, 16);
    assert.equal(end.cause.status, 'ANSWER');
  });

  it('holds and unholds; the peer sees remote hold', async () => {
    const { call, incoming } = await connect();
    const remote = [];
    incoming.on('remoteHold', (e) => remote.push(e.held));
    const p = call.hold();
    await settle(10);
    await p;
    assert.equal(call.state, 'held');
    assert.deepEqual(remote, [true]);
    const q = call.unhold();
    await settle(10);
    await q;
    assert.equal(call.state, 'active');
    assert.deepEqual(remote, [true, false]);
  });

  it('re-INVITE glare: both get 491 and both retry after the §14.1 delay', async () => {
    const { call, incoming } = await connect();
    const p1 = call.hold();
    const p2 = incoming.hold();
    await settle(10);
    assert.equal(call.state, 'active', 'nothing changed yet: both got 491');
    await settle(4100);
    await Promise.all([p1, p2]);
    assert.equal(call.state, 'held');
    assert.equal(incoming.state, 'held');
    assert.equal(call.remoteHoldState, true);
    assert.equal(incoming.remoteHoldState, true);
  });

  it('a failed re-INVITE leaves the call as it was', async () => {
    const { call } = await connect();
    // The peer refuses the re-INVITE with 488: intercept its handler.
    const bobPort = [...net.nodes.values()][1];
    const orig = bobPort.handler;
    bobPort.handler = (req, tx) => (req.method === 'INVITE' ? tx.respond(488, 'Not Acceptable Here') : orig(req, tx));
    const p = call.hold().then(() => null, (e) => e);
    await settle(10);
    assert.match(String(await p), /488/);
    assert.equal(call.state, 'active');
    assert.equal(call.localHeld, false);
    bobPort.handler = orig;
  });

  it('DTMF over INFO both ways (application/dtmf-relay)', async () => {
    const { call, incoming } = await connect();
    const got = []; const got2 = [];
    incoming.on('dtmf', (d) => got.push(`${d.digit}/${d.method}`));
    call.on('dtmf', (d) => got2.push(d.digit));
    const p = call.sendDtmf('1*#');
    await settle(10);
    await p;
    const q = incoming.sendDtmf('9');
    await settle(10);
    await q;
    assert.deepEqual(got, ['1/info', '*/info', '#/info']);
    assert.deepEqual(got2, ['9']);
  });

  it('MESSAGE in and out of dialog, OPTIONS answered', async () => {
    const msgs = [];
    bob.on('message', (m) => msgs.push(m));
    const p = alice.sendMessage(bobAddr(), 'hello');
    await settle(10);
    await p;
    assert.equal(msgs[0].text, 'hello');
    assert.equal(msgs[0].contentType, 'text/plain');
    const { call, incoming } = await connect();
    const inCall = [];
    incoming.on('message', (m) => inCall.push(m.text));
    const q = call.sendMessage('in dialog');
    await settle(10);
    await q;
    assert.deepEqual(inCall, ['in dialog']);
    // OPTIONS to the UA from a scripted peer
    const raw = net.raw();
    let res;
    raw.request({ method: 'OPTIONS', uri: bob.contactUri(), headers: [['From', '<sip:x@127.0.0.1>;tag=1'], ['To', '<sip:bob@127.0.0.1>'], ['Call-ID', 'o1'], ['CSeq', '1 OPTIONS']] }, { onFinal: (r) => { res = r; }, onTimeout() {} });
    await settle(10);
    assert.equal(res.status, 200);
    assert.ok(res.headers('Allow').includes('REFER'));
    assert.match(res.headers('Accept').join(','), /application\/dtmf-relay/);
    assert.ok(res.headers('Supported').includes('replaces'));
  });

  it('DND answers 486 (or 480); forwarding answers 302 at once or after the delay', async () => {
    bob.setDnd(true);
    let end;
    alice.dial(bobAddr()).on('ended', (e) => { end = e; });
    await settle(10);
    assert.equal(end.cause.sip, 486);
    bob.setDnd(false);
    bob.setForwarding({ to: 'carol@127.0.0.1', afterSeconds: 0 });
    alice.dial(bobAddr()).on('ended', (e) => { end = e; });
    await settle(10);
    assert.equal(end.cause.sip, 302);
    assert.match(end.cause.reason, /sip:carol@127\.0\.0\.1/);
    bob.setForwarding({ to: 'carol@127.0.0.1', afterSeconds: 5 });
    const c = alice.dial(bobAddr());
    end = undefined;
    c.on('ended', (e) => { end = e; });
    await settle(4000);
    assert.equal(end, undefined);
    assert.equal(c.state, 'waitForAnswer');
    await settle(1100);
    assert.equal(end.cause.sip, 302);
  });

  it('several calls at once, each with its own id; maxCalls enforced', async () => {
    const ids = new Set();
    bob.on('incoming', (c) => { ids.add(c.id); c.answer(); });
    const calls = [alice.dial(bobAddr()), alice.dial(bobAddr()), alice.dial(bobAddr()), alice.dial(bobAddr())];
    await settle(10);
    assert.equal(ids.size, 4);
    assert.equal(new Set(calls.map((c) => c.id)).size, 4);
    assert.throws(() => alice.dial(bobAddr()), /lines are busy/);
    assert.deepEqual(calls.map((c) => c.state), ['up', 'up', 'up', 'active']);
    for (const c of calls) c.hangup();
    await settle(10);
    assert.equal(bob.calls.size, 0);
  });
});

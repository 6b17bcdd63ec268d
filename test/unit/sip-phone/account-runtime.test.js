'use strict';
// The sip-account runtime and the command executor over two real user agents joined by the
// sip-calls branch's in-memory signalling (no sockets, fake timers): events reach every phone
// with callId and line state, commands reach the right call, refusals say why.
const assert = require('node:assert/strict');
const sinon = require('sinon');
const { UserAgent } = require('../../../dist/core/sip/user-agent');
const { systemClock } = require('../../../dist/core/clock');
const { silentLogger } = require('../../../dist/core/logger');
const { AccountRuntime } = require('../../../dist/sip-phone/account-runtime');
const { executeCommand } = require('../../../dist/sip-phone/execute');
const { parseCommand } = require('../../../dist/sip-phone/commands');
const { MemoryNet } = require('../sip-calls/lib/memory-net');

function phoneUser(id) {
  const events = [];
  const statuses = [];
  return { id, events, statuses, onPhoneEvent: (e) => events.push(e), onStatus: (s) => statuses.push(s), topics: () => events.map((e) => e.topic) };
}

describe('sip-phone account runtime with real user agents (in-memory signalling)', () => {
  let clock; let net; let alice; let bob; let a; let b;

  function runtime(username) {
    const opts = { username, transport: 'udp', register: false, expires: 600, codecs: ['PCMU'], dtmfMode: 'info', rtpPortMin: 23000, rtpPortMax: 23099, maxCalls: 2, transferPolicy: 'accept', localPort: 0, localAddress: '127.0.0.1' };
    return new AccountRuntime(opts, {
      createUserAgent: (o) => new UserAgent({ ...o, signalling: net.port() }),
      clock: systemClock, logger: silentLogger, subscribeMwi: false, stopTimeoutMs: 5000,
      onError: (e) => { throw e; },
    });
  }
  async function settle(ms = 10) {
    for (let i = 0; i < 20; i++) await clock.tickAsync(ms / 20);
  }
  const run = (rt, topic, payload, callId) => executeCommand(parseCommand({ topic, payload, callId }), { account: rt, userDir: undefined });

  beforeEach(async () => {
    clock = sinon.useFakeTimers();
    net = new MemoryNet();
    alice = runtime('alice');
    bob = runtime('bob');
    a = phoneUser('A');
    b = phoneUser('B');
    alice.register(a);
    bob.register(b);
    await alice.ready();
    await bob.ready();
  });
  afterEach(async () => {
    const done = Promise.all([alice.close(), bob.close()]);
    await clock.tickAsync(100000);
    await done;
    clock.restore();
  });

  const bobAddr = () => `bob@${bob.userAgent.contactUri().split('@')[1]}`;

  it('P2P status, dial -> dialing/incoming/answered/ended with call ids and line states', async () => {
    assert.equal(alice.registrationState, 'p2p');
    assert.equal(a.statuses.at(-1).key, 'p2p');
    await run(alice, 'dial', bobAddr());
    await settle();
    const dialing = a.events.find((e) => e.topic === 'dialing');
    const incoming = b.events.find((e) => e.topic === 'incoming');
    assert.ok(dialing && incoming, `A: ${a.topics()} B: ${b.topics()}`);
    assert.equal(incoming.call.state, 'ringing');
    assert.match(incoming.payload.caller, /^sip:alice@/);
    assert.equal(b.statuses.at(-1).key, 'p2pCalls');
    await run(bob, 'answer');
    await settle();
    assert.ok(a.topics().includes('answered'));
    assert.equal(a.events.find((e) => e.topic === 'answered').call.id, dialing.call.id);
    await run(alice, 'hangup', undefined, dialing.call.id);
    await settle();
    const ended = b.events.find((e) => e.topic === 'ended');
    assert.equal(ended.call.state, 'down');
    assert.equal(ended.payload.cause.status, 'ANSWER');
    assert.equal(b.statuses.at(-1).key, 'p2p');
  });

  it('reject with 486: the caller ends BUSY', async () => {
    await run(alice, 'dial', bobAddr());
    await settle();
    await run(bob, 'reject', { code: 486 });
    await settle();
    const ended = a.events.find((e) => e.topic === 'ended');
    assert.equal(ended.payload.cause.sip, 486);
    assert.equal(ended.payload.cause.status, 'BUSY');
  });

  it('DTMF by INFO, hold/unhold with remoteHold, state refusals', async () => {
    await run(alice, 'dial', bobAddr());
    await settle();
    await run(bob, 'answer');
    await settle();
    await assert.rejects(run(alice, 'unhold'), (e) => e.key === 'badState');
    await assert.rejects(run(alice, 'hangup', undefined, 'nope'), (e) => e.key === 'noSuchCall');
    const dtmfDone = run(alice, 'dtmf', '5');
    await settle(500);
    await dtmfDone;
    const d = b.events.find((e) => e.topic === 'dtmf');
    assert.deepEqual([d.payload.digit, d.payload.method], ['5', 'info']);
    const held = run(alice, 'hold');
    await settle();
    await held;
    assert.equal(a.events.find((e) => e.topic === 'held').call.state, 'held');
    assert.equal(b.events.find((e) => e.topic === 'remoteHold').payload.held, true);
    const resumed = run(alice, 'unhold');
    await settle();
    await resumed;
    assert.ok(a.topics().includes('resumed'));
  });

  it('MESSAGE and DND', async () => {
    const sent = run(alice, 'message', { to: bobAddr(), text: 'hi' });
    await settle();
    await sent;
    assert.equal(b.events.find((e) => e.topic === 'message').payload.text, 'hi');
    await run(bob, 'dnd', true);
    await run(alice, 'dial', bobAddr());
    await settle();
    assert.ok(!b.topics().includes('incoming'));
    assert.equal(a.events.find((e) => e.topic === 'ended').payload.cause.sip, 486);
  });

  it('close: the last phone out stops the agent and hangs up its calls', async () => {
    await run(alice, 'dial', bobAddr());
    await settle();
    await run(bob, 'answer');
    await settle();
    const out = alice.deregister(a);
    await settle(3000);
    await out;
    assert.equal(alice.userAgent, undefined);
    assert.equal(alice.registrationState, 'stopped');
    assert.ok(b.topics().includes('ended'), `B: ${b.topics()}`);
  });
});

'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const helper = require('node-red-node-test-helper');
const sipAccount = require('../../dist/sip-account.js');
const sipPhone = require('../../dist/sip-phone.js');
const catchNode = require('@node-red/nodes/core/common/25-catch.js');
const { userAgentProblem, p2pAccount, recorder } = require('../lib/phone-flow');

helper.init(require.resolve('node-red'));

const NODES = [sipAccount, sipPhone, catchNode];

/** One phone on one P2P account, with its output and its caught errors recorded. */
function singlePhoneFlow(accountExtra = {}, phoneExtra = {}) {
  return [
    p2pAccount('acc', 'alice', 5410, 23000, accountExtra),
    { id: 'ph', type: 'sip-phone', name: 'phone', account: 'acc', wires: [['out']], ...phoneExtra },
    { id: 'c', type: 'catch', scope: ['ph'], wires: [['err']] },
    { id: 'out', type: 'helper' },
    { id: 'err', type: 'helper' },
  ];
}

async function loadSingle(accountExtra, phoneExtra) {
  await helper.load(NODES, singlePhoneFlow(accountExtra, phoneExtra));
  return {
    phone: helper.getNode('ph'),
    out: recorder(helper.getNode('out')),
    err: recorder(helper.getNode('err')),
  };
}

describe('sip-phone node: command validation', function () {
  afterEach(async () => {
    await helper.unload();
  });

  it('loads with its account and shows a status', async () => {
    const { phone } = await loadSingle();
    assert.equal(phone.type, 'sip-phone');
    assert.ok(helper.getNode('acc').runtime, 'account runtime exists');
  });

  const refusals = [
    ['unknown command', { topic: 'dail', payload: '100' }, /unknown command "dail"/],
    ['missing topic', { payload: '100' }, /msg.topic must name a command/],
    ['bad target', { topic: 'dial', payload: 'not a number!' }, /"not a number!" is not a number/],
    ['dial without target', { topic: 'dial', payload: {} }, /dial: to is missing/],
    ['header injection', { topic: 'dial', payload: { to: '1', headers: { 'X-A': 'a\r\nB: c' } } }, /header "X-A"/],
    ['bad DTMF', { topic: 'dtmf', payload: '12x' }, /"12x" is not a DTMF string/],
    ['bad reject code', { topic: 'reject', payload: { code: 200 } }, /reject: code must be a SIP final failure status 400-699, not 200/],
    ['conference of one', { topic: 'conference', payload: { callIds: ['a'] } }, /conference: msg.payload.callIds must list two or more/],
    ['dnd not boolean', { topic: 'dnd', payload: 'maybe' }, /dnd: msg.payload must be true or false, not maybe/],
  ];
  for (const [label, msg, re] of refusals) {
    it(`sends ${label} to the Catch node with the msg`, async () => {
      const { phone, err } = await loadSingle();
      phone.receive({ ...msg, marker: label });
      const caught = await err.waitFor(() => true, 'caught error');
      assert.match(caught.error.message, re);
      assert.equal(caught.marker, label, 'the caught message is the one sent');
    });
  }

  it('refuses commands when no account is configured', async () => {
    await helper.load(NODES, [
      { id: 'ph', type: 'sip-phone', account: '', wires: [[]] },
      { id: 'c', type: 'catch', scope: ['ph'], wires: [['err']] },
      { id: 'err', type: 'helper' },
    ]);
    const err = recorder(helper.getNode('err'));
    helper.getNode('ph').receive({ topic: 'hangup' });
    const caught = await err.waitFor(() => true);
    assert.match(caught.error.message, /no sip-account configured/);
  });

  it('refuses commands when the account is invalid, saying why', async () => {
    const { phone, err } = await loadSingle({ username: '' });
    phone.receive({ topic: 'hangup' });
    const caught = await err.waitFor(() => true);
    assert.match(caught.error.message, /sip-account is not valid: username is required/);
  });
});

describe('sip-phone node: calls between two P2P accounts on 127.0.0.1', function () {
  this.timeout(20000);
  before(async function () {
    // The user agent is part of this package: if it cannot start, that is a failure.
    const problem = await userAgentProblem();
    if (problem) throw new Error(problem);
  });
  afterEach(async () => {
    await helper.unload();
  });

  // Two accounts, two phones: alice (A, 5411) calls bob (B, 5412).
  function pairFlow(phoneA = {}, phoneB = {}, accA = {}, accB = {}) {
    return [
      p2pAccount('accA', 'alice', 5411, 23200, accA),
      p2pAccount('accB', 'bob', 5412, 23300, accB),
      { id: 'A', type: 'sip-phone', account: 'accA', events: '', wires: [['outA']], ...phoneA },
      { id: 'B', type: 'sip-phone', account: 'accB', events: '', wires: [['outB']], ...phoneB },
      { id: 'c', type: 'catch', scope: ['A', 'B'], wires: [['err']] },
      { id: 'outA', type: 'helper' },
      { id: 'outB', type: 'helper' },
      { id: 'err', type: 'helper' },
    ];
  }

  async function loadPair(...args) {
    await helper.load(NODES, pairFlow(...args));
    const r = {
      A: helper.getNode('A'),
      B: helper.getNode('B'),
      outA: recorder(helper.getNode('outA')),
      outB: recorder(helper.getNode('outB')),
      err: recorder(helper.getNode('err')),
    };
    await helper.getNode('accA').runtime.ready();
    await helper.getNode('accB').runtime.ready();
    return r;
  }

  /** A dials B, B answers; both sides up. */
  async function connect(r) {
    r.A.receive({ topic: 'dial', payload: 'bob@127.0.0.1:5412' });
    const dialing = await r.outA.waitFor('dialing');
    const incoming = await r.outB.waitFor('incoming');
    assert.equal(incoming.lineState, 'ringing');
    assert.equal(incoming.direction, 'incoming');
    r.B.receive({ topic: 'answer' });
    const answeredA = await r.outA.waitFor('answered');
    await r.outB.waitFor('answered');
    assert.equal(answeredA.callId, dialing.callId);
    return { aCall: dialing.callId, bCall: incoming.callId };
  }

  it('dial, incoming, ringing, answer, hangup: events on both sides with causes', async () => {
    const r = await loadPair();
    const { aCall, bCall } = await connect(r);
    assert.ok(r.outA.topics().includes('ringing'), `A saw ${r.outA.topics()}`);
    r.A.receive({ topic: 'hangup', callId: aCall });
    const endedB = await r.outB.waitFor('ended');
    const endedA = await r.outA.waitFor('ended');
    assert.equal(endedB.callId, bCall);
    assert.equal(endedA.lineState, 'down');
    assert.equal(endedA.payload.cause.status, 'ANSWER');
    assert.equal(r.err.seen.length, 0, JSON.stringify(r.err.seen.map((m) => m.error)));
  });

  it('reject with a code ends the caller with BUSY', async () => {
    const r = await loadPair();
    r.A.receive({ topic: 'dial', payload: 'sip:bob@127.0.0.1:5412' });
    await r.outB.waitFor('incoming');
    r.B.receive({ topic: 'reject', payload: { code: 486 } });
    const ended = await r.outA.waitFor('ended');
    assert.equal(ended.payload.cause.sip, 486);
    assert.equal(ended.payload.cause.status, 'BUSY');
  });

  it('caller hangs up while ringing: callee ends with CANCEL', async () => {
    const r = await loadPair();
    r.A.receive({ topic: 'dial', payload: 'bob@127.0.0.1:5412' });
    await r.outB.waitFor('incoming');
    r.A.receive({ topic: 'hangup' });
    const ended = await r.outB.waitFor('ended');
    assert.equal(ended.payload.cause.status, 'CANCEL');
  });

  it('auto-answer answers an incoming call', async () => {
    const r = await loadPair({}, { autoAnswer: true, autoAnswerDelay: 0 });
    r.A.receive({ topic: 'dial', payload: 'bob@127.0.0.1:5412' });
    await r.outA.waitFor('answered');
    await r.outB.waitFor('answered');
    r.B.receive({ topic: 'hangup' });
    await r.outA.waitFor('ended');
  });

  it('DTMF both ways, with digit and method', async () => {
    const r = await loadPair();
    await connect(r);
    r.A.receive({ topic: 'dtmf', payload: '1#' });
    const d1 = await r.outB.waitFor((m) => m.topic === 'dtmf' && m.payload.digit === '1', 'dtmf 1');
    await r.outB.waitFor((m) => m.topic === 'dtmf' && m.payload.digit === '#', 'dtmf #');
    assert.equal(d1.payload.method, 'rfc4733');
    r.B.receive({ topic: 'dtmf', payload: '7' });
    await r.outA.waitFor((m) => m.topic === 'dtmf' && m.payload.digit === '7', 'dtmf 7');
    r.A.receive({ topic: 'hangup' });
    await r.outB.waitFor('ended');
  });

  it('hold and unhold: held/resumed here, remoteHold there; states checked', async () => {
    const r = await loadPair();
    await connect(r);
    r.A.receive({ topic: 'unhold' });
    const refused = await r.err.waitFor(() => true, 'unhold refusal');
    assert.match(refused.error.message, /unhold: call .* is (up|active); unhold needs held/);
    r.A.receive({ topic: 'hold' });
    const held = await r.outA.waitFor('held');
    assert.equal(held.lineState, 'held');
    const rh = await r.outB.waitFor('remoteHold');
    assert.equal(rh.payload.held, true);
    r.A.receive({ topic: 'unhold' });
    await r.outA.waitFor('resumed');
    await r.outB.waitFor((m) => m.topic === 'remoteHold' && m.payload.held === false, 'remoteHold false');
    r.A.receive({ topic: 'mute' });
    r.A.receive({ topic: 'unmute' });
    r.A.receive({ topic: 'hangup' });
    await r.outB.waitFor('ended');
  });

  it('play a shipped WAV by a package-relative path; playEnded follows', async () => {
    const r = await loadPair();
    await connect(r);
    r.B.receive({ topic: 'play', payload: 'examples/media/prompt.wav' });
    const ended = await r.outB.waitFor('playEnded', 'playEnded', 15000);
    assert.ok(ended.callId);
    r.B.receive({ topic: 'play', payload: 'no/such/file.wav' });
    const caught = await r.err.waitFor(() => true, 'file not found');
    assert.match(caught.error.message, /file "no\/such\/file.wav" not found/);
    r.A.receive({ topic: 'hangup' });
    await r.outB.waitFor('ended');
  });

  it('record to a file, stopRecord gives recordEnded with the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-phone-'));
    const file = path.join(dir, 'rec.wav');
    const r = await loadPair();
    await connect(r);
    r.B.receive({ topic: 'record', payload: file });
    r.A.receive({ topic: 'play', payload: { file: 'examples/media/prompt.wav', loop: true } });
    await new Promise((res) => setTimeout(res, 500));
    r.B.receive({ topic: 'stopRecord' });
    const rec = await r.outB.waitFor('recordEnded');
    assert.equal(rec.payload.file, file);
    assert.ok(fs.statSync(file).size > 44, 'the recording has audio after its header');
    r.A.receive({ topic: 'record', payload: path.join(dir, 'missing-dir', 'x.wav') });
    const caught = await r.err.waitFor(() => true);
    assert.match(caught.error.message, /does not exist/);
    r.A.receive({ topic: 'hangup' });
    await r.outB.waitFor('ended');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('no such call, and answer on a call that is not ringing, go to Catch', async () => {
    const r = await loadPair();
    r.A.receive({ topic: 'hangup', callId: 'nope' });
    assert.match((await r.err.waitFor(() => true)).error.message, /there is no call "nope"/);
    const { aCall } = await connect(r);
    r.A.receive({ topic: 'answer', callId: aCall, marker: 2 });
    const c = await r.err.waitFor((m) => m.marker === 2);
    assert.match(c.error.message, /answer: call .* needs ringing/);
    r.A.receive({ topic: 'hangup' });
    await r.outB.waitFor('ended');
  });

  it('MESSAGE from one account to the other', async () => {
    const r = await loadPair();
    r.A.receive({ topic: 'message', payload: { to: 'bob@127.0.0.1:5412', text: 'hello bob' } });
    const m = await r.outB.waitFor('message');
    assert.equal(m.payload.text, 'hello bob');
  });

  it('dnd rejects a new call; forward redirects it', async () => {
    const r = await loadPair();
    r.B.receive({ topic: 'dnd', payload: true });
    await new Promise((res) => setTimeout(res, 50));
    r.A.receive({ topic: 'dial', payload: 'bob@127.0.0.1:5412' });
    const ended = await r.outA.waitFor('ended');
    assert.ok([486, 480].includes(ended.payload.cause.sip), JSON.stringify(ended.payload.cause));
    assert.ok(!r.outB.topics().includes('incoming'));
  });

  it('close: active calls get BYE and the ports are free again', async () => {
    const r = await loadPair();
    await connect(r);
    await helper.unload();
    // The same ports bind again at once: the accounts freed them.
    const r2 = await loadPair();
    await connect(r2);
    r2.A.receive({ topic: 'hangup' });
    await r2.outB.waitFor('ended');
  });
});

'use strict';
// The sip-phone node against real peers on 127.0.0.1, all through one Kamailio registrar/proxy
// (digest on REGISTER and INVITE, Record-Route): two of our sip-accounts (alice, carol) and a
// baresip (registered to the same Kamailio) call each other. Covered: registration, calls both
// ways, DTMF both ways (RFC 4733), hold/unhold, and a blind transfer of baresip to carol.
// Ports: this branch's range (SIP 5450-5469, RTP 23400-23799).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const helper = require('node-red-node-test-helper');
const sipAccount = require('../../../dist/sip-account.js');
const sipPhone = require('../../../dist/sip-phone.js');
const catchNode = require('@node-red/nodes/core/common/25-catch.js');
const { userAgentProblem, p2pAccount, recorder } = require('../../lib/phone-flow');
const { startKamailio, haveKamailio } = require('../sip-calls/lib/kamailio');
const { startBaresip, haveBaresip } = require('../lib/baresip');
const { waitUntil } = require('../lib/peers');

helper.init(require.resolve('node-red'));

const KAM = 5450;
const REGISTRAR = `127.0.0.1:${KAM}`;
const ALICE_SIP = 5451;
const CAROL_SIP = 5452;
const BS_SIP = 5460; // baresip also binds 5461 (TLS)
const BS_CTRL = 5465;
const USERS = { alice: 'alice-pw', carol: 'carol-pw', baresip: 'baresip-pw' };
const WAIT = 15000; // generous: the machine is shared, and a peer may retransmit once

/** A 440 Hz tone long enough that baresip never hangs up by itself during a test. */
function writeTone(file, seconds) {
  const { wav } = require('../../../dist/core/media');
  const samples = Int16Array.from({ length: 8000 * seconds }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)));
  fs.writeFileSync(file, wav.writeWav(samples, 8000));
}

/** Waits for a recorded message that matches and came after `since` (an index into seen). */
function next(rec, since, match, label) {
  const fn = typeof match === 'string' ? (m) => m.topic === match : match;
  return rec.waitFor((m) => rec.seen.indexOf(m) >= since && fn(m), label || String(match), WAIT);
}

describe('interop: sip-phone with Kamailio and baresip', function () {
  this.timeout(60000);
  let kam; let bs; let dir; let r;
  const bsEvents = [];

  before(async function () {
    const missing = [];
    if (!haveKamailio()) missing.push('kamailio (with db_text, auth_db; apt-get install kamailio)');
    if (!haveBaresip()) missing.push('baresip (with ctrl_tcp; apt-get install --no-install-recommends baresip)');
    const uaProblem = await userAgentProblem();
    if (uaProblem) throw new Error(uaProblem);
    const problem = (missing.length ? `not found: ${missing.join(', ')}` : undefined);
    if (problem) {
      if (process.env.REQUIRE_INTEROP === '1') throw new Error(problem);
      // eslint-disable-next-line no-console
      console.log(`      (skipped: ${problem})`);
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-phone-peers-'));
    const tone = path.join(dir, 'tone.wav');
    writeTone(tone, 50);
    kam = await startKamailio({ port: KAM, users: USERS });
    bs = await startBaresip({
      sipPort: BS_SIP, ctrlPort: BS_CTRL, rtpPorts: [23600, 23699], source: tone, answerMode: 'auto',
      registrar: REGISTRAR, password: USERS.baresip,
    });
    bs.events.on('event', (e) => bsEvents.push(e));
    // baresip may have registered before our control connection opened, so the REGISTER_OK event
    // can be missed: its console line for the registrar's 200 is what we wait for.
    await waitUntil(() => /200 OK \(kamailio[^\n]*\[1 binding\]/.test(bs.output), WAIT, 'baresip to register with Kamailio');

    const server = { server: REGISTRAR, register: true, expires: 300 };
    await helper.load([sipAccount, sipPhone, catchNode], [
      p2pAccount('accA', 'alice', ALICE_SIP, 23400, server),
      p2pAccount('accC', 'carol', CAROL_SIP, 23500, server),
      { id: 'A', type: 'sip-phone', account: 'accA', wires: [['outA']] },
      { id: 'C', type: 'sip-phone', account: 'accC', autoAnswer: true, autoAnswerDelay: 0, wires: [['outC']] },
      { id: 'c', type: 'catch', scope: ['A', 'C'], wires: [['err']] },
      { id: 'outA', type: 'helper' },
      { id: 'outC', type: 'helper' },
      { id: 'err', type: 'helper' },
    ], { accA: { password: USERS.alice }, accC: { password: USERS.carol } });
    r = {
      A: helper.getNode('A'),
      C: helper.getNode('C'),
      outA: recorder(helper.getNode('outA')),
      outC: recorder(helper.getNode('outC')),
      err: recorder(helper.getNode('err')),
    };
  });

  after(async () => {
    await helper.unload();
    if (bs) await bs.stop();
    if (kam) await kam.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(function () {
    if (r) assert.deepEqual(r.err.seen.map((m) => m.error.message), [], 'no errors reached the Catch node');
  });

  const bsSince = () => bsEvents.length;
  const bsWait = (since, type, peer = /./) => waitUntil(() => bsEvents.slice(since).some((e) => e.type === type && peer.test(String(e.peeruri))), WAIT,
    `baresip ${type} with a peer matching ${peer}; saw ${bsEvents.slice(since).map((e) => `${e.type}(${e.peeruri})`).join(', ')}`);
  const bsDigits = (since) => bsEvents.slice(since).filter((e) => e.type === 'CALL_DTMF_START').map((e) => e.param);

  it('both accounts register with Kamailio (digest): registered events', async () => {
    const a = await r.outA.waitFor('registered', 'alice registered', WAIT);
    await r.outC.waitFor('registered', 'carol registered', WAIT);
    assert.equal(a.account, 'alice');
  });

  it('calls baresip through Kamailio: DTMF to it, hold and unhold, we hang up', async () => {
    const a0 = r.outA.seen.length;
    const b0 = bsSince();
    r.A.receive({ topic: 'dial', payload: `sip:baresip@${REGISTRAR}` });
    const answered = await next(r.outA, a0, 'answered');
    assert.equal(answered.direction, 'outgoing');
    await bsWait(b0, 'CALL_ESTABLISHED');

    r.A.receive({ topic: 'dtmf', payload: '1#9' });
    await waitUntil(() => bsDigits(b0).length >= 3, WAIT, `baresip to get 3 digits, got ${bsDigits(b0)}`);
    assert.deepEqual(bsDigits(b0), ['1', '#', '9']);

    r.A.receive({ topic: 'hold' });
    const held = await next(r.outA, a0, 'held');
    assert.equal(held.lineState, 'held');
    assert.equal(held.callId, answered.callId);
    r.A.receive({ topic: 'unhold' });
    const resumed = await next(r.outA, a0, 'resumed');
    assert.equal(resumed.callId, answered.callId);
    assert.notEqual(resumed.lineState, 'held');

    r.A.receive({ topic: 'hangup' });
    const ended = await next(r.outA, a0, 'ended');
    assert.equal(ended.payload.cause.status, 'ANSWER');
    await bsWait(b0, 'CALL_CLOSED');
  });

  it('baresip calls us through Kamailio: we answer, its DTMF arrives as dtmf events, it hangs up', async () => {
    const a0 = r.outA.seen.length;
    const b0 = bsSince();
    await bs.command('dial', `sip:alice@${REGISTRAR}`);
    const incoming = await next(r.outA, a0, 'incoming');
    assert.match(incoming.remote.uri, /baresip@127\.0\.0\.1/);
    r.A.receive({ topic: 'answer', callId: incoming.callId });
    await next(r.outA, a0, 'answered');
    await bsWait(b0, 'CALL_ESTABLISHED');

    // baresip 1.0.0's ctrl_tcp sndcode sends one whole RFC 4733 event (start, end x3) per command.
    for (const digit of ['4', '2']) {
      const d0 = r.outA.seen.length;
      await bs.command('sndcode', digit);
      const got = await next(r.outA, d0, 'dtmf', `dtmf ${digit} from baresip`);
      assert.equal(got.payload.digit, digit);
      assert.equal(got.payload.method, 'rfc4733');
      assert.equal(got.callId, incoming.callId);
    }

    await bs.command('hangup');
    const ended = await next(r.outA, a0, 'ended');
    assert.equal(ended.callId, incoming.callId);
    assert.equal(ended.payload.cause.status, 'ANSWER');
    // One event per digit: the repeated end packets of an event are not reported again.
    assert.deepEqual(r.outA.seen.slice(a0).filter((m) => m.topic === 'dtmf').map((m) => m.payload.digit), ['4', '2']);
  });

  it('blind transfer: alice transfers baresip to carol; transferProgress ends in 200, carol talks to baresip', async () => {
    const a0 = r.outA.seen.length;
    const c0 = r.outC.seen.length;
    const b0 = bsSince();
    r.A.receive({ topic: 'dial', payload: `sip:baresip@${REGISTRAR}` });
    const answered = await next(r.outA, a0, 'answered');
    await bsWait(b0, 'CALL_ESTABLISHED');

    r.A.receive({ topic: 'transfer', callId: answered.callId, payload: `sip:carol@${REGISTRAR}` });
    const final = await next(r.outA, a0, (m) => m.topic === 'transferProgress' && m.payload.final === true, 'final transferProgress');
    assert.equal(final.payload.code, 200, JSON.stringify(final.payload));
    assert.equal(final.callId, answered.callId);
    const carolIncoming = await next(r.outC, c0, 'incoming');
    assert.match(carolIncoming.remote.uri, /baresip@127\.0\.0\.1/);
    await next(r.outC, c0, 'answered');
    const aliceEnded = await next(r.outA, a0, (m) => m.topic === 'ended' && m.callId === answered.callId, 'alice\'s call to end');
    assert.equal(aliceEnded.payload.cause.status, 'ANSWER');

    // baresip saw the REFER to carol, and its call to carol is the one that is up.
    await bsWait(b0, 'TRANSFER', /alice/);
    const transfer = bsEvents.slice(b0).find((e) => e.type === 'TRANSFER');
    assert.match(String(transfer && transfer.param), /sip:carol@127\.0\.0\.1/);
    await bsWait(b0, 'CALL_ESTABLISHED', /carol/);
    const progress = r.outA.seen.slice(a0).filter((m) => m.topic === 'transferProgress').map((m) => m.payload);
    assert.ok(progress.every((p) => p.code < 300), JSON.stringify(progress));

    r.C.receive({ topic: 'hangup', callId: carolIncoming.callId });
    await next(r.outC, c0, 'ended');
    await bsWait(b0, 'CALL_CLOSED', /carol/);
    await bsWait(b0, 'CALL_CLOSED', /alice/);
  });
});

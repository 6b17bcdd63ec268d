'use strict';
const assert = require('node:assert/strict');
const sinon = require('sinon');
const { UserAgent } = require('../../../dist/core/sip/user-agent');
const { MemoryNet } = require('./lib/memory-net');
const { formatMessageSummary } = require('../../../dist/core/sip/bodies/message-summary');
const { formatDialogInfo } = require('../../../dist/core/sip/bodies/dialog-info');

describe('sip-calls/features (in-memory signalling, fake timers)', () => {
  let clock; let net; let alice; let bob; let carol;
  const mk = (name, extra = {}) => new UserAgent({ username: name, localAddress: '127.0.0.1', signalling: net.port(), media: 'none', ...extra });
  async function settle(ms = 10) { for (let i = 0; i < 20; i++) await clock.tickAsync(ms / 20); }
  const addr = (ua, user) => `${user}@${ua.contactUri().split('@')[1]}`;

  beforeEach(async () => {
    clock = sinon.useFakeTimers();
    net = new MemoryNet();
    alice = mk('alice'); bob = mk('bob'); carol = mk('carol');
    await alice.start(); await bob.start(); await carol.start();
  });
  afterEach(async () => { await clock.tickAsync(100000); clock.restore(); });

  async function connect(from, to, user) {
    let inc;
    to.once('incoming', (c) => { inc = c; c.answer(); });
    const call = from.dial(addr(to, user));
    await settle();
    assert.equal(call.state, 'active');
    return { call, inc };
  }

  it('blind transfer: REFER accepted, the transferee calls the target, NOTIFY progress reported, call ends', async () => {
    const { call, inc } = await connect(alice, bob, 'bob');
    const progress = []; const requested = [];
    call.on('transferProgress', (p) => progress.push(`${p.code}${p.final ? '!' : ''}`));
    inc.on('transferRequested', (r) => requested.push(r.target));
    let carolCall;
    carol.once('incoming', (c, info) => { carolCall = c; assert.match(info.referredBy, /^sip:alice@/); });
    const p = call.transfer(addr(carol, 'carol'));
    await settle();
    await p;
    assert.deepEqual(requested, [`sip:${addr(carol, 'carol')}`]);
    assert.ok(carolCall, 'carol is called by bob');
    carolCall.answer();
    await settle();
    assert.deepEqual(progress, ['100', '180', '200!']);
    assert.equal(call.state, 'down');
    assert.equal(call.cause.reason, 'Transferred');
    assert.equal(inc.state, 'down', 'alice hung up on bob');
    assert.equal(carolCall.state, 'active');
  });

  it('transfer policy reject answers 603; ask waits for acceptTransfer/rejectTransfer', async () => {
    bob.options.transferPolicy = 'reject';
    const { call, inc } = await connect(alice, bob, 'bob');
    const p = call.transfer(addr(carol, 'carol')).then(() => 'ok', (e) => e.message);
    await settle();
    assert.match(await p, /603/);
    bob.options.transferPolicy = 'ask';
    inc.once('transferRequested', () => clock.setTimeout(() => inc.rejectTransfer(), 1000));
    const q = call.transfer(addr(carol, 'carol')).then(() => 'ok', (e) => e.message);
    await settle(1100);
    assert.match(await q, /603/);
    inc.once('transferRequested', () => inc.acceptTransfer());
    carol.once('incoming', (c) => c.answer());
    const r = call.transfer(addr(carol, 'carol')).then(() => 'ok', (e) => e.message);
    await settle();
    assert.equal(await r, 'ok');
    assert.equal(call.state, 'down');
  });

  it('attended transfer: REFER with Replaces; the target swaps its call; both our calls end', async () => {
    const { call: toBob, inc: bobSide } = await connect(alice, bob, 'bob');
    const { call: toCarol, inc: carolSide } = await connect(alice, carol, 'carol');
    let replacedInfo; let newCarolCall;
    carol.once('incoming', (c, info) => { replacedInfo = info; newCarolCall = c; });
    const p = toBob.attendedTransfer(toCarol);
    await settle();
    await p;
    assert.equal(replacedInfo.replaces, carolSide.id);
    assert.equal(newCarolCall.state, 'active');
    assert.equal(carolSide.state, 'down');
    assert.equal(carolSide.cause.reason, 'Replaced');
    assert.equal(toCarol.state, 'down', 'carol sent BYE on the replaced dialog');
    assert.equal(toBob.state, 'down', 'the transfer succeeded and alice left');
    const bobNew = [...bob.calls.values()].find((c) => c !== bobSide);
    assert.equal(bobNew.state, 'active');
    assert.equal(bob.calls.size, 1);
  });

  it('an INVITE with Replaces naming no dialog gets 481', async () => {
    const raw = net.raw();
    let res;
    raw.request({ method: 'INVITE', uri: alice.contactUri(), headers: [['From', '<sip:x@127.0.0.1>;tag=1'], ['To', '<sip:alice@127.0.0.1>'], ['Call-ID', 'r1'], ['CSeq', '1 INVITE'], ['Contact', `<${raw.contactUri('x')}>`], ['Replaces', 'nope;to-tag=a;from-tag=b']] }, { onFinal: (r) => { res = r; }, onTimeout() {} });
    await settle();
    assert.equal(res.status, 481);
  });

  it('forking: two 180s and two 200s; both 2xx ACKed, the second one BYEd, one call kept', async () => {
    const raw = net.raw();
    const acks = []; const byes = [];
    raw.onReq = (req, tx) => {
      if (req.method === 'ACK') { acks.push(req.header('To')); return; }
      if (req.method === 'BYE') { byes.push(req.header('To')); tx.respond(200, 'OK'); return; }
      if (req.method !== 'INVITE') return;
      const to = req.header('To');
      const sdp = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 21990 RTP/AVP 0\r\na=sendrecv\r\n';
      for (const tag of ['fa', 'fb']) tx.respond(180, 'Ringing', [['To', `${to};tag=${tag}`], ['Contact', `<${raw.contactUri(tag)}>`]]);
      clock.setTimeout(() => {
        for (const tag of ['fa', 'fb']) tx.respond(200, 'OK', [['To', `${to};tag=${tag}`], ['Contact', `<${raw.contactUri(tag)}>`], ['Content-Type', 'application/sdp']], sdp);
      }, 100);
    };
    const call = alice.dial(`sip:${raw.contactUri('x').slice(4)}`);
    const ringing = [];
    call.on('ringing', () => ringing.push(1));
    await settle(200);
    assert.equal(call.state, 'active');
    assert.equal(ringing.length, 2);
    assert.equal(acks.length, 2);
    assert.deepEqual(byes.map((t) => /tag=(\w+)/.exec(t)[1]), ['fb']);
    assert.equal(call.dialog.remoteTag, 'fa');
  });

  it('100rel: PRACKs a reliable 183 once; as UAS sends 180 reliably until PRACKed', async () => {
    const raw = net.raw();
    const pracks = [];
    raw.onReq = (req, tx) => {
      if (req.method === 'PRACK') { pracks.push(req.header('RAck')); tx.respond(200, 'OK'); return; }
      if (req.method !== 'INVITE') return;
      const to = `${req.header('To')};tag=r1`;
      const h = [['To', to], ['Contact', `<${raw.contactUri('r')}>`], ['Require', '100rel'], ['RSeq', '7']];
      tx.respond(183, 'Session Progress', h);
      tx.respond(183, 'Session Progress', h); // a retransmission: one PRACK only
    };
    alice.dial(`sip:${raw.contactUri('x').slice(4)}`);
    await settle();
    assert.deepEqual(pracks, ['7 1 INVITE']);

    // UAS side: a caller that requires 100rel
    const provisional = [];
    let final;
    alice.once('incoming', (c) => c.answer());
    const inviteTx = raw.request({ method: 'INVITE', uri: alice.contactUri(), headers: [['From', '<sip:x@127.0.0.1>;tag=u1'], ['To', '<sip:alice@127.0.0.1>'], ['Call-ID', 'rel1'], ['CSeq', '1 INVITE'], ['Contact', `<${raw.contactUri('x')}>`], ['Require', '100rel'], ['Content-Type', 'application/sdp']], body: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 21990 RTP/AVP 0\r\n' }, {
      onProvisional: (r) => { if (r.status === 180) provisional.push(r.header('RSeq')); },
      onFinal: (r) => { final = r; },
      onTimeout() {},
    });
    void inviteTx;
    await settle(1600);
    assert.ok(provisional.length >= 3, `180 retransmitted (${provisional.length})`);
    assert.equal(final, undefined, 'no 200 before the PRACK');
    let prackRes;
    raw.request({ method: 'PRACK', uri: alice.contactUri(), headers: [['From', '<sip:x@127.0.0.1>;tag=u1'], ['To', `<sip:alice@127.0.0.1>;tag=${/tag=(\w+)/.exec(alice.calls.size ? [...alice.calls.values()].find((c) => c.sipCallId === 'rel1').dialog.localTag : '')?.[0] ?? ''}`], ['Call-ID', 'rel1'], ['CSeq', '2 PRACK'], ['RAck', '1 1 INVITE']] }, { onFinal: (r) => { prackRes = r; }, onTimeout() {} });
    void prackRes;
    const uas = [...alice.calls.values()].find((c) => c.sipCallId === 'rel1');
    // address the PRACK properly, in the dialog
    raw.request({ method: 'PRACK', uri: alice.contactUri(), headers: [['From', '<sip:x@127.0.0.1>;tag=u1'], ['To', `<sip:alice@127.0.0.1>;tag=${uas.localTag}`], ['Call-ID', 'rel1'], ['CSeq', '2 PRACK'], ['RAck', '1 1 INVITE']] }, { onFinal: (r) => { prackRes = r; }, onTimeout() {} });
    await settle(10);
    assert.equal(prackRes.status, 200);
    assert.equal(final.status, 200);
    assert.deepEqual([...new Set(provisional)], ['1']);
  });

  it('session timer: the UAS refreshes when it is the refresher; the other side ends a call left unrefreshed', async () => {
    const raw = net.raw();
    const reinvites = [];
    let ack = 0;
    raw.onReq = (req, tx) => {
      if (req.method === 'ACK') { ack++; return; }
      if (req.method === 'INVITE') { reinvites.push(req.header('Session-Expires')); tx.respond(200, 'OK', [['Contact', `<${raw.contactUri('x')}>`], ['Session-Expires', '90;refresher=uac']]); }
      if (req.method === 'BYE' || req.method === 'UPDATE') tx.respond(200, 'OK');
    };
    let call;
    alice.once('incoming', (c) => { call = c; c.answer(); });
    let okRes;
    raw.request({ method: 'INVITE', uri: alice.contactUri(), headers: [['From', '<sip:x@127.0.0.1>;tag=s1'], ['To', '<sip:alice@127.0.0.1>'], ['Call-ID', 'st1'], ['CSeq', '1 INVITE'], ['Contact', `<${raw.contactUri('x')}>`], ['Supported', 'timer'], ['Session-Expires', '90;refresher=uas'], ['Content-Type', 'application/sdp']], body: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 21990 RTP/AVP 0\r\n' }, { onFinal: (r) => { okRes = r; }, onTimeout() {} });
    await settle();
    assert.equal(okRes.header('Session-Expires'), '90;refresher=uas');
    assert.ok(okRes.headers('Require').includes('timer'));
    raw.sendAck({ method: 'ACK', uri: alice.contactUri(), headers: [['From', '<sip:x@127.0.0.1>;tag=s1'], ['To', okRes.header('To')], ['Call-ID', 'st1'], ['CSeq', '1 ACK']] });
    await settle();
    assert.equal(call.state, 'active');
    await settle(46000);
    assert.equal(reinvites.length, 1, 'refreshed at half the interval');
    assert.match(reinvites[0], /^90;refresher=uac/);
    assert.equal(call.state, 'active');

    // Now the peer is the refresher and never refreshes: we BYE after 90 - 30 s.
    const { call: c2 } = await connect(bob, carol, 'carol');
    void c2;
    let ended;
    const raw2 = net.raw();
    raw2.onReq = (req, tx) => { if (req.method === 'BYE') { ended = req; tx.respond(200, 'OK'); } };
    alice.once('incoming', (c) => c.answer());
    let ok2;
    raw2.request({ method: 'INVITE', uri: alice.contactUri(), headers: [['From', '<sip:y@127.0.0.1>;tag=s2'], ['To', '<sip:alice@127.0.0.1>'], ['Call-ID', 'st2'], ['CSeq', '1 INVITE'], ['Contact', `<${raw2.contactUri('y')}>`], ['Supported', 'timer'], ['Session-Expires', '90;refresher=uac'], ['Content-Type', 'application/sdp']], body: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 21990 RTP/AVP 0\r\n' }, { onFinal: (r) => { ok2 = r; }, onTimeout() {} });
    await settle();
    raw2.sendAck({ method: 'ACK', uri: alice.contactUri(), headers: [['From', '<sip:y@127.0.0.1>;tag=s2'], ['To', ok2.header('To')], ['Call-ID', 'st2'], ['CSeq', '1 ACK']] });
    await settle(59000);
    assert.equal(ended, undefined);
    await settle(2000);
    assert.ok(ended, 'BYE after the session expired');
    assert.match(ended.header('Reason'), /cause=102/);
    void ack;
  });

  it('MWI: SUBSCRIBE message-summary, NOTIFY counts reported; unsolicited NOTIFY too', async () => {
    const raw = net.raw();
    const mwi = [];
    alice.on('mwi', (m) => mwi.push(`${m.newMessages}/${m.oldMessages}`));
    const a2 = new UserAgent({ username: 'alice', domain: raw.localHostPort, localAddress: '127.0.0.1', signalling: net.port(), media: 'none' });
    await a2.start();
    a2.on('mwi', (m) => mwi.push(`${m.newMessages}/${m.oldMessages}${m.waiting ? '*' : ''}`));
    let sub;
    raw.onReq = (req, tx) => { if (req.method === 'SUBSCRIBE') { sub = req; tx.respond(200, 'OK', [['To', `${req.header('To')};tag=n1`], ['Expires', '3600'], ['Contact', `<${raw.contactUri('vm')}>`]]); } };
    a2.subscribeMwi();
    await settle();
    assert.equal(sub.header('Event'), 'message-summary');
    assert.match(sub.header('Accept'), /simple-message-summary/);
    let notifyRes;
    raw.request({ method: 'NOTIFY', uri: a2.contactUri(), headers: [['From', `${sub.header('To')};tag=n1`], ['To', sub.header('From')], ['Call-ID', sub.header('Call-ID')], ['CSeq', '1 NOTIFY'], ['Event', 'message-summary'], ['Subscription-State', 'active;expires=3600'], ['Content-Type', 'application/simple-message-summary']], body: formatMessageSummary({ newMessages: 2, oldMessages: 5 }) }, { onFinal: (r) => { notifyRes = r; }, onTimeout() {} });
    await settle();
    assert.equal(notifyRes.status, 200);
    assert.deepEqual(mwi, ['2/5*']);
    // refresh before expiry, in the dialog
    sub = undefined;
    await settle(3600 * 1000);
    assert.ok(sub, 're-SUBSCRIBE');
    assert.match(sub.header('To'), /tag=n1/);
    // unsolicited (Asterisk style)
    raw.request({ method: 'NOTIFY', uri: alice.contactUri(), headers: [['From', '<sip:vm@127.0.0.1>;tag=z'], ['To', '<sip:alice@127.0.0.1>'], ['Call-ID', 'mw2'], ['CSeq', '1 NOTIFY'], ['Event', 'message-summary'], ['Content-Type', 'application/simple-message-summary']], body: 'Messages-Waiting: no\r\nVoice-Message: 0/3\r\n' }, { onFinal() {}, onTimeout() {} });
    await settle();
    assert.deepEqual(mwi, ['2/5*', '0/3']);
    const stopped = a2.stop();
    await settle();
    await stopped;
  });

  it('BLF: SUBSCRIBE dialog, NOTIFY with dialog-info mapped to a lamp state', async () => {
    const raw = net.raw();
    const blf = [];
    alice.on('blf', (b) => blf.push(b.state));
    let sub;
    raw.onReq = (req, tx) => { if (req.method === 'SUBSCRIBE') { sub = req; tx.respond(202, 'Accepted', [['To', `${req.header('To')};tag=b1`], ['Expires', '600']]); } };
    alice.subscribeBlf(`sip:${raw.contactUri('200').slice(4)}`);
    await settle();
    assert.equal(sub.header('Event'), 'dialog');
    for (const [i, st] of ['early', 'confirmed', 'terminated'].entries()) {
      raw.request({ method: 'NOTIFY', uri: alice.contactUri(), headers: [['From', `${sub.header('To')};tag=b1`], ['To', sub.header('From')], ['Call-ID', sub.header('Call-ID')], ['CSeq', `${i + 1} NOTIFY`], ['Event', 'dialog'], ['Subscription-State', 'active'], ['Content-Type', 'application/dialog-info+xml']], body: formatDialogInfo({ entity: 'sip:200@127.0.0.1', version: i, full: true, dialogs: [{ id: 'd1', state: st }] }) }, { onFinal() {}, onTimeout() {} });
      await settle();
    }
    assert.deepEqual(blf, ['ringing', 'busy', 'idle']);
  });

  it('out-of-order CSeq in a dialog gets 500; an unknown dialog 481', async () => {
    const raw = net.raw();
    let c;
    alice.once('incoming', (x) => { c = x; x.answer(); });
    let ok;
    raw.request({ method: 'INVITE', uri: alice.contactUri(), headers: [['From', '<sip:y@127.0.0.1>;tag=q'], ['To', '<sip:alice@127.0.0.1>'], ['Call-ID', 'cs1'], ['CSeq', '5 INVITE'], ['Contact', `<${raw.contactUri('y')}>`]] }, { onFinal: (r) => { ok = r; }, onTimeout() {} });
    await settle();
    raw.sendAck({ method: 'ACK', uri: alice.contactUri(), headers: [['From', '<sip:y@127.0.0.1>;tag=q'], ['To', ok.header('To')], ['Call-ID', 'cs1'], ['CSeq', '5 ACK'], ['Content-Type', 'application/sdp']], body: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 21990 RTP/AVP 0\r\n' });
    await settle();
    assert.equal(c.state, 'active', 'offer in 200, answer in ACK');
    const send = (cseq, callId = 'cs1') => new Promise((resolve) => raw.request({ method: 'INFO', uri: alice.contactUri(), headers: [['From', '<sip:y@127.0.0.1>;tag=q'], ['To', ok.header('To')], ['Call-ID', callId], ['CSeq', `${cseq} INFO`], ['Content-Type', 'application/dtmf'] ], body: '4' }, { onFinal: resolve, onTimeout() {} }));
    const p1 = send(6); const p2 = send(3); const p3 = send(7, 'other');
    await settle();
    assert.deepEqual([(await p1).status, (await p2).status, (await p3).status], [200, 500, 481]);
  });
});

describe('sip-calls/more (in-memory signalling, fake timers)', () => {
  let clock; let net; let alice;
  async function settle(ms = 10) { for (let i = 0; i < 20; i++) await clock.tickAsync(ms / 20); }
  beforeEach(async () => {
    clock = sinon.useFakeTimers();
    net = new MemoryNet();
    alice = new UserAgent({ username: 'alice', domain: '127.0.0.1', localAddress: '127.0.0.1', signalling: net.port(), media: 'none' });
    await alice.start();
  });
  afterEach(async () => { await clock.tickAsync(100000); clock.restore(); });
  const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 21990 RTP/AVP 0\r\na=sendonly\r\n';

  it('183 with SDP is early media; a failure response ends the call with its cause; Reason Q.850 wins', async () => {
    const raw = net.raw();
    raw.onReq = (req, tx) => {
      if (req.method !== 'INVITE') return;
      const to = `${req.header('To')};tag=e1`;
      tx.respond(183, 'Session Progress', [['To', to], ['Content-Type', 'application/sdp']], SDP);
      clock.setTimeout(() => tx.respond(503, 'Service Unavailable', [['To', to], ['Reason', 'Q.850;cause=34;text="No circuit"']]), 50);
    };
    const call = alice.dial(`sip:${raw.contactUri('x').slice(4)}`);
    const progress = []; let end;
    call.on('progress', (p) => progress.push(p));
    call.on('ended', (e) => { end = e.cause; });
    await settle(100);
    assert.deepEqual(progress, [{ code: 183, earlyMedia: true }]);
    assert.deepEqual([end.sip, end.q850, end.status], [503, 34, 'CONGESTION']);
  });

  it('as callee: 183 with early media, then 200 with the same SDP', async () => {
    const bob = new UserAgent({ username: 'bob', localAddress: '127.0.0.1', signalling: net.port(), media: 'none' });
    await bob.start();
    let inc;
    bob.on('incoming', (c) => { inc = c; });
    const call = alice.dial(`bob@${bob.contactUri().split('@')[1]}`);
    const progress = [];
    call.on('progress', (p) => progress.push(`${p.code}${p.earlyMedia ? '+sdp' : ''}`));
    await settle();
    await inc.earlyMedia();
    await settle();
    assert.equal(call.state, 'waitForAnswer');
    inc.answer();
    await settle();
    assert.deepEqual(progress, ['180', '183+sdp']);
    assert.equal(call.state, 'active');
    await assert.rejects(inc.earlyMedia(), /no unanswered/);
  });

  it('an incoming UPDATE with an offer is answered in its 200; remote hold detected from it', async () => {
    const raw = net.raw();
    raw.onReq = () => {};
    let call;
    alice.once('incoming', (c) => { call = c; c.answer(); });
    let ok;
    const base = [['From', '<sip:y@127.0.0.1>;tag=u'], ['Call-ID', 'up1']];
    raw.request({ method: 'INVITE', uri: alice.contactUri(), headers: [...base, ['To', '<sip:alice@127.0.0.1>'], ['CSeq', '1 INVITE'], ['Contact', `<${raw.contactUri('y')}>`], ['Content-Type', 'application/sdp']], body: SDP.replace('sendonly', 'sendrecv') }, { onFinal: (r) => { ok = r; }, onTimeout() {} });
    await settle();
    raw.sendAck({ method: 'ACK', uri: alice.contactUri(), headers: [...base, ['To', ok.header('To')], ['CSeq', '1 ACK']] });
    await settle();
    const holds = [];
    call.on('remoteHold', (h) => holds.push(h.held));
    let upd;
    raw.request({ method: 'UPDATE', uri: alice.contactUri(), headers: [...base, ['To', ok.header('To')], ['CSeq', '2 UPDATE'], ['Content-Type', 'application/sdp']], body: SDP }, { onFinal: (r) => { upd = r; }, onTimeout() {} });
    await settle();
    assert.equal(upd.status, 200);
    assert.match(upd.body, /a=recvonly/);
    assert.deepEqual(holds, [true]);
    call.mute();
    assert.equal(call.isMuted, true);
    assert.equal(call.stats().remoteHold, true);
  });

  it('normalises targets; autoHangupAfterMs ends a call; stop() hangs up and closes', async () => {
    assert.equal(alice.normalizeTarget('tel:+49-30-1234'), 'sip:+49301234@127.0.0.1;user=phone');
    assert.equal(alice.normalizeTarget('200'), 'sip:200@127.0.0.1');
    assert.equal(alice.normalizeTarget('bob@127.0.0.1:5299'), 'sip:bob@127.0.0.1:5299');
    assert.equal(alice.normalizeTarget('<sips:bob@127.0.0.1>'), 'sips:bob@127.0.0.1');
    assert.throws(() => alice.normalizeTarget('a b<c>'), /not a dialable/);
    const bob = new UserAgent({ username: 'bob', localAddress: '127.0.0.1', signalling: net.port(), media: 'none' });
    await bob.start();
    bob.on('incoming', (c) => c.answer());
    const call = alice.dial(`bob@${bob.contactUri().split('@')[1]}`, { autoHangupAfterMs: 5000, headers: { 'X-Test': '1' } });
    await settle();
    assert.equal(call.state, 'active');
    await settle(5000);
    assert.equal(call.state, 'down');
    const c2 = alice.dial(`bob@${bob.contactUri().split('@')[1]}`);
    await settle();
    const [bobCall] = [...bob.calls.values()];
    const stopping = alice.stop();
    await settle();
    await stopping;
    assert.equal(c2.state, 'down');
    assert.equal(bobCall.state, 'down');
    assert.throws(() => alice.dial('bob'), /not started/);
  });
});

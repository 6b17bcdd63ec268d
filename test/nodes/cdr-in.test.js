'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { load, unload, next, helper } = require('./webhook-harness');
const cdrIn = require('../../dist/cdr-in.js');
const functionNode = require('@node-red/nodes/core/function/10-function.js');
const vc = require('../fixtures/voicenter');

function flow(props = {}) {
  return [
    { id: 'c1', type: 'cdr-in', url: '/cdr', method: 'post', provider: 'auto', dedupe: 600, wires: [['out']], ...props },
    { id: 'out', type: 'helper' },
  ];
}

describe('cdr-in node', function () {
  afterEach(unload);

  it('takes the Voicenter XML-RPC CDR example and answers the documented response byte for byte', async () => {
    const agent = await load([cdrIn], flow());
    const out = helper.getNode('out');
    const got = next(out);
    const res = await agent.post('/cdr').set('Content-Type', 'text/xml').send(vc.cdrXml);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /text\/xml/);
    assert.equal(res.text, vc.cdrOkXml);
    const msg = await got;
    assert.equal(msg.topic, 'cdr');
    assert.deepEqual(msg.payload, {
      provider: 'voicenter', callId: 'sdfsdfsdfsfsf', caller: '0540000000', callee: '0500000000', did: null,
      start: '2012-08-19T10:50:17.000Z', end: '2012-08-19T10:50:29.000Z', duration: 12, ringTime: null,
      status: 'answered', providerStatus: 'ANSWER', type: 'Extension Outgoing', direction: 'outbound',
      recordingUrl: null, price: null, queue: null, extensions: { caller: 'IuYtReWq', callee: null },
      representative: null, originalCallId: null,
    });
    assert.equal(msg.raw.time, '1345373417'); // i8 as received
    assert.equal(msg.raw.type, 'Extension Outgoing');
  });

  it('takes the JSON CDR example (duplicate keys) and answers JSON', async () => {
    const agent = await load([cdrIn], flow());
    const got = next(helper.getNode('out'));
    const res = await agent.post('/cdr').set('Content-Type', 'application/json').send(vc.cdrJson);
    assert.equal(res.status, 200);
    assert.equal(res.text, '{"err":0,"errdesc":"OK"}');
    const msg = await got;
    assert.equal(msg.payload.callId, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx');
    assert.equal(msg.payload.ringTime, 31);
    assert.equal(msg.payload.recordingUrl, 'http://starkey-centrex-recordings.s3.amazonaws.com/xxxxxxxx-aws-0544444444-0722776772.mp3');
    assert.equal(msg.payload.start, '2014-10-26T10:47:35.000Z');
  });

  it('drops a retried CDR within the window but still acknowledges it', async () => {
    const agent = await load([cdrIn], flow());
    const out = helper.getNode('out');
    let count = 0;
    out.on('input', () => count++);
    for (let i = 0; i < 3; i++) {
      const res = await agent.post('/cdr').send(vc.cdrJson).set('Content-Type', 'application/json');
      assert.equal(res.status, 200);
    }
    await new Promise((r) => setImmediate(r));
    assert.equal(count, 1);
  });

  it('takes iexpbx call-start and hang-up webhooks (GET, printed URL without "=")', async () => {
    const agent = await load([cdrIn], flow({ method: 'get', url: '/iex', provider: 'iexpbx' }));
    const out = helper.getNode('out');
    let got = next(out);
    let res = await agent.get('/iex?caller=905071234567&called=101&chan=SIP-101-0001');
    assert.equal(res.status, 200);
    assert.equal(res.text, '{"success":true}');
    let msg = await got;
    assert.equal(msg.topic, 'callStart');
    assert.equal(msg.payload.caller, '905071234567');
    got = next(out);
    res = await agent.get('/iex?chan=SIP-101-0001&callstatusANSER&callduration=85');
    msg = await got;
    assert.equal(msg.topic, 'cdr');
    assert.equal(msg.payload.status, 'answered');
    assert.equal(msg.payload.providerStatus, 'ANSER');
    assert.equal(msg.payload.duration, 85);
  });

  it('takes VOS3000 reports sent as text/html, one message per alarm', async () => {
    const agent = await load([cdrIn], flow({ url: '/vos/:iface', provider: 'vos3000' }));
    const out = helper.getNode('out');
    const msgs = [];
    out.on('input', (m) => msgs.push(m));
    const post = (p, body) => agent.post(p).set('Content-Type', 'text/html;charset=UTF-8').send(JSON.stringify(body));
    let res = await post('/vos/AlarmCurrentReport', { infoAlarmCurrents: [
      { id: 1, type: 20003, level: 3, name: 'CPU', startTime: 1600000000000, value: 97.5 },
      { id: 2, type: 20007, level: 1, name: 'Balance', startTime: 1600000000000, value: 3 },
    ] });
    assert.equal(res.text, '{"retCode":0}');
    res = await post('/vos/x', { e164: '1001', dids: ['777'], online: true, eventTime: 1600000000000, localIp: '10.0.0.2', localPort: 5060, remoteIp: '127.0.0.1', productId: 'phone' });
    res = await post('/vos/x', { account: 'acme', money: 12.5 });
    res = await post('/vos/x', { callId: 123, callState: -6, eventTime: 1600000000000, callerE164: '1', calleeE164: '2', callerIp: 'a', calleeIp: 'b', callerLocalIp: 'c', calleeLocalIp: 'd' });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(msgs.map((m) => m.topic), ['AlarmCurrentReport', 'AlarmCurrentReport', 'PhoneOnline', 'CustomerMoneyChange', 'CallStateReport']);
    assert.equal(msgs[0].payload.typeName, 'CPU');
    assert.equal(msgs[0].payload.levelName, 'Critical');
    assert.equal(msgs[0].payload.start, '2020-09-13T12:26:40.000Z');
    assert.equal(msgs[2].payload.online, true);
    assert.equal(msgs[3].payload.balance, 12.5);
    assert.equal(msgs[4].payload.stateName, 'Connect');
  });

  it('answers malformed, entity-laden and oversized bodies with 400/413 in the caller\'s format', async () => {
    const agent = await load([cdrIn], flow({ limit: 1 }));
    let res = await agent.post('/cdr').set('Content-Type', 'text/xml').send('<methodCall><methodName>CDR</methodName><params><param><value><i4>x');
    assert.equal(res.status, 400);
    assert.match(res.text, /<name>err<\/name><value><int>1<\/int>/);
    res = await agent.post('/cdr').set('Content-Type', 'text/xml')
      .send('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><methodCall><methodName>CDR</methodName><params><param><value>&b;</value></param></params></methodCall>');
    assert.equal(res.status, 400);
    assert.match(res.text, /DOCTYPE/);
    res = await agent.post('/cdr').set('Content-Type', 'application/json').send('{"caller": ');
    assert.equal(res.status, 400);
    assert.equal(JSON.parse(res.text).err, 1);
    res = await agent.post('/cdr').set('Content-Type', 'application/json').send(JSON.stringify({ caller: 'x'.repeat(2000), target: '1' }));
    assert.equal(res.status, 413);
    res = await agent.post('/cdr').set('Content-Type', 'application/json').send('{"unrelated": 1}');
    assert.equal(res.status, 400);
  });

  it('refuses unauthenticated requests (secret, basic, IP allowlist) and counts them', async () => {
    const agent = await load([cdrIn], [
      { id: 's', type: 'cdr-in', url: '/s', auth: 'secret', secretHeader: 'x-token', secretQuery: 'token', wires: [['out']] },
      { id: 'b', type: 'cdr-in', url: '/b', auth: 'basic', wires: [['out']] },
      { id: 'i', type: 'cdr-in', url: '/i', auth: 'ip', allow: '10.0.0.0/8 | 192.168.1.7', wires: [['out']] },
      { id: 'i2', type: 'cdr-in', url: '/i2', auth: 'ip', allow: '127.0.0.0/8', wires: [['out']] },
      { id: 'out', type: 'helper' },
    ], { s: { secret: 's3cret' }, b: { user: 'pbx', password: 'pw' } });
    const send = (p) => agent.post(p).set('Content-Type', 'application/json').send(vc.cdrJson);
    assert.equal((await send('/s')).status, 401);
    assert.equal((await send('/s').set('x-token', 'wrong')).status, 401);
    assert.equal((await send('/s').set('x-token', 's3cret')).status, 200);
    assert.equal((await agent.post('/s?token=s3cret').set('Content-Type', 'application/json').send(vc.cdrJson.replace('xxxx', 'yyyy'))).status, 200);
    const nb = await send('/b');
    assert.equal(nb.status, 401);
    assert.match(nb.headers['www-authenticate'], /^Basic/);
    assert.equal((await send('/b').auth('pbx', 'nope')).status, 401);
    assert.equal((await send('/b').auth('pbx', 'pw')).status, 200);
    assert.equal((await send('/i')).status, 403);
    assert.equal((await send('/i2')).status, 200);
    const s = helper.getNode('s');
    const last = s.status.getCalls().filter((c) => c.thisValue === s).pop();
    assert.equal(last.args[0].fill, 'yellow');
  });

  it('runs the settings\' httpNodeMiddleware before the webhook, as http in does', async () => {
    helper.settings({ httpNodeMiddleware: (req, res, next) => { res.setHeader('x-middleware', 'ran'); next(); } });
    try {
      const agent = await load([cdrIn], flow());
      const res = await agent.post('/cdr').set('Content-Type', 'application/json').send(vc.cdrJson);
      assert.equal(res.headers['x-middleware'], 'ran');
    } finally {
      helper.settings({ httpNodeMiddleware: undefined });
    }
  });

  it('removes its route on redeploy', async () => {
    let agent = await load([cdrIn], flow());
    assert.equal((await agent.post('/cdr').set('Content-Type', 'application/json').send(vc.cdrJson)).status, 200);
    const node = helper.getNode('c1');
    await new Promise((resolve) => node.close(true).then(resolve));
    const res = await agent.post('/cdr').set('Content-Type', 'application/json').send(vc.cdrJson);
    assert.equal(res.status, 404);
  });

  describe('durable mode', () => {
    let dir;
    beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdr-in-')); });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('sends again after a restart what the flow had not taken, and only that', async () => {
      // 'take' is a function node (it calls done()); 'hold' is a helper node, which never does.
      const durableFlow = (target) => [
        { id: 'c1', type: 'cdr-in', url: '/cdr', durable: true, spoolDir: dir, dedupe: 0, wires: [[target]] },
        { id: 'take', type: 'function', func: 'return msg;', wires: [['out']] },
        { id: 'hold', type: 'helper' },
        { id: 'out', type: 'helper' },
      ];
      let agent = await load([cdrIn, functionNode], durableFlow('hold'));
      const held = next(helper.getNode('hold'));
      const cdr2 = vc.cdrJson.replace('"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"', '"second-call"');
      assert.equal((await agent.post('/cdr').set('Content-Type', 'application/json').send(cdr2)).status, 200);
      await held;
      const spool = fs.readdirSync(dir);
      assert.equal(spool.length, 1);
      assert.match(fs.readFileSync(path.join(dir, spool[0]), 'utf8'), /second-call/);
      await unload(); // "crash": the record was acknowledged to the PBX but not taken

      agent = await load([cdrIn, functionNode], durableFlow('take'));
      const again = await next(helper.getNode('out'), 5000);
      assert.equal(again.payload.callId, 'second-call');
      await new Promise((r) => setTimeout(r, 20));
      await unload();

      // Taken now: a third start sends nothing.
      agent = await load([cdrIn, functionNode], durableFlow('take'));
      await assert.rejects(next(helper.getNode('out'), 1500), /no message/);
      void agent;
    });
  });
});

describe('cdr-in poll mode', function () {
  const { startServer } = require('../helpers/loopback');
  const voicenterAccount = require('../../dist/voicenter-account.js');
  const iexpbxServer = require('../../dist/iexpbx-server.js');
  let dir;
  let srv;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdr-poll-')); });
  afterEach(async () => {
    await unload();
    await srv?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const row = (id, date) => ({ CallID: id, Date: date, Type: 'Queue', CallerNumber: '0501', TargetNumber: '0722', Duration: 33, DialStatus: 'ANSWER', RecordURL: 'http://127.0.0.1/r.mp3', Price: 7, QueueName: 'Service' });

  it('fetches the Voicenter call log, remembers where it stopped, and emits only new records', async () => {
    const recent = new Date(Date.now() - 60_000).toISOString().slice(0, 16);
    let list = [row('a1', recent), row('a2', recent)];
    srv = await startServer((req, res) => res.end(JSON.stringify({ ERROR_NUMBER: 0, ERROR_DESCRIPTION: 'OK', CDR_LIST: list })));
    const flow = [
      { id: 'acc', type: 'voicenter-account', apiUrl: srv.url, monitorUrl: srv.url, cdrUrl: srv.url, loginUrl: srv.url },
      { id: 'c1', type: 'cdr-in', url: '', poll: 'voicenter', voicenterAccount: 'acc', pollEvery: 3600, spoolDir: dir, wires: [['out']] },
      { id: 'out', type: 'helper' },
    ];
    const creds = { acc: { code: 'test-code' } };
    const seen = [];
    await load([voicenterAccount, cdrIn], flow, creds);
    helper.getNode('out').on('input', (m) => seen.push(m));
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(seen.map((m) => m.payload.callId), ['a1', 'a2']);
    assert.equal(seen[0].payload.status, 'answered');
    assert.equal(seen[0].payload.direction, 'inbound');
    assert.equal(seen[0].payload.queue.name, 'Service');
    const sent = JSON.parse(srv.requests[0].body);
    assert.equal(sent.code, 'test-code');
    await unload();

    // After a restart the overlap fetches a1/a2 again; only a3 is new.
    list = [row('a1', recent), row('a2', recent), row('a3', recent)];
    seen.length = 0;
    await load([voicenterAccount, cdrIn], flow, creds);
    helper.getNode('out').on('input', (m) => seen.push(m));
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(seen.map((m) => m.payload.callId), ['a3']);
    const second = JSON.parse(srv.requests[1].body);
    assert.ok(Date.parse(second.search?.fromdate ?? second.fromdate) > Date.now() - 2 * 3600_000, 'second poll starts at the cursor');
  });

  it('fetches VOS3000 GetCdr for the configured accounts and normalises InfoCdr', async () => {
    const vosServer = require('../../dist/vos-server.js');
    const start = Date.now() - 120_000;
    srv = await startServer((req, res) => res.end(JSON.stringify({ retCode: 0, infoCdrs: [
      { flowNo: 77, callerE164: '1001', calleeE164: '8613800000000', calleeAccessE164: '400', start, stop: start + 65_000, holdTime: 60, feeTime: 60, fee: 0.12, endReason: 0, callerProductId: 'phone' },
    ] })));
    const flow = [
      { id: 'vs', type: 'vos-server', url: srv.url + '/external/server/', timeout: 5, headers: '', timeZone: 'utc' },
      { id: 'c1', type: 'cdr-in', url: '', poll: 'vos3000', vosServer: 'vs', vosAccounts: 'acme, beta', pollEvery: 3600, spoolDir: dir, wires: [['out']] },
      { id: 'out', type: 'helper' },
    ];
    await load([vosServer, cdrIn], flow);
    const msg = await next(helper.getNode('out'));
    assert.equal(msg.payload.provider, 'vos3000');
    assert.equal(msg.payload.callId, '77');
    assert.equal(msg.payload.duration, 60);
    assert.equal(msg.payload.price, 0.12);
    assert.equal(msg.payload.start, new Date(start).toISOString());
    const sent = JSON.parse(srv.requests[0].body);
    assert.equal(srv.requests[0].path, '/external/server/GetCdr');
    assert.deepEqual(sent.accounts, ['acme', 'beta']);
    assert.match(sent.beginTime, /^\d{8}$/);
  });
});

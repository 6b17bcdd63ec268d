'use strict';
const assert = require('node:assert/strict');
const { helper, loadFlow, guardRejections } = require('../helpers/flow');
const { startServer } = require('../helpers/loopback');

// Voicenter §7.1 / §7.2 / §8 as printed: JavaScript object literals with unquoted keys.
const EXT_CALLS = `{
ERR: 0,
DESC: "OK",
EXTENSIONS:
[
  {
    name: "Desk 1",
    representative: "Dodod",
    peerstatus: "Reachable",
    username: "aaaaaaa",
    calls:
    [
      {
        callername: "0547777777",
        callerphone: "0547777777",
        callstarted: 1402233117,
        callanswered: 1402233123,
        answered: 1,
        callstatus: "Talking",
        ivrid: "xxxxXxxxXxxxXxxxXxxxXxxxXxxxXxxx",
        direction: "Outgoing"
      }
    ]
  },
  {
    name: "Desk 2",
    representative: "",
    peerstatus: "Unknown",
    username: "ttttttt",
    calls: [ ]
  }
]
}`;
const QUEUES = `{
  ERR: 0,
  DESC: "OK",
  QUEUES:
  [
    {
      Name: "Sales",
      ID: 10035,
      Callers:
      [
        {
          Phone: "0570000000",
          CallID: "xxxxXxxxXxxxXxxxXxxxXxxxXxxxXxxx",
          JoinTime: 1402235247
        }
      ]
    }
  ]
}`;
const EXTENSIONS = `{
  ERR: 0,
  DESC: "OK",
  EXTENSIONS: [
    {
      SIP: "xxxxxxx",
      Name: "Account name",
      SpeedDial: "301",
      AccountID: 1,
      AccountName: "Acc 1"
    },

    {
      SIP: "yyyyyyy",
      Name: "Account name 2",
      SpeedDial: "302",
      AccountID: 2,
      AccountName: "Acc 2"
    }
  ]
}`;
const ACTIVE = `[
{
"success": true,
"count": 1,
"data": [
{
"channel": "SIP/trunk-sip-Trunk110-36a9b",
"duration": "00:01:14",
"calltype": "Queue(630)",
"callinfo": "Talking",
"src": "9053xxxxxxxxx",
"dst": "110"
}
]
}
]`;
const USERS = '[{"success": true, "count": 3, "data": [{"username": "100", "name": "John", "regstatus": "OK (93 ms)"}, {"username": "101", "name": "Marry", "regstatus": "OK (109 ms)"}, {"username": "102", "name": "David", "regstatus": "OK (91 ms)"}]}]';
const QUEUES_IEX = '[{"success": true, "count": 1, "data": [{"queuenumber": "630", "name": "Sale", "internal": "100,101,102,103,104"}]}]';
const GSM = Buffer.from([0xd8, 0x20, 0xa2, 0xe1, 0x5a, 0x50, 0x00, 0x49, 0x24, 0x92]);

function answer(req, res) {
  if (req.path.endsWith('GetExtensionsCalls')) return res.end(req.query.code === 'ACCOUNTCODE' ? EXT_CALLS : '{\n  "ERR": 1,\n  "DESC": "Authorization failed."\n}');
  if (req.path.endsWith('GetQueuesCallers')) return res.end(QUEUES);
  if (req.path.endsWith('GetExtensions')) return res.end(EXTENSIONS);
  if (req.path === '/hub/cdr/') return res.end('{"ERROR_NUMBER":0,"ERROR_DESCRIPTION":"OK","CDR_LIST":[{"CallID":"abc","Duration":33}]}');
  if (req.path === '/UserLogin/SetStatusFromAPI') return res.end('{"Status":4,"StatusError":"4","StatusErrorMessage":"Extension is already in use"}');
  if (req.path === '/api/old/get') {
    switch (req.query.action) {
      case 'activecalls': return res.end(ACTIVE);
      case 'users': return res.end(USERS);
      case 'queues': return res.end(QUEUES_IEX);
      case 'record': res.setHeader('content-type', 'application/octet-stream'); return res.end(GSM);
      case 'phonedirectory': return res.end('<contacts><contact><name>John Lash</name><number>908502590259</number></contact><contact><name>David Copper</name><number>90538XXXXXXX</number></contact></contacts>');
      default: return res.end('[{"success": false, "count": 0, "data": []}]');
    }
  }
  res.statusCode = 404;
  res.end('not found');
}

describe('pbx-api node', function () {
  guardRejections();
  let srv;
  beforeEach(async () => { srv = await startServer(answer); });
  afterEach(async () => {
    await helper.unload();
    await srv.close();
  });

  it('Voicenter GetExtensionsCalls: GET with code, JS-literal answer decoded (§7.1)', async () => {
    const { run } = await loadFlow(srv.url, { type: 'pbx-api', provider: 'voicenter', operation: 'GetExtensionsCalls', fields: {} });
    const r = await run({});
    assert.equal(r.out, 'ok');
    assert.equal(srv.requests[0].url, '/comet/API/GetExtensionsCalls?code=ACCOUNTCODE');
    assert.equal(r.msg.payload.data.EXTENSIONS[0].calls[0].callstatus, 'Talking');
    assert.equal(r.msg.payload.message, 'OK');
  });

  it('Voicenter monitor error answers (JSON) leave on output 2', async () => {
    const { run } = await loadFlow(srv.url, { type: 'pbx-api', provider: 'voicenter', operation: 'GetExtensionsCalls', fields: {} }, { credentials: { acc: { code: 'WRONG' } } });
    const r = await run({});
    assert.equal(r.out, 'err');
    assert.equal(r.msg.payload.code, 1);
    assert.equal(r.msg.payload.message, 'Authorization failed.');
  });

  it('Voicenter GetQueuesCallers and GetExtensions (showAll sent as true/false)', async () => {
    const { run } = await loadFlow(srv.url, { type: 'pbx-api', provider: 'voicenter', operation: 'GetQueuesCallers', fields: {} });
    let r = await run({});
    assert.equal(r.msg.payload.data.QUEUES[0].Callers[0].Phone, '0570000000');
    r = await run({ operation: 'GetExtensions', payload: { showAll: 0 } });
    assert.equal(srv.requests[1].url, '/Comet/api/GetExtensions?code=ACCOUNTCODE&showAll=false');
    assert.equal(r.msg.payload.data.EXTENSIONS[1].SpeedDial, '302');
  });

  it('Voicenter call log: JSON body of §3, CDR list in data', async () => {
    const { run } = await loadFlow(srv.url, { type: 'pbx-api', provider: 'voicenter', operation: 'GetCallLog', fields: { fromdate: { v: '2015-05-14T08:00', vt: 'str' }, todate: { v: '2015-05-14T16:30', vt: 'str' } } });
    const r = await run({ payload: { phones: ['97272776772'], fields: ['Date', 'CallID'] } });
    assert.deepEqual(JSON.parse(srv.requests[0].body), { code: 'ACCOUNTCODE', format: 'JSON', fields: ['Date', 'CallID'], search: { fromdate: '2015-05-14T08:00', todate: '2015-05-14T16:30', phones: ['97272776772'] } });
    assert.deepEqual(r.msg.payload.data, [{ CallID: 'abc', Duration: 33 }]);
  });

  it('Voicenter Login sends §10 fields; a Status 4 answer is an error with its text', async () => {
    const { run } = await loadFlow(srv.url, { type: 'pbx-api', provider: 'voicenter', operation: 'Login', fields: { UserID: { v: '01234', vt: 'str' } } });
    const r = await run({ payload: { ExtensionUser: 'SIPEXT1' } });
    assert.deepEqual(JSON.parse(srv.requests[0].body), { UserID: '01234', Status: 1, Code: 'ACCOUNTCODE', ExtensionUser: 'SIPEXT1' });
    assert.equal(r.out, 'err');
    assert.deepEqual(r.msg.payload, { ok: false, code: 4, message: 'Extension is already in use', data: { status: 4, statusError: 4 } });
    await run({ operation: 'Logout', payload: { UserID: 12345 } });
    assert.equal(JSON.parse(srv.requests[1].body).Status, 2);
  });

  it('iexpbx activecalls: one-element array unwrapped, 00:01:14 read as 74 s', async () => {
    const { run } = await loadFlow(srv.url, { type: 'pbx-api', provider: 'iexpbx', operation: 'activecalls', fields: {} });
    const r = await run({});
    assert.equal(r.out, 'ok');
    assert.deepEqual(srv.requests[0].query, { username: 'APIUSER', password: 'APIPASS', action: 'activecalls' });
    assert.equal(r.msg.payload.data[0].channel, 'SIP/trunk-sip-Trunk110-36a9b');
    assert.equal(r.msg.payload.data[0].durationSeconds, 74);
  });

  it('iexpbx users, queues, phonedirectory and record (a Buffer)', async () => {
    const { run } = await loadFlow(srv.url, { type: 'pbx-api', provider: 'iexpbx', operation: 'users', fields: {} });
    let r = await run({});
    assert.equal(r.msg.payload.data[1].name, 'Marry');
    r = await run({ operation: 'queues' });
    assert.equal(r.msg.payload.data[0].internal, '100,101,102,103,104');
    r = await run({ operation: 'phonedirectory' });
    assert.deepEqual(r.msg.payload.data, [{ name: 'John Lash', number: '908502590259' }, { name: 'David Copper', number: '90538XXXXXXX' }]);
    r = await run({ operation: 'record', payload: { id: 28699 } });
    assert.equal(srv.requests[3].query.id, '28699');
    assert.ok(Buffer.isBuffer(r.msg.payload.data));
    assert.deepEqual(r.msg.payload.data, GSM);
  });

  it('iexpbx cdr needs its dates: nothing is sent without them', async () => {
    const { run } = await loadFlow(srv.url, { type: 'pbx-api', provider: 'iexpbx', operation: 'cdr', fields: {} });
    const r = await run({ payload: { date1: 'yesterday' } });
    assert.equal(r.out, 'err');
    assert.match(r.msg.payload.message, /date1: expected a date and time; date2 is required/);
    assert.equal(srv.requests.length, 0);
  });

  it('errors never carry the credentials that travel in the iexpbx query string', async () => {
    await srv.close();
    srv = await (require('../helpers/loopback').startServer)((req, res) => { res.statusCode = 403; res.end('forbidden'); });
    const { run } = await loadFlow(srv.url, { type: 'pbx-api', provider: 'iexpbx', operation: 'users', fields: {} });
    const r = await run({});
    assert.equal(r.msg.payload.code, 'HTTP_403');
    assert.doesNotMatch(JSON.stringify(r.msg.payload) + r.caught.error.message, /APIPASS|APIUSER/);
    assert.match(r.msg.payload.message, /GET \/api\/old\/get: HTTP 403/);
  });
});

describe('pbx-api node: retries', function () {
  guardRejections();
  let srv;
  afterEach(async () => {
    await helper.unload();
    await srv.close();
  });
  const fast = { account: { retryAttempts: 3, retryDelay: 1 }, server: { retryAttempts: 3, retryDelay: 1 } };

  it('a rate-limit answer that never ends is a clear HTTP_RATE_LIMITED error after the configured tries', async () => {
    srv = await startServer((req, res) => res.end('{"ERROR_NUMBER":1,"ERROR_DESCRIPTION":"Request limit exceeded. Please try again later."}'));
    const { run } = await loadFlow(srv.url, { type: 'pbx-api', provider: 'voicenter', operation: 'GetCallLog', fields: {} }, fast);
    const r = await run({ payload: { fromdate: '2015-05-14T08:00', todate: '2015-05-14T09:00' } });
    assert.equal(r.out, 'err');
    assert.equal(r.msg.payload.code, 'HTTP_RATE_LIMITED');
    assert.match(r.caught.error.message, /rate limit after 3 tries/);
    assert.match(r.msg.raw, /Request limit exceeded/);
    assert.equal(srv.requests.length, 3);
  });

  it('a read is retried after a 503 and succeeds', async () => {
    let n = 0;
    srv = await startServer((req, res) => { if (++n < 3) { res.statusCode = 503; res.end('busy'); } else res.end(USERS); });
    const { run } = await loadFlow(srv.url, { type: 'pbx-api', provider: 'iexpbx', operation: 'users', fields: {} }, fast);
    const r = await run({});
    assert.equal(r.out, 'ok');
    assert.equal(srv.requests.length, 3);
  });

  it('a malformed answer is a DECODE error', async () => {
    srv = await startServer((req, res) => res.end('[{"success": true, "count": 1, "data": [{"username": "100",'));
    const { run } = await loadFlow(srv.url, { type: 'pbx-api', provider: 'iexpbx', operation: 'users', fields: {} }, fast);
    const r = await run({});
    assert.equal(r.msg.payload.code, 'DECODE');
    assert.match(r.msg.payload.message, /iexpbx users: malformed JSON/);
  });
});

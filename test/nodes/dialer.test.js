'use strict';
const assert = require('node:assert/strict');
const { helper, loadFlow, guardRejections } = require('../helpers/flow');
const { startServer } = require('../helpers/loopback');

const OK = '{\n  "ErrorCode": 0,\n  "Description": "OK"\n}';

// The responses exactly as §6 prints them, quirks (trailing commas, unquoted keys) included.
const ANSWERS = {
  GetCampaignList: `{
  "Data": [
    { "Name": "Campaign 1", "StatusName": "Enabled", "Code": "skdfvnjsivbniviv" },
    { "Name": "Campaign leads", "StatusName": "Disabled", "Code": "afmksvosvo" }
  ],
  "ErrorCode": 0,
  "Description": "OK"
}`,
  GetMembersList: `{
  "Data": [
    { "Member": "syhrhrhr", "DisplayName": "Support 1", },
    { "Member": "sssssssss", "DisplayName": "Support 8", }
  ],
  "ErrorCode": 0,
  "Description": "OK"
}`,
  RemoveMember: '{\n  "Data": {\n    "TotalRemoved": 1,\n  },\n  "ErrorCode": 0,\n  "Description": "OK"\n}',
  AddMember: '{\n    "Data": {\n        "TotalAdded": 1,\n    },\n    "ErrorCode": 0,\n    "Description": "OK"\n}',
  ClearCampaignCalls: '{\n  ErrorCode: 0,\n  Description: "OK"\n}',
  GetCampaignDetails: `{
  "Data": { "Name": "Morning messages", "StatusName": "Enabled", "TotalPendingCalls": 1, "MaxPriority": 7, "MinPriority": 7, "Code": "xxxx" },
  "ErrorCode": 0,
  "Description": "OK"
}`,
  GetCampaignPendingCalls: `{
  "Data": {
    "Calls": [
      { "Phone": "972544444444", "CallerID": "", "CallerName": "", "OriginateTime": 0, "Priority": 0, "CustomerName": "Customer",
        "CallStatus": { "Status": 1, "Description": "Pending" }, "CustomData": { "var_test1": 1, "var_tesy2": "some value" } }
    ],
    "Campaign": { "Name": "Test campaign", "StatusName": "Enabled", "TotalPendingCalls": 1, "MaxPriority": 0, "MinPriority": 0, "Code": "xxxx" }
  },
  "ErrorCode": 0,
  "Description": "OK"
}`,
};

describe('dialer node', function () {
  guardRejections();
  let srv;
  beforeEach(async () => {
    srv = await startServer((req, res) => res.end(ANSWERS[req.path.split('/').pop()] ?? OK));
  });
  afterEach(async () => {
    await helper.unload();
    await srv.close();
  });

  it('AddCall as JSON: table spelling, CustomData object, Campaign from a TypedInput', async () => {
    const { run } = await loadFlow(srv.url, { type: 'dialer', provider: 'voicenter', operation: 'AddCall', fields: { Campaign: { v: 'campaign', vt: 'global' }, Priority: { v: '42', vt: 'num' } } });
    helper.getNode('n1').context().global.set('campaign', 'CAMP1');
    const r = await run({ payload: { target: '0502454545', CustomerName: 'John Doe', CallerID: '072776772', OriginateTime: '2030-01-01T00:00:00Z', var_test1: 1, var_test2: 'some value' } });
    assert.equal(r.out, 'ok');
    assert.deepEqual(r.msg.payload, { ok: true, code: 0, message: 'OK', data: null });
    const q = srv.requests[0];
    assert.equal(q.method, 'POST');
    assert.equal(q.path, '/ForwardDialer/Dialer/AddCall');
    assert.equal(q.headers['content-type'], 'application/json; charset=utf-8');
    assert.deepEqual(JSON.parse(q.body), {
      Campaign: 'CAMP1', Target: '0502454545', Callerid: '072776772', OriginateTime: 1893456000, CustomerName: 'John Doe', Priority: 42,
      CustomData: { var_test1: 1, var_test2: 'some value' },
    });
  });

  it('AddCall over GET sends var_* as query parameters (§6.1 GET example)', async () => {
    const { run } = await loadFlow(srv.url, { type: 'dialer', provider: 'voicenter', operation: 'AddCall', encoding: 'GET', fields: {} });
    await run({ payload: { Campaign: 'xxxx', Target: 'yyyyy', var_test1: 1, var_test2: 'somevalue' } });
    assert.equal(srv.requests[0].method, 'GET');
    assert.equal(srv.requests[0].url, '/ForwardDialer/Dialer/AddCall?Campaign=xxxx&Target=yyyyy&var_test1=1&var_test2=somevalue');
  });

  it('AddCall documented error code goes to output 2 and Catch', async () => {
    await srv.close();
    srv = await startServer((req, res) => res.end('{"ErrorCode": 2, "Description": ""}'));
    const { run } = await loadFlow(srv.url, { type: 'dialer', provider: 'voicenter', operation: 'AddCall', fields: {} });
    const r = await run({ payload: { Campaign: 'c', Target: 'x' } });
    assert.equal(r.out, 'err');
    // The vendor sent no text: the documented meaning of the code is used.
    assert.deepEqual(r.msg.payload, { ok: false, code: 2, message: 'The target is invalid', data: null });
    assert.match(r.caught.error.message, /The target is invalid \(code 2\)/);
  });

  it('AddCallsBulk splits msg.payload (an array) into requests of the configured size', async () => {
    const { run } = await loadFlow(srv.url, { type: 'dialer', provider: 'voicenter', operation: 'AddCallsBulk', bulkSize: 2, fields: { Campaign: { v: 'C9', vt: 'str' } } });
    const rows = [{ Target: '0501' }, { Target: '0502', Callerid: '072', var_x: 'a' }, { Target: '0503', Priority: '3' }];
    const r = await run({ payload: rows });
    assert.equal(r.out, 'ok');
    assert.equal(srv.requests.length, 2);
    assert.deepEqual(JSON.parse(srv.requests[0].body), [{ Campaign: 'C9', Target: '0501' }, { Campaign: 'C9', Target: '0502', CallerID: '072', CustomData: { var_x: 'a' } }]);
    assert.deepEqual(JSON.parse(srv.requests[1].body), [{ Campaign: 'C9', Target: '0503', Priority: 3 }]);
    assert.equal(r.msg.payload.data.added, 3);
  });

  it('runs all 15 operations: path, body, and the decoded §6 example answers', async () => {
    const { run } = await loadFlow(srv.url, { type: 'dialer', provider: 'voicenter', operation: 'StartCampaign', fields: { Campaign: { v: 'K', vt: 'str' } } });
    const cases = [
      ['AddCall', { Target: '050' }, { Campaign: 'K', Target: '050' }],
      ['RemoveCall', { Target: '0502454545' }, { Campaign: 'K', Target: '0502454545' }],
      ['UpdateCall', { Target: '050', Priority: 42, CustomData: { var_test1: 1 } }, { Campaign: 'K', Target: '050', Priority: 42, CustomData: { var_test1: 1 } }],
      ['GetCampaignList', {}, { Code: 'ACCOUNTCODE' }],
      ['GetCampaignDetails', {}, { Campaign: 'K' }],
      ['GetCampaignPendingCalls', {}, { Campaign: 'K' }],
      ['GetMembersList', {}, { Campaign: 'K' }],
      ['AddMember', { Member: 'SIP1' }, { Campaign: 'K', Member: 'SIP1' }],
      ['RemoveMember', { Member: 'SIP1' }, { Campaign: 'K', Member: 'SIP1' }],
      ['StartCampaign', {}, { Campaign: 'K' }],
      ['StopCampaign', {}, { Campaign: 'K' }],
      ['UpdateCampaignStrategy', { setQueueForMonitoring: '10000', setQueueMaximumCallers: 0, setCoefficient: 1 }, { Campaign: 'K', setQueueForMonitoring: 10000, setQueueMaximumCallers: 0, setCoefficient: 1 }],
      ['ClearCampaignCalls', {}, { Campaign: 'K' }],
      ['ConfigureIvrCampaign', { setMaxCalls: 5, RepresentativeList: 'SIP1,SIP2,SIP3' }, { Campaign: 'K', ConcurrentStrategy: { setMaxCalls: 5 }, RepresentativeList: ['SIP1', 'SIP2', 'SIP3'] }],
      ['AddCallsBulk', [{ Target: '050' }], [{ Campaign: 'K', Target: '050' }]],
    ];
    assert.equal(cases.length, 15);
    const data = {};
    for (const [i, [op, payload, body]] of cases.entries()) {
      const r = await run({ operation: op, payload });
      assert.equal(r.out, 'ok', op);
      const q = srv.requests[i];
      assert.equal(q.path, `/ForwardDialer/Dialer/${op}`, op);
      assert.deepEqual(JSON.parse(q.body), body, op);
      data[op] = r.msg.payload.data;
    }
    assert.equal(data.GetCampaignList[1].Code, 'afmksvosvo');
    assert.equal(data.GetMembersList[0].DisplayName, 'Support 1');
    assert.deepEqual(data.RemoveMember, { TotalRemoved: 1 });
    assert.deepEqual(data.AddMember, { TotalAdded: 1 });
    assert.equal(data.GetCampaignPendingCalls.Calls[0].CallStatus.Description, 'Pending');
    assert.equal(data.GetCampaignDetails.MaxPriority, 7);
    assert.equal(data.ClearCampaignCalls, null);
  });

  it('iexpbx callivr: announcements joined with |, custom data in uf', async () => {
    const { run } = await loadFlow(srv.url, { type: 'dialer', provider: 'iexpbx', operation: 'callivr', fields: { dp: { v: 'outbound', vt: 'str' }, dest: { v: '700', vt: 'str' } } });
    const r = await run({ payload: { number: '905321234567', uf: 'order-42', file: ['{Your order has shipped}', 'ANNOUNCE1', 'ANNOUNCE2'] } });
    assert.equal(r.out, 'ok');
    assert.deepEqual(srv.requests[0].query, { username: 'APIUSER', password: 'APIPASS', action: 'callivr', number: '905321234567', dp: 'outbound', dest: '700', uf: 'order-42', file: '{Your order has shipped}|ANNOUNCE1|ANNOUNCE2' });
  });
});

'use strict';
/** vos-api and vos-server in Node-RED (node-red-node-test-helper) against the loopback VOS3000. */
const assert = require('node:assert/strict');
const helper = require('node-red-node-test-helper');
const vosServerNode = require('../../dist/vos-server.js');
const vosApiNode = require('../../dist/vos-api.js');
const { startFakeVos } = require('../helpers/fake-vos');
const { generate, target } = require('../../scripts/gen-vos-help');

helper.init(require.resolve('node-red'));

function flow(url, api = {}, server = {}) {
  return [
    { id: 's1', type: 'vos-server', url, timeout: '5', timeZone: 'utc', headers: '{"x-tenant":"t1"}', ...server },
    { id: 'n1', type: 'vos-api', server: 's1', operation: '', params: '{}', wires: [['ok'], ['bad']], ...api },
    { id: 'ok', type: 'helper' },
    { id: 'bad', type: 'helper' },
    { id: 'c1', type: 'catch', scope: ['n1'], uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper' },
  ];
}

describe('vos-api node', function () {
  let fake;
  beforeEach(async () => {
    fake = await startFakeVos();
    await new Promise((r) => helper.startServer(r));
  });
  afterEach(async () => {
    await helper.unload();
    await new Promise((r) => helper.stopServer(r));
    await fake.close();
  });

  it('runs the operation from msg.topic with payload merged over the fixed parameters', async () => {
    await helper.load([vosServerNode, vosApiNode], flow(fake.base, { params: '{"ownerType":2,"memo":"fixed"}' }), {
      s1: { username: 'proxy', password: 'secret' },
    });
    const ok = helper.getNode('ok');
    const got = new Promise((r) => ok.on('input', r));
    helper.getNode('n1').receive({ topic: 'Pay', payload: { ownerName: 'acc1', money: 10, memo: 'top up' } });
    const msg = await got;
    assert.equal(msg.operation, 'Pay');
    assert.equal(msg.payload.retCode, 0);
    const req = fake.requests[0];
    assert.equal(req.path, '/external/server/Pay');
    assert.deepEqual(JSON.parse(req.body), { ownerName: 'acc1', ownerType: 2, money: 10, memo: 'top up' });
    assert.equal(req.headers['x-tenant'], 't1');
    assert.equal(req.headers.authorization, `Basic ${Buffer.from('proxy:secret').toString('base64')}`);
  });

  it('prefers the operation chosen in the editor and converts Date objects', async () => {
    await helper.load([vosServerNode, vosApiNode], flow(fake.base, { operation: 'GetCdr', params: '{"accounts":["a1"]}' }));
    const got = new Promise((r) => helper.getNode('ok').on('input', r));
    helper.getNode('n1').receive({ topic: 'DeleteCustomer', payload: { beginTime: new Date(Date.UTC(2024, 1, 29)), endTime: '20240301' } });
    const msg = await got;
    assert.equal(msg.operation, 'GetCdr');
    assert.ok(Array.isArray(msg.payload.infoCdrs));
    assert.deepEqual(JSON.parse(fake.requests[0].body), { accounts: ['a1'], beginTime: '20240229', endTime: '20240301' });
  });

  it('sends a non-zero retCode to the second output and to Catch', async () => {
    fake.fail.DeleteCustomer = { retCode: -10007, exception: 'Not found, operation failed.' };
    await helper.load([vosServerNode, vosApiNode], flow(fake.base, { operation: 'DeleteCustomer' }));
    const bad = new Promise((r) => helper.getNode('bad').on('input', r));
    const caught = new Promise((r) => helper.getNode('caught').on('input', r));
    helper.getNode('n1').receive({ payload: { account: 'ghost' } });
    const [b, c] = await Promise.all([bad, caught]);
    assert.equal(b.retCode, -10007);
    assert.equal(b.exception, 'Not found, operation failed.');
    assert.match(c.error.message, /-10007.*Not found/);
  });

  it('validates before sending: a Catch with the problems, nothing on the wire', async () => {
    await helper.load([vosServerNode, vosApiNode], flow(fake.base, { operation: 'CreateCustomer' }));
    const caught = new Promise((r) => helper.getNode('caught').on('input', r));
    helper.getNode('n1').receive({ payload: { name: 'no account', lockType: 7 } });
    const c = await caught;
    assert.match(c.error.message, /CreateCustomer: account: required parameter is missing; lockType: expected one of 0 \(Normal\), 1 \(Locked\), got 7/);
    const caught2 = new Promise((r) => helper.getNode('caught').on('input', r));
    helper.getNode('n1').receive({ payload: 'not an object' });
    assert.match((await caught2).error.message, /payload/);
    assert.equal(fake.requests.length, 0);
  });

  it('reports an unknown operation from msg.topic', async () => {
    await helper.load([vosServerNode, vosApiNode], flow(fake.base));
    const caught = new Promise((r) => helper.getNode('caught').on('input', r));
    helper.getNode('n1').receive({ topic: 'FormatHardDisk', payload: {} });
    assert.match((await caught).error.message, /unknown VOS3000 operation "FormatHardDisk"/);
  });

  it('reports a timeout', async () => {
    fake.hang.GetAllCustomers = true;
    await helper.load([vosServerNode, vosApiNode], flow(fake.base, { operation: 'GetAllCustomers' }, { timeout: '0.2' }));
    const caught = new Promise((r) => helper.getNode('caught').on('input', r));
    helper.getNode('n1').receive({ payload: {} });
    const c = await caught;
    assert.match(c.error.message, /no answer within 200 ms/);
  });

  it('serves the grouped operation list to the editor', async () => {
    await helper.load([vosServerNode, vosApiNode], flow(fake.base));
    const res = await helper.request().get('/vos-api/operations').expect(200);
    const data = res.body;
    assert.equal(data.groups.length, 15);
    assert.equal(data.groups.reduce((n, g) => n + g.operations.length, 0), 82);
    const pay = data.groups.find((g) => g.id === 'payments').operations.find((o) => o.name === 'Pay');
    assert.deepEqual(pay.required, ['ownerName', 'ownerType', 'money']);
  });

  it('has a committed help text generated from the current table', () => {
    const fs = require('node:fs');
    assert.equal(fs.readFileSync(target, 'utf8'), generate());
  });
});

'use strict';
/** The example flows in examples/vos-*.json, run in Node-RED against the loopback VOS3000. */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const helper = require('node-red-node-test-helper');
const vosServerNode = require('../../dist/vos-server.js');
const vosApiNode = require('../../dist/vos-api.js');
const { startFakeVos, sampleResponse } = require('../helpers/fake-vos');
const vos = require('../../dist/core/providers/vos3000/index');

helper.init(require.resolve('node-red'));
const core = path.join(path.dirname(require.resolve('@node-red/nodes/package.json')), 'core');
const coreNodes = ['common/20-inject.js', 'common/21-debug.js', 'function/10-function.js', 'function/15-change.js'].map((f) => require(path.join(core, f)));

function example(name, url) {
  const flow = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', name), 'utf8'));
  for (const n of flow) if (n.type === 'vos-server') n.url = url;
  return flow;
}

/** Resolves when the fake VOS3000 has seen `count` requests. */
function requests(fake, count) {
  return new Promise((resolve) => {
    const check = () => {
      if (fake.requests.length >= count) {
        fake.server.off('recorded', check);
        setImmediate(() => resolve(fake.requests));
      }
    };
    fake.server.on('recorded', check);
    check();
  });
}

describe('vos-api example flows', function () {
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

  it('creates a customer, then a phone', async () => {
    await helper.load([...coreNodes, vosServerNode, vosApiNode], example('vos-create-customer-and-phone.json', fake.base));
    helper.getNode('vosex1inj').receive({});
    const [a, b] = await requests(fake, 2);
    assert.equal(a.path, '/external/server/CreateCustomer');
    assert.equal(JSON.parse(a.body).account, 'acme');
    assert.equal(b.path, '/external/server/CreatePhone');
    assert.deepEqual(JSON.parse(b.body), { autoCreateAccount: false, account: 'acme', e164: '100200', password: 'change-me', lockType: 0, callLevel: 4 });
  });

  it('tops up a balance and reads it back', async () => {
    await helper.load([...coreNodes, vosServerNode, vosApiNode], example('vos-top-up-balance.json', fake.base));
    helper.getNode('vosex2inj').receive({});
    const [a, b] = await requests(fake, 2);
    assert.equal(a.path, '/external/server/Pay');
    assert.deepEqual(JSON.parse(a.body), { ownerName: 'acme', ownerType: 2, money: 50, memo: 'top up' });
    assert.equal(b.path, '/external/server/GetCustomer');
    assert.deepEqual(JSON.parse(b.body), { accounts: ['acme'] });
  });

  it('disconnects only the calls that run too long', async () => {
    const call = sampleResponse(vos.findOperation('GetCurrentCall')).infoCurrentCalls[0];
    fake.fail.GetCurrentCall = {
      retCode: 0,
      infoCurrentCalls: [
        { ...call, callId: 11, keepTime: 2 * 3600 * 1000 },
        { ...call, callId: 12, keepTime: 60 * 1000 },
        { ...call, callId: 13, keepTime: -5 },
      ],
    };
    await helper.load([...coreNodes, vosServerNode, vosApiNode], example('vos-disconnect-long-calls.json', fake.base));
    const done = new Promise((r) => helper.getNode('vosex3ok').on('input', r));
    helper.getNode('vosex3inj').receive({});
    const [a, b] = await requests(fake, 2);
    assert.equal(a.path, '/external/server/GetCurrentCall');
    assert.equal(b.path, '/external/server/DisconnectCurrentCall');
    assert.deepEqual(JSON.parse(b.body), { CallIds: 11 });
    // The function node sends all disconnects at once: by the time one has been answered,
    // a second (wrong) one would have reached the server too.
    const msg = await done;
    assert.deepEqual({ ...msg.call }, { caller: call.callerE164, callee: call.calleeE164, ms: 7200000 });
    assert.equal(fake.requests.length, 2);
  });
});

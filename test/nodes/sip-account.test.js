'use strict';
const assert = require('node:assert/strict');
const helper = require('node-red-node-test-helper');
const sipAccount = require('../../dist/sip-account.js');
const sipPhone = require('../../dist/sip-phone.js');
const { p2pAccount, userAgentProblem } = require('../lib/phone-flow');

helper.init(require.resolve('node-red'));

const SECRET = 'pw-never-logged-5413';

function flow(accountExtra = {}) {
  return [
    p2pAccount('acc', 'alice', 5413, 23400, accountExtra),
    { id: 'p1', type: 'sip-phone', account: 'acc', wires: [[]] },
    { id: 'p2', type: 'sip-phone', account: 'acc', wires: [[]] },
  ];
}

describe('sip-account config node', function () {
  this.timeout(10000);
  afterEach(async () => {
    await helper.unload();
  });

  it('builds the agent options from properties and credentials, with defaults', async () => {
    await helper.load([sipAccount, sipPhone], flow({ server: '' }), { acc: { password: SECRET, authUsername: 'alice-auth' } });
    const acc = helper.getNode('acc');
    assert.equal(acc.configError, undefined);
    assert.ok(acc.runtime);
    const opts = acc.runtime.opts;
    assert.equal(opts.password, SECRET);
    assert.equal(opts.authUsername, 'alice-auth');
    assert.equal(opts.register, false, 'no server: peer-to-peer, no registration');
    assert.equal(opts.expires, 600);
    assert.deepEqual(opts.codecs, ['PCMU', 'PCMA']);
  });

  it('never logs the password', async () => {
    await helper.load([sipAccount, sipPhone], flow(), { acc: { password: SECRET } });
    await helper.getNode('acc').runtime.ready().catch(() => undefined);
    const logged = JSON.stringify(helper.log().args);
    assert.ok(!logged.includes(SECRET));
  });

  it('refuses an invalid configuration and says why', async () => {
    await helper.load([sipAccount, sipPhone], flow({ transport: 'carrier-pigeon' }));
    const acc = helper.getNode('acc');
    assert.equal(acc.runtime, undefined);
    assert.match(acc.configError, /transport must be one of udp, tcp, tls, ws, wss/);
  });

  it('counts its phones: the last one out stops the agent', async () => {
    await helper.load([sipAccount, sipPhone], flow());
    const acc = helper.getNode('acc');
    const rt = acc.runtime;
    assert.equal(rt.userCount, 2);
    await helper.getNode('p1').close(false);
    assert.equal(rt.userCount, 1);
    await helper.getNode('p2').close(false);
    assert.equal(rt.userCount, 0);
    assert.equal(rt.registrationState, 'stopped');
    assert.equal(rt.userAgent, undefined);
  });

  it('pushes its status to every phone', async () => {
    await helper.load([sipAccount, sipPhone], flow());
    const seen = { p1: [], p2: [] };
    for (const id of ['p1', 'p2']) {
      const n = helper.getNode(id);
      n.status = (s) => seen[id].push(s);
    }
    helper.getNode('acc').runtime.pushStatus();
    assert.equal(seen.p1.length, 1);
    assert.deepEqual(seen.p1, seen.p2);
    assert.ok(seen.p1[0].fill);
  });

  describe('with a running agent', function () {
    before(async function () {
      // The user agent is part of this package: if it cannot start, that is a failure.
      const problem = await userAgentProblem();
      if (problem) throw new Error(problem);
    });

    it('starts once for two phones, shows ready (P2P), and frees its port on close', async () => {
      await helper.load([sipAccount, sipPhone], flow());
      const rt = helper.getNode('acc').runtime;
      const ua = await rt.ready();
      assert.equal(await rt.ready(), ua, 'one agent for both phones');
      assert.equal(rt.registrationState, 'p2p');
      await helper.unload();
      // The port binds again at once: the account let go of it.
      await helper.load([sipAccount, sipPhone], flow());
      await helper.getNode('acc').runtime.ready();
    });
  });
});

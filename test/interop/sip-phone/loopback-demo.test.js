'use strict';
// The loopback demo (examples/01) deployed as shipped: alice calls bob on 127.0.0.1, bob answers
// and plays the shipped prompt, alice sends DTMF that bob reports, alice hangs up. The debug
// nodes are swapped for test-helper nodes with the same ids, so the wiring is the shipped one.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const helper = require('node-red-node-test-helper');
const sipAccount = require('../../../dist/sip-account.js');
const sipPhone = require('../../../dist/sip-phone.js');
const injectNode = require('@node-red/nodes/core/common/20-inject.js');
const functionNode = require('@node-red/nodes/core/function/10-function.js');
const commentNode = require('@node-red/nodes/core/common/90-comment.js');
const catchNode = require('@node-red/nodes/core/common/25-catch.js');
const { recorder, userAgentProblem } = require('../../lib/phone-flow');

helper.init(require.resolve('node-red'));

const EXAMPLE = path.join(__dirname, '..', '..', '..', 'examples', '01 Loopback demo.json');

describe('interop: the loopback demo flow as shipped', function () {
  this.timeout(30000);
  before(async function () {
    // The user agent is part of this package: if it cannot start, that is a failure.
    const problem = await userAgentProblem();
    if (problem) throw new Error(problem);
  });
  after(async () => {
    await helper.unload();
  });

  it('alice calls bob, bob answers and plays the prompt, bob hears 1 2 3, hangup ends both', async () => {
    const shipped = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
    const tab = { id: 'tab1', type: 'tab', label: 'demo' };
    const nodes = shipped.map((n) => {
      const copy = { ...n };
      if (n.type !== 'sip-account') copy.z = 'tab1';
      if (n.type === 'debug') {
        copy.type = 'helper';
        delete copy.wires;
      }
      return copy;
    });
    nodes.push({ id: 'catch1', type: 'catch', z: 'tab1', scope: null, wires: [['caught']] }, { id: 'caught', type: 'helper', z: 'tab1' });
    await helper.load([sipAccount, sipPhone, injectNode, functionNode, commentNode, catchNode], [tab, ...nodes]);
    const byName = (name) => helper.getNode(shipped.find((n) => n.name === name).id);
    const aliceEvents = recorder(byName('alice: every event'));
    const bobEvents = recorder(byName('bob: every event'));
    const bobDtmf = recorder(byName('bob heard DTMF'));
    const caught = recorder(helper.getNode('caught'));

    byName('call bob').receive({});
    await bobEvents.waitFor('incoming');
    await aliceEvents.waitFor('answered');
    await bobEvents.waitFor('answered');
    byName('send 1 2 3').receive({});
    for (const d of ['1', '2', '3']) await bobDtmf.waitFor((m) => m.payload === d, `digit ${d}`);
    await bobEvents.waitFor('playEnded', 'the prompt to finish', 15000);
    byName('hang up').receive({});
    const ended = await bobEvents.waitFor('ended');
    assert.equal(ended.payload.cause.status, 'ANSWER');
    await aliceEvents.waitFor('ended');
    assert.deepEqual(caught.seen.map((m) => m.error.message), []);
  });
});

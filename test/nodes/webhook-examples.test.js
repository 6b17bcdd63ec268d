'use strict';
const assert = require('node:assert/strict');
const { load, unload } = require('./webhook-harness');
const cdrIn = require('../../dist/cdr-in.js');
const ivrMenu = require('../../dist/ivr-menu.js');
const functionNode = require('@node-red/nodes/core/function/10-function.js');

const switchNode = require('@node-red/nodes/core/function/10-switch.js');
// Debug nodes become helper nodes (the test's sink); the rest is the example as shipped.
const example = (name) => require(`../../examples/${name}.json`).filter((n) => n.type !== 'comment')
  .map((n) => (n.type === 'debug' ? { id: n.id, type: 'helper', z: n.z } : n));

describe('examples', function () {
  afterEach(unload);

  it('two-level IVR: sales answers CALL or HANGUP (business hours), support reads the account back', async () => {
    const agent = await load([ivrMenu, functionNode], example('ivr-two-level-business-hours'));
    const post = (menu, dtmf) => agent.post('/ivr').set('Content-Type', 'application/json')
      .send({ METHOD: 'GET_IVR_ACTION', DATA: { IVR_UNIQUE_ID: 'e1', CALLER_ID: '0501234567', DTMF: dtmf, MENU: menu } });
    assert.equal(JSON.parse((await post('-1', '')).text).DATA.MENU, 'main');
    const sales = JSON.parse((await post('main', '1')).text);
    assert.ok(['CALL', 'HANGUP'].includes(sales.ACTION), sales.ACTION);
    assert.equal(JSON.parse((await post('main', '2')).text).DATA.MENU, 'support');
    const back = JSON.parse((await post('support', '004711')).text);
    assert.equal(back.ACTION, 'SAYDIGITS');
    assert.equal(back.DATA.DIGITS, '004711');
  });

  it('VOS3000 alarms: a critical alarm becomes a notification', async () => {
    const agent = await load([cdrIn, functionNode, switchNode], example('vos3000-alarms-notify'));
    const { helper } = require('./webhook-harness');
    const got = new Promise((resolve) => helper.getNode('c5a3000000000005').once('input', resolve));
    const res = await agent.post('/vos/AlarmCurrentReport').set('Content-Type', 'text/html;charset=UTF-8')
      .send(JSON.stringify({ infoAlarmCurrents: [{ id: 5, type: 20004, level: 3, name: 'Memory', startTime: 1600000000000, value: 95, upper: 90 }] }));
    assert.equal(res.text, '{"retCode":0}');
    const msg = await got;
    assert.equal(msg.topic, 'VOS3000 Critical: Memory');
    assert.match(msg.payload, /Memory = 95 \(limit 90\)/);
  });
});

'use strict';
const assert = require('node:assert/strict');
const { load, unload, next, helper } = require('./webhook-harness');
const ivrMenu = require('../../dist/ivr-menu.js');
const functionNode = require('@node-red/nodes/core/function/10-function.js');
const vc = require('../fixtures/voicenter');

const menus = [
  { id: 'main', rec: 'welcome', size: 1, loop: 2, delay: 1, validation: false, options: [{ digits: '1' }, { digits: '2', goto: 'support' }] },
  { id: 'support', rec: 'support_menu', size: 4, loop: 1, delay: 2, validation: true, options: [{ digits: '*' }] },
];

function flow(extra = {}, wires) {
  return [
    { id: 'ivr', type: 'ivr-menu', url: '/ivr', menus, patience: 300, outputs: 6, ...extra,
      wires: wires || [['opt1'], ['opt2'], ['any'], ['noinput'], ['ended'], ['lookup']] },
    ...['opt1', 'opt2', 'any', 'noinput', 'ended', 'lookup'].map((id) => ({ id, type: 'helper' })),
  ];
}

function getIvrXml(menu, dtmf, id = 'ced4619f30fc17182d8e41ddf4d6869X') {
  return vc.getIvrActionXml
    .replace('<string>-1</string>', `<string>${menu}</string>`)
    .replace('<string/>', `<string>${dtmf}</string>`)
    .replace('ced4619f30fc17182d8e41ddf4d6869X', id);
}

describe('ivr-menu node', function () {
  afterEach(unload);

  it('answers the call start (printed GET_IVR_ACTION, XML-RPC) with the first menu', async () => {
    const agent = await load([ivrMenu], flow());
    const res = await agent.post('/ivr').set('Content-Type', 'text/xml').send(vc.getIvrActionXml);
    assert.equal(res.status, 200);
    assert.equal(res.text,
      '<?xml version="1.0"?><methodResponse><params><param><value><struct>' +
      '<member><name>STATUS</name><value><int>0</int></value></member>' +
      '<member><name>ACTION</name><value><string>MENU</string></value></member>' +
      '<member><name>LANGUAGE</name><value><string>he</string></value></member>' +
      '<member><name>DATA</name><value><struct>' +
      '<member><name>REC</name><value><string>welcome</string></value></member>' +
      '<member><name>LOOP</name><value><int>2</int></value></member>' +
      '<member><name>DELAY</name><value><int>1</int></value></member>' +
      '<member><name>SIZE</name><value><int>1</int></value></member>' +
      '<member><name>MENU</name><value><string>main</string></value></member>' +
      '<member><name>VALIDATION</name><value><int>0</int></value></member>' +
      '</struct></value></member></struct></value></param></params></methodResponse>');
  });

  it('answers the printed JSON request (unquoted keys) in JSON', async () => {
    const agent = await load([ivrMenu], flow());
    const res = await agent.post('/ivr').set('Content-Type', 'application/json').send(vc.getIvrActionJson);
    assert.equal(res.text, '{"STATUS":0,"ACTION":"MENU","LANGUAGE":"he","DATA":{"REC":"welcome","LOOP":2,"DELAY":1,"SIZE":1,"MENU":"main","VALIDATION":0}}');
  });

  it('sends a digit to its option\'s output and the flow answers through ivr-reply (CALL)', async () => {
    const f = flow({}, [['reply'], ['opt2'], ['any'], ['noinput'], ['ended'], ['lookup']]);
    f.push({ id: 'reply', type: 'ivr-reply', action: 'CALL', fields: JSON.stringify({ TARGET: '0540123456', CALLERID: '0500000000', CALL_MAX_DIAL: '25', DIALSTRINGS: ['SIP/972547000000@provider1'] }) });
    const agent = await load([ivrMenu], f);
    const res = await agent.post('/ivr').set('Content-Type', 'application/json')
      .send({ METHOD: 'GET_IVR_ACTION', DATA: { DID: '0732793256', CALLER_ID: '0501', IVR_UNIQUE_ID: 'u1', DTMF: '1', MENU: 'main', PREVIOUS_MENU: '-1' } });
    assert.deepEqual(JSON.parse(res.text), {
      STATUS: 0, ACTION: 'CALL', LANGUAGE: 'he',
      DATA: { TARGET: '0540123456', CALLERID: '0500000000', CALLERNAME: '', CALL_MAX_DIAL: 25, CALL_MAX: 7200, REC_STATUS: 0, DIALSTRINGS: ['SIP/972547000000@provider1'] },
    });
  });

  it('goes to a sub-menu by itself and matches "*" there; keeps per-call state until HANGUP_CALL', async () => {
    const agent = await load([ivrMenu], flow());
    const id = 'ced4619f30fc17182d8e41ddf4d6869X';
    await agent.post('/ivr').set('Content-Type', 'text/xml').send(vc.getIvrActionXml);
    const opt2 = next(helper.getNode('opt2'));
    let res = await agent.post('/ivr').set('Content-Type', 'text/xml').send(getIvrXml('main', '2'));
    assert.match(res.text, /<name>MENU<\/name><value><string>support<\/string>/);
    assert.equal((await opt2).payload.option, '2');
    const any = next(helper.getNode('any'));
    const pending = agent.post('/ivr').set('Content-Type', 'text/xml').send(getIvrXml('support', '0547')).then((r) => r); // supertest sends on then()
    const msg = await any;
    assert.deepEqual(msg.ivr.history, ['main', 'support']);
    assert.deepEqual(msg.ivr.digits, ['2', '0547']);
    msg.res.send({ ACTION: 'SAYDIGITS', DATA: { REC: 'you_entered', SIZE: 1, MENU: 'main', SAYDIGITSRECORD: 'blank', DIGITS: '0547' } }, { account: '0547' });
    res = await pending;
    assert.match(res.text, /<name>DIGITS<\/name><value><string>0547<\/string>/);
    const ended = next(helper.getNode('ended'));
    res = await agent.post('/ivr').set('Content-Type', 'text/xml').send(vc.hangupXml);
    assert.equal(res.text, '<?xml version="1.0"?><methodResponse><params><param><value><struct><member><name>STATUS</name><value><int>0</int></value></member></struct></value></param></params></methodResponse>');
    const end = await ended;
    assert.equal(end.payload.callId, id);
    assert.equal(end.payload.status, 'answered');
    assert.equal(end.payload.ringTime, 15);
    assert.deepEqual(end.ivr.data, { account: '0547' });
    assert.deepEqual(end.ivr.history, ['main', 'support', 'main']);
  });

  it('refuses an invalid answer (DIGITS as a number, missing TARGET) and sends the default in time', async () => {
    const f = flow({}, [['fn'], ['opt2'], ['any'], ['noinput'], ['ended'], ['lookup']]);
    f.push({ id: 'fn', type: 'function', func: 'msg.answer = {ACTION:"SAYDIGITS", DATA:{REC:"r", SIZE:1, MENU:"main", SAYDIGITSRECORD:"b", DIGITS: 547}}; return msg;', wires: [['reply']] });
    f.push({ id: 'reply', type: 'ivr-reply', action: 'msg' });
    f.push({ id: 'c', type: 'catch', scope: null, uncaught: false, wires: [['caught']] }, { id: 'caught', type: 'helper' });
    const agent = await load([ivrMenu, functionNode], f);
    const caught = next(helper.getNode('caught'));
    const res = await agent.post('/ivr').set('Content-Type', 'application/json')
      .send({ METHOD: 'GET_IVR_ACTION', DATA: { IVR_UNIQUE_ID: 'u2', DTMF: '1', MENU: 'main' } });
    // The default: the same menu again.
    assert.equal(JSON.parse(res.text).DATA.MENU, 'main');
    const err = await caught;
    assert.match(err.error.message, /DIGITS must be a string/);
  });

  it('routes unmatched digits to "no input" and answers the layer IVR and VOS3000 pushes', async () => {
    const f = flow({ vosRetCode: 7 });
    const agent = await load([ivrMenu], f);
    const noinput = next(helper.getNode('noinput'));
    const layer = agent.post('/ivr').set('Content-Type', 'application/json').send(vc.layerJson).then((r) => r);
    const m = await noinput;
    assert.equal(m.topic, 'IVR_LAYER_INPUT');
    m.res.send({ ACTION: 'GO_TO_LAYER', 'LAYER ': '22', CALLER_NAME: 'Shlomi', CUSTOM_DATA: { xxx: '111' } });
    assert.equal((await layer).text, '{"STATUS":0,"ACTION":"GO_TO_LAYER","LAYER":22,"CALLER_NAME":"Shlomi","CUSTOM_DATA":{"xxx":"111"}}');
    // VOS3000: nobody answers, so the configured retCode goes out.
    const res = await agent.post('/ivr').set('Content-Type', 'text/html;charset=UTF-8')
      .send(JSON.stringify({ flowNo: 99, callerE164: '1', calleeE164: '2', accessE164: '3', infoDtmfs: [{ menuName: 'main', dtmf: '9' }] }));
    assert.equal(res.text, '{"retCode":7}');
  });

  it('answers the pop-up CRM lookup from the flow', async () => {
    const f = flow({ method: 'get' }, [['opt1'], ['opt2'], ['any'], ['noinput'], ['ended'], ['reply']]);
    f.push({ id: 'reply', type: 'ivr-reply', action: 'POPUP', fields: JSON.stringify({ STATUS: 'OK', URL: 'http://127.0.0.1/contact', CLIENTNAME: 'John Doe', TOTAL: '1', COMPANY: 'Voicenter' }) });
    const agent = await load([ivrMenu], f);
    const res = await agent.get('/ivr?phone=0722776772');
    assert.equal(res.text, '{"STATUS":"OK","URL":"http://127.0.0.1/contact","CLIENTNAME":"John Doe","TOTAL":"1","COMPANY":"Voicenter"}');
  });
});

'use strict';
const assert = require('node:assert/strict');
const { parseCommand, COMMAND_NAMES } = require('../../../dist/sip-phone/commands');
const { CommandError } = require('../../../dist/sip-phone/command-error');

const parse = (topic, payload, callId) => parseCommand({ topic, payload, callId });
function fails(key, topic, payload, callId) {
  assert.throws(
    () => parse(topic, payload, callId),
    (e) => e instanceof CommandError && e.key === key,
    `${topic} ${JSON.stringify(payload)} should fail with ${key}`,
  );
}

describe('sip-phone commands: msg -> command', () => {
  it('refuses a missing and an unknown topic, naming the known commands', () => {
    fails('noCommand', undefined, 'x');
    fails('noCommand', '  ', 'x');
    try {
      parse('dail', '100');
      assert.fail('no error');
    } catch (e) {
      assert.equal(e.key, 'unknownCommand');
      assert.match(e.params.commands, /dial/);
      assert.match(e.message, /"dail"/);
    }
  });

  it('accepts every command name in any case and with dashes', () => {
    assert.equal(parse('DIAL', '100').name, 'dial');
    assert.equal(parse('attended-transfer', { targetCallId: 'b' }, 'a').name, 'attendedTransfer');
    assert.equal(parse('stop_play').name, 'stopPlay');
    assert.ok(COMMAND_NAMES.includes('conference'));
  });

  it('dial: a string, a number or {to, from, headers, autoHangupAfter}', () => {
    assert.deepEqual(parse('dial', '+49 30 1234-5'), { name: 'dial', to: '+493012345' });
    assert.deepEqual(parse('dial', 100), { name: 'dial', to: '100' });
    assert.deepEqual(parse('dial', 'sip:bob@127.0.0.1:5400'), { name: 'dial', to: 'sip:bob@127.0.0.1:5400' });
    assert.deepEqual(parse('dial', 'bob@127.0.0.1:5400').to, 'bob@127.0.0.1:5400');
    assert.deepEqual(parse('dial', 'tel:+1-555-0100').to, 'tel:+1-555-0100');
    assert.deepEqual(
      parse('dial', { to: '200', from: 'door', headers: { 'X-Reason': 'bell', 'X-N': 3 }, autoHangupAfter: 30 }),
      { name: 'dial', to: '200', from: 'door', headers: { 'X-Reason': 'bell', 'X-N': '3' }, autoHangupAfterMs: 30000 },
    );
  });

  it('dial: refuses bad targets, headers and durations', () => {
    fails('missingField', 'dial', undefined);
    fails('missingField', 'dial', {});
    fails('badTarget', 'dial', 'call bob now');
    fails('badTarget', 'dial', 'sip:bob@host with space');
    fails('badTarget', 'dial', 'http://127.0.0.1/');
    fails('badHeader', 'dial', { to: '1', headers: { 'X-A': 'one\r\nVia: evil' } });
    fails('badHeader', 'dial', { to: '1', headers: { 'Bad Name': 'x' } });
    fails('badField', 'dial', { to: '1', headers: 'X-A: 1' });
    fails('badField', 'dial', { to: '1', autoHangupAfter: -1 });
    fails('badField', 'dial', { to: '1', autoHangupAfter: 'soon' });
  });

  it('call commands carry msg.callId', () => {
    for (const n of ['answer', 'hangup', 'hold', 'unhold', 'mute', 'unmute', 'stopPlay', 'stopRecord']) {
      assert.deepEqual(parse(n, undefined, 'c1'), { name: n, callId: 'c1' });
      assert.deepEqual(parse(n), { name: n, callId: undefined });
    }
    fails('badField', 'hangup', undefined, { id: 1 });
  });

  it('reject: optional SIP code 400-699', () => {
    assert.deepEqual(parse('reject', { code: 486 }), { name: 'reject', callId: undefined, code: 486 });
    assert.deepEqual(parse('reject', '603'), { name: 'reject', callId: undefined, code: 603 });
    assert.deepEqual(parse('reject'), { name: 'reject', callId: undefined });
    fails('badField', 'reject', { code: 200 });
    fails('badField', 'reject', { code: 'busy' });
  });

  it('transfer and attendedTransfer', () => {
    assert.deepEqual(parse('transfer', '300', 'c1'), { name: 'transfer', callId: 'c1', to: '300' });
    assert.deepEqual(parse('transfer', { to: 'sip:300@127.0.0.1' }).to, 'sip:300@127.0.0.1');
    fails('badTarget', 'transfer', 'not a target!');
    assert.deepEqual(parse('attendedTransfer', { callId: 'a', targetCallId: 'b' }), {
      name: 'attendedTransfer', callId: 'a', targetCallId: 'b',
    });
    assert.deepEqual(parse('attendedTransfer', { targetCallId: 'b' }, 'x').callId, 'x');
    fails('missingField', 'attendedTransfer', { callId: 'a' });
    fails('badPayload', 'attendedTransfer', 'b');
  });

  it('dtmf: digits, *, #, A-D; spaces dropped', () => {
    assert.deepEqual(parse('dtmf', '12 3#'), { name: 'dtmf', callId: undefined, digits: '123#' });
    assert.deepEqual(parse('dtmf', { digits: '*a' }).digits, '*A');
    assert.equal(parse('dtmf', 5).digits, '5');
    fails('badDigits', 'dtmf', '12x');
    fails('badDigits', 'dtmf', '1'.repeat(65));
    fails('missingField', 'dtmf', '');
  });

  it('play: a path, a Buffer or {file, loop}; record: a path', () => {
    assert.deepEqual(parse('play', 'a.wav').source, { file: 'a.wav', loop: false });
    assert.deepEqual(parse('play', { file: 'a.wav', loop: true }).source, { file: 'a.wav', loop: true });
    const b = Buffer.from('RIFF');
    assert.equal(parse('play', b).source.buffer, b);
    fails('badPayload', 'play', 42);
    fails('missingField', 'play', '');
    assert.deepEqual(parse('record', 'out.wav', 'c'), { name: 'record', callId: 'c', file: 'out.wav' });
    assert.equal(parse('record', { file: 'o.wav', maxDuration: 60 }).maxDurationMs, 60000);
    fails('missingField', 'record', {});
  });

  it('message, forward, dnd, conference', () => {
    assert.deepEqual(parse('message', { to: '200', text: 'hi' }), { name: 'message', to: '200', text: 'hi' });
    fails('badPayload', 'message', 'hi');
    fails('missingField', 'message', { to: '200' });
    fails('tooLong', 'message', { to: '200', text: 'x'.repeat(2000) });
    assert.deepEqual(parse('forward', { to: '300', afterSeconds: 20 }).forward, { to: '300', afterSeconds: 20 });
    assert.deepEqual(parse('forward', '300').forward, { to: '300', afterSeconds: 0 });
    assert.equal(parse('forward', false).forward, null);
    assert.equal(parse('forward', { to: '' }).forward, null);
    fails('badField', 'forward', { to: '300', afterSeconds: -5 });
    assert.equal(parse('dnd', true).on, true);
    assert.equal(parse('dnd', 'off').on, false);
    fails('badField', 'dnd', 'maybe');
    assert.deepEqual(parse('conference', { callIds: ['a', 'b'] }).callIds, ['a', 'b']);
    assert.deepEqual(parse('conference', ['a', 'b', 'c']).callIds, ['a', 'b', 'c']);
    fails('badPayload', 'conference', { callIds: ['a'] });
    fails('badPayload', 'conference', { callIds: ['a', 'a'] });
  });
});

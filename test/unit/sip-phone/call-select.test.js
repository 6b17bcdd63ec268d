'use strict';
const assert = require('node:assert/strict');
const { selectCall, checkState } = require('../../../dist/sip-phone/call-select');

const call = (id, state, direction = 'incoming') => ({ id, state, direction });
const map = (...cs) => new Map(cs.map((c) => [c.id, c]));

describe('sip-phone call selection and line states', () => {
  it('picks the named call, the only call, or the newest live one', () => {
    const calls = map(call('a', 'up'), call('b', 'held'), call('c', 'down'));
    assert.equal(selectCall(calls, 'hangup', 'a').id, 'a');
    assert.equal(selectCall(calls, 'hangup', undefined).id, 'b');
    assert.equal(selectCall(map(call('x', 'up')), 'hold', undefined).id, 'x');
  });

  it('answer and reject prefer the newest ringing call', () => {
    const calls = map(call('a', 'ringing'), call('b', 'up'), call('c', 'waitForAnswer', 'outgoing'));
    assert.equal(selectCall(calls, 'answer', undefined).id, 'a');
    assert.equal(selectCall(calls, 'reject', undefined).id, 'a');
    assert.equal(selectCall(calls, 'hangup', undefined).id, 'c');
  });

  it('names what is missing', () => {
    assert.throws(() => selectCall(map(), 'hangup', undefined), (e) => e.key === 'noCall');
    assert.throws(() => selectCall(map(call('a', 'up')), 'hangup', 'zz'), (e) => e.key === 'noSuchCall' && /zz/.test(e.message));
    assert.throws(() => selectCall(map(call('a', 'down')), 'hangup', 'a'), (e) => e.key === 'noSuchCall');
  });

  it('refuses commands the line state does not allow', () => {
    assert.throws(() => checkState(call('a', 'up'), 'answer'), (e) => e.key === 'badState' && e.params.state === 'up');
    assert.throws(() => checkState(call('a', 'ringing'), 'hold'), (e) => e.key === 'badState');
    assert.throws(() => checkState(call('a', 'up'), 'unhold'), (e) => e.key === 'badState');
    assert.throws(() => checkState(call('a', 'dialing', 'outgoing'), 'dtmf'), (e) => e.key === 'badState');
    checkState(call('a', 'ringing'), 'answer');
    checkState(call('a', 'active'), 'hold');
    checkState(call('a', 'held'), 'unhold');
    checkState(call('a', 'dialing', 'outgoing'), 'hangup');
    checkState(call('a', 'up'), 'play');
  });
});

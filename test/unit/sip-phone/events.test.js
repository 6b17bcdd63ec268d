'use strict';
const assert = require('node:assert/strict');
const { eventToMessage, parseEventFilter, DEFAULT_EVENTS, plainPayload } = require('../../../dist/sip-phone/events');
const { phoneStatus } = require('../../../dist/sip-phone/status');

describe('sip-phone events and status', () => {
  it('a call event carries callId, line state, direction and remote party', () => {
    const m = eventToMessage({
      topic: 'dtmf',
      call: { id: 'c1', state: 'up', direction: 'incoming', remote: { uri: 'sip:a@127.0.0.1', user: 'a' } },
      payload: { digit: '5', durationMs: 160, method: 'rfc4733' },
    }, 'acct');
    assert.deepEqual(m, {
      topic: 'dtmf', callId: 'c1', lineState: 'up', direction: 'incoming',
      remote: { uri: 'sip:a@127.0.0.1', user: 'a' }, payload: { digit: '5', durationMs: 160, method: 'rfc4733' }, account: 'acct',
    });
    const r = eventToMessage({ topic: 'registered', payload: { expires: 600 } });
    assert.deepEqual(r, { topic: 'registered', payload: { expires: 600 } });
  });

  it('event filter: empty means all but state; unknown names dropped', () => {
    assert.deepEqual([...parseEventFilter('')], [...DEFAULT_EVENTS]);
    assert.ok(!parseEventFilter(undefined).has('state'));
    assert.deepEqual([...parseEventFilter('ended, dtmf,bogus')], ['ended', 'dtmf']);
  });

  it('payloads lose functions and turn errors into text', () => {
    assert.deepEqual(plainPayload({ a: 1, f() {}, e: new Error('x') }), { a: 1, e: 'x' });
    assert.deepEqual(plainPayload(undefined), {});
  });

  it('status shows registration and call count', () => {
    assert.deepEqual(phoneStatus('registered', 0).fill, 'green');
    const s = phoneStatus('registered', 2);
    assert.equal(s.key, 'registeredCalls');
    assert.equal(s.params.calls, 2);
    assert.equal(phoneStatus('p2p', 0).key, 'p2p');
    assert.equal(phoneStatus('failed', 0, '403').fill, 'red');
  });
});

describe('sip-phone catalogs', () => {
  const fs = require('node:fs');
  const path = require('node:path');
  const root = path.join(__dirname, '..', '..', '..');
  const src = fs.readdirSync(path.join(root, 'nodes', 'sip-phone'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => fs.readFileSync(path.join(root, 'nodes', 'sip-phone', f), 'utf8'))
    .join('\n');
  const keys = new Set([...src.matchAll(/new CommandError\(\s*'([A-Za-z]+)'/g)].map((m) => m[1]));
  for (const lang of ['en-US', 'de']) {
    it(`${lang} has a message for every error and status`, () => {
      const phone = JSON.parse(fs.readFileSync(path.join(root, 'locales', lang, 'sip-phone.json'), 'utf8'))['sip-phone'];
      const account = JSON.parse(fs.readFileSync(path.join(root, 'locales', lang, 'sip-account.json'), 'utf8'))['sip-account'];
      for (const k of keys) assert.ok(phone.errors[k] || account.errors[k], `${lang}: errors.${k}`);
      for (const st of ['registered', 'registeredCalls', 'p2p', 'p2pCalls', 'starting', 'registering', 'failed', 'failedCalls', 'unregistered', 'unregisteredCalls', 'error', 'stopped', 'noAccount']) {
        assert.ok(phone.status[st], `${lang}: status.${st}`);
      }
    });
  }
});

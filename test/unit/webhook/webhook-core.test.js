'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const sinon = require('sinon');
const { systemClock } = require('../../../dist/core/clock');
const { createAuthenticator } = require('../../../dist/core/http/webhook/auth');
const { parseJsonTolerant } = require('../../../dist/core/http/webhook/json-tolerant');
const { parseBody, BodyError } = require('../../../dist/core/http/webhook/body');
const { DedupeWindow } = require('../../../dist/core/http/webhook/dedupe');
const { Spool } = require('../../../dist/core/http/webhook/spool');
const { IvrCalls } = require('../../../dist/core/http/webhook/ivr-calls');
const { CdrPoller } = require('../../../dist/core/http/webhook/cdr-poller');
const { buildIvrAnswer, buildLayerAnswer, IvrAnswerError } = require('../../../dist/core/providers/voicenter/ivr-answers');
const { buildVosDtmfAnswer } = require('../../../dist/core/providers/vos3000/ivr-answers');
const { normaliseVoicenterCdr, voicenterType } = require('../../../dist/core/providers/voicenter/cdr');
const { silentLogger } = require('../../../dist/core/logger');

describe('webhook core', () => {
  describe('auth', () => {
    const req = (o) => ({ headers: {}, query: {}, remoteAddress: '127.0.0.1', ...o });
    it('IP allowlist: CIDR, single addresses, IPv4-mapped IPv6, VOS3000-style "|" lists', () => {
      const a = createAuthenticator({ kind: 'ip', allow: '10.0.0.0/8|192.168.1.7, ::1' });
      assert.equal(a(req({ remoteAddress: '10.20.30.40' })).ok, true);
      assert.equal(a(req({ remoteAddress: '::ffff:10.1.1.1' })).ok, true);
      assert.equal(a(req({ remoteAddress: '192.168.1.7' })).ok, true);
      assert.equal(a(req({ remoteAddress: '::1' })).ok, true);
      const no = a(req({ remoteAddress: '192.168.1.8' }));
      assert.equal(no.ok, false);
      assert.equal(no.status, 403);
      assert.throws(() => createAuthenticator({ kind: 'ip', allow: '10.0.0.0/33' }));
    });
    it('an empty configured secret or password never matches', () => {
      assert.equal(createAuthenticator({ kind: 'secret', secret: '', header: 'x', queryParam: 's' })(req({ query: { s: '' } })).ok, false);
      const b = createAuthenticator({ kind: 'basic', user: 'u', password: '' });
      assert.equal(b(req({ headers: { authorization: 'Basic ' + Buffer.from('u:').toString('base64') } })).ok, false);
    });
  });

  describe('bodies', () => {
    it('reads Voicenter\'s unquoted-key JSON and trailing commas, never rewriting strings', () => {
      assert.deepEqual(parseJsonTolerant('{ METHOD: "X", DATA: { A: "b: c", }, }'), { METHOD: 'X', DATA: { A: 'b: c' } });
      assert.throws(() => parseJsonTolerant('{ "a": }'));
    });
    it('recognises content regardless of Content-Type; forms merge with the query', () => {
      assert.equal(parseBody('  {"a":1}', {}).format, 'json');
      const f = parseBody('chan=1&callstatus=BUSY', { x: 'q' });
      assert.equal(f.format, 'form');
      assert.deepEqual(f.data, { x: 'q', chan: '1', callstatus: 'BUSY' });
      assert.equal(parseBody('', { phone: '1' }).format, 'query');
      assert.throws(() => parseBody('<!DOCTYPE x><methodCall/>', {}), BodyError);
    });
  });

  it('dedupe window forgets keys after the window (fake clock)', () => {
    const clock = sinon.useFakeTimers();
    try {
      const d = new DedupeWindow(systemClock, 1000);
      assert.equal(d.isDuplicate('a'), false);
      assert.equal(d.isDuplicate('a'), true);
      clock.tick(1001);
      assert.equal(d.isDuplicate('a'), false);
    } finally {
      clock.restore();
    }
  });

  it('spool: pending records survive reopening, acknowledged ones and torn lines do not', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-'));
    try {
      const file = path.join(dir, 's.spool');
      let s = new Spool(file, 2);
      assert.deepEqual(s.open(), []);
      const rec = (id) => ({ id, topic: 'cdr', payload: { id }, raw: {}, key: id, receivedAt: 1 });
      s.append(rec('a'));
      s.append(rec('b'));
      s.append(rec('c'));
      s.ack('b');
      s.close();
      fs.appendFileSync(file, 'R {"id":"torn","top');
      s = new Spool(file);
      assert.deepEqual(s.open().map((r) => r.id), ['a', 'c']);
      s.ack('a');
      s.ack('c');
      s.close();
      assert.deepEqual(new Spool(file).open(), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('per-call IVR state is cleared after the idle time', () => {
    const clock = sinon.useFakeTimers();
    try {
      const calls = new IvrCalls(systemClock, 10_000);
      calls.touch('c1').digits.push('1');
      clock.tick(5000);
      calls.touch('c2');
      clock.tick(6000);
      assert.equal(calls.get('c1'), undefined);
      assert.ok(calls.get('c2'));
      calls.close();
    } finally {
      clock.restore();
    }
  });

  it('poller: overlap window, ids kept across polls, cursor saved', async () => {
    const clock = sinon.useFakeTimers({ now: Date.parse('2024-01-01T12:00:00Z') });
    try {
      const windows = [];
      let rows = [{ id: 'a', start: '2024-01-01T11:59:00Z' }];
      let saved;
      const out = [];
      const p = new CdrPoller(async (from, to) => { windows.push([from.toISOString(), to.toISOString()]); return rows.map((r) => ({ ...r, payload: r, raw: r })); },
        systemClock, { load: () => undefined, save: (c) => { saved = c; } }, { everyMs: 60000, overlapMs: 600000, firstLookbackMs: 3600000 },
        (r) => out.push(...r.map((x) => x.id)), silentLogger);
      assert.equal(await p.poll(), 1);
      clock.tick(60000);
      rows = [{ id: 'a', start: '2024-01-01T11:59:00Z' }, { id: 'b', start: '2024-01-01T12:00:30Z' }];
      assert.equal(await p.poll(), 1);
      assert.deepEqual(out, ['a', 'b']);
      assert.deepEqual(windows[0], ['2024-01-01T11:00:00.000Z', '2024-01-01T12:00:00.000Z']);
      assert.deepEqual(windows[1], ['2024-01-01T11:50:00.000Z', '2024-01-01T12:01:00.000Z']);
      assert.deepEqual(saved, { until: '2024-01-01T12:01:00.000Z', seen: ['a', 'b'] });
    } finally {
      clock.restore();
    }
  });

  describe('IVR answers', () => {
    it('fills obvious defaults, coerces numeric strings, emits lower-case LANGUAGE', () => {
      assert.deepEqual(buildIvrAnswer('menu', { REC: 'r', SIZE: '2', MENU: 'm' }, { language: 'HE' }), {
        STATUS: 0, ACTION: 'MENU', LANGUAGE: 'he', DATA: { REC: 'r', LOOP: 1, DELAY: 1, SIZE: 2, MENU: 'm', VALIDATION: 0 },
      });
    });
    it('lists every problem: missing mandatory fields, DIGITS as a number, unknown fields', () => {
      try {
        buildIvrAnswer('SAYDIGITS', { REC: 'r', SIZE: 1, MENU: 'm', DIGITS: 547, BOGUS: 1 });
        assert.fail('accepted');
      } catch (e) {
        assert.ok(e instanceof IvrAnswerError);
        assert.match(e.message, /SAYDIGITSRECORD is mandatory/);
        assert.match(e.message, /DIGITS must be a string/);
        assert.match(e.message, /BOGUS is not a field/);
      }
      assert.throws(() => buildIvrAnswer('DANCE', {}), /ACTION must be one of/);
    });
    it('layer DIAL takes the printed TARGETS and the UNAVAILABLE_VO spelling; VOS answers', () => {
      const a = buildLayerAnswer('DIAL', { TARGETS: [{ TARGET: '0501234567', TYPE: 'PHONE' }], MAX_DIAL_DURATION: 30, UNAVAILABLE_VO: 2 });
      assert.deepEqual(a, { STATUS: 0, ACTION: 'DIAL', MAX_DIAL_DURATION: 30, TARGETS: [{ TARGET: '0501234567', TYPE: 'PHONE' }], UNAVAILABLE_VO_ID: 2, CUSTOM_DATA: {} });
      assert.deepEqual(buildVosDtmfAnswer({ retCode: '3', audioNames: ['a', 'b'] }), { retCode: 3, audioNames: ['a', 'b'] });
      assert.throws(() => buildVosDtmfAnswer({}), /retCode is mandatory/);
    });
  });

  it('Voicenter CDR: all 23 fields, call types by name or number, queue 0 means none', () => {
    const rec = {
      caller: '0722776772', target: 'AAPINFzL', time: 1536855354, duration: 33, ivruniqueid: 'id1', type: 'Click2Callleg1',
      status: 'ABANDONE', targetextension: 'AAPINFzL', callerextension: ' AAPINFzL', did: '0722776772', queueid: 12345,
      queuename: 'Service Queue', record: 'http://127.0.0.1/r.mp3', price: 7, dialtime: 23, representative_name: 'Walter Melon',
      representative_code: ' 9996 ', targetextension_name: 'Walter Melon', callerextension_name: 'Walter Melon',
      target_country: 'Israel', caller_country: 'Israel', seconds_waiting_in_queue: 5, OriginalivrUniqueID: 'orig ',
    };
    const c = normaliseVoicenterCdr(rec);
    assert.equal(c.type, 'Click2Call leg1');
    assert.equal(c.direction, 'outbound');
    assert.equal(c.status, 'abandoned');
    assert.deepEqual(c.queue, { id: '12345', name: 'Service Queue', waitTime: 5 });
    assert.deepEqual(c.representative, { name: 'Walter Melon', code: '9996' });
    assert.equal(c.originalCallId, 'orig');
    assert.equal(c.extensions.caller, 'AAPINFzL');
    assert.equal(voicenterType(4).name, 'Queue');
    assert.equal(normaliseVoicenterCdr({ ...rec, queueid: 0, queuename: '' }).queue, null);
  });
});

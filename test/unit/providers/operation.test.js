'use strict';
const assert = require('node:assert/strict');
const { validate, ValidationError, toPairs, formEncode, describeOperations } = require('../../../dist/core/providers/operation');
const { voicenterOperation, voicenterOperations } = require('../../../dist/core/providers/voicenter/api');
const { iexpbxOperations } = require('../../../dist/core/providers/iexpbx/operations');

describe('core/providers/operation', () => {
  const call = voicenterOperation('call');

  it('reports every missing required parameter at once, naming them', () => {
    assert.throws(() => validate(call, { code: 'c' }), (e) => {
      assert.ok(e instanceof ValidationError);
      assert.equal(e.code, 'VALIDATION');
      assert.deepEqual(e.problems.map((p) => p.param).sort(), ['phone', 'target']);
      assert.match(e.message, /phone is required/);
      return true;
    });
  });

  it('keeps phone numbers as text (leading zeros), turns integers into their digits', () => {
    const v = validate(call, { code: 'c', phone: '0501234567', target: 972501234567 });
    assert.equal(v.params.phone, '0501234567');
    assert.equal(v.params.target, '972501234567');
    assert.throws(() => validate(call, { code: 'c', phone: 5.5, target: '1' }), /phone: expected a phone number/);
    assert.throws(() => validate(call, { code: 'c', phone: '050 123', target: '1' }), /not a phone number/);
  });

  it('coerces booleans and integers, rejects wrong types', () => {
    const v = validate(call, { code: 'c', phone: '1', target: '2', record: 'true', phonemaxdialtime: '25', checkphonedevicestate: 1 });
    assert.equal(v.params.record, true);
    assert.equal(v.params.phonemaxdialtime, 25);
    assert.equal(v.params.checkphonedevicestate, true);
    assert.throws(() => validate(call, { code: 'c', phone: '1', target: '2', record: 'maybe' }), /record: expected true or false/);
    assert.throws(() => validate(call, { code: 'c', phone: '1', target: '2', maxduration: 'long' }), /maxduration: expected a whole number/);
    assert.throws(() => validate(call, { code: 'c', phone: '1', target: '2', maxduration: 0 }), /at least 1/);
  });

  it('accepts printed spellings (Phone, Record) and emits the wire spelling', () => {
    const v = validate(call, { code: 'c', Phone: '1', target: '2', Record: false });
    assert.deepEqual(Object.keys(v.params), ['code', 'action', 'phone', 'target', 'record']);
    assert.equal(v.params.action, 'call');
  });

  it('collects up to ten var_* values (§1.2) and refuses an eleventh', () => {
    const input = { code: 'c', phone: '1', target: '2' };
    for (let i = 0; i < 10; i++) input[`var_${i}`] = i;
    assert.equal(Object.keys(validate(call, input).custom).length, 10);
    input.var_extra = 'x';
    assert.throws(() => validate(call, input), /at most 10 custom var_\* values/);
  });

  it('reads CustomData objects as custom values and lists unknown keys as ignored', () => {
    const v = validate(voicenterOperation('AddCall'), { Campaign: 'k', Target: '050', CustomData: { var_a: 1, b: 'x' }, junk: 1 });
    assert.deepEqual(v.custom, { var_a: 1, var_b: 'x' });
    assert.deepEqual(v.ignored, ['junk']);
  });

  it('matches enums case-insensitively and emits the table form', () => {
    const v = validate(call, { code: 'c', phone: '1', target: '2', format: 'json' });
    assert.equal(v.params.format, 'JSON');
    assert.throws(() => validate(call, { code: 'c', phone: '1', target: '2', format: 'yaml' }), /must be one of XML, JSON/);
  });

  it('encodes repeated keys for arrays', () => {
    assert.equal(formEncode(toPairs({ phones: ['1', '2'], a: 'x y' }, { var_q: 3 })), 'phones=1&phones=2&a=x+y&var_q=3');
  });

  it('has a table for all 15 dialer operations, with errors and without config-only fields for the editor', () => {
    const dialer = voicenterOperations.filter((o) => o.path.includes('/Dialer/')).map((o) => o.name);
    assert.equal(dialer.length, 15);
    const described = describeOperations(iexpbxOperations);
    for (const op of described) assert.ok(!op.params.some((p) => p.name === 'password' || p.name === 'action'));
  });
});

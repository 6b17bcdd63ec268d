'use strict';
const assert = require('node:assert/strict');
const vos = require('../../../dist/core/providers/vos3000/index');
const { buildVosRequest } = require('../../../dist/core/providers/vos3000/request');
const { VosValidationError } = require('../../../dist/core/providers/vos3000/errors');

const op = (n) => vos.findOperation(n);
function problems(name, params, opts) {
  try {
    buildVosRequest(op(name), params, opts);
  } catch (err) {
    assert.ok(err instanceof VosValidationError);
    return err.problems.map((p) => `${p.path}: ${p.message}`);
  }
  assert.fail('expected a validation error');
}

describe('vos3000 request validation', () => {
  it('passes valid parameters through with the documented names', () => {
    assert.deepEqual(buildVosRequest(op('Pay'), { ownerName: 'acc1', ownerType: 2, money: 10.5, memo: 'top up' }), {
      ownerName: 'acc1', ownerType: 2, money: 10.5, memo: 'top up',
    });
  });

  it('reports missing required parameters, wrong types, lengths and codes together', () => {
    const p = problems('CreateCustomer', { name: 'x'.repeat(65), lockType: 3, money: 'lots', type: true });
    assert.deepEqual(p, [
      'account: required parameter is missing',
      'name: longer than 64 characters (65)',
      'money: expected a number, got "lots"',
      'type: expected an integer, got boolean true',
      'lockType: expected one of 0 (Normal), 1 (Locked), got 3',
    ]);
  });

  it('checks nested Info* structures and lists', () => {
    const p = problems('CreateSuite', {
      name: 's', rentPeriod: 1, rentType: 9, rentFee: 1, giftMoney: 0,
      infoGiftTimes: [{ prefix: '86', startTime: 0, endTime: 3600, giftTime: 60 }, 'bad'],
    });
    assert.deepEqual(p, [
      'rentType: expected one of 0 (Day), 1 (Month), 2 (Year), got 9',
      'infoGiftTimes[0].billingTime: required parameter is missing',
      'infoGiftTimes[1]: expected an object (InfoGiftTime), got "bad"',
    ]);
  });

  it('names an unknown parameter and suggests the documented spelling', () => {
    assert.deepEqual(problems('CreatePhone', { autoCreateAccount: true, e164: '100', feeRateGroup: 'g' }), [
      'feeRateGroup: unknown parameter, did you mean "feerateGroup"?',
    ]);
  });

  it('needs one of the "at least one" parameters', () => {
    assert.deepEqual(problems('GetCustomer', {}), [': one of accounts, e164s is needed at least']);
    assert.deepEqual(buildVosRequest(op('GetCustomer'), { accounts: 'a1' }), { accounts: ['a1'] });
  });

  it('accepts Date objects for documented date strings and UTC times', () => {
    const d = new Date(Date.UTC(2024, 0, 31, 23, 5, 9));
    assert.deepEqual(buildVosRequest(op('GetCdr'), { accounts: ['a'], beginTime: d, endTime: '20240201' }, { timeZone: 'utc' }), {
      accounts: ['a'], beginTime: '20240131', endTime: '20240201',
    });
    const h = buildVosRequest(op('GetPayHistory'), { account: 'a', beginTime: d, endTime: d }, { timeZone: 'utc' });
    assert.equal(h.beginTime, '20240131230509');
    const local = buildVosRequest(op('GetPayHistory'), { account: 'a', beginTime: d, endTime: d });
    assert.match(local.beginTime, /^\d{14}$/);
    assert.equal(buildVosRequest(op('ModifyCustomer'), { account: 'a', validTime: d }).validTime, d.getTime());
    assert.deepEqual(problems('GetCdr', { accounts: ['a'], beginTime: '2024-01-31', endTime: '20241301' }), [
      'beginTime: expected a date as yyyyMMdd or a Date, got "2024-01-31"',
      'endTime: expected a date as yyyyMMdd or a Date, got "20241301"',
    ]);
  });

  it('coerces numeric strings and code names, keeps open codes open', () => {
    const body = buildVosRequest(op('CreateCustomer'), { account: 'a', lockType: 'Locked', type: '2', limitMoney: '5.5' });
    assert.deepEqual(body, { account: 'a', lockType: 1, type: 2, limitMoney: 5.5 });
    // callDurationLimit names -1 and 0 but any number of seconds is valid.
    const p = buildVosRequest(op('CreatePhone'), { autoCreateAccount: 'true', e164: 100, infoPhoneAdditional: { callDurationLimit: 3600 } });
    assert.deepEqual(p, { autoCreateAccount: true, e164: '100', infoPhoneAdditional: { callDurationLimit: 3600 } });
  });

  it('takes one id or a list where a plural name is typed as a scalar', () => {
    assert.deepEqual(buildVosRequest(op('DisconnectCurrentCall'), { CallIds: 5 }), { CallIds: 5 });
    assert.deepEqual(buildVosRequest(op('DisconnectCurrentCall'), { CallIds: [5, '6'] }), { CallIds: [5, 6] });
    assert.deepEqual(problems('DisconnectCurrentCall', { CallIds: 2 ** 40 }), ['CallIds: out of the 32-bit Integer range: 1099511627776']);
  });

  it('refuses parameters that are not an object', () => {
    assert.deepEqual(problems('GetAllCustomers', 'x'), [': parameters must be an object, got "x"']);
  });
});

'use strict';
/** Every operation end to end against the loopback VOS3000: path, JSON body, decoding, errors. */
const assert = require('node:assert/strict');
const vos = require('../../../dist/core/providers/vos3000/index');
const { VosClient } = require('../../../dist/core/providers/vos3000/client');
const { VosRetCodeError, VosValidationError, VosProtocolError } = require('../../../dist/core/providers/vos3000/errors');
const { HttpClient, HttpError } = require('../../../dist/core/http/client');
const { startFakeVos, sampleRequest, sampleResponse } = require('../../helpers/fake-vos');
const { ManualClock } = require('../../helpers/manual-clock');

describe('vos3000 client against a loopback VOS3000', () => {
  let fake;
  let http;
  let client;
  beforeEach(async () => {
    fake = await startFakeVos();
    http = new HttpClient({ baseUrl: fake.base, clock: new ManualClock({ auto: (ms) => ms <= 1000 }) });
    client = new VosClient(http);
  });
  afterEach(async () => {
    await http.close();
    await fake.close();
  });

  it('runs all 82 operations: path, body names and values, decoded answer', async () => {
    assert.equal(vos.VOS_OPERATIONS.length, 82);
    for (const op of vos.VOS_OPERATIONS) {
      const params = sampleRequest(op, true);
      const before = fake.requests.length;
      const res = await client.call(op.name, params);
      const req = fake.requests[before];
      assert.equal(req.method, 'POST');
      assert.equal(req.path, `/external/server/${op.name}`, op.name);
      assert.match(req.headers['content-type'], /^text\/html;charset=UTF-8$/i);
      const body = JSON.parse(req.body);
      assert.deepEqual(Object.keys(body).sort(), op.request.map((f) => f.name).sort(), `${op.name} body keys`);
      assert.deepEqual(body, JSON.parse(JSON.stringify(params)), `${op.name} body values`);
      assert.equal(res.retCode, 0);
      const sent = sampleResponse(op);
      for (const f of op.response) {
        assert.ok(f.name in res, `${op.name} answer has ${f.name}`);
        if (f.array) assert.ok(Array.isArray(res[f.name]), `${op.name}.${f.name} is an array`);
        if (f.type !== 'struct' && !f.values) assert.deepEqual(res[f.name], sent[f.name]);
      }
    }
    assert.equal(fake.requests.length, 82);
  });

  it('decodes GetCurrentCall with state, DTMF and crypto names, and coerces numeric strings', async () => {
    const op = vos.findOperation('GetCurrentCall');
    const call = sampleResponse(op).infoCurrentCalls[0];
    fake.fail.GetCurrentCall = {
      retCode: '0',
      infoCurrentCalls: [
        { ...call, keepTime: -5, callerReceiveDtmf: 50, calleeSendDtmf: '10', callerCryptoType: 1, callId: '77' },
        { ...call, keepTime: 65000 },
      ],
    };
    const res = await client.call('GetCurrentCall', { callerE164s: ['100'] });
    const [a, b] = res.infoCurrentCalls;
    assert.equal(a.keepTimeName, 'Alerting');
    assert.equal(a.callerReceiveDtmfName, 'SIP Info');
    assert.equal(a.calleeSendDtmf, 10);
    assert.equal(a.calleeSendDtmfName, 'RFC2833');
    assert.equal(a.callerCryptoTypeName, 'RC4');
    assert.equal(a.callId, 77);
    assert.equal(typeof a.callerInfoRtpFlowAudio, 'object');
    assert.equal(b.keepTime, 65000);
    assert.equal(b.keepTimeName, undefined);
  });

  it('gives an absent or single Info* list as an array', async () => {
    fake.fail.GetAlarmCurrent = { retCode: 0, infoAlarmCurrents: { id: 1, type: 20003, level: 2 } };
    const res = await client.call('GetAlarmCurrent', {});
    assert.deepEqual(res.infoAlarmCurrents, [{ id: 1, type: 20003, typeName: 'CPU', level: 2, levelName: 'Major' }]);
    fake.fail.GetCustomer = { retCode: 0 };
    assert.deepEqual((await client.call('GetCustomer', { accounts: ['a'] })).infoCustomers, []);
  });

  it('rejects a non-zero retCode with the code and the exception text', async () => {
    fake.fail.DeleteCustomer = { retCode: -10007, exception: 'Not found, operation failed.' };
    await assert.rejects(client.call('DeleteCustomer', { account: 'nobody' }), (err) => {
      assert.ok(err instanceof VosRetCodeError);
      assert.equal(err.retCode, -10007);
      assert.equal(err.exception, 'Not found, operation failed.');
      assert.equal(err.operation, 'DeleteCustomer');
      return true;
    });
  });

  it('sends nothing when validation fails', async () => {
    await assert.rejects(client.call('CreateCustomer', { name: 'n', lockType: 5 }), (err) => {
      assert.ok(err instanceof VosValidationError);
      assert.deepEqual(err.problems.map((p) => p.path), ['account', 'lockType']);
      return true;
    });
    await assert.rejects(client.call('NoSuchOperation', {}), VosValidationError);
    assert.equal(fake.requests.length, 0);
  });

  it('reports an answer that is not the documented JSON', async () => {
    fake.fail.GetSoftSwitch = 'oops';
    await assert.rejects(client.call('GetSoftSwitch', {}), VosProtocolError);
    fake.fail.GetPerformance = { nothing: true };
    await assert.rejects(client.call('GetPerformance', {}), /no retCode/);
  });

  it('times out through the clock with an HttpError of kind timeout', async () => {
    const clock = new ManualClock();
    const h = new HttpClient({ baseUrl: fake.base, clock, responseTimeoutMs: 5000, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    try {
      fake.hang.GetAllCustomers = true;
      const p = new VosClient(h).call('GetAllCustomers', {});
      await fake.nextRequest();
      assert.equal(clock.fire(5000), 1);
      await assert.rejects(p, (err) => err instanceof HttpError && err.kind === 'timeout');
    } finally {
      await h.close();
    }
  });
});

'use strict';
const assert = require('node:assert/strict');
const { HttpClient } = require('../../../dist/core/http/client');
const { VoicenterApi, fetchVoicenterCallLog, ValidationError } = require('../../../dist/core/providers');
const { startServer } = require('../../helpers/loopback');
const { ManualClock } = require('../../helpers/manual-clock');

describe('core/providers/voicenter', () => {
  let srv;
  let client;
  let api;
  async function setup(handler) {
    srv = await startServer(handler);
    client = new HttpClient({ baseUrl: srv.url, clock: new ManualClock({ auto: (ms) => ms <= 5000 }), retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 10 } });
    api = new VoicenterApi('SECRETCODE', () => client);
  }
  afterEach(async () => {
    await client?.close();
    await srv?.close();
  });

  it('splits AddCallsBulk into requests of bulkSize and merges the results', async () => {
    await setup((req, res) => res.end('{"ErrorCode":0,"Description":"OK"}'));
    const calls = Array.from({ length: 7 }, (_, i) => ({ Target: `05000000${i}`, CallerId: '072776772', var_n: i }));
    const out = await api.run('AddCallsBulk', { Campaign: 'K1', Calls: calls }, { bulkSize: 3 });
    assert.equal(srv.requests.length, 3);
    const bodies = srv.requests.map((r) => JSON.parse(r.body));
    assert.deepEqual(bodies.map((b) => b.length), [3, 3, 1]);
    assert.deepEqual(bodies[0][0], { Campaign: 'K1', Target: '050000000', CallerID: '072776772', CustomData: { var_n: 0 } });
    assert.equal(srv.requests[0].headers['content-type'], 'application/json; charset=utf-8');
    assert.deepEqual(out.result, { ok: true, code: 0, message: 'OK', data: { total: 7, added: 7, notSent: 0, batches: [
      { from: 0, to: 2, ok: true, code: 0, message: 'OK' }, { from: 3, to: 5, ok: true, code: 0, message: 'OK' }, { from: 6, to: 6, ok: true, code: 0, message: 'OK' },
    ] } });
  });

  it('stops AddCallsBulk at the first refused batch and says which items failed', async () => {
    let n = 0;
    await setup((req, res) => res.end(++n === 2 ? '{"ErrorCode":1,"Description":"Invalid campaign code"}' : '{"ErrorCode":0,"Description":"OK"}'));
    const calls = Array.from({ length: 5 }, (_, i) => ({ Target: `05${i}` }));
    const out = await api.run('AddCallsBulk', { Campaign: 'K', Calls: calls }, { bulkSize: 2 });
    assert.equal(srv.requests.length, 2);
    assert.equal(out.result.ok, false);
    assert.equal(out.result.code, 1);
    assert.match(out.result.message, /Invalid campaign code \(items 2-3\)/);
    assert.equal(out.result.data.added, 2);
    assert.equal(out.result.data.notSent, 1);
  });

  it('validates every bulk item before sending anything', async () => {
    await setup((req, res) => res.end('{"ErrorCode":0}'));
    await assert.rejects(api.run('AddCallsBulk', { Campaign: 'K', Calls: [{ Target: '050' }, { CustomerName: 'x' }] }), (e) => e instanceof ValidationError && /Calls\[1\]\.Target is required/.test(e.message));
    assert.equal(srv.requests.length, 0);
  });

  it('call log over GET repeats array keys as the §3 example does', async () => {
    await setup((req, res) => res.end('{"ERROR_NUMBER":0,"ERROR_DESCRIPTION":"OK","CDR_LIST":[{"CallID":"a"}]}'));
    const out = await api.run('GetCallLog', { fromdate: '2014-11-11T16:31', todate: '2014-11-18T16:31', phones: '972547588535,0500000000', extensions: ['SipSip'], fields: ['Date', 'Type'] }, { encoding: 'GET' });
    const r = srv.requests[0];
    assert.equal(r.method, 'GET');
    assert.equal(r.path, '/hub/cdr/');
    assert.deepEqual(r.searchParams.getAll('phones'), ['972547588535', '0500000000']);
    assert.deepEqual(r.searchParams.getAll('fields'), ['Date', 'Type']);
    assert.equal(r.query.extension, 'SipSip');
    assert.equal(r.query.code, 'SECRETCODE');
    assert.equal(r.query.fromdate, '2014-11-11T16:31');
    assert.deepEqual(out.result.data, [{ CallID: 'a' }]);
  });

  it('fetchVoicenterCallLog posts the §3 JSON shape and returns the CDR list', async () => {
    await setup((req, res) => res.end('{"ERROR_NUMBER":0,"ERROR_DESCRIPTION":"OK","CDR_LIST":[{"Date":"2015-05-14"}]}'));
    const from = new Date(2015, 4, 14, 8, 0);
    const out = await fetchVoicenterCallLog(api, { fromdate: from, todate: '2015-05-14T16:30', phones: ['97272776772'] });
    assert.deepEqual(JSON.parse(srv.requests[0].body), { code: 'SECRETCODE', format: 'JSON', search: { fromdate: '2015-05-14T08:00', todate: '2015-05-14T16:30', phones: ['97272776772'] } });
    assert.deepEqual(out.result.data, [{ Date: '2015-05-14' }]);
  });

  it('retries the call log on "Request limit exceeded" and ends with a rate-limited error', async () => {
    await setup((req, res) => res.end('{"ERROR_NUMBER":1,"ERROR_DESCRIPTION":"Request limit exceeded. Please try again later."}'));
    await assert.rejects(api.run('GetCallLog', { fromdate: '2015-05-14T08:00', todate: '2015-05-14T09:00' }), (e) => e.kind === 'rate-limited' && /Request limit exceeded/.test(e.body));
    assert.equal(srv.requests.length, 3);
  });
});

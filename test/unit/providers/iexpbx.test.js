'use strict';
const assert = require('node:assert/strict');
const { HttpClient } = require('../../../dist/core/http/client');
const { IexpbxApi, fetchIexpbxCdr, iexpbxTime } = require('../../../dist/core/providers');
const { startServer } = require('../../helpers/loopback');
const { ManualClock } = require('../../helpers/manual-clock');

const CDR = `[
{
"success": true,
"count": 3,
"data": [
{ "id": "28699", "calldate": "03.09.2019 12:30:38", "calltype": "incoming", "src": "90507XXXXXXX", "dst": "101", "duration": "85,6972", "disposition": "ANSWERED", "queue": "", "record": true, "userfield": "Test data" },
{ "id": "68871", "calldate": "03.09.2019 11:31:54", "calltype": "outcoming", "src": "100", "dst": "9050XXXXXXXX", "duration": "4,39364", "disposition": "BUSY", "queue": "", "record": true, "userfield": "Test data" },
{ "id": "28674", "calldate": "03.09.2019 10:13:11", "calltype": "incoming", "src": "905XXXXXXXX", "dst": "100", "duration": "28,382", "disposition": "NO ANSWER", "queue": "630", "record": false, "userfield": "Test data" }
]
}
]`;

describe('core/providers/iexpbx', () => {
  let srv;
  let client;
  let api;
  afterEach(async () => {
    await client?.close();
    await srv?.close();
  });
  async function setup(handler) {
    srv = await startServer(handler);
    client = new HttpClient({ baseUrl: srv.url, clock: new ManualClock({ auto: (ms) => ms <= 5000 }) });
    api = new IexpbxApi('TESTUSER', 'TEST PASS&', client);
  }

  it('formats ddMMyyyyHHmm in 24-hour time', () => {
    assert.equal(iexpbxTime(new Date(2019, 8, 3, 15, 0)), '030920191500');
    assert.equal(iexpbxTime('030920190100'), '030920190100');
  });

  it('fetchIexpbxCdr sends the documented query and decodes the wrapped answer', async () => {
    await setup((req, res) => res.end(CDR));
    const out = await fetchIexpbxCdr(api, { date1: new Date(2019, 8, 3, 1, 0), date2: '030920191500', number: '90507XXXXXXX', uf: true });
    const r = srv.requests[0];
    assert.equal(r.path, '/api/old/get');
    assert.deepEqual(r.query, { username: 'TESTUSER', password: 'TEST PASS&', action: 'cdr', date1: '030920190100', date2: '030920191500', number: '90507XXXXXXX', uf: 'yes' });
    assert.equal(out.result.ok, true);
    assert.equal(out.result.data.length, 3);
    assert.equal(out.result.data[0].durationSeconds, 85.6972);
    assert.equal(out.result.data[2].record, false);
    assert.equal(out.result.data[0].userfield, 'Test data');
    assert.equal(out.result.data[0].time, new Date(2019, 8, 3, 12, 30, 38).toISOString());
  });

  it('returns a recording as a Buffer, and a JSON refusal as ok:false', async () => {
    const audio = Buffer.from([0xd8, 0x20, 0xa2, 0xe1, 0x5a, 0x50, 0x00, 0x49]);
    await setup((req, res) => {
      if (req.query.id === '28699') { res.setHeader('content-type', 'audio/x-gsm'); res.end(audio); } else res.end('[{"success": false, "count": 0, "data": []}]');
    });
    const ok = await api.run('record', { id: '28699' });
    assert.ok(Buffer.isBuffer(ok.result.data));
    assert.deepEqual(ok.result.data, audio);
    const no = await api.run('record', { id: '1' });
    assert.equal(no.result.ok, false);
  });
});

'use strict';
// The example flows, loaded as a user would import them, run against a loopback server that
// answers as the Voicenter document shows. Only the config node's URLs and code are changed.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const helper = require('node-red-node-test-helper');
const { startServer } = require('../helpers/loopback');

const core = (p) => require(`@node-red/nodes/core/${p}`);
const NODES = [
  core('common/20-inject.js'), core('common/21-debug.js'), core('function/15-change.js'), core('function/10-function.js'),
  core('function/80-template.js'), core('network/21-httpin.js'), core('parsers/70-CSV.js'), core('storage/10-file.js'),
  require('../../dist/voicenter-account.js'), require('../../dist/click2call.js'), require('../../dist/dialer.js'), require('../../dist/pbx-api.js'),
];
helper.init(require.resolve('node-red'));

// The helper's request() reaches the admin app only; `http in` routes live on RED.httpNode, so a
// tiny node module hands us that app.
let httpNode;
function grab(RED) {
  httpNode = RED.httpNode;
  RED.nodes.registerType('grab-http-node', function (n) { RED.nodes.createNode(this, n); });
}
NODES.push(grab);
const supertest = require('supertest');
const web = () => supertest(httpNode);

function example(name, url, patch = () => {}) {
  const flow = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', `${name}.json`), 'utf8'));
  for (const n of flow) {
    if (n.type === 'voicenter-account') Object.assign(n, { apiUrl: url, monitorUrl: url, cdrUrl: url, loginUrl: url });
    patch(n);
  }
  flow.push({ id: 'grab', type: 'grab-http-node' });
  return flow;
}

describe('example flows', function () {
  let srv;
  before(async () => { await helper.startServer(); });
  after(async () => { await helper.stopServer(); });
  afterEach(async () => {
    await helper.unload();
    await srv?.close();
  });

  it('examples contain no secrets', () => {
    for (const f of fs.readdirSync(path.join(__dirname, '..', '..', 'examples')).filter((n) => n.endsWith('.json'))) {
      const text = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', f), 'utf8');
      assert.doesNotMatch(text, /"credentials"|"password"|"code"\s*:/i, f);
    }
  });

  it('CRM click-to-call: the form becomes a call; the call id (or the error) is the HTTP answer', async () => {
    srv = await startServer((req, res) => res.end(req.body.includes('target=0501112222')
      ? '{"ERRORCODE":0,"ERRORMESSAGE":"OK","CALLID":"sdfsdfsdfsdfsdfsdfsdfsdfsdf0brp"}'
      : '{"ERRORCODE":3,"ERRORMESSAGE":"Extension representative offline","CALLID":""}'));
    const flow = example('crm-click-to-call', srv.url);
    await helper.load(NODES, flow, { 'vc-account': { code: 'CRMCODE' } });
    const ok = await web().post('/click2call').type('form').send({ agent: '201', customer: '0501112222', lead_id: 'L-7' }).expect(200);
    assert.deepEqual(ok.body, { callId: 'sdfsdfsdfsdfsdfsdfsdfsdfsdf0brp' });
    assert.equal(srv.requests[0].body, 'code=CRMCODE&action=call&phone=201&target=0501112222&record=true&phonemaxdialtime=30&language=en&format=JSON&var_crm_id=L-7');
    const bad = await web().post('/click2call').type('form').send({ agent: '202', customer: '0503334444' }).expect(502);
    assert.deepEqual(bad.body, { code: 3, message: 'Extension representative offline' });
  });

  it('campaign from CSV: every row added in batches, then the campaign started', async () => {
    srv = await startServer((req, res) => res.end('{"ErrorCode":0,"Description":"OK"}'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telephony-csv-'));
    const csv = path.join(dir, 'leads.csv');
    const rows = ['Target,CustomerName,Priority,var_order'];
    for (let i = 0; i < 450; i++) rows.push(`0500${String(i).padStart(6, '0')},Customer ${i},${i % 3},O-${i}`);
    fs.writeFileSync(csv, rows.join('\n') + '\n');
    process.env.DIALER_CAMPAIGN = 'CSVCAMP';
    try {
      const flow = example('campaign-from-csv', srv.url, (n) => { if (n.type === 'file in') n.filename = csv; });
      await helper.load(NODES, flow, { 'vc-account': { code: 'X' } });
      const report = helper.getNode('csv-report');
      const seen = [];
      const done = new Promise((resolve, reject) => {
        report.on('input', (m) => { seen.push(m.payload); if (seen.length === 2) resolve(); });
        helper.getNode('csv-fail').on('input', (m) => reject(new Error(JSON.stringify(m.payload))));
      });
      helper.getNode('csv-go').receive({});
      await done;
      const bulk = srv.requests.filter((r) => r.path.endsWith('/AddCallsBulk'));
      assert.deepEqual(bulk.map((r) => JSON.parse(r.body).length), [200, 200, 50]);
      // Leading zeros survive the CSV node's number parsing because the Target stays text.
      const first = JSON.parse(bulk[0].body)[0];
      assert.equal(first.Campaign, 'CSVCAMP');
      assert.deepEqual(first.CustomData, { var_order: 'O-0' });
      assert.ok(srv.requests.some((r) => r.path.endsWith('/StartCampaign') && JSON.parse(r.body).Campaign === 'CSVCAMP'));
      const bulkResult = seen.find((p) => p.data && p.data.total);
      assert.equal(bulkResult.data.added, 450);
    } finally {
      delete process.env.DIALER_CAMPAIGN;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('active calls dashboard: the page lists the §7 example calls and queue callers', async () => {
    srv = await startServer((req, res) => {
      if (req.path.endsWith('GetExtensionsCalls')) res.end('{ ERR: 0, DESC: "OK", EXTENSIONS: [ { name: "Desk 1", representative: "Dodod", peerstatus: "Reachable", username: "aaaaaaa", calls: [ { callername: "0547777777", callerphone: "0547777777", callstarted: 1402233117, callanswered: 1402233123, answered: 1, callstatus: "Talking", ivrid: "x", direction: "Outgoing" } ] }, { name: "Desk 2", representative: "", peerstatus: "Unknown", username: "ttttttt", calls: [ ] } ] }');
      else res.end('{ ERR: 0, DESC: "OK", QUEUES: [ { Name: "Sales", ID: 10035, Callers: [ { Phone: "0570000000", CallID: "x", JoinTime: 1402235247 } ] } ] }');
    });
    await helper.load(NODES, example('active-calls-dashboard', srv.url), { 'vc-account': { code: 'MON' } });
    const page = await web().get('/active-calls').expect(200);
    assert.match(page.text, /<td>Desk 1<\/td><td>Dodod<\/td><td>Reachable<\/td><td>0547777777<\/td><td>Outgoing<\/td><td>Talking<\/td>/);
    assert.match(page.text, /<td>Desk 2<\/td>.*<td>idle<\/td>/);
    assert.match(page.text, /<td>Sales<\/td><td>0570000000<\/td>/);
    assert.equal(srv.requests[0].url, '/comet/API/GetExtensionsCalls?code=MON');
  });
});

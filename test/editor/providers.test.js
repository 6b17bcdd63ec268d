'use strict';
// The provider nodes' dynamic editor in headless Chromium: the parameter rows come from the
// runtime's operation tables, follow the chosen operation and provider, and are saved as fields.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { prepareUserDir, startNodeRed } = require('../../scripts/local-node-red');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PORT = 18800 + ((process.pid + 45) % 90);

describe('provider node editors (headless Chromium)', function () {
  let browser;
  let nodeRed;
  let userDir;
  let page;
  const problems = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      if (process.env.REQUIRE_INTEROP === '1') throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
      this.skip();
    }
    const { chromium } = require('playwright-core');
    userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nr-editor-prov-'));
    prepareUserDir(userDir, { port: PORT, seedFlows: false });
    nodeRed = await startNodeRed(userDir, { port: PORT });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    page = await browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.waitForFunction(() => window.RED && RED.nodes && RED.nodes.getType('click2call') && document.querySelector('#red-ui-workspace-tabs .red-ui-tab'), null, { timeout: 60000 });
  });

  after(async function () {
    if (browser) await browser.close();
    if (nodeRed) {
      nodeRed.kill('SIGTERM');
      await new Promise((r) => nodeRed.once('exit', r));
    }
    if (userDir) fs.rmSync(userDir, { recursive: true, force: true });
  });

  const rows = () => page.$$eval('#telephony-fields .telephony-field label', (ls) => ls.map((l) => l.textContent));

  it('click2call: rows follow the operation and the provider, values are saved as fields', async function () {
    await page.evaluate(() => {
      RED.view.importNodes([{ id: 'c2c', type: 'click2call', x: 200, y: 200, z: RED.workspaces.active() }]);
      RED.editor.edit(RED.nodes.node('c2c'));
    });
    await page.waitForSelector('#telephony-fields .telephony-field');
    const callRows = await rows();
    for (const p of ['phone *', 'target *', 'record', 'phonecallerid', 'targetmaxdialtime', 'checktargetdevicestate', 'vm_id', 'format']) {
      assert.ok(callRows.includes(p), `${p} in ${callRows}`);
    }
    assert.ok(!callRows.some((r) => /^(code|action)/.test(r)), 'no credential or fixed rows');
    await page.selectOption('#node-input-operation', 'terminate');
    await page.waitForFunction(() => document.querySelectorAll('#telephony-fields .telephony-field').length === 2);
    assert.deepEqual(await rows(), ['phone *', 'format']);
    await page.evaluate(() => $('#telephony-fields .telephony-field').first().find('input.telephony-value').typedInput('value', 'SIPEXT1'));
    await page.selectOption('#node-input-provider', 'iexpbx');
    const ops = await page.$$eval('#node-input-operation option', (os) => os.map((o) => o.value));
    assert.deepEqual(ops, ['callnumber', 'callback', 'hangupcall']);
    await page.waitForFunction(() => [...document.querySelectorAll('#telephony-fields .telephony-field label')].some((l) => l.textContent === 'internal *'));
    await page.selectOption('#node-input-provider', 'voicenter');
    await page.selectOption('#node-input-operation', 'terminate');
    await page.waitForFunction(() => document.querySelectorAll('#telephony-fields .telephony-field').length === 2);
    await page.click('#node-dialog-ok');
    await page.waitForTimeout(300);
    const saved = await page.evaluate(() => { const n = RED.nodes.node('c2c'); return { operation: n.operation, provider: n.provider, fields: n.fields }; });
    assert.deepEqual(saved, { operation: 'terminate', provider: 'voicenter', fields: { phone: { v: 'SIPEXT1', vt: 'str' } } });
    assert.deepEqual(problems, []);
  });
});

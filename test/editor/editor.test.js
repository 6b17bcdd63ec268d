'use strict';
// The real editor in headless Chromium: every node is in the palette under "telephony", every
// edit dialog opens without a console error, every example flow imports and deploys cleanly.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { prepareUserDir, startNodeRed, exampleFiles } = require('../../scripts/local-node-red');
const { nodeTypes } = require('../lib/package-nodes');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PORT = 18800 + (process.pid % 90);

describe('editor (headless Chromium)', function () {
  let chromium;
  let browser;
  let nodeRed;
  let userDir;
  let page;
  const problems = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      if (process.env.REQUIRE_INTEROP === '1') throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
      console.log(`    skipped: ${CHROMIUM} not found (apt-get install chromium)`);
      this.skip();
    }
    ({ chromium } = require('playwright-core'));
    userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nr-editor-'));
    prepareUserDir(userDir, { port: PORT, seedFlows: false });
    nodeRed = await startNodeRed(userDir, { port: PORT });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    page = await browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
    await openEditor();
  });

  after(async function () {
    if (browser) await browser.close();
    if (nodeRed) {
      nodeRed.kill('SIGTERM');
      await new Promise((r) => nodeRed.once('exit', r));
    }
    if (userDir) fs.rmSync(userDir, { recursive: true, force: true });
  });

  async function openEditor() {
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.waitForFunction(() => window.RED && RED.nodes && RED.nodes.getType('inject')
      && document.querySelector('#red-ui-palette-container-common')
      && RED.nodes.version() && document.querySelector('#red-ui-workspace-tabs .red-ui-tab'), null, { timeout: 60000 });
  }

  function takeProblems() {
    return problems.splice(0, problems.length);
  }

  const types = nodeTypes();

  it('the package declares at least one node', function () {
    assert.ok(types.length > 0, 'no node types found in the package');
  });

  it('lists every node in the palette under "telephony"', async function () {
    const missing = [];
    for (const t of types.filter((x) => x.category !== 'config')) {
      assert.equal(t.category, 'telephony', `${t.type} is in category ${t.category}`);
      const found = await page.$(`#red-ui-palette-container-telephony .red-ui-palette-node[data-palette-type="${t.type}"]`);
      if (!found) missing.push(t.type);
    }
    for (const t of types.filter((x) => x.category === 'config')) {
      const known = await page.evaluate((type) => !!RED.nodes.getType(type), t.type);
      if (!known) missing.push(t.type);
    }
    assert.deepEqual(missing, []);
    assert.deepEqual(takeProblems(), []);
  });

  it('has help text and an icon of its own for every node', async function () {
    const problemsFound = await page.evaluate(async (list) => {
      const out = [];
      for (const type of list) {
        const def = RED.nodes.getType(type);
        const help = RED.nodes.getNodeHelp ? RED.nodes.getNodeHelp(type) : $(`script[data-help-name="${type}"]`).html();
        if (!help || help.trim().length < 40) out.push(`${type}: no help`);
        const icon = typeof def.icon === 'function' ? def.icon.call({}) : def.icon;
        if (def.category !== 'config') {
          if (!icon || icon.startsWith('font-awesome/')) {
            out.push(`${type}: no icon of its own (${icon})`);
          } else {
            const res = await fetch(`icons/node-red-contrib-telephony/${icon}`);
            if (res.status !== 200) out.push(`${type}: icon ${icon} answers ${res.status}`);
          }
        }
      }
      return out;
    }, types.map((t) => t.type));
    assert.deepEqual(problemsFound, []);
  });

  for (const t of types) {
    it(`opens the edit dialog of ${t.type} with no console error`, async function () {
      takeProblems();
      const opened = await page.evaluate(async (type) => {
        const def = RED.nodes.getType(type);
        const id = RED.nodes.id();
        if (def.category === 'config') {
          RED.editor.editConfig('', type, id);
        } else {
          RED.view.importNodes([{ id, type, x: 200, y: 200, z: RED.workspaces.active() }]);
          RED.editor.edit(RED.nodes.node(id));
        }
        await new Promise((r) => setTimeout(r, 700));
        const tray = document.querySelector('.red-ui-tray .red-ui-tray-body');
        const ok = !!tray;
        const cancel = document.querySelector('.red-ui-tray #node-dialog-cancel, .red-ui-tray #node-config-dialog-cancel');
        if (cancel) cancel.click();
        await new Promise((r) => setTimeout(r, 400));
        return ok;
      }, t.type);
      assert.ok(opened, `no edit dialog for ${t.type}`);
      assert.deepEqual(takeProblems(), []);
    });
  }

  for (const file of exampleFiles()) {
    it(`imports and deploys the example "${path.basename(file)}" with no error`, async function () {
      await page.evaluate(() => RED.nodes.clear());
      await openEditor();
      takeProblems();
      const flow = JSON.parse(fs.readFileSync(file, 'utf8'));
      const before = nodeRed.log().length;
      const imported = await page.evaluate((nodes) => {
        RED.view.importNodes(nodes, { generateIds: true });
        // filterNodes() leaves out config nodes, which examples carry (without credentials).
        let count = RED.nodes.filterNodes({}).length;
        RED.nodes.eachConfig(() => { count++; });
        return count;
      }, flow);
      assert.ok(imported >= flow.filter((n) => n.type !== 'tab').length, 'the example did not import');
      // An example without a tab of its own follows the mouse until the user drops it, as
      // Import > Examples does: drop it on the canvas.
      const box = await page.locator('#red-ui-workspace-chart').boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      assert.ok(await page.evaluate(() => RED.nodes.dirty()), 'the imported example did not change the workspace');
      await page.click('#red-ui-header-button-deploy');
      try {
        await page.waitForSelector('.red-ui-notification:has-text("Successfully deployed")', { timeout: 30000 });
      } catch (e) {
        await page.screenshot({ path: path.join(os.tmpdir(), `deploy-${path.basename(file, '.json')}.png`) });
        throw new Error(`${e.message}\nNode-RED said:\n${nodeRed.log().slice(before).slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 1500));
      const log = nodeRed.log().slice(before);
      const errors = log.split('\n').filter((l) => /\[error\]/.test(l));
      assert.deepEqual(errors, []);
      assert.deepEqual(takeProblems(), []);
      // Leave nothing running for the next example.
      await page.evaluate(() => fetch('flows', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Node-RED-Deployment-Type': 'full' }, body: '[]' }));
    });
  }
});

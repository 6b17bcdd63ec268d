'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { helper, loadFlow } = require('../helpers/flow');

const root = path.join(__dirname, '..', '..');
const NODES = ['click2call', 'dialer', 'pbx-api', 'voicenter-account', 'iexpbx-server'];

function keys(o, prefix = '') {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('editor assets of the provider nodes', () => {
  it('each node has its editor HTML, help, en-US and de catalogs with the same keys, and is registered', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    for (const n of NODES) {
      assert.equal(pkg['node-red'].nodes[n], `dist/${n}.js`, n);
      assert.ok(fs.existsSync(path.join(root, 'dist', `${n}.html`)), `${n}.html`);
      assert.match(fs.readFileSync(path.join(root, 'locales', 'en-US', `${n}.html`), 'utf8'), new RegExp(`data-help-name="${n}"`));
      const en = JSON.parse(fs.readFileSync(path.join(root, 'locales', 'en-US', `${n}.json`), 'utf8'));
      const de = JSON.parse(fs.readFileSync(path.join(root, 'locales', 'de', `${n}.json`), 'utf8'));
      assert.deepEqual(keys(de).sort(), keys(en).sort(), n);
      const html = fs.readFileSync(path.join(root, 'nodes', `${n}.html`), 'utf8');
      for (const m of html.matchAll(/data-i18n="(?:\[[a-z]+\])?([\w-]+)\.([\w.]+)"/g)) {
        assert.ok(keys(en).includes(`${m[1]}.${m[2]}`), `${n}: ${m[1]}.${m[2]} missing from the catalog`);
      }
    }
    for (const n of NODES) {
      // The editor script must at least parse (it is only run in a browser).
      const html = fs.readFileSync(path.join(root, 'nodes', `${n}.html`), 'utf8');
      const scripts = [...html.matchAll(/<script type="text\/javascript">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
      assert.equal(scripts.length, 1, n);
      assert.doesNotThrow(() => new Function('RED', '$', scripts[0]), n);
      assert.match(html, new RegExp(`data-template-name="${n}"`));
    }
    for (const n of ['click2call', 'dialer', 'pbx-api']) {
      const html = fs.readFileSync(path.join(root, 'nodes', `${n}.html`), 'utf8');
      assert.match(html, /category: 'telephony'/);
      assert.ok(fs.existsSync(path.join(root, 'icons', `${n}.svg`)));
    }
  });

  describe('operation tables for the editor', () => {
    before(async () => { await helper.startServer(); });
    after(async () => { await helper.stopServer(); });
    afterEach(() => helper.unload());
    it('are served per provider, without credentials or fixed parameters', async () => {
      await loadFlow('http://127.0.0.1:9', { type: 'pbx-api', provider: 'iexpbx', operation: 'users', fields: {} });
      const res = await helper.request().get('/telephony/operations/iexpbx').expect(200);
      const cdr = res.body.find((o) => o.name === 'cdr');
      assert.deepEqual(cdr.params.map((p) => p.name), ['date1', 'date2', 'number', 'uf']);
      const vc = await helper.request().get('/telephony/operations/voicenter').expect(200);
      const call = vc.body.find((o) => o.name === 'call');
      assert.ok(call.startsCall);
      assert.ok(!call.params.some((p) => p.name === 'code' || p.name === 'action'));
      assert.equal(call.errors['3'], 'Extension representative offline');
    });
  });
});

'use strict';
// The published tarball, installed the way a user installs it (production dependencies only,
// engines enforced), loads every node of the package in a fresh Node-RED.
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { root, pkg, prepareUserDir, startNodeRed } = require('../../scripts/local-node-red');
const { nodeTypes } = require('../lib/package-nodes');

const PORT = 18700 + (process.pid % 90);

describe('npm pack tarball', function () {
  this.timeout(300000);
  let work;
  let nodeRed;

  after(async () => {
    if (nodeRed) {
      nodeRed.kill('SIGTERM');
      await new Promise((r) => nodeRed.once('exit', r));
    }
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('installs with --omit=dev --engine-strict and loads every node', async function () {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'nr-pack-'));
    const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
    const tarball = path.join(work, out.trim().split('\n').pop());
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
    for (const js of Object.values(pkg['node-red'].nodes)) assert.match(files, new RegExp(`package/${js}`));
    assert.doesNotMatch(files, /package\/nodes\/.*\.ts/, 'TypeScript sources do not belong in the tarball');

    const userDir = path.join(work, 'user');
    fs.mkdirSync(userDir);
    fs.writeFileSync(path.join(userDir, 'package.json'), '{"name":"fresh-user-dir","private":true}');
    execFileSync('npm', ['install', '--omit=dev', '--engine-strict', '--no-audit', '--no-fund', tarball], { cwd: userDir, stdio: 'pipe' });
    prepareUserDir(userDir, { port: PORT, seedFlows: false, link: false });
    nodeRed = await startNodeRed(userDir, { port: PORT });

    const res = await fetch(`http://127.0.0.1:${PORT}/nodes`, { headers: { Accept: 'application/json' } });
    const sets = (await res.json()).filter((s) => s.module === pkg.name);
    const broken = sets.filter((s) => s.err || !s.enabled).map((s) => `${s.name}: ${s.err}`);
    assert.deepEqual(broken, []);
    const loaded = sets.flatMap((s) => s.types).sort();
    assert.deepEqual(loaded, nodeTypes().map((t) => t.type).sort());
  });
});

#!/usr/bin/env node
// Compiles nodes/ to dist/ and puts each node's .html, the message catalogs and the icons beside
// the compiled .js: Node-RED resolves all three relative to the node's .js file and fails
// silently when they are elsewhere.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], {
  stdio: 'inherit',
});

// Generated help (e.g. scripts/gen-vos-help.js) is written into locales/ before it is copied.
for (const file of fs.readdirSync(__dirname)) {
  if (/^gen-.*\.js$/.test(file)) execFileSync(process.execPath, [path.join(__dirname, file)], { stdio: 'inherit' });
}

for (const file of fs.readdirSync(path.join(root, 'nodes'))) {
  if (file.endsWith('.html')) fs.copyFileSync(path.join(root, 'nodes', file), path.join(dist, file));
}
for (const dir of ['locales', 'icons']) {
  const from = path.join(root, dir);
  if (fs.existsSync(from)) fs.cpSync(from, path.join(dist, dir), { recursive: true });
}

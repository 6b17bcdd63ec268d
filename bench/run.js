#!/usr/bin/env node
// Runs every bench/*.bench.js in turn, each in its own process so one benchmark's heap and
// timers cannot colour the next one's figures. Each prints its own figures and reference.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const only = process.argv.slice(2);
const files = fs.readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n=== ${file} ===\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, file)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`${file} exited with ${r.status ?? r.signal}\n`);
  }
}
process.exit(failed ? 1 : 0);

'use strict';
// Shared helpers for interop peers: find a binary, wait for a condition, stop a child by PID.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');

/** Absolute path of a binary on PATH (or in /usr/sbin), or undefined. */
function findBinary(name) {
  for (const dir of (process.env.PATH || '').split(':').concat(['/usr/sbin', '/usr/bin', '/sbin'])) {
    const p = `${dir}/${name}`;
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * For a `describe`: skips the suite with a clear message when a peer is missing, unless
 * REQUIRE_INTEROP=1, where a missing peer fails.
 */
function requirePeer(ctx, name) {
  const bin = findBinary(name);
  if (bin) return bin;
  const msg = `${name} is not installed (apt-get install ${name === 'sipp' ? 'sip-tester' : name})`;
  if (process.env.REQUIRE_INTEROP === '1') throw new Error(`REQUIRE_INTEROP=1 but ${msg}`);
  process.stdout.write(`      skipped: ${msg}\n`);
  ctx.skip();
  return undefined;
}

async function waitUntil(check, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Ends a child we started, by its PID: SIGTERM, then SIGKILL if it lingers. */
async function stopChild(child, graceMs = 2000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const t = setTimeout(() => {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }, graceMs);
  await exited;
  clearTimeout(t);
}

void execFileSync;
module.exports = { findBinary, requirePeer, waitUntil, stopChild };

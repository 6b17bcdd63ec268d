'use strict';
// Shared helpers for interop tests: finding a peer binary, skipping clearly when it is missing
// (unless REQUIRE_INTEROP=1), and running child processes we own by PID.
const { spawnSync, spawn } = require('node:child_process');

function have(bin, args = ['-h']) {
  const r = spawnSync(bin, args, { stdio: 'ignore' });
  return !r.error;
}

/** In a mocha `before`: skip the suite with a message, or fail when REQUIRE_INTEROP=1. */
function requirePeer(ctx, bin, args) {
  if (have(bin, args)) return true;
  const msg = `${bin} not found: interop test skipped (install it, e.g. apt-get install ${bin === 'sipp' ? 'sip-tester' : bin})`;
  if (process.env.REQUIRE_INTEROP === '1') throw new Error(msg);
  process.stderr.write(`      ${msg}\n`);
  ctx.skip();
  return false;
}

/** Spawns a process we own; `stop()` kills exactly that PID and waits for it to exit. */
function run(bin, args, opts = {}) {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    get stdout() { return out; },
    get stderr() { return err; },
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        try { process.kill(child.pid, signal); } catch { /* already gone */ }
      }
      const t = setTimeout(() => { try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ } }, 3000);
      const r = await exited;
      clearTimeout(t);
      return r;
    },
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(cond, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await sleep(50);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

module.exports = { have, requirePeer, run, sleep, waitUntil };

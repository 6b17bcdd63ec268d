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

/** PIDs whose parent is `pid` (Linux /proc), each with its start time to tell it from a reused PID. */
function childPids(pid) {
  const out = [];
  let entries = [];
  try { entries = require('node:fs').readdirSync('/proc'); } catch { return out; }
  for (const e of entries) {
    if (!/^[0-9]+$/.test(e)) continue;
    const stat = procStat(Number(e));
    if (stat && stat.ppid === pid) out.push({ pid: Number(e), start: stat.start });
  }
  return out;
}

function procStat(pid) {
  try {
    const s = require('node:fs').readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), start: f[19] };
  } catch {
    return undefined;
  }
}

/**
 * Spawns a process we own; `stop()` kills exactly that PID and waits for it to exit. A peer that
 * forks workers (Kamailio) and is SIGKILLed after the grace period leaves them running, holding its
 * port: the children it had when stop() began are killed too, by PID, if they outlive it.
 */
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
      const workers = child.exitCode === null && child.signalCode === null ? childPids(child.pid) : [];
      if (child.exitCode === null && child.signalCode === null) {
        try { process.kill(child.pid, signal); } catch { /* already gone */ }
      }
      const t = setTimeout(() => { try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ } }, 3000);
      const r = await exited;
      clearTimeout(t);
      for (const w of workers) {
        const now = procStat(w.pid);
        if (now && now.start === w.start) {
          try { process.kill(w.pid, 'SIGKILL'); } catch { /* gone */ }
        }
      }
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

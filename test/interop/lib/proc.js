'use strict';
// Process helpers for the peer launchers (kamailio.js, sipp.js): find a binary, stop a child we
// started by its PID. (peers.js holds the helpers shared with the sip-calls tests.)
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

module.exports = { findBinary, stopChild };

'use strict';
// Helpers for sip-phone node tests: flows with two peer-to-peer accounts on 127.0.0.1 and a
// recorder of every message a phone sends. Ports come from this branch's range (SIP 5400-5499,
// RTP 23000-23999) because the user agent has no way to report the port it bound to.
const fs = require('node:fs');
const path = require('node:path');

const UA_MODULE = path.join(__dirname, '..', '..', 'dist', 'core', 'sip', 'user-agent.js');
const hasUserAgent = () => fs.existsSync(UA_MODULE);

/**
 * Why the user agent cannot run calls on this build (undefined when it can): it must exist and
 * start on 127.0.0.1 with its default signalling. Calls are skipped, saying why, until it does.
 */
async function userAgentProblem() {
  if (!hasUserAgent()) return 'dist/core/sip/user-agent.js is not built';
  const { UserAgent } = require(UA_MODULE);
  const ua = new UserAgent({ username: 'probe', localAddress: '127.0.0.1', localPort: 0, rtpPortMin: 23990, rtpPortMax: 23999 });
  try {
    await ua.start();
  } catch (e) {
    return `the user agent does not start: ${e.message}`;
  }
  await ua.stop();
  return undefined;
}

function p2pAccount(id, username, sipPort, rtpBase, extra = {}) {
  return {
    id, type: 'sip-account', name: username, server: '', transport: 'udp', username,
    localAddress: '127.0.0.1', localPort: sipPort, rtpPortMin: rtpBase, rtpPortMax: rtpBase + 99,
    codecs: 'PCMU,PCMA', dtmfMode: 'rfc4733', maxCalls: 4, transferPolicy: 'accept', ...extra,
  };
}

/** Records a helper node's messages and waits for one that matches. */
function recorder(node) {
  const seen = [];
  const waiters = [];
  node.on('input', (msg) => {
    seen.push(msg);
    for (const w of [...waiters]) {
      if (w.match(msg)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(msg);
      }
    }
  });
  return {
    seen,
    topics: () => seen.map((m) => m.topic),
    waitFor(match, label, timeoutMs = 8000) {
      const fn = typeof match === 'string' ? (m) => m.topic === match : match;
      const found = seen.find(fn);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { match: fn, resolve };
        waiters.push(w);
        setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i >= 0) {
            waiters.splice(i, 1);
            reject(new Error(`timed out waiting for ${label || String(match)}; saw ${seen.map((m) => m.topic).join(', ')}`));
          }
        }, timeoutMs).unref();
      });
    },
  };
}

module.exports = { hasUserAgent, userAgentProblem, p2pAccount, recorder };

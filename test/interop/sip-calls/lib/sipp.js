'use strict';
// Runs SIPp on 127.0.0.1 (see /work/shared/INTEROP.md): always -i/-mi 127.0.0.1, our own SIP
// and media ports, non-interactive; resolves with the exit code and output when it ends. The
// process is ours (by PID); stop() kills only it.
const path = require('node:path');
const { run } = require('../../lib/peers');

const SCENARIOS = path.join(__dirname, '..', 'scenarios');

function sipp({ scenario, port, mediaPort, remote, calls = 1, extra = [], timeoutS = 30 }) {
  const args = [
    ...(scenario.endsWith('.xml') ? ['-sf', path.join(SCENARIOS, scenario)] : ['-sn', scenario]),
    '-i', '127.0.0.1', '-mi', '127.0.0.1', '-p', String(port), '-mp', String(mediaPort),
    '-m', String(calls), '-nostdin', '-timeout', `${timeoutS}s`, '-timeout_error', '-trace_err',
    '-error_file', `/tmp/sipp-${port}-err.log`,
    ...extra,
  ];
  if (remote) args.push(remote);
  const p = run('sipp', args, { cwd: '/tmp' });
  return {
    proc: p,
    async done() {
      const r = await p.exited;
      return { code: r.code, out: p.stdout + p.stderr };
    },
    stop: () => p.stop(),
  };
}

module.exports = { sipp, SCENARIOS };

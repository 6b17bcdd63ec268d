'use strict';
// Starts SIPp (sip-tester 3.6) with a scenario (built-in name or XML text written to a temp
// dir) on 127.0.0.1:<port>, non-interactive, with -trace_stat so results can be read by
// column name. We own the child's PID; stop() kills only it. `done` resolves with the exit
// code (0: every call succeeded) and the last statistics row.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { findBinary, stopChild } = require('./proc');

function readStats(file) {
  try {
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    const head = lines[0].split(';');
    const last = lines[lines.length - 1].split(';');
    return Object.fromEntries(head.map((h, i) => [h, last[i]]));
  } catch {
    return {};
  }
}

/**
 * @param {{scenario: string, xml?: string, port: number, remote?: string, calls?: number,
 *          rate?: number, lost?: number, transport?: 'u1'|'un'|'t1'|'tn', service?: string,
 *          timeoutS?: number, args?: string[]}} opts
 */
function startSipp(opts) {
  const bin = findBinary('sipp');
  if (!bin) throw new Error('sipp is not installed (apt-get install sip-tester)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipp-'));
  const args = [];
  if (opts.xml) {
    const f = path.join(dir, 'scenario.xml');
    fs.writeFileSync(f, opts.xml);
    args.push('-sf', f);
  } else args.push('-sn', opts.scenario);
  const stf = path.join(dir, 'stats.csv');
  args.push('-i', '127.0.0.1', '-mi', '127.0.0.1', '-p', String(opts.port), '-nostdin', '-trace_stat', '-stf', stf, '-fd', '1');
  args.push('-t', opts.transport ?? 'u1');
  if (opts.calls !== undefined) args.push('-m', String(opts.calls));
  if (opts.rate !== undefined) args.push('-r', String(opts.rate));
  if (opts.lost !== undefined) args.push('-lost', String(opts.lost));
  if (opts.service) args.push('-s', opts.service);
  args.push('-timeout', `${opts.timeoutS ?? 30}s`, '-timeout_error');
  args.push(...(opts.args ?? []));
  if (opts.remote) args.push(opts.remote);
  let out = '';
  const child = spawn(bin, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => (out = (out + d).slice(-20000)));
  child.stderr.on('data', (d) => (out = (out + d).slice(-20000)));
  const done = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code: code ?? signal, stats: readStats(stf), output: out }));
  });
  return {
    pid: child.pid,
    done,
    output: () => out,
    stats: () => readStats(stf),
    stop: async () => {
      await stopChild(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A UAS that answers 200 to each request of the given methods, then lingers `lingerMs` so
 * that retransmissions of a request whose 200 was lost (-lost) are answered again (SIPp
 * ignores messages for calls that already ended).
 */
function uasScenario(methods = ['MESSAGE', 'OPTIONS'], lingerMs = 3000) {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="uas-200">
  <recv request="${methods.join('|')}" regexp_match="true" />
  <send>
    <![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0

    ]]>
  </send>
  <pause milliseconds="${lingerMs}" />
</scenario>
`;
}

/** A UAC that sends one request of `method` per call (retransmitted by SIPp on UDP) and expects 200. */
function uacScenario(method = 'MESSAGE') {
  const body = method === 'MESSAGE' ? 'hello from sipp [call_number]' : '';
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="uac-${method}">
  <send retrans="500">
    <![CDATA[
      ${method} sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 ${method}
      Max-Forwards: 70
      Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
${method === 'MESSAGE' ? '      Content-Type: text/plain\n' : ''}      Content-Length: [len]

      ${body}
    ]]>
  </send>
  <recv response="200" />
</scenario>
`;
}

module.exports = { startSipp, uasScenario, uacScenario, readStats };

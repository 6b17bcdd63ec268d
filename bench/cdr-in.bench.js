#!/usr/bin/env node
// XML-RPC CDR notifications per second through cdr-in, side by side with (a) a plain Node http
// server that parses the same body with the xmlrpc package and answers, (b) the same job built
// from Node-RED core nodes (http in, xml, function, http response), and (c) plain Node http
// answering without parsing (the ceiling). Then the latency of cdr-in at a fixed 1,000/s.
// Every server is a child process on 127.0.0.1; autocannon drives them from this process.
// Reference (measured when the task was set): plain ~3,900/s, core nodes ~2,100/s, raw ~28,000/s.
// Target: cdr-in >= plain and >= 2x core nodes, p99 < 10 ms at 1,000/s.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');
const autocannon = require('autocannon');

const DURATION = Number(process.env.BENCH_SECONDS || 8);
const body = `<?xml version="1.0"?>
<methodCall><methodName>CDR</methodName><params><param><value><struct>
<member><name>caller</name><value><string>0540000000</string></value></member>
<member><name>target</name><value><string>0500000000</string></value></member>
<member><name>time</name><value><i8>1345373417</i8></value></member>
<member><name>duration</name><value><i4>12</i4></value></member>
<member><name>ivruniqueid</name><value><string>201809131615530APIAPI-APIAc40c3d53</string></value></member>
<member><name>type</name><value><string>Extension Outgoing</string></value></member>
<member><name>status</name><value><string>ANSWER</string></value></member>
<member><name>targetextension</name><value><string/></value></member>
<member><name>callerextension</name><value><string>IuYtReWq</string></value></member>
<member><name>did</name><value><string>0722776772</string></value></member>
<member><name>queueid</name><value><i4>0</i4></value></member>
<member><name>queuename</name><value><string/></value></member>
<member><name>record</name><value><string>http://127.0.0.1/rec/2018091316261401072764f-c3eb6844c.mp3</string></value></member>
<member><name>price</name><value><i4>7</i4></value></member>
<member><name>dialtime</name><value><i4>23</i4></value></member>
<member><name>representative_name</name><value><string>Walter Melon</string></value></member>
<member><name>representative_code</name><value><string>9996</string></value></member>
</struct></value></param></params></methodCall>`;

function start(mode) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'cdr-in.server.js'), mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

async function stop(child) {
  child.removeAllListeners('exit');
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

function run(url, opts = {}) {
  return autocannon({
    url, method: 'POST', body, headers: { 'content-type': 'text/xml' },
    connections: 20, pipelining: 1, duration: DURATION, ...opts,
  });
}

function line(name, r) {
  const errs = r.errors + r.timeouts + (r.non2xx || 0);
  return `${name.padEnd(34)} ${String(Math.round(r.requests.average)).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms${errs ? `   errors ${errs}` : ''}`;
}

(async () => {
  const results = {};
  for (const mode of ['raw', 'plain']) {
    const s = await start(mode);
    await run(`http://127.0.0.1:${s.port}/`, { duration: 1 }); // warm-up
    results[mode] = await run(`http://127.0.0.1:${s.port}/`);
    // The same fixed rate on the plain server: on a shared machine its p99 shows the noise floor.
    if (mode === 'plain') results.plainFixed = await run(`http://127.0.0.1:${s.port}/`, { overallRate: 1000, connections: 10 });
    await stop(s.child);
  }
  const nr = await start('node-red');
  const base = `http://127.0.0.1:${nr.port}`;
  await run(base + '/core', { duration: 1 });
  results.core = await run(base + '/core');
  await run(base + '/cdr', { duration: 1 });
  results.cdr = await run(base + '/cdr');
  results.fixed = await run(base + '/cdr', { overallRate: 1000, connections: 10 });
  await stop(nr.child);

  console.log(`XML-RPC CDR notifications (${body.length} bytes), ${DURATION} s each, 20 connections, loopback`);
  console.log(line('plain http, no parsing (ceiling)', results.raw));
  console.log(line('plain http + xmlrpc deserialiser', results.plain));
  console.log(line('plain http + xmlrpc at 1,000/s', results.plainFixed));
  console.log(line('Node-RED core nodes flow', results.core));
  console.log(line('Node-RED cdr-in', results.cdr));
  console.log(line('Node-RED cdr-in at 1,000/s', results.fixed));
  const cdr = results.cdr.requests.average;
  console.log(`cdr-in / plain = ${(cdr / results.plain.requests.average).toFixed(2)} (target >= 1)`);
  console.log(`cdr-in / core nodes = ${(cdr / results.core.requests.average).toFixed(2)} (target >= 2)`);
  console.log(`p99 at 1,000/s = ${results.fixed.latency.p99} ms (target < 10; the plain server's p99 at the same rate: ${results.plainFixed.latency.p99} ms)`);
  const os = require('node:os');
  console.log(`load average during the run: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs`);
  console.log('Reference when the task was set: plain ~3,900/s, core nodes ~2,100/s, no parsing ~28,000/s.');
})().catch((err) => {
  console.error(err);
  process.exit(1);
});

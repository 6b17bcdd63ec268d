#!/usr/bin/env node
// Requests per second through the dialer node (AddCall, JSON) against a loopback server, side by
// side with raw undici making the same requests (same body, same Pool size, same concurrency).
// Target: the node reaches at least 0.8 of raw undici. Talks only to 127.0.0.1.
'use strict';
const http = require('node:http');
const { fork } = require('node:child_process');
const path = require('node:path');
const { Pool } = require('undici');
const helper = require('node-red-node-test-helper');

const DURATION_MS = Number(process.env.BENCH_MS || 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT || 32);
const CONNECTIONS = 10; // the HttpClient default maxConcurrent
const ANSWER = '{"ErrorCode":0,"Description":"OK"}';

helper.init(require.resolve('node-red'));
const dist = path.join(__dirname, '..', 'dist');

function body(i) {
  // What the node sends for the same input (checked once below).
  return JSON.stringify({ Campaign: 'BENCH', Target: `0500${String(i % 1000000).padStart(6, '0')}`, CustomerName: 'Bench', CustomData: { var_row: i } });
}

/**
 * The loopback server runs in its own process, as a real PBX is not in Node-RED's event loop:
 * in one process the server's CPU would be charged to whichever client is measured.
 */
function startServer() {
  const child = fork(__filename, ['--server'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ port: m.port, close: () => child.kill() }));
    child.once('error', reject);
  });
}

function serve() {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(ANSWER);
    });
  });
  server.keepAliveTimeout = 60000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => process.exit(0));
}

const cpu = { raw: [], node: [] };
async function loop(start, kind) {
  const c0 = process.cpuUsage();
  let done = 0;
  let i = 0;
  const until = performance.now() + DURATION_MS;
  await new Promise((resolve, reject) => {
    let active = 0;
    const next = () => {
      while (active < IN_FLIGHT && performance.now() < until) {
        active++;
        start(i++).then(() => {
          active--;
          done++;
          if (performance.now() >= until && active === 0) resolve();
          else next();
        }, reject);
      }
      if (active === 0) resolve();
    };
    next();
  });
  const c = process.cpuUsage(c0);
  if (kind) cpu[kind].push((c.user + c.system) / done);
  return done / (DURATION_MS / 1000);
}

async function rawUndici(url, measure) {
  const pool = new Pool(url, { connections: CONNECTIONS, pipelining: 1 });
  try {
    return await loop(async (i) => {
      const res = await pool.request({
        path: '/ForwardDialer/Dialer/AddCall',
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: body(i),
      });
      const text = await res.body.text();
      if (res.statusCode !== 200 || JSON.parse(text).ErrorCode !== 0) throw new Error('bad answer');
    }, measure && 'raw');
  } finally {
    await pool.close();
  }
}

async function throughNode(url, measure) {
  const flow = [
    { id: 'acc', type: 'voicenter-account', name: 'bench account', apiUrl: url, maxConcurrent: CONNECTIONS },
    { id: 'd', type: 'dialer', provider: 'voicenter', account: 'acc', operation: 'AddCall', fields: { Campaign: { v: 'BENCH', vt: 'str' } }, wires: [['ok'], ['err']] },
    { id: 'ok', type: 'helper' },
    { id: 'err', type: 'helper' },
  ];
  await helper.load([require(path.join(dist, 'voicenter-account.js')), require(path.join(dist, 'dialer.js'))], flow, { acc: { code: 'BENCHCODE' } });
  // The test helper wraps Node.prototype.send/receive/... in sinon spies that record every call;
  // a real Node-RED runtime has none, so they are removed for the measurement.
  const proto = helper._NodePrototype;
  const saved = {};
  for (const m of ['log', 'status', 'warn', 'error', 'debug', 'trace', 'send']) saved[m] = proto[m];
  helper._sandbox.restore();
  for (const m of Object.keys(saved)) {
    // sinon's restore leaves the helper's Proxy in place when it is not the spy itself.
    if (proto[m] === saved[m] && saved[m].wrappedMethod) proto[m] = saved[m].wrappedMethod;
  }
  const d = helper.getNode('d');
  // Node-RED copies Node.prototype.send onto each wired node when the flow starts (Node.js
  // updateWires), so the node still holds the spy: give it the real method.
  if (Object.prototype.hasOwnProperty.call(d, 'send')) d.send = proto.send;
  const pending = new Map();
  helper.getNode('ok').on('input', (m) => { pending.get(m._bench)?.resolve(); pending.delete(m._bench); });
  helper.getNode('err').on('input', (m) => { pending.get(m._bench)?.reject(new Error(m.payload.message)); pending.delete(m._bench); });
  try {
    return await loop((i) => new Promise((resolve, reject) => {
      pending.set(i, { resolve, reject });
      d.receive({ _bench: i, payload: { Target: `0500${String(i % 1000000).padStart(6, '0')}`, CustomerName: 'Bench', var_row: i } });
    }), measure && 'node');
  } finally {
    await helper.unload();
  }
}

if (process.argv[2] === '--server') serve();
else (async () => {
  const server = await startServer();
  const url = `http://127.0.0.1:${server.port}`;
  // One warm-up of each, so JIT and connection set-up are not measured.
  const raw = [];
  const node = [];
  await rawUndici(url);
  await throughNode(url);
  for (let r = 0; r < ROUNDS; r++) {
    raw.push(await rawUndici(url, true));
    node.push(await throughNode(url, true));
  }
  server.close();
  const best = (a) => Math.max(...a);
  const rawBest = best(raw);
  const nodeBest = best(node);
  const ratio = nodeBest / rawBest;
  const f = (n) => n.toFixed(0);
  process.stdout.write(`dialer AddCall, ${IN_FLIGHT} in flight, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION_MS} ms (best round):\n`);
  process.stdout.write(`  raw undici (reference): ${f(rawBest)} req/s   rounds: ${raw.map(f).join(', ')}\n`);
  process.stdout.write(`  dialer node:            ${f(nodeBest)} req/s   rounds: ${node.map(f).join(', ')}\n`);
  const us = (a) => Math.min(...a).toFixed(0);
  process.stdout.write(`  CPU per request in the client process: raw ${us(cpu.raw)} µs, node ${us(cpu.node)} µs\n`);
  process.stdout.write(`  ratio node/raw: ${ratio.toFixed(2)} (target >= 0.80) ${ratio >= 0.8 ? 'OK' : 'BELOW TARGET'}\n`);
  process.exit(0);
})().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});

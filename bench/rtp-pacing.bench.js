#!/usr/bin/env node
// RTP pacing: N simultaneous G.711 streams (20 ms) from one MediaEngine to a receiver in a
// separate process that timestamps every arrival. Deviation of a packet = its arrival minus its
// ideal send time, where the ideal is the stream's best (earliest) arrival offset plus
// timestamp/8 ms, so drift and late packets both show. CPU is the sender process's own
// process.cpuUsage() over the measured window. Talks to 127.0.0.1 only; RTP ports 22000-22999.
'use strict';
const { fork } = require('node:child_process');
const dgram = require('node:dgram');
const path = require('node:path');
const { PerformanceObserver } = require('node:perf_hooks');

// GC pauses (count, total and longest ms) while recording: a diagnostic for where the tail comes from.
function gcMeter() {
  const m = { on: false, count: 0, total: 0, max: 0 };
  new PerformanceObserver((list) => {
    if (!m.on) return;
    for (const e of list.getEntries()) { m.count++; m.total += e.duration; if (e.duration > m.max) m.max = e.duration; }
  }).observe({ entryTypes: ['gc'] });
  return m;
}

const COUNTS = (process.env.BENCH_STREAMS || '100,250,500').split(',').map(Number);
const RUN_MS = Number(process.env.BENCH_RUN_MS || 9000);
const WARMUP_MS = 1000;
const TARGET_P99_MS = 2;
const TARGET_CPU_PCT = 0.4;
const BARESIP_REF_PCT = 1.2;

if (process.argv[2] === 'receiver') receiver();
else main().catch((err) => { process.stderr.write(`${err.stack}\n`); process.exit(1); });

// ------------------------------------------------------------------------------ receiver process
function receiver() {
  const sock = dgram.createSocket({ type: 'udp4', recvBufferSize: 16 * 1024 * 1024 });
  // The receiver is the measuring instrument: keep it cheap so its own pauses do not show up as
  // sender lateness. Per stream, preallocated typed arrays (no growing JS arrays to copy and
  // scavenge) and performance.now() (monotonic, no BigInt per packet).
  const CAPACITY = Math.ceil((RUN_MS + 2000) / 20) * 2;
  const streams = new Map(); // ssrc -> {n, ts: Uint32Array, at: Float64Array}
  let recording = false;
  const gc = gcMeter();
  sock.on('message', (m) => {
    if (!recording || m.length < 12 || m[1] >= 200) return;
    const at = performance.now();
    const ssrc = m.readUInt32BE(8);
    let s = streams.get(ssrc);
    if (!s) streams.set(ssrc, (s = { n: 0, ts: new Uint32Array(CAPACITY), at: new Float64Array(CAPACITY) }));
    if (s.n === s.ts.length) {
      // More than twice the expected packets: grow rather than drop (cannot happen when pacing works).
      const ts = new Uint32Array(s.n * 2); ts.set(s.ts); s.ts = ts;
      const a = new Float64Array(s.n * 2); a.set(s.at); s.at = a;
    }
    s.ts[s.n] = m.readUInt32BE(4);
    s.at[s.n] = at;
    s.n++;
  });
  sock.bind(0, '127.0.0.1', () => process.send({ port: sock.address().port }));
  process.on('message', (msg) => {
    if (msg === 'start') {
      streams.clear();
      recording = true;
      gc.on = true;
    } else if (msg === 'stop') {
      recording = false;
      gc.on = false;
      const devs = [];
      const counts = [];
      for (const s of streams.values()) {
        counts.push(s.n);
        const t0 = s.ts[0];
        // ideal_i = base + (ts_i - ts_0)/8; base = min over i of (at_i - (ts_i - ts_0)/8)
        let base = Infinity;
        const rel = Array.from(s.ts.subarray(0, s.n), (t) => ((t - t0) >>> 0) / 8);
        for (let i = 0; i < rel.length; i++) base = Math.min(base, s.at[i] - rel[i]);
        for (let i = 0; i < rel.length; i++) devs.push(s.at[i] - rel[i] - base);
      }
      devs.sort((a, b) => a - b);
      const q = (p) => (devs.length ? devs[Math.min(devs.length - 1, Math.floor(p * devs.length))] : NaN);
      counts.sort((a, b) => a - b);
      process.send({ streams: streams.size, packets: devs.length, p50: q(0.5), p99: q(0.99), max: devs[devs.length - 1], minCount: counts[0], maxCount: counts[counts.length - 1], rxGc: { count: gc.count, total: gc.total, max: gc.max } });
      sock.close();
      process.exit(0);
    }
  });
}

// ------------------------------------------------------------------------------ sender (this process)
function once(child) {
  return new Promise((resolve) => child.once('message', resolve));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function runOnce(n) {
  const { MediaEngine } = require(path.join(__dirname, '..', 'dist', 'core', 'media'));
  const child = fork(__filename, ['receiver'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await once(child);
  const engine = new MediaEngine({ localAddress: '127.0.0.1', portMin: 22000, portMax: 22999, codecs: ['PCMU'] });
  const answer = ['v=0', 'o=rx 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${port} RTP/AVP 0`, 'a=ptime:20', 'a=sendrecv', ''].join('\r\n');
  const sessions = [];
  for (let i = 0; i < n; i++) {
    const s = await engine.createSession();
    s.createOffer();
    s.setRemoteAnswer(answer);
    sessions.push(s);
  }
  await sleep(WARMUP_MS);
  // A probe stream on the same scheduler: how late the sender's wake-ups are (separates our
  // scheduling from the receiver's and the kernel's share of the deviation).
  const lateness = [];
  const probe = engine.scheduler.add(20, (_tick, due) => lateness.push(performance.now() - due));
  const gc = gcMeter();
  gc.on = true;
  child.send('start');
  const sentBefore = sessions.reduce((a, s) => a + s.stats().packetsSent, 0);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(RUN_MS);
  const cpu = process.cpuUsage(cpu0);
  gc.on = false;
  const wall = performance.now() - t0;
  probe.cancel();
  lateness.sort((a, b) => a - b);
  const senderP99 = lateness[Math.floor(lateness.length * 0.99)] ?? NaN;
  const sent = sessions.reduce((a, s) => a + s.stats().packetsSent, 0) - sentBefore;
  await sleep(100); // let the last packets land
  const resultP = once(child);
  child.send('stop');
  const r = await resultP;
  await engine.close();
  const cpuPctPerStream = ((cpu.user + cpu.system) / 1000 / wall) * 100 / n;
  return { n, wall, sent, senderP99, txGc: { count: gc.count, total: gc.total, max: gc.max }, perStream: sent / n, expectedPerStream: wall / 20, cpuPctPerStream, ...r };
}

const fmtGc = (g) => `${g.count}, ${g.total.toFixed(1)}, ${g.max.toFixed(2)}`;

async function main() {
  process.stdout.write(`RTP pacing: N x G.711/20 ms streams on 127.0.0.1, ${RUN_MS / 1000} s measured per N, receiver in a separate process\n`);
  process.stdout.write(`target: p99 deviation <= ${TARGET_P99_MS} ms and <= ${TARGET_CPU_PCT} % of a core per stream at 500 streams; reference: baresip ~${BARESIP_REF_PCT} % of a core per call on this machine\n`);
  process.stdout.write('streams | pkts/stream sent (ideal) | received | p50 ms | p99 ms | max ms | CPU % core/stream | CPU % core total | sender wake-up p99 ms | GC pauses sender / receiver (n, total ms, max ms)\n');
  const results = [];
  for (const n of COUNTS) {
    const r = await runOnce(n);
    results.push(r);
    process.stdout.write(`${String(n).padStart(7)} | ${r.perStream.toFixed(1).padStart(10)} (${r.expectedPerStream.toFixed(1)}) | ${String(r.packets).padStart(8)} | ${r.p50.toFixed(3).padStart(6)} | ${r.p99.toFixed(3).padStart(6)} | ${r.max.toFixed(2).padStart(6)} | ${r.cpuPctPerStream.toFixed(3).padStart(17)} | ${(r.cpuPctPerStream * n).toFixed(1).padStart(16)} | ${r.senderP99.toFixed(3).padStart(21)} | ${fmtGc(r.txGc)} / ${fmtGc(r.rxGc)}\n`);
  }
  const big = results.find((r) => r.n === 500);
  if (big) {
    const ok = big.p99 <= TARGET_P99_MS && big.cpuPctPerStream <= TARGET_CPU_PCT;
    process.stdout.write(`500 streams: p99 ${big.p99.toFixed(2)} ms (target ${TARGET_P99_MS}), ${big.cpuPctPerStream.toFixed(3)} % core/stream (target ${TARGET_CPU_PCT}, baresip ${BARESIP_REF_PCT}) -> ${ok ? 'within target' : 'OUTSIDE target'}\n`);
  }
  const load = require('node:os').loadavg()[0];
  process.stdout.write(`(load average at the end: ${load.toFixed(2)} on ${require('node:os').cpus().length} cores; other work on the machine inflates the tail)\n`);
}

#!/usr/bin/env node
// Calls per second answered by the user agent (auto-answer; the SIPp caller hangs up at once),
// side by side with a SIPp UAS answering the same SIPp UAC load in the same run. Loopback only,
// this branch's ports (SIP 5280-5289, SIPp media 21950-21979).
//
//   BENCH_SECONDS (default 60) per side, BENCH_RATE offered calls/s (default 300),
//   BENCH_MEDIA=1 to give every call real RTP sockets (default: signalling only).
// Prints calls/s, failed calls, CPU and heap before/after for both sides, and the target.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const { UserAgent } = require('../dist/core/sip/user-agent');

const SECONDS = Number(process.env.BENCH_SECONDS || 60);
const RATE = Number(process.env.BENCH_RATE || 300);
const MEDIA = process.env.BENCH_MEDIA === '1';
const TIMER_H_MS = 32000;

if (spawnSync('sipp', ['-v']).error) {
  process.stdout.write('sipp not found: benchmark skipped (apt-get install sip-tester)\n');
  process.exit(process.env.REQUIRE_INTEROP === '1' ? 1 : 0);
}

function cpuOfPid(pid) {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parts = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(parts[11]) + Number(parts[12])) * 10; // utime + stime in ticks (100 Hz) -> ms
  } catch { return undefined; }
}

function sipp(args) {
  const child = spawn('sipp', [...args, '-i', '127.0.0.1', '-mi', '127.0.0.1', '-nostdin'], { cwd: '/tmp', stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out = (out + d).slice(-20000); });
  child.stderr.on('data', (d) => { out = (out + d).slice(-20000); });
  let cpu = 0;
  const poll = setInterval(() => { const c = cpuOfPid(child.pid); if (c !== undefined) cpu = c; }, 250);
  const exited = new Promise((resolve) => child.on('exit', (code) => { clearInterval(poll); resolve(code); }));
  return {
    child, exited,
    get out() { return out; },
    get cpuMs() { return cpu; },
    async stop() {
      if (child.exitCode === null) { try { process.kill(child.pid, 'SIGTERM'); } catch { /* gone */ } }
      const t = setTimeout(() => { try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ } }, 3000);
      await exited; clearTimeout(t);
    },
  };
}

/** Runs the SIPp UAC against a UAS for SECONDS and reads its final counters. */
async function load(target, uacPort, mediaPort) {
  const total = Math.round(RATE * SECONDS);
  const t0 = Date.now();
  const uac = sipp(['-sn', 'uac', target, '-p', String(uacPort), '-mp', String(mediaPort), '-r', String(RATE), '-m', String(total), '-l', '5000', '-d', '0', '-s', 'bench', '-timeout', `${SECONDS + 40}s`]);
  const code = await uac.exited;
  const elapsed = (Date.now() - t0) / 1000;
  const num = (re) => { const all = [...uac.out.matchAll(re)]; return all.length ? Number(all[all.length - 1][1]) : NaN; };
  const ok = num(/Successful call\s*\|\s*\d+\s*\|\s*(\d+)/g);
  const failed = num(/Failed call\s*\|\s*\d+\s*\|\s*(\d+)/g);
  return { code, elapsed, ok, failed, rate: ok / elapsed, uacCpuMs: uac.cpuMs };
}

const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function gcHeap() { if (global.gc) { global.gc(); global.gc(); } return process.memoryUsage().heapUsed; }

(async () => {
  process.stdout.write(`offered load: ${RATE} calls/s for ${SECONDS} s per side (SIPp uac, BYE at once), media: ${MEDIA ? 'RTP' : 'signalling only'}\n`);

  // --- reference: a SIPp UAS
  const uas = sipp(['-sn', 'uas', '-p', '5280', '-mp', '21950']);
  await sleep(500);
  const ref = await load('127.0.0.1:5280', 5284, 21960);
  const refCpu = uas.cpuMs;
  await uas.stop();

  // --- ours: the user agent, auto-answer
  const ua = new UserAgent({ username: 'bench', localAddress: '127.0.0.1', localPort: 5282, maxCalls: 100000, rtpPortMin: 21000, rtpPortMax: 21899, ...(MEDIA ? {} : { media: 'none' }) });
  let answered = 0; let endedUnanswered = 0;
  ua.on('incoming', (call) => {
    call.once('answered', () => { answered++; });
    call.once('ended', () => { if (call.answeredAt === undefined) endedUnanswered++; });
    call.answer();
  });
  ua.on('error', (e) => process.stdout.write(`ua error: ${e.message}\n`));
  await ua.start();
  await sleep(200);
  const heapBefore = gcHeap();
  const cpu0 = process.cpuUsage();
  const ours = await load('127.0.0.1:5282', 5286, 21970);
  const cpu1 = process.cpuUsage(cpu0);
  const heapRightAfter = gcHeap();
  const callsLeft = ua.calls.size;
  // Ended calls keep their dialog for Timer H (64*T1) to answer retransmissions; then all is gone.
  await sleep(TIMER_H_MS + 3000);
  const heapAfter = gcHeap();
  await ua.stop();

  const line = (name, r, cpuMs) => `${name.padEnd(22)} ${r.rate.toFixed(1).padStart(8)} calls/s  ok ${String(r.ok).padStart(7)}  failed ${String(r.failed).padStart(5)}  CPU ${(cpuMs / 1000).toFixed(1)} s (${((cpuMs / 10) / r.elapsed).toFixed(0)}% of a core)`;
  process.stdout.write('\n');
  process.stdout.write(`${line('SIPp UAS (reference)', ref, refCpu)}\n`);
  process.stdout.write(`${line('UserAgent (ours)', ours, (cpu1.user + cpu1.system) / 1000)}\n`);
  process.stdout.write(`UserAgent answered ${answered} (ended before its ACK was seen: ${endedUnanswered}); calls still open right after the run: ${callsLeft}\n`);
  process.stdout.write(`UserAgent heap: before ${mb(heapBefore)}, right after ${mb(heapRightAfter)}, after Timer H ${mb(heapAfter)} (growth ${mb(heapAfter - heapBefore)})\n`);
  const ratio = ours.rate / ref.rate;
  const pass = ratio >= 0.5 && ours.failed === 0 && heapAfter - heapBefore < 5 * 1048576;
  process.stdout.write(`target: >= 50% of SIPp's rate with 0 failed calls and flat memory -> ${(ratio * 100).toFixed(0)}% ${pass ? 'MET' : 'NOT MET'}\n`);
  process.exit(0);
})().catch((err) => { process.stdout.write(`bench failed: ${err.stack}\n`); process.exit(1); });

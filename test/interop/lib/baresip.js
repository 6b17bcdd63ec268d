'use strict';
// Launches a headless baresip on 127.0.0.1 for interop tests, with its configuration in a temp
// directory (see /work/shared/INTEROP.md): net_interface 127.0.0.1, dns_server 127.0.0.1:53,
// aubridge/aufile instead of ALSA, ctrl_tcp for commands and events, optional sndfile recording.
//
//   const b = await startBaresip({ sipPort: 5310, ctrlPort: 5311, rtpPorts: [22600, 22699],
//                                  source: '/abs/tone.wav', record: true, answerMode: 'auto',
//                                  registrar: '127.0.0.1:5060', password: 'pw' /* optional */ });
//   b.events.on('event', (e) => ...);          // ctrl_tcp events: {type: 'CALL_DTMF_START', param: '1', ...}
//   await b.command('dial', 'sip:x@127.0.0.1:5312');
//   b.recordings()                             // {enc: [...files], dec: [...files]} written by sndfile
//   await b.stop();                            // kills exactly the PID we started, removes the temp dir
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { EventEmitter } = require('node:events');
const { run, waitUntil, have } = require('./peers');

const MODULE_PATH = '/usr/lib/baresip/modules';

function haveBaresip() {
  return have('baresip', ['-h']) && fs.existsSync(path.join(MODULE_PATH, 'ctrl_tcp.so'));
}

/** ctrl_tcp speaks netstrings: `LEN:{json},`. */
class CtrlClient extends EventEmitter {
  constructor(port) {
    super();
    this.port = port;
    this.buf = Buffer.alloc(0);
    this.pending = new Map();
    this.seq = 0;
  }

  connect() {
    return new Promise((resolve, reject) => {
      this.sock = net.createConnection({ host: '127.0.0.1', port: this.port }, resolve);
      this.sock.once('error', reject);
      this.sock.on('data', (d) => this.onData(d));
      this.sock.on('error', () => {});
    });
  }

  onData(d) {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const colon = this.buf.indexOf(0x3a);
      if (colon < 0) return;
      const len = Number(this.buf.subarray(0, colon).toString());
      if (!Number.isFinite(len) || this.buf.length < colon + 1 + len + 1) return;
      const body = this.buf.subarray(colon + 1, colon + 1 + len).toString('utf8');
      this.buf = this.buf.subarray(colon + 1 + len + 1);
      let msg;
      try { msg = JSON.parse(body); } catch { continue; }
      if (msg.event) this.emit('event', msg);
      else if (msg.response && this.pending.has(msg.token)) {
        this.pending.get(msg.token)(msg);
        this.pending.delete(msg.token);
      }
    }
  }

  command(command, params = '') {
    const token = `t${++this.seq}`;
    const json = JSON.stringify({ command, params, token });
    const framed = `${Buffer.byteLength(json)}:${json},`;
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => { this.pending.delete(token); reject(new Error(`baresip ${command}: no response`)); }, 5000);
      this.pending.set(token, (m) => { clearTimeout(t); resolve(m); });
      this.sock.write(framed);
    });
  }

  close() {
    this.sock?.destroy();
  }
}

async function startBaresip(opts) {
  const { sipPort, ctrlPort, rtpPorts, source, record = false, answerMode = 'auto', user = 'baresip', codecs = 'PCMU,PCMA', registrar, password } = opts;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baresip-'));
  const recDir = path.join(dir, 'rec');
  fs.mkdirSync(recDir);
  const modules = ['g711.so', 'aubridge.so', 'aufile.so', ...(record ? ['sndfile.so'] : [])];
  const config = [
    'poll_method\tepoll',
    `sip_listen\t127.0.0.1:${sipPort}`,
    'sip_trans_def\tudp',
    'net_interface\t127.0.0.1',
    'dns_server\t127.0.0.1:53',
    'dns_fallback\t127.0.0.1:53',
    source ? `audio_source\taufile,${source}` : 'audio_source\taubridge,nosource',
    // aubridge with a device nothing reads: not alsa (no sound card) and not null (spins a core).
    'audio_player\taubridge,nowhere',
    'audio_alert\taubridge,nowhere',
    'audio_path\t/usr/share/baresip',
    `rtp_ports\t${rtpPorts[0]}-${rtpPorts[1]}`,
    'rtp_timeout\t0',
    `module_path\t${MODULE_PATH}`,
    ...modules.map((m) => `module\t${m}`),
    'module_app\taccount.so',
    'module_app\tmenu.so',
    'module_app\tctrl_tcp.so',
    `ctrl_tcp_listen\t127.0.0.1:${ctrlPort}`,
    `snd_path\t${recDir}`,
    'call_local_timeout\t120',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'config'), config);
  // With `registrar` ("127.0.0.1:port") the account's domain is the registrar: baresip registers
  // there (digest with `password`) and sends its requests through it.
  const aor = registrar ? `<sip:${user}@${registrar}>;auth_pass=${password ?? ''};regint=600` : `<sip:${user}@127.0.0.1:${sipPort}>;regint=0`;
  fs.writeFileSync(path.join(dir, 'accounts'), `${aor};answermode=${answerMode};audio_codecs=${codecs}\n`);
  fs.writeFileSync(path.join(dir, 'contacts'), '');
  const proc = run('baresip', ['-f', dir], { cwd: dir });
  const ctrl = new CtrlClient(ctrlPort);
  try {
    await waitUntil(async () => {
      if (proc.child.exitCode !== null) throw new Error(`baresip exited: ${proc.stdout}${proc.stderr}`);
      try { await ctrl.connect(); return true; } catch { return false; }
    }, 8000, 'baresip ctrl_tcp');
  } catch (err) {
    await proc.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    pid: proc.child.pid,
    dir,
    sipUri: `sip:${user}@127.0.0.1:${sipPort}`,
    events: ctrl,
    command: (c, p) => ctrl.command(c, p),
    get output() { return proc.stdout + proc.stderr; },
    recordings() {
      const files = fs.readdirSync(recDir).map((f) => path.join(recDir, f));
      return { enc: files.filter((f) => f.endsWith('-enc.wav')), dec: files.filter((f) => f.endsWith('-dec.wav')) };
    },
    async stop({ keep = false } = {}) {
      ctrl.close();
      await proc.stop();
      if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports = { startBaresip, haveBaresip, CtrlClient };

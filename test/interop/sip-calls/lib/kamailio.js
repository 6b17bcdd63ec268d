'use strict';
// A Kamailio registrar/proxy on 127.0.0.1 for interop tests (see /work/shared/INTEROP.md):
// db_text subscribers with plain passwords, usrloc in memory, digest on REGISTER (401) and on
// INVITE/MESSAGE/SUBSCRIBE/REFER (407), Record-Route on dialog-forming requests. Foreground
// (-DD -E) so the PID is ours; stop() kills only it.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { run, have, waitUntil } = require('../../lib/peers');

// Debian puts the modules under the multiarch directory; take whichever exists.
const MPATH = [
  '/usr/lib/x86_64-linux-gnu/kamailio/modules/',
  '/usr/lib/aarch64-linux-gnu/kamailio/modules/',
  '/usr/lib/kamailio/modules/',
  '/usr/local/lib64/kamailio/modules/',
].find((d) => fs.existsSync(d)) ?? '/usr/lib/x86_64-linux-gnu/kamailio/modules/';

function haveKamailio() {
  return have('kamailio', ['-v']) && fs.existsSync(path.join(MPATH, 'auth_db.so')) && fs.existsSync(path.join(MPATH, 'db_text.so'));
}

async function startKamailio({ port, users }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kam-'));
  const db = path.join(dir, 'db');
  fs.mkdirSync(db);
  fs.writeFileSync(path.join(db, 'version'), 'table_name(string) table_version(int)\nsubscriber:7\n');
  fs.writeFileSync(path.join(db, 'subscriber'), [
    'id(int,auto) username(string) domain(string) password(string) ha1(string,null) ha1b(string,null)',
    ...Object.entries(users).map(([u, p], i) => `${i + 1}:${u}:127.0.0.1:${p}::`),
    '',
  ].join('\n'));
  const cfg = `#!KAMAILIO
debug=2
log_stderror=yes
children=2
listen=udp:127.0.0.1:${port}
dns=no
rev_dns=no
auto_aliases=no
alias="127.0.0.1:${port}"
mpath="${MPATH}"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "db_text.so"
loadmodule "auth.so"
loadmodule "auth_db.so"
modparam("usrloc", "db_mode", 0)
modparam("auth_db", "db_url", "text://${db}")
modparam("auth_db", "calculate_ha1", yes)
modparam("auth_db", "password_column", "password")
modparam("auth_db", "use_domain", 0)
modparam("registrar", "max_expires", 3600)
modparam("rr", "enable_full_lr", 1)

request_route {
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
  if (has_totag()) {
    if (loose_route()) { t_relay(); exit; }
    if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } exit; }
    sl_send_reply("404", "Not here");
    exit;
  }
  if (is_method("CANCEL")) { if (t_check_trans()) { t_relay(); } exit; }
  if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } exit; }
  if (is_method("REGISTER")) {
    if (!www_authorize("127.0.0.1", "subscriber")) { www_challenge("127.0.0.1", "0"); exit; }
    if (!save("location")) { sl_reply_error(); }
    exit;
  }
  if (is_method("INVITE|MESSAGE|SUBSCRIBE|REFER")) {
    if (!proxy_authorize("127.0.0.1", "subscriber")) { proxy_challenge("127.0.0.1", "0"); exit; }
    consume_credentials();
  }
  if (is_method("INVITE|SUBSCRIBE|REFER")) { record_route(); }
  if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
  t_relay();
}
`;
  fs.writeFileSync(path.join(dir, 'kamailio.cfg'), cfg);
  const proc = run('kamailio', ['-f', path.join(dir, 'kamailio.cfg'), '-DD', '-E', '-Y', dir, '-w', dir]);
  try {
    await waitUntil(() => {
      if (proc.child.exitCode !== null) throw new Error(`kamailio exited: ${proc.stderr.slice(-2000)}`);
      return /INFO:.*(main|tm).*|listening on/i.test(proc.stderr);
    }, 8000, 'kamailio start');
  } catch (err) {
    await proc.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    pid: proc.child.pid,
    get log() { return proc.stderr; },
    async stop() {
      await proc.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports = { startKamailio, haveKamailio };

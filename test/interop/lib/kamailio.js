'use strict';
// Starts Kamailio 5.x as a registrar with digest auth (db_text subscribers, plain passwords,
// calculate_ha1) on 127.0.0.1:<port> over UDP and TCP, with a generated config in a temp dir.
// It runs in the foreground (-DD -E) as our child, so we own its PID; stop() kills only it.
// A wrong password or unknown user gets 403 after the challenge; a stale nonce gets
// 401 stale=true. OPTIONS to the server itself get 200; MESSAGE to a registered user is
// relayed to its contact (statefully) so tests can receive through the registrar.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { waitUntil } = require('./peers');
const { findBinary, stopChild } = require('./proc');

function config({ port, dir, realm }) {
  return `#!KAMAILIO
debug=2
log_stderror=yes
memdbg=5
memlog=5
children=2
tcp_children=2
listen=udp:127.0.0.1:${port}
listen=tcp:127.0.0.1:${port}
dns=no
rev_dns=no
auto_aliases=no
alias="127.0.0.1:${port}"
use_dns_cache=off
mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "db_text.so"
loadmodule "auth.so"
loadmodule "auth_db.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "rr.so"
modparam("auth_db", "db_url", "text://${dir}/db")
modparam("auth_db", "calculate_ha1", yes)
modparam("auth_db", "password_column", "password")
modparam("auth_db", "load_credentials", "")
modparam("usrloc", "db_mode", 0)
modparam("registrar", "min_expires", 30)
modparam("registrar", "max_expires", 3600)
modparam("auth", "nonce_expire", 300)

request_route {
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
  if (is_method("REGISTER")) {
    $var(rc) = auth_check("${realm}", "subscriber", "1");
    if ($var(rc) == -2 || $var(rc) == -3) { sl_send_reply("403", "Forbidden"); exit; }
    if ($var(rc) < 0) { auth_challenge("${realm}", "1"); exit; }
    consume_credentials();
    if (!save("location")) { sl_reply_error(); }
    exit;
  }
  if (is_method("OPTIONS") && $rU == $null) { sl_send_reply("200", "OK"); exit; }
  if (is_method("MESSAGE") || is_method("OPTIONS")) {
    if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
    t_relay();
    exit;
  }
  sl_send_reply("405", "Method Not Allowed");
}
`;
}

/**
 * @param {{port: number, users?: Record<string,string>, realm?: string}} opts
 * @returns {Promise<{port: number, dir: string, pid: number, log: () => string, stop: () => Promise<void>}>}
 */
async function startKamailio(opts) {
  const bin = findBinary('kamailio');
  if (!bin) throw new Error('kamailio is not installed');
  const realm = opts.realm ?? '127.0.0.1';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kamailio-'));
  fs.mkdirSync(path.join(dir, 'db'));
  fs.mkdirSync(path.join(dir, 'run'));
  const users = opts.users ?? { alice: 'secret' };
  let rows = 'id(int,auto) username(string) domain(string) password(string) ha1(string,null) ha1b(string,null)\n';
  let id = 1;
  for (const [u, p] of Object.entries(users)) rows += `${id++}:${u}:${realm}:${p}::\n`;
  fs.writeFileSync(path.join(dir, 'db', 'subscriber'), rows);
  fs.writeFileSync(path.join(dir, 'db', 'version'), 'id(int,auto) table_name(string) table_version(int)\n0:subscriber:7\n');
  const cfg = path.join(dir, 'kamailio.cfg');
  fs.writeFileSync(cfg, config({ port: opts.port, dir, realm }));
  let out = '';
  const child = spawn(bin, ['-f', cfg, '-DD', '-E', '-Y', path.join(dir, 'run'), '-m', '64', '-M', '8'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const stop = async () => {
    await stopChild(child);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntil(
      () =>
        child.exitCode !== null ||
        new Promise((resolve) => {
          const s = net.connect(opts.port, '127.0.0.1');
          s.once('connect', () => {
            s.destroy();
            resolve(true);
          });
          s.once('error', () => resolve(false));
        }),
      15000,
      'kamailio to listen',
    );
    if (child.exitCode !== null) throw new Error(`kamailio exited ${child.exitCode}:\n${out.slice(-2000)}`);
  } catch (e) {
    await stop();
    throw e;
  }
  return { port: opts.port, dir, pid: child.pid, realm, log: () => out, stop };
}

module.exports = { startKamailio };

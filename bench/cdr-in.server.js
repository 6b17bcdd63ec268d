#!/usr/bin/env node
// Child process for bench/cdr-in.bench.js: one server per process, bound to 127.0.0.1:0,
// printing "PORT <n>" when ready. Modes:
//   raw       plain Node http, answers without parsing (the ceiling)
//   plain     plain Node http, parses the body with the xmlrpc package's deserialiser
//   node-red  Node-RED in this process, with the cdr-in flow at /cdr and the same job built
//             from core nodes (http in, xml, function, http response) at /core
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Readable } = require('node:stream');

const OK = '<?xml version="1.0"?><methodResponse><params><param><value><struct><member><name>err</name><value><int>0</int></value></member><member><name>errdesc</name><value><string>OK</string></value></member></struct></value></param></params></methodResponse>';
const mode = process.argv[2];

function ready(server) {
  server.listen(0, '127.0.0.1', () => process.stdout.write(`PORT ${server.address().port}\n`));
}

if (mode === 'raw' || mode === 'plain') {
  const Deserializer = require('xmlrpc/lib/deserializer');
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const answer = () => {
        res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(OK) });
        res.end(OK);
      };
      if (mode === 'raw') return answer();
      new Deserializer().deserializeMethodCall(Readable.from([Buffer.concat(chunks)]), (err) => {
        if (err) {
          res.statusCode = 400;
          res.end();
        } else answer();
      });
    });
  });
  ready(server);
} else if (mode === 'node-red') {
  const RED = require('node-red');
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdr-in-bench-'));
  const flows = [
    { id: 'b0000000000000a1', type: 'tab', label: 'bench' },
    { id: 'b0000000000000a2', z: 'b0000000000000a1', type: 'cdr-in', url: '/cdr', method: 'post', provider: 'voicenter', dedupe: 0, wires: [['b0000000000000a3']] },
    { id: 'b0000000000000a3', z: 'b0000000000000a1', type: 'function', func: 'return null;', wires: [] },
    { id: 'b0000000000000a4', z: 'b0000000000000a1', type: 'http in', url: '/core', method: 'post', wires: [['b0000000000000a5']] },
    { id: 'b0000000000000a5', z: 'b0000000000000a1', type: 'xml', property: 'payload', attr: '', chr: '', wires: [['b0000000000000a6']] },
    { id: 'b0000000000000a6', z: 'b0000000000000a1', type: 'function', wires: [['b0000000000000a7']],
      func: `const members = msg.payload.methodCall.params[0].param[0].value[0].struct[0].member;
const rec = {};
for (const m of members) { const v = m.value[0]; const k = Object.keys(v)[0]; rec[m.name[0]] = typeof v === 'string' ? v : v[k][0]; }
msg.cdr = rec;
msg.headers = { 'Content-Type': 'text/xml' };
msg.payload = ${JSON.stringify(OK)};
return msg;` },
    { id: 'b0000000000000a7', z: 'b0000000000000a1', type: 'http response', wires: [] },
  ];
  fs.writeFileSync(path.join(userDir, 'flows.json'), JSON.stringify(flows));
  const server = http.createServer();
  RED.init(server, {
    userDir,
    flowFile: 'flows.json',
    httpAdminRoot: false,
    httpNodeRoot: '/',
    nodesDir: [path.resolve(__dirname, '..', 'dist')],
    logging: { console: { level: 'warn' } },
    editorTheme: { tours: false },
  });
  server.on('request', RED.httpNode);
  RED.start().then(() => {
    RED.events.once('flows:started', () => ready(server));
  });
  process.on('SIGTERM', () => {
    RED.stop().finally(() => {
      fs.rmSync(userDir, { recursive: true, force: true });
      process.exit(0);
    });
  });
} else {
  process.stderr.write('usage: cdr-in.server.js raw|plain|node-red\n');
  process.exit(2);
}

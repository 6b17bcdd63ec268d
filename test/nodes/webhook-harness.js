'use strict';
// Loads node modules into node-red-node-test-helper and serves the RED.httpNode they mounted
// their routes on, on 127.0.0.1 with an ephemeral port. The helper's mock runtime builds
// RED.httpNode as its own Express app and leaves RED.hooks out; the real runtime has both, with
// hooks being @node-red/util's (the instance Node.prototype._complete triggers).
const http = require('node:http');
const supertest = require('supertest');
const helper = require('node-red-node-test-helper');
const { hooks } = require('@node-red/util');

helper.init(require.resolve('node-red'));

let server;
let httpNode;

async function load(modules, flow, credentials) {
  const wrapped = modules.map((mod) => function (RED) {
    httpNode = RED.httpNode;
    if (!RED.hooks) RED.hooks = hooks;
    return mod(RED);
  });
  await helper.load(wrapped, flow, credentials || {});
  await closeServer();
  const app = httpNode;
  server = http.createServer((req, res) => app(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return supertest(`http://127.0.0.1:${server.address().port}`);
}

async function closeServer() {
  if (server) {
    const s = server;
    server = undefined;
    s.closeAllConnections?.();
    await new Promise((resolve) => s.close(resolve));
  }
}

async function unload() {
  await closeServer();
  await helper.unload();
}

/** Resolves with the next message a helper node receives. */
function next(node, ms = 3000) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no message')), ms);
    node.once('input', (msg) => {
      clearTimeout(t);
      resolve(msg);
    });
  });
}

module.exports = { helper, load, unload, next };

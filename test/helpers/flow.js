'use strict';
/**
 * Loads a provider node with its config node, two output collectors and a Catch node, against
 * a loopback server. `run(msg)` sends one message and resolves with what came out:
 * {out: 'ok'|'err', msg, caught} (caught = the Catch node's msg for failures).
 */
const helper = require('node-red-node-test-helper');
const catchNode = require('@node-red/nodes/core/common/25-catch.js');
const voicenterAccount = require('../../dist/voicenter-account.js');
const iexpbxServer = require('../../dist/iexpbx-server.js');
const click2call = require('../../dist/click2call.js');
const dialer = require('../../dist/dialer.js');
const pbxApi = require('../../dist/pbx-api.js');

helper.init(require.resolve('node-red'));

const ALL = [catchNode, voicenterAccount, iexpbxServer, click2call, dialer, pbxApi];

async function loadFlow(url, nodeDef, { credentials, account = {}, server = {} } = {}) {
  const flow = [
    { id: 'acc', type: 'voicenter-account', name: 'test account', apiUrl: url, monitorUrl: url, cdrUrl: url, loginUrl: url, ...account },
    { id: 'srv', type: 'iexpbx-server', name: 'test pbx', url, ...server },
    { id: 'n1', account: 'acc', server: 'srv', ...nodeDef, wires: [['ok'], ['err']] },
    { id: 'ok', type: 'helper' },
    { id: 'err', type: 'helper' },
    { id: 'c1', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper' },
  ];
  const creds = credentials ?? { acc: { code: 'ACCOUNTCODE' }, srv: { username: 'APIUSER', password: 'APIPASS' } };
  await helper.load(ALL, flow, creds);
  const n1 = helper.getNode('n1');
  const ok = helper.getNode('ok');
  const err = helper.getNode('err');
  const caught = helper.getNode('caught');
  function run(msg) {
    return new Promise((resolve, reject) => {
      let result;
      let caughtMsg;
      const finish = () => {
        if (result && (result.out === 'ok' || caughtMsg)) {
          ok.removeAllListeners('input'); err.removeAllListeners('input'); caught.removeAllListeners('input');
          resolve({ ...result, caught: caughtMsg });
        }
      };
      ok.once('input', (m) => { result = { out: 'ok', msg: m }; finish(); });
      err.once('input', (m) => { result = { out: 'err', msg: m }; finish(); });
      caught.once('input', (m) => { caughtMsg = m; finish(); });
      setTimeout(() => reject(new Error('no output within 5 s')), 5000).unref();
      n1.receive(msg);
    });
  }
  return { n1, run };
}

/** Fails the current test on any unhandled rejection while it runs. */
function guardRejections() {
  const seen = [];
  const h = (r) => seen.push(r);
  beforeEach(() => { seen.length = 0; process.on('unhandledRejection', h); });
  afterEach(() => {
    process.removeListener('unhandledRejection', h);
    if (seen.length) throw new Error(`unhandled rejection: ${seen[0]}`);
  });
}

module.exports = { helper, loadFlow, guardRejections };

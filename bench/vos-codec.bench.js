'use strict';
// VOS3000 codec cost: decoding a GetCurrentCall answer with 2000 calls (types, code names,
// nested RTP flows) and validating a full CreatePhone request (~110 fields with nested Info*).
// Reference: JSON.parse of the same answer, the floor any decoder pays. No network.
const { performance } = require('node:perf_hooks');
const vos = require('../dist/core/providers/vos3000/index');
const { decodeVosResponse } = require('../dist/core/providers/vos3000/response');
const { buildVosRequest } = require('../dist/core/providers/vos3000/request');
const { sampleRequest, sampleResponse } = require('../test/helpers/fake-vos');

function time(label, n, fn) {
  for (let i = 0; i < Math.min(50, n); i++) fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  const ms = (performance.now() - t0) / n;
  console.log(`${label.padEnd(48)} ${ms.toFixed(3)} ms/op`);
  return ms;
}

const getCalls = vos.findOperation('GetCurrentCall');
const call = sampleResponse(getCalls).infoCurrentCalls[0];
const calls = [];
for (let i = 0; i < 2000; i++) calls.push({ ...call, callId: i, keepTime: i % 2 ? i * 1000 : -(1 + (i % 17)) });
const body = JSON.stringify({ retCode: 0, infoCurrentCalls: calls });
console.log(`GetCurrentCall answer: 2000 calls, ${(body.length / 1024).toFixed(0)} KiB`);
const parse = time('reference: JSON.parse only', 200, () => JSON.parse(body));
const decode = time('decodeVosResponse (types + code names)', 200, () => decodeVosResponse(getCalls, body));
console.log(`decode / JSON.parse: ${(decode / parse).toFixed(2)}x`);

const createPhone = vos.findOperation('CreatePhone');
const params = sampleRequest(createPhone, true);
const build = time('buildVosRequest CreatePhone (all fields)', 5000, () => buildVosRequest(createPhone, params));
console.log(`validated CreatePhone requests per second: ${Math.round(1000 / build)}`);

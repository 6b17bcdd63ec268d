'use strict';
/**
 * A loopback VOS3000 web interface for tests: answers POST /external/server/<Operation> with
 * the documented response format of that operation (§1: a JSON object with retCode 0 and the
 * operation's response fields, Info* lists filled with one element), built from a sample of
 * every documented field. `fail[Operation] = {retCode, exception}` makes it answer an error;
 * `hang[Operation] = true` makes it never answer.
 */
const { startServer } = require('./loopback');
const vos = require('../../dist/core/providers/vos3000/index');

/** A documented-looking value for a field; codes take their last documented value. */
function sample(f, { full, depth = 0 }) {
  const one = () => {
    switch (f.type) {
      case 'string':
        if (f.format === 'yyyyMMdd') return '20240131';
        if (f.format === 'yyyyMMddHHmmss') return '20240131235959';
        return f.length && f.length < 3 ? 'x' : `${f.name}-1`.slice(0, f.length || 64);
      case 'integer':
      case 'long':
        if (f.values) {
          const codes = Object.keys(f.values).filter((k) => /^-?\d+$/.test(k) && Math.abs(Number(k)) < 2 ** 31);
          if (codes.length) return Number(codes[codes.length - 1]);
        }
        return f.type === 'long' ? 1700000000000 : 7;
      case 'double':
        return 12.5;
      case 'boolean':
        return true;
      case 'struct': {
        const o = {};
        if (depth > 4) return o;
        for (const g of vos.VOS_STRUCTS[f.struct]) if (full || g.required) o[g.name] = sample(g, { full, depth: depth + 1 });
        return o;
      }
      default:
        throw new Error(`no sample for ${f.type}`);
    }
  };
  return f.array ? [one()] : one();
}

/** Request parameters with every required field (and all fields when `full`). */
function sampleRequest(op, full = false) {
  const p = {};
  for (const f of op.request) if (full || f.required) p[f.name] = sample(f, { full });
  if (op.atLeastOne && !op.atLeastOne.some((n) => n in p)) {
    const f = op.request.find((x) => x.name === op.atLeastOne[0]);
    p[f.name] = sample(f, { full });
  }
  return p;
}

/** The documented answer of `op`: retCode 0 and every response field. */
function sampleResponse(op) {
  const r = {};
  for (const f of op.response) r[f.name] = f.name === 'retCode' ? 0 : f.name === 'exception' ? '' : sample(f, { full: true });
  return r;
}

async function startFakeVos() {
  const fail = {};
  const hang = {};
  const srv = await startServer((req, res) => {
    const m = /^\/external\/server\/(\w+)$/.exec(req.path);
    const op = m && vos.VOS_OPERATIONS.find((o) => o.name === m[1]);
    if (req.method !== 'POST' || !op) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    if (hang[op.name]) return; // never answers
    res.setHeader('content-type', 'text/html;charset=UTF-8');
    if (fail[op.name]) {
      res.end(JSON.stringify(fail[op.name]));
      return;
    }
    res.end(JSON.stringify(sampleResponse(op)));
  });
  return { ...srv, base: `${srv.url}/external/server/`, fail, hang };
}

module.exports = { startFakeVos, sample, sampleRequest, sampleResponse };

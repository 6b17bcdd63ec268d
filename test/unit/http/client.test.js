'use strict';
const assert = require('node:assert/strict');
const { HttpClient, HttpError } = require('../../../dist/core/http/client');
const { startServer, closedPort } = require('../../helpers/loopback');
const { ManualClock } = require('../../helpers/manual-clock');

const fastRetry = { attempts: 3, baseDelayMs: 10, maxDelayMs: 100 };
const autoShort = () => new ManualClock({ auto: (ms) => ms <= 100 });

describe('core/http/client', () => {
  let srv;
  let client;
  afterEach(async () => {
    if (client) await client.close();
    client = undefined;
    if (srv) await srv.close();
    srv = undefined;
  });

  it('joins path and query to the base URL, sends headers and body, returns the answer', async () => {
    srv = await startServer((req, res) => { res.setHeader('x-echo', req.method); res.end('hello'); });
    client = new HttpClient({ baseUrl: `${srv.url}/api/`, headers: { 'user-agent': 'ua-1', 'x-a': 'a' }, clock: autoShort() });
    const res = await client.request({
      method: 'POST', path: '/ForwardDialer/click2call.aspx', query: { phone: '0501234567', n: 5, b: true, skip: undefined },
      headers: { 'x-a': 'b', 'content-type': 'text/plain' }, body: 'payload',
    });
    assert.equal(res.status, 200);
    assert.equal(res.text(), 'hello');
    assert.ok(Buffer.isBuffer(res.body));
    assert.equal(res.headers['x-echo'], 'POST');
    const r = srv.requests[0];
    assert.equal(r.path, '/api/ForwardDialer/click2call.aspx');
    assert.deepEqual(r.query, { phone: '0501234567', n: '5', b: 'true' });
    assert.equal(r.headers['user-agent'], 'ua-1');
    assert.equal(r.headers['x-a'], 'b');
    assert.equal(r.body, 'payload');
  });

  it('keeps connections alive and reuses them', async () => {
    const ports = new Set();
    srv = await startServer((req, res) => res.end('ok'));
    srv.server.on('connection', (s) => ports.add(s.remotePort));
    client = new HttpClient({ baseUrl: srv.url, maxConcurrent: 1, clock: autoShort() });
    for (let i = 0; i < 5; i++) await client.request({ method: 'GET', path: '/' });
    assert.equal(ports.size, 1);
  });

  it('never has more than maxConcurrent requests on the wire', async () => {
    let inFlight = 0;
    let peak = 0;
    const waiting = [];
    srv = await startServer((req, res) => {
      inFlight++; peak = Math.max(peak, inFlight);
      waiting.push(() => { inFlight--; res.end('ok'); });
    });
    client = new HttpClient({ baseUrl: srv.url, maxConcurrent: 2, clock: autoShort() });
    const all = Promise.all(Array.from({ length: 6 }, () => client.request({ method: 'GET', path: '/' })));
    // Let two arrive, give a third every chance to arrive too, then release them; three rounds.
    const tick = () => new Promise((r) => setImmediate(r));
    for (let round = 0; round < 3; round++) {
      while (waiting.length < 2) await tick();
      for (let i = 0; i < 20; i++) await tick();
      assert.equal(inFlight, 2);
      while (waiting.length) waiting.shift()();
    }
    await all;
    assert.equal(peak, 2);
  });

  it('rejects a status >= 400 with kind http, the status and the body, without retrying an unsafe request', async () => {
    srv = await startServer((req, res) => { res.statusCode = 500; res.end('Internal boom'); });
    client = new HttpClient({ baseUrl: srv.url, retry: fastRetry, clock: autoShort() });
    await assert.rejects(client.request({ method: 'POST', path: '/call' }), (e) => {
      assert.ok(e instanceof HttpError);
      assert.equal(e.kind, 'http');
      assert.equal(e.status, 500);
      assert.equal(e.body, 'Internal boom');
      return true;
    });
    assert.equal(srv.requests.length, 1);
  });

  it('retries a safe request on 5xx with growing delays, then succeeds', async () => {
    let n = 0;
    srv = await startServer((req, res) => { n++; if (n < 3) { res.statusCode = 503; res.end('busy'); } else res.end('fine'); });
    const clock = autoShort();
    client = new HttpClient({ baseUrl: srv.url, retry: fastRetry, clock, random: () => 0 });
    const res = await client.request({ method: 'GET', path: '/x', safe: true });
    assert.equal(res.text(), 'fine');
    assert.equal(srv.requests.length, 3);
    const backoffs = clock.delays.filter((d) => d <= 100);
    assert.deepEqual(backoffs, [5, 10]); // equal jitter with random()=0: half of 10, half of 20
  });

  it('gives up after the configured attempts and reports the last status', async () => {
    srv = await startServer((req, res) => { res.statusCode = 502; res.end('bad gateway'); });
    client = new HttpClient({ baseUrl: srv.url, retry: fastRetry, clock: autoShort() });
    await assert.rejects(client.request({ method: 'GET', path: '/', safe: true }), (e) => e.kind === 'http' && e.status === 502 && e.attempts === 3);
    assert.equal(srv.requests.length, 3);
  });

  it('retries a rate-limit answer even for an unsafe request (a refused request was not carried out)', async () => {
    let n = 0;
    srv = await startServer((req, res) => {
      n++;
      res.end(n === 1 ? '{"ERRORCODE":"-1","ERRORMESSAGE":"Request limit exceeded"}' : '{"ERRORCODE":"0"}');
    });
    client = new HttpClient({ baseUrl: srv.url, retry: fastRetry, clock: autoShort() });
    const res = await client.request({ method: 'POST', path: '/', isRateLimited: (r) => /Request limit exceeded/i.test(r.text()) });
    assert.equal(res.text(), '{"ERRORCODE":"0"}');
    assert.equal(srv.requests.length, 2);
  });

  it('treats HTTP 429 as rate limiting, honours Retry-After up to maxDelayMs, and ends with kind rate-limited', async () => {
    srv = await startServer((req, res) => { res.statusCode = 429; res.setHeader('retry-after', '1'); res.end('slow down'); });
    const clock = new ManualClock({ auto: (ms) => ms <= 1000 });
    client = new HttpClient({ baseUrl: srv.url, retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 1000 }, clock });
    await assert.rejects(client.request({ method: 'POST', path: '/' }), (e) => e.kind === 'rate-limited' && e.status === 429 && e.body === 'slow down');
    assert.equal(srv.requests.length, 2);
    assert.ok(clock.delays.includes(1000));
  });

  it('does not retry an unsafe request on a network error', async () => {
    srv = await startServer((req, res) => res.socket.destroy());
    client = new HttpClient({ baseUrl: srv.url, retry: fastRetry, clock: autoShort() });
    await assert.rejects(client.request({ method: 'POST', path: '/' }), (e) => e instanceof HttpError && e.kind === 'aborted');
    assert.equal(srv.requests.length, 1);
  });

  it('retries a safe request after the connection broke', async () => {
    let n = 0;
    srv = await startServer((req, res) => { n++; if (n === 1) res.socket.destroy(); else res.end('again'); });
    client = new HttpClient({ baseUrl: srv.url, retry: fastRetry, clock: autoShort() });
    const res = await client.request({ method: 'GET', path: '/', safe: true });
    assert.equal(res.text(), 'again');
  });

  it('reports connection refused as kind refused', async () => {
    const port = await closedPort();
    client = new HttpClient({ baseUrl: `http://127.0.0.1:${port}`, retry: fastRetry, clock: autoShort() });
    await assert.rejects(client.request({ method: 'GET', path: '/', safe: true }), (e) => e.kind === 'refused' && e.attempts === 3);
  });

  it('times out through the injected clock (no sleeping) with kind timeout', async () => {
    srv = await startServer(() => { /* never answers */ });
    const clock = new ManualClock();
    client = new HttpClient({ baseUrl: srv.url, responseTimeoutMs: 30000, clock });
    const p = client.request({ method: 'GET', path: '/slow', timeoutMs: 1234 });
    await srv.nextRequest();
    assert.deepEqual(clock.pending(), [1234]);
    clock.fire(1234);
    await assert.rejects(p, (e) => e.kind === 'timeout' && /1234 ms/.test(e.message));
    assert.deepEqual(clock.pending(), []);
  });

  it('refuses an answer larger than maxResponseBytes', async () => {
    srv = await startServer((req, res) => res.end(Buffer.alloc(5000, 65)));
    client = new HttpClient({ baseUrl: srv.url, maxResponseBytes: 1000, clock: autoShort() });
    await assert.rejects(client.request({ method: 'GET', path: '/' }), (e) => e.kind === 'aborted' && /larger than 1000/.test(e.message));
  });

  it('close() rejects requests in flight and later ones with kind closed', async () => {
    srv = await startServer(() => { /* never answers */ });
    client = new HttpClient({ baseUrl: srv.url, clock: new ManualClock() });
    const p = client.request({ method: 'GET', path: '/' });
    p.catch(() => {});
    await srv.nextRequest();
    await client.close();
    await assert.rejects(p, (e) => e.kind === 'closed');
    await assert.rejects(client.request({ method: 'GET', path: '/' }), (e) => e.kind === 'closed');
  });

  it('close() during a retry wait ends the wait with kind closed', async () => {
    srv = await startServer((req, res) => { res.statusCode = 503; res.end(); });
    const clock = new ManualClock();
    client = new HttpClient({ baseUrl: srv.url, retry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 50 }, clock });
    const p = client.request({ method: 'GET', path: '/', safe: true });
    p.catch(() => {});
    await srv.nextRequest();
    while (clock.pending().length !== 1 || clock.pending()[0] > 50) await new Promise((r) => setImmediate(r));
    await client.close();
    await assert.rejects(p, (e) => e.kind === 'closed');
  });
});

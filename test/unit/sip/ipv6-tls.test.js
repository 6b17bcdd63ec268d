'use strict';
// The SIP core end to end over the parts no other unit test reaches: IPv6 sockets on [::1]
// (UDP and TCP), secure WebSocket to a `ws`-package server with a certificate made here by
// openssl (verification on, trust given with `ca`), and TLS to a server that requires a client
// certificate. Loopback only (127.0.0.1 and [::1]); no timing assertions.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const https = require('node:https');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const tls = require('node:tls');
const { execFileSync } = require('node:child_process');
const { WebSocketServer } = require('ws');
const { sip, waitFor } = require('./helpers');

/** Whether [::1] can be bound here (some containers have IPv6 off). */
function canBindV6() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(0, '::1', () => s.close(() => resolve(true)));
  });
}

/**
 * A self-signed certificate for 127.0.0.1 and ::1 (its own CA), and a self-signed client
 * certificate, made with openssl in a temporary directory.
 */
function makeCerts() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-tls-'));
  const gen = (name, cn, ext) => {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', path.join(dir, `${name}.key`), '-out', path.join(dir, `${name}.crt`),
      '-days', '2', '-subj', `/CN=${cn}`, '-addext', ext,
    ], { stdio: 'pipe' });
    return { cert: fs.readFileSync(path.join(dir, `${name}.crt`)), key: fs.readFileSync(path.join(dir, `${name}.key`)) };
  };
  const server = gen('server', 'sip-test-server', 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost');
  const client = gen('client', 'sip-test-client', 'extendedKeyUsage=clientAuth');
  const other = gen('other', 'sip-test-other', 'extendedKeyUsage=clientAuth');
  fs.rmSync(dir, { recursive: true, force: true });
  return { server, client, other };
}

function requestTo(host, port, method, protocol, extra = {}) {
  const params = protocol === 'UDP' ? {} : { transport: protocol.toLowerCase() };
  const uri = sip.sipUri({ scheme: protocol === 'TLS' || protocol === 'WSS' ? 'sips' : 'sip', user: 'b', host, port, params });
  return sip.createRequest({
    method,
    uri,
    from: sip.nameAddr(sip.sipUri({ user: 'a', host }), { tag: sip.newTag() }),
    to: sip.nameAddr(uri),
    callId: sip.newCallId(),
    cseq: 1,
    ...extra,
  });
}

/** Resolves with the final response; rejects on timeout or transport error. */
function finalResponse(tx) {
  return new Promise((resolve, reject) => {
    tx.on('response', (r) => r.status >= 200 && resolve(r));
    tx.on('timeout', () => reject(new Error('timeout')));
    tx.on('transport-error', (e) => reject(e instanceof Error ? e : new Error(String(e))));
  });
}

/** Resolves with how the transaction failed ('timeout' or 'transport-error'); rejects on a response. */
function failure(tx) {
  return new Promise((resolve, reject) => {
    tx.on('response', (r) => r.status >= 200 && reject(new Error(`unexpected ${r.status}`)));
    tx.on('timeout', () => resolve('timeout'));
    tx.on('transport-error', () => resolve('transport-error'));
  });
}

/** The top Via header text as it went over the wire. */
function topViaText(msg) {
  return msg.getAll('via')[0].split(',')[0].trim();
}

describe('sip/stack over IPv6 [::1]', function () {
  this.timeout(8000);
  const stacks = [];
  before(async function () {
    if (!(await canBindV6())) {
      // eslint-disable-next-line no-console
      console.warn('    skipped: ::1 cannot be bound on this machine (IPv6 loopback off)');
      this.skip();
    }
  });
  afterEach(async () => {
    for (const s of stacks.splice(0)) await s.close();
  });

  async function pair(protocol) {
    const a = new sip.SipStack({ transports: [{ protocol, host: '::1', port: 0 }] });
    const b = new sip.SipStack({ transports: [{ protocol, host: '::1', port: 0 }], userAgent: 'test-b' });
    stacks.push(a, b);
    await a.start();
    await b.start();
    return { a, b };
  }

  for (const protocol of ['UDP', 'TCP']) {
    it(`${protocol}: MESSAGE both ways, bracketed Via, received/rport stamped, responses routed back`, async () => {
      const { a, b } = await pair(protocol);
      const aPort = a.localAddress(protocol).port;
      const bPort = b.localAddress(protocol).port;
      assert.equal(a.localAddress(protocol).host, '::1');
      let got;
      let gotSource;
      b.on('request', (req, tx, source) => {
        got = req;
        gotSource = source;
        tx.respond(sip.createResponse(req, 200, { toTag: 'bb' }));
      });
      const req = requestTo('::1', bPort, 'MESSAGE', protocol, { body: 'hello v6', contentType: 'text/plain' });
      assert.match(sip.formatUri(req.uri), /^sip:b@\[::1\]:\d+/);
      const res = await finalResponse(a.sendRequest(req));
      assert.equal(res.status, 200);
      assert.equal(res.toTag, 'bb');
      assert.equal(got.bodyText, 'hello v6');
      // The sender's Via: IPv6 host in brackets with its port (RFC 3261 §25.1, RFC 5118 §4.4).
      assert.match(topViaText(got), new RegExp(`^SIP/2\\.0/${protocol} \\[::1\\]:${aPort};`));
      assert.equal(got.topVia.host, '::1');
      assert.equal(got.topVia.port, aPort);
      // RFC 3581 §4: received always added with rport, rport = source port of the request.
      assert.equal(got.topVia.params.get('received'), '::1');
      assert.equal(got.topVia.params.get('rport'), String(gotSource.remote.port));
      assert.equal(gotSource.remote.host, '::1');
      if (protocol === 'UDP') assert.equal(gotSource.remote.port, aPort);
      // The response carries the stamped Via back, and a learns its address from it.
      assert.equal(res.topVia.params.get('received'), '::1');
      assert.equal(res.topVia.params.get('rport'), String(gotSource.remote.port));
      // A Contact built on [::1] is bracketed.
      const contact = sip.formatNameAddr(a.contact('a', protocol));
      assert.match(contact, /^<sip:a@\[::1\]:\d+/);

      // And the other way: b asks a.
      a.on('request', (r, tx) => tx.respond(sip.createResponse(r, 202, { toTag: 'aa' })));
      const back = await finalResponse(b.sendRequest(requestTo('::1', aPort, 'MESSAGE', protocol, { body: 'back', contentType: 'text/plain' })));
      assert.equal(back.status, 202);
    });

    it(`${protocol}: OPTIONS without a TU answered 200 with Allow over [::1]`, async () => {
      const { a, b } = await pair(protocol);
      const res = await finalResponse(a.sendRequest(requestTo('::1', b.localAddress(protocol).port, 'OPTIONS', protocol)));
      assert.equal(res.status, 200);
      assert.match(res.get('allow'), /MESSAGE/);
      assert.equal(res.get('server'), 'test-b');
    });
  }

  it('UDP: the Request-URI [::1]:port is the destination when none is given (resolver on an IPv6 literal)', async () => {
    const { a, b } = await pair('UDP');
    const uri = sip.parseUri(`sip:b@[::1]:${b.localAddress('UDP').port}`);
    const dest = a.target(requestTo('::1', b.localAddress('UDP').port, 'OPTIONS', 'UDP'));
    assert.deepEqual({ host: dest.host, port: dest.port, transport: dest.transport }, { host: '::1', port: uri.port, transport: 'UDP' });
    const res = await finalResponse(a.sendRequest(requestTo('::1', uri.port, 'OPTIONS', 'UDP')));
    assert.equal(res.status, 200);
  });

  it('UDP: a received=[::1] in brackets (RFC 5118 §4.5) is learnt as the address ::1, no false public-address', async () => {
    const dgram = require('node:dgram');
    const peer = dgram.createSocket('udp6');
    await new Promise((resolve) => peer.bind(0, '::1', resolve));
    // A peer that writes the IPv6 received value as an IPv6reference, as some stacks do.
    peer.on('message', (data, rinfo) => {
      const req = sip.parseMessage(data, { datagram: true });
      const res = sip.createResponse(req, 200, { toTag: 'p' });
      res.set('Via', `${topViaText(req).replace(/;rport$/, '')};received=[::1];rport=${rinfo.port}`);
      peer.send(sip.serialize(res), rinfo.port, rinfo.address);
    });
    const a = new sip.SipStack({ transports: [{ protocol: 'UDP', host: '::1', port: 0 }] });
    stacks.push(a);
    await a.start();
    let moved;
    a.on('public-address', (p, ep) => (moved = ep));
    try {
      const res = await finalResponse(a.sendRequest(requestTo('::1', peer.address().port, 'OPTIONS', 'UDP')));
      assert.equal(res.status, 200);
      assert.deepEqual(a.publicAddress('UDP'), a.localAddress('UDP'));
      assert.equal(moved, undefined);
      assert.match(sip.formatNameAddr(a.contact('a', 'UDP', true)), /^<sip:a@\[::1\]:\d+>$/);
    } finally {
      peer.close();
    }
  });

  it('TLS: OPTIONS between two stacks on [::1], the certificate verified against its IP', async () => {
    const { server } = makeCerts();
    const a = new sip.SipStack({ transports: [{ protocol: 'TLS', host: '::1', port: 0, tls: { ca: server.cert } }] });
    const b = new sip.SipStack({ transports: [{ protocol: 'TLS', host: '::1', port: 0, tls: { cert: server.cert, key: server.key } }] });
    stacks.push(a, b);
    await a.start();
    await b.start();
    const res = await finalResponse(a.sendRequest(requestTo('::1', b.localAddress('TLS').port, 'OPTIONS', 'TLS')));
    assert.equal(res.status, 200);
    assert.match(topViaText(res), /^SIP\/2\.0\/TLS \[::1\]:\d+;/);
  });

  it('WSS: MESSAGE between two stacks on [::1] (wss://[::1]:port, certificate verified with `ca`)', async () => {
    const { server } = makeCerts();
    const a = new sip.SipStack({ transports: [{ protocol: 'WSS', host: '::1', port: 0, listen: false, tls: { ca: server.cert } }] });
    const b = new sip.SipStack({ transports: [{ protocol: 'WSS', host: '::1', port: 0, tls: { cert: server.cert, key: server.key } }] });
    stacks.push(a, b);
    await a.start();
    await b.start();
    let got;
    b.on('request', (req, tx, source) => {
      got = { req, source };
      tx.respond(sip.createResponse(req, 200, { toTag: 'w6' }));
    });
    const req = requestTo('::1', b.localAddress('WSS').port, 'MESSAGE', 'WSS', { body: 'wss v6', contentType: 'text/plain' });
    const res = await finalResponse(a.sendRequest(req));
    assert.equal(res.status, 200);
    assert.equal(got.req.bodyText, 'wss v6');
    assert.equal(got.source.remote.host, '::1');
    assert.equal(got.req.topVia.params.get('received'), '::1');
  });
});

describe('sip/stack over secure WebSocket to a ws server', function () {
  this.timeout(8000);
  let certs;
  let server;
  let wss;
  let port;
  let received;
  let stacks;
  before(() => {
    certs = makeCerts();
  });
  beforeEach(async () => {
    stacks = [];
    received = [];
    server = https.createServer({ cert: certs.server.cert, key: certs.server.key });
    wss = new WebSocketServer({ server, handleProtocols: (ps) => (ps.has('sip') ? 'sip' : false) });
    // A minimal RFC 7118 UAS: each WebSocket message is one SIP request, answered 200 on the
    // same connection.
    wss.on('connection', (ws) => {
      ws.on('message', (data) => {
        const req = sip.parseMessage(Buffer.from(data), { datagram: true });
        received.push({ req, protocol: ws.protocol });
        ws.send(sip.serialize(sip.createResponse(req, 200, { toTag: 'ws' })).toString('utf8'));
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = server.address().port;
  });
  afterEach(async () => {
    for (const s of stacks) await s.close();
    for (const c of wss.clients) c.terminate();
    await new Promise((resolve) => wss.close(resolve));
    await new Promise((resolve) => server.close(resolve));
  });

  async function client(tlsOpts) {
    const s = new sip.SipStack({ transports: [{ protocol: 'WSS', host: '127.0.0.1', port: 0, listen: false, tls: tlsOpts }] });
    stacks.push(s);
    await s.start();
    return s;
  }

  it('OPTIONS and MESSAGE over wss with the self-signed certificate trusted through `ca`', async () => {
    const a = await client({ ca: certs.server.cert });
    const res = await finalResponse(a.sendRequest(requestTo('127.0.0.1', port, 'OPTIONS', 'WSS')));
    assert.equal(res.status, 200);
    assert.equal(res.toTag, 'ws');
    const res2 = await finalResponse(a.sendRequest(requestTo('127.0.0.1', port, 'MESSAGE', 'WSS', { body: 'over wss', contentType: 'text/plain' })));
    assert.equal(res2.status, 200);
    assert.equal(received.length, 2);
    assert.equal(received[0].protocol, 'sip');
    assert.equal(received[0].req.method, 'OPTIONS');
    assert.match(topViaText(received[0].req), /^SIP\/2\.0\/WSS /);
    assert.equal(received[1].req.bodyText, 'over wss');
    // One connection reused for both requests.
    assert.equal(wss.clients.size, 1);
  });

  it('refuses the self-signed certificate without `ca` (verification on by default)', async () => {
    const a = await client({});
    const how = await failure(a.sendRequest(requestTo('127.0.0.1', port, 'OPTIONS', 'WSS')));
    assert.equal(how, 'transport-error');
    assert.equal(received.length, 0);
  });

  it('refuses a certificate signed by another CA than the one given in `ca`', async () => {
    const a = await client({ ca: certs.other.cert });
    const how = await failure(a.sendRequest(requestTo('127.0.0.1', port, 'OPTIONS', 'WSS')));
    assert.equal(how, 'transport-error');
    assert.equal(received.length, 0);
  });

  it('a server that does not accept the sip subprotocol is refused', async () => {
    const plainServer = https.createServer({ cert: certs.server.cert, key: certs.server.key });
    const plain = new WebSocketServer({ server: plainServer, handleProtocols: () => false });
    await new Promise((resolve) => plainServer.listen(0, '127.0.0.1', resolve));
    try {
      const a = await client({ ca: certs.server.cert });
      const how = await failure(a.sendRequest(requestTo('127.0.0.1', plainServer.address().port, 'OPTIONS', 'WSS')));
      assert.equal(how, 'transport-error');
    } finally {
      for (const c of plain.clients) c.terminate();
      await new Promise((resolve) => plain.close(resolve));
      await new Promise((resolve) => plainServer.close(resolve));
    }
  });
});

describe('sip/stack over TLS to a server requiring a client certificate', function () {
  this.timeout(8000);
  let certs;
  let server;
  let port;
  let peers;
  let received;
  let stacks;
  before(() => {
    certs = makeCerts();
  });
  beforeEach(async () => {
    stacks = [];
    peers = [];
    received = [];
    server = tls.createServer({
      cert: certs.server.cert,
      key: certs.server.key,
      ca: certs.client.cert,
      requestCert: true,
      rejectUnauthorized: true,
    });
    server.on('tlsClientError', () => undefined);
    // A minimal UAS: frames the stream, answers each request 200 on the connection.
    server.on('secureConnection', (socket) => {
      peers.push({ authorized: socket.authorized, cn: socket.getPeerCertificate().subject?.CN });
      const framer = new sip.StreamFramer(65535);
      socket.on('error', () => undefined);
      socket.on('data', (chunk) => {
        for (const ev of framer.push(chunk)) {
          if (ev.type !== 'message') continue;
          const req = sip.parseMessage(ev.data, {});
          received.push(req);
          socket.write(sip.serialize(sip.createResponse(req, 200, { toTag: 'tls' })));
        }
      });
    });
    for (const host of ['127.0.0.1']) await new Promise((resolve) => server.listen(0, host, resolve));
    port = server.address().port;
  });
  afterEach(async () => {
    for (const s of stacks) await s.close();
    await new Promise((resolve) => server.close(resolve));
  });

  async function client(tlsOpts) {
    // Short timers: a refused client learns it from the closed connection or Timer F.
    const s = new sip.SipStack({ transports: [{ protocol: 'TLS', host: '127.0.0.1', port: 0, tls: tlsOpts }], timers: { T1: 20 } });
    stacks.push(s);
    await s.start();
    return s;
  }

  it('accepted with the client certificate: OPTIONS answered, the server saw the certificate', async () => {
    const a = await client({ ca: certs.server.cert, clientCert: certs.client.cert, clientKey: certs.client.key });
    const res = await finalResponse(a.sendRequest(requestTo('127.0.0.1', port, 'OPTIONS', 'TLS')));
    assert.equal(res.status, 200);
    assert.equal(res.toTag, 'tls');
    assert.deepEqual(peers, [{ authorized: true, cn: 'sip-test-client' }]);
    assert.equal(received.length, 1);
    assert.match(topViaText(received[0]), /^SIP\/2\.0\/TLS 127\.0\.0\.1:\d+;/);
  });

  it('refused without a client certificate: nothing reaches the server, the transaction fails', async () => {
    const a = await client({ ca: certs.server.cert });
    const closed = waitFor(a, 'flow-closed', 5000);
    const how = await failure(a.sendRequest(requestTo('127.0.0.1', port, 'OPTIONS', 'TLS')));
    assert.ok(how === 'transport-error' || how === 'timeout', how);
    await closed;
    assert.equal(received.length, 0);
  });

  it('refused with a client certificate the server does not trust', async () => {
    const a = await client({ ca: certs.server.cert, clientCert: certs.other.cert, clientKey: certs.other.key });
    const how = await failure(a.sendRequest(requestTo('127.0.0.1', port, 'OPTIONS', 'TLS')));
    assert.ok(how === 'transport-error' || how === 'timeout', how);
    assert.equal(received.length, 0);
  });
});

'use strict';
/**
 * A loopback HTTP server on 127.0.0.1, port 0. `handler(req, body, res)` answers; every request
 * is recorded as {method, url, path, query, headers, body} so tests can check what was sent.
 */
const http = require('node:http');

async function startServer(handler) {
  const requests = [];
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const u = new URL(req.url, 'http://127.0.0.1');
      const rec = {
        method: req.method,
        url: req.url,
        path: u.pathname,
        query: Object.fromEntries(u.searchParams),
        searchParams: u.searchParams,
        headers: req.headers,
        body: body.toString('utf8'),
      };
      requests.push(rec);
      server.emit('recorded', rec);
      Promise.resolve()
        .then(() => handler(rec, res))
        .catch((err) => { res.statusCode = 599; res.end(String(err)); });
    });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    nextRequest: () => new Promise((resolve) => server.once('recorded', resolve)),
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** A port that nothing listens on: bind, read the port, close. */
async function closedPort() {
  const s = http.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const p = s.address().port;
  await new Promise((r) => s.close(r));
  return p;
}

module.exports = { startServer, closedPort };

'use strict';
// An in-memory stand-in for the transport + transaction layers (the SignallingPort the user agent
// talks to), so the dialog and call state machines can be driven under fake timers. It delivers
// requests and responses asynchronously (a microtask later), answers CANCEL itself as a
// transaction layer would, and lets a test script a peer by hand (`net.raw(hostPort)`).

function splitList(v) {
  const out = [];
  let depth = 0; let q = false; let cur = '';
  for (const ch of v) {
    if (ch === '"') q = !q;
    if (!q && ch === '<') depth++;
    if (!q && ch === '>') depth--;
    if (!q && depth === 0 && ch === ',') { out.push(cur.trim()); cur = ''; continue; }
    cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
const LIST = new Set(['route', 'record-route', 'via', 'contact', 'allow', 'supported', 'require', 'reason', 'accept']);

function view(headers, body, extra) {
  const m = {
    _h: headers,
    body: body || '',
    header(name) { const n = name.toLowerCase(); const f = headers.find(([k]) => k.toLowerCase() === n); return f ? (LIST.has(n) ? splitList(f[1])[0] : f[1]) : undefined; },
    headers(name) {
      const n = name.toLowerCase();
      const vals = headers.filter(([k]) => k.toLowerCase() === n).map(([, v]) => v);
      return LIST.has(n) ? vals.flatMap(splitList) : vals;
    },
  };
  return Object.assign(m, extra);
}

function hostPortOf(uri) {
  const m = /^<?sips?:(?:[^@]*@)?([^;>?]+)/i.exec(uri.trim());
  return m ? m[1] : '';
}

class MemoryNet {
  constructor() { this.nodes = new Map(); this.next = 1; this.log = []; this.drop = null; }
  port() {
    const hp = `127.0.0.1:${40000 + this.next++}`;
    const net = this;
    const node = {
      localHostPort: hp,
      reliable: false,
      handler: null,
      contactUri(user) { return `sip:${user}@${hp}`; },
      onRequest(h) { this.handler = h; },
      request(req, cb) { return net.sendRequest(hp, req, cb); },
      sendAck(req) { net.sendRequest(hp, req, { onFinal() {}, onTimeout() {} }); },
      async close() { net.nodes.delete(hp); },
    };
    this.nodes.set(hp, node);
    return node;
  }
  /** A scripted peer: collects requests; the test answers with tx.respond(). */
  raw() {
    const p = this.port();
    p.received = [];
    p.onRequest((req, tx) => { p.received.push({ req, tx }); if (p.onReq) p.onReq(req, tx); });
    return p;
  }
  destination(req) {
    const route = req.headers.find(([k]) => k.toLowerCase() === 'route');
    return hostPortOf(route ? splitList(route[1])[0] : req.uri);
  }
  sendRequest(fromHp, req, cb) {
    const to = this.destination(req);
    const target = this.nodes.get(to);
    this.log.push(`${fromHp} -> ${to} ${req.method}`);
    let finalSent = false;
    let cancelCbs = [];
    let cancelled = false;
    const respHeaders = (status, headers) => {
      const h = [];
      const copy = ['From', 'To', 'Call-ID', 'CSeq'];
      for (const name of copy) {
        const over = (headers || []).find(([k]) => k.toLowerCase() === name.toLowerCase());
        if (over) h.push(over);
        else { const f = req.headers.find(([k]) => k.toLowerCase() === name.toLowerCase()); if (f) h.push(f); }
      }
      // A UAS copies Record-Route into its responses (RFC 3261 §12.1.1).
      for (const rr of req.headers.filter(([k]) => k.toLowerCase() === 'record-route')) h.push(rr);
      for (const [k, v] of headers || []) if (!copy.some((c) => c.toLowerCase() === k.toLowerCase())) h.push([k, v]);
      return h;
    };
    const tx = {
      respond: (status, reason, headers, body) => {
        if (req.method === 'ACK') return;
        const isFinal = status >= 200;
        // The INVITE server transaction passes 2xx retransmissions from the core (§17.2.1).
        if (finalSent && !(req.method === 'INVITE' && status < 300)) return;
        if (isFinal) finalSent = true;
        const res = view(respHeaders(status, headers), body, { status, reason: reason || '' });
        this.log.push(`${to} -> ${fromHp} ${status} (${req.method} ${(req.headers.find(([k]) => k === "CSeq") || [])[1]})`);
        if (this.drop && this.drop(res, req)) return;
        queueMicrotask(() => {
          if (isFinal) cb.onFinal(res); else if (cb.onProvisional) cb.onProvisional(res);
        });
      },
      onCancel: (f) => { cancelCbs.push(f); if (cancelled) f(); },
    };
    const msg = view(req.headers, req.body, { method: req.method, uri: req.uri });
    if (this.drop && this.drop(msg, req)) return { cancel() {} };
    queueMicrotask(() => {
      if (!target || !target.handler) { if (req.method !== 'ACK') cb.onTimeout('transport'); return; }
      target.handler(msg, tx);
    });
    return {
      cancel: () => {
        this.log.push(`${fromHp} -> ${to} CANCEL`);
        queueMicrotask(() => {
          cancelled = true;
          if (!finalSent) for (const f of cancelCbs) f();
        });
      },
    };
  }
}

module.exports = { MemoryNet, view };

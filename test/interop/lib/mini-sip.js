'use strict';
// A deliberately minimal SIP endpoint over UDP for media-only interop tests: enough INVITE /
// 200 / ACK / BYE to get a peer to exchange RTP with a MediaSession. It is not the product's SIP
// stack (that lives on another branch); no retransmission timers, no authentication, no forking.
const dgram = require('node:dgram');
const crypto = require('node:crypto');
const { EventEmitter } = require('node:events');

function parse(text) {
  const [head, ...rest] = text.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  const lines = head.split('\r\n');
  const first = lines.shift();
  const headers = [];
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0) headers.push([l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim()]);
  }
  const get = (n) => headers.find(([k]) => k === n || (n === 'via' && k === 'v') || (n === 'call-id' && k === 'i') || (n === 'from' && k === 'f') || (n === 'to' && k === 't') || (n === 'contact' && k === 'm'))?.[1];
  const all = (n) => headers.filter(([k]) => k === n || (n === 'via' && k === 'v')).map(([, v]) => v);
  const m = /^SIP\/2\.0 (\d{3})/.exec(first);
  if (m) return { status: Number(m[1]), first, get, all, body };
  const [method, uri] = first.split(' ');
  return { method, uri, first, get, all, body };
}

const rand = () => crypto.randomBytes(6).toString('hex');

class MiniSip extends EventEmitter {
  /** `media()` is called per incoming INVITE and must return a MediaSession (UAS side). */
  constructor({ port, address = '127.0.0.1', media }) {
    super();
    this.address = address;
    this.port = port;
    this.media = media;
    this.sock = dgram.createSocket('udp4');
    this.calls = new Map();
    this.sock.on('message', (buf, rinfo) => this.onMessage(parse(buf.toString('utf8')), rinfo).catch((e) => this.emit('error', e)));
  }

  listen() {
    return new Promise((r) => this.sock.bind(this.port, this.address, r));
  }

  close() {
    return new Promise((r) => this.sock.close(r));
  }

  send(text, port, address = '127.0.0.1') {
    this.sock.send(Buffer.from(text), port, address);
  }

  response(req, status, reason, { toTag, body, contentType } = {}) {
    const to = req.get('to') + (toTag && !/;tag=/.test(req.get('to')) ? `;tag=${toTag}` : '');
    const lines = [`SIP/2.0 ${status} ${reason}`, ...req.all('via').map((v) => `Via: ${v}`), `From: ${req.get('from')}`, `To: ${to}`,
      `Call-ID: ${req.get('call-id')}`, `CSeq: ${req.get('cseq')}`, `Contact: <sip:media@${this.address}:${this.port}>`];
    if (body) lines.push(`Content-Type: ${contentType ?? 'application/sdp'}`);
    lines.push(`Content-Length: ${Buffer.byteLength(body ?? '')}`, '', body ?? '');
    return lines.join('\r\n');
  }

  async onMessage(msg, rinfo) {
    if (msg.status !== undefined) return this.emit('response', msg, rinfo);
    const callId = msg.get('call-id');
    if (msg.method === 'INVITE') {
      let call = this.calls.get(callId);
      if (!call) {
        call = { toTag: rand(), session: await this.media(), remote: rinfo };
        this.calls.set(callId, call);
        this.send(this.response(msg, 100, 'Trying'), rinfo.port, rinfo.address);
        try {
          call.answer = call.session.createAnswer(msg.body);
        } catch (err) {
          this.send(this.response(msg, err.sipStatus ?? 500, 'Not Acceptable Here', { toTag: call.toTag }), rinfo.port, rinfo.address);
          return;
        }
        this.emit('call', call);
      }
      this.send(this.response(msg, 200, 'OK', { toTag: call.toTag, body: call.answer }), rinfo.port, rinfo.address);
    } else if (msg.method === 'ACK') {
      this.emit('ack', this.calls.get(callId));
    } else if (msg.method === 'BYE') {
      const call = this.calls.get(callId);
      this.send(this.response(msg, 200, 'OK'), rinfo.port, rinfo.address);
      if (call) {
        this.calls.delete(callId);
        this.emit('bye', call);
      }
    } else if (msg.method !== 'ACK') {
      this.send(this.response(msg, 200, 'OK'), rinfo.port, rinfo.address);
    }
  }

  /** UAC: INVITE `target` (host:port) with `session`'s offer; resolves with the dialog when answered. */
  async invite(target, session, user = 'peer') {
    const [host, port] = target.split(':');
    const callId = `${rand()}@${this.address}`;
    const fromTag = rand();
    const branch = `z9hG4bK${rand()}`;
    const uri = `sip:${user}@${host}:${port}`;
    const offer = session.createOffer();
    const req = (method, cseq, br, toHdr, body) => [`${method} ${uri} SIP/2.0`, `Via: SIP/2.0/UDP ${this.address}:${this.port};branch=${br};rport`,
      'Max-Forwards: 70', `From: <sip:media@${this.address}:${this.port}>;tag=${fromTag}`, `To: ${toHdr}`, `Call-ID: ${callId}`,
      `CSeq: ${cseq} ${method}`, `Contact: <sip:media@${this.address}:${this.port}>`,
      ...(body ? ['Content-Type: application/sdp'] : []), `Content-Length: ${Buffer.byteLength(body ?? '')}`, '', body ?? ''].join('\r\n');
    const answered = new Promise((resolve, reject) => {
      const onResp = (msg) => {
        if (msg.get('call-id') !== callId || !/INVITE/.test(msg.get('cseq'))) return;
        if (msg.status >= 200) {
          this.off('response', onResp);
          clearInterval(retrans);
          if (msg.status >= 300) reject(new Error(`INVITE answered ${msg.status}`));
          else resolve(msg);
        }
      };
      this.on('response', onResp);
    });
    const invite = req('INVITE', 1, branch, `<${uri}>`);
    const inviteWithBody = req('INVITE', 1, branch, `<${uri}>`, offer);
    void invite;
    this.send(inviteWithBody, Number(port), host);
    const retrans = setInterval(() => this.send(inviteWithBody, Number(port), host), 500);
    const ok = await answered;
    const to = ok.get('to');
    session.setRemoteAnswer(ok.body);
    this.send(req('ACK', 1, `z9hG4bK${rand()}`, to), Number(port), host);
    return {
      callId,
      bye: async () => {
        const done = new Promise((resolve) => {
          const onResp = (msg) => {
            if (msg.get('call-id') === callId && /BYE/.test(msg.get('cseq'))) {
              this.off('response', onResp);
              resolve(msg.status);
            }
          };
          this.on('response', onResp);
          setTimeout(() => { this.off('response', onResp); resolve(0); }, 2000);
        });
        this.send(req('BYE', 2, `z9hG4bK${rand()}`, to), Number(port), host);
        return done;
      },
    };
  }
}

module.exports = { MiniSip, parse };

'use strict';
// Parser throughput: a realistic INVITE with SDP and its 200 OK, parsed from a Buffer, reading
// the top Via branch, From tag, To tag, Call-ID and CSeq after each parse. Side by side with the
// npm packages `sip` (0.0.6) and `jssip` (3.13.8, its lib/Parser with a stub UA) on the same
// bytes. Target: at least twice the messages per second of the fastest of them.
const sip = require('../dist/core/sip');
const npmSip = require('sip');
const jssipParser = require('jssip/lib/Parser');

const SDP = [
  'v=0', 'o=- 3912340567 3912340567 IN IP4 127.0.0.1', 's=pjmedia', 'b=AS:84', 't=0 0', 'a=X-nat:0',
  'm=audio 40000 RTP/AVP 8 0 101', 'c=IN IP4 127.0.0.1', 'b=TIAS:64000', 'a=rtcp:40001 IN IP4 127.0.0.1',
  'a=sendrecv', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16',
  'a=ssrc:1487618434 cname:3a1b6c2d4e5f6a7b', '',
].join('\r\n');

const INVITE = Buffer.from([
  'INVITE sip:1002@127.0.0.1:5060;transport=udp SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:5070;rport;branch=z9hG4bKPjd7a8d64e-8f6c-4e0b-bb21-5e6a8a1f1c2d',
  'Via: SIP/2.0/UDP 127.0.0.1:5080;received=127.0.0.1;rport=5080;branch=z9hG4bK.9f8e7d6c5b',
  'Record-Route: <sip:127.0.0.1:5070;lr;ftag=a8a1c2d3e4f5>',
  'Max-Forwards: 69',
  'From: "Alice Smith" <sip:1001@127.0.0.1>;tag=a8a1c2d3e4f5',
  'To: <sip:1002@127.0.0.1>',
  'Contact: "Alice Smith" <sip:1001@127.0.0.1:5080;ob>',
  'Call-ID: 4f8a2b1c-6d3e-4a5b-9c8d-7e6f5a4b3c2d',
  'CSeq: 31415 INVITE',
  'Allow: PRACK, INVITE, ACK, BYE, CANCEL, UPDATE, INFO, SUBSCRIBE, NOTIFY, REFER, MESSAGE, OPTIONS',
  'Supported: replaces, 100rel, timer, norefersub',
  'Session-Expires: 1800',
  'Min-SE: 90',
  'User-Agent: PJSUA v2.14 Linux-6.1/x86_64/glibc-2.36',
  'P-Asserted-Identity: "Alice Smith" <sip:1001@127.0.0.1>',
  'Content-Type: application/sdp',
  `Content-Length: ${Buffer.byteLength(SDP)}`,
  '',
  SDP,
].join('\r\n'));

const OK = Buffer.from([
  'SIP/2.0 200 OK',
  'Via: SIP/2.0/UDP 127.0.0.1:5070;rport=5070;received=127.0.0.1;branch=z9hG4bKPjd7a8d64e-8f6c-4e0b-bb21-5e6a8a1f1c2d',
  'Via: SIP/2.0/UDP 127.0.0.1:5080;received=127.0.0.1;rport=5080;branch=z9hG4bK.9f8e7d6c5b',
  'Record-Route: <sip:127.0.0.1:5070;lr;ftag=a8a1c2d3e4f5>',
  'Call-ID: 4f8a2b1c-6d3e-4a5b-9c8d-7e6f5a4b3c2d',
  'From: "Alice Smith" <sip:1001@127.0.0.1>;tag=a8a1c2d3e4f5',
  'To: <sip:1002@127.0.0.1>;tag=b9c8d7e6f5a4',
  'CSeq: 31415 INVITE',
  'Contact: <sip:1002@127.0.0.1:5060>',
  'Allow: PRACK, INVITE, ACK, BYE, CANCEL, UPDATE, INFO, SUBSCRIBE, NOTIFY, REFER, MESSAGE, OPTIONS',
  'Supported: replaces, 100rel, timer, norefersub',
  'Session-Expires: 1800;refresher=uac',
  'Require: timer',
  'Server: Asterisk PBX 20.5.0',
  'Content-Type: application/sdp',
  `Content-Length: ${Buffer.byteLength(SDP)}`,
  '',
  SDP,
].join('\r\n'));

let sink = 0;
const use = (...v) => {
  for (const x of v) sink += typeof x === 'string' ? x.length : Number(x) || 0;
};

const parsers = {
  'this package': (buf) => {
    const m = sip.parseMessage(buf, { datagram: true });
    use(m.branch, m.fromTag, m.toTag ?? '', m.callId, m.cseq.seq);
  },
  'npm sip 0.0.6': (buf) => {
    const m = npmSip.parse(buf);
    use(m.headers.via[0].params.branch, m.headers.from.params.tag, m.headers.to.params.tag ?? '', m.headers['call-id'], m.headers.cseq.seq);
  },
  'jssip 3.13.8': (buf) => {
    const m = jssipParser.parseMessage(buf.toString('utf8'), {});
    use(m.via_branch, m.from_tag, m.to_tag ?? '', m.call_id, m.cseq);
  },
};

// Sanity: every parser reads the same values.
for (const [name, p] of Object.entries(parsers)) {
  const before = sink;
  p(INVITE);
  p(OK);
  if (sink === before) throw new Error(`${name} read nothing`);
}

function measure(fn, ms) {
  let n = 0;
  const end = process.hrtime.bigint() + BigInt(ms) * 1000000n;
  while (process.hrtime.bigint() < end) {
    for (let i = 0; i < 200; i++) {
      fn(INVITE);
      fn(OK);
    }
    n += 400;
  }
  return (n / ms) * 1000;
}

const ROUNDS = 5;
const results = {};
for (const name of Object.keys(parsers)) measure(parsers[name], 300); // warm up
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, fn] of Object.entries(parsers)) {
    if (global.gc) global.gc();
    const rate = measure(fn, 1500);
    results[name] = Math.max(results[name] ?? 0, rate);
  }
}
process.stdout.write(`SIP parser throughput (INVITE with SDP + 200 OK, ${INVITE.length}+${OK.length} bytes; read branch, tags, Call-ID, CSeq); best of ${ROUNDS}:\n`);
for (const [name, rate] of Object.entries(results)) process.stdout.write(`  ${name.padEnd(16)} ${Math.round(rate).toLocaleString('en-US').padStart(12)} msgs/s\n`);
const ref = Math.max(results['npm sip 0.0.6'], results['jssip 3.13.8']);
const ratio = results['this package'] / ref;
process.stdout.write(`  ratio to the fastest reference: ${ratio.toFixed(2)}x (target >= 2.00x)\n`);
if (sink === 0) process.stdout.write('');

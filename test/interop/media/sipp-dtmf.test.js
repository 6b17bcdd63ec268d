'use strict';
// SIPp plays its RFC 2833 captures (/usr/share/sip-tester/dtmf_2833_*.pcap) at a MediaSession
// answered by a test-local minimal UAS; each capture must arrive as exactly one digit.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { MediaEngine } = require('../../../dist/core/media');
const { MiniSip } = require('../lib/mini-sip');
const { requirePeer, run, waitUntil } = require('../lib/peers');

const PCAP_DIR = '/usr/share/sip-tester';
const UAS_PORT = 5300;
const SIPP_PORT = 5301;
const SIPP_MEDIA_PORT = 22900;
const DIGITS = [['1', 'dtmf_2833_1.pcap'], ['5', 'dtmf_2833_5.pcap'], ['#', 'dtmf_2833_pound.pcap'], ['*', 'dtmf_2833_star.pcap'], ['0', 'dtmf_2833_0.pcap'], ['9', 'dtmf_2833_9.pcap']];

function scenario(pcaps) {
  const plays = pcaps.map((p) => `  <nop><action><exec play_pcap_audio="${p}"/></action></nop>\n  <pause milliseconds="600"/>`).join('\n');
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="rfc2833 digits from pcaps">
  <send retrans="500">
    <![CDATA[
      INVITE sip:media@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:media@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: sip:sipp@[local_ip]:[local_port]
      Max-Forwards: 70
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=sipp 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-15
    ]]>
  </send>
  <recv response="100" optional="true"/>
  <recv response="200" rtd="true"/>
  <send>
    <![CDATA[
      ACK sip:media@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:media@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
${plays}
  <send retrans="500">
    <![CDATA[
      BYE sip:media@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:media@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 2 BYE
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <recv response="200"/>
</scenario>
`;
}

describe('interop/media: SIPp RFC 2833 captures arrive as digits', function () {
  let dir;
  let engine;
  let uas;
  before(function () {
    requirePeer(this, 'sipp', ['-v']);
    for (const [, f] of DIGITS) if (!fs.existsSync(path.join(PCAP_DIR, f))) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipp-dtmf-'));
  });
  after(async () => {
    if (uas) await uas.close();
    if (engine) await engine.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports 1 5 # * 0 9, each once, with the capture\'s duration', async function () {
    this.timeout(30000);
    engine = new MediaEngine({ localAddress: '127.0.0.1', portMin: 22800, portMax: 22899 });
    const digits = [];
    let session;
    uas = new MiniSip({ port: UAS_PORT, media: async () => {
      session = await engine.createSession();
      session.on('dtmf', (d) => digits.push(d));
      return session;
    } });
    await uas.listen();
    const byes = [];
    uas.on('bye', (c) => byes.push(c));
    const xml = path.join(dir, 'uac-dtmf.xml');
    fs.writeFileSync(xml, scenario(DIGITS.map(([, f]) => path.join(PCAP_DIR, f))));
    const sipp = run('sipp', ['-sf', xml, '-i', '127.0.0.1', '-mi', '127.0.0.1', '-p', String(SIPP_PORT), '-mp', String(SIPP_MEDIA_PORT),
      '-m', '1', '-nostdin', '-timeout', '25s', `127.0.0.1:${UAS_PORT}`], { cwd: dir });
    const result = await sipp.exited;
    assert.equal(result.code, 0, `sipp failed: ${sipp.stderr}\n${sipp.stdout.slice(-2000)}`);
    await waitUntil(() => byes.length === 1, 3000, 'BYE');
    assert.deepEqual(digits.map((d) => d.digit), DIGITS.map(([d]) => d));
    for (const d of digits) assert.equal(d.durationMs, 280); // 2240 samples in the captures
    const st = session.stats();
    assert.equal(st.dtmfReceived, DIGITS.length);
    // 10 packets a capture, two of them same-sequence retransmissions of the end packet (dropped as
    // duplicates); each capture jumps the sequence number, which RFC 3550 A.1 treats as a restart.
    assert.ok(st.packetsReceived >= DIGITS.length * 6, `received ${st.packetsReceived}`);
    assert.ok(st.duplicates >= DIGITS.length * 2 - 2, `duplicates ${st.duplicates}`);
  });
});

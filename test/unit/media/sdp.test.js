'use strict';
const assert = require('node:assert/strict');
const sdpTransform = require('sdp-transform');
const sdp = require('../../../dist/core/media/sdp');
const { MediaNegotiationError } = require('../../../dist/core/media/types');

const local = (over = {}) => ({
  address: '127.0.0.1', rtpPort: 22010, rtcpPort: 22011, codecs: ['PCMA', 'PCMU'], telephoneEventPt: 101, ptimeMs: 20,
  direction: 'sendrecv', rtcpMux: true, sessionId: '42', sessionVersion: 3, ...over,
});

const remoteOffer = (lines) => ['v=0', 'o=peer 1 1 IN IP4 127.0.0.1', 's=x', 'c=IN IP4 127.0.0.1', 't=0 0', ...lines, ''].join('\r\n');

describe('media/sdp', () => {
  it('offers the codecs in the configured order with telephone-event, ptime, direction, rtcp and rtcp-mux', () => {
    const text = sdp.buildOffer(local());
    const p = sdpTransform.parse(text);
    assert.equal(p.origin.sessionId, 42);
    assert.equal(p.origin.sessionVersion, 3);
    assert.equal(p.connection.ip, '127.0.0.1');
    const m = p.media[0];
    assert.equal(m.type, 'audio');
    assert.equal(m.port, 22010);
    assert.equal(m.protocol, 'RTP/AVP');
    assert.equal(m.payloads, '8 0 101');
    assert.deepEqual(m.rtp.map((r) => `${r.payload} ${r.codec}/${r.rate}`), ['8 PCMA/8000', '0 PCMU/8000', '101 telephone-event/8000']);
    assert.deepEqual(m.fmtp, [{ payload: 101, config: '0-16' }]);
    assert.equal(m.ptime, 20);
    assert.equal(m.direction, 'sendrecv');
    assert.equal(m.rtcpMux, 'rtcp-mux');
    assert.match(text, /\r\n/);
  });

  it('writes a=rtcp with the odd port when rtcp-mux is off', () => {
    const m = sdpTransform.parse(sdp.buildOffer(local({ rtcpMux: false, direction: 'sendonly' }))).media[0];
    assert.equal(m.rtcp.port, 22011);
    assert.equal(m.rtcpMux, undefined);
    assert.equal(m.direction, 'sendonly');
  });

  it('answers with the first offered codec we support, the offer\'s telephone-event PT, and port 0 for video', () => {
    const offer = remoteOffer([
      'm=audio 40000 RTP/AVP 18 0 8 96', 'a=rtpmap:96 telephone-event/8000', 'a=fmtp:96 0-15', 'a=ptime:30',
      'm=video 40002 RTP/AVP 97', 'a=rtpmap:97 H264/90000',
    ]);
    const { sdp: answer, negotiated } = sdp.answerOffer(offer, local());
    assert.equal(negotiated.codec, 'PCMU');
    assert.equal(negotiated.payloadType, 0);
    assert.equal(negotiated.telephoneEventPt, 96);
    assert.equal(negotiated.sendPtimeMs, 30);
    assert.equal(negotiated.remote.port, 40000);
    assert.equal(negotiated.remote.rtcpPort, 40001);
    assert.equal(negotiated.remote.rtcpMux, false);
    const p = sdpTransform.parse(answer);
    assert.equal(p.media.length, 2);
    assert.equal(p.media[0].payloads, '0 96');
    assert.equal(p.media[0].rtcpMux, undefined, 'no rtcp-mux unless offered');
    assert.equal(p.media[1].type, 'video');
    assert.equal(p.media[1].port, 0);
    assert.equal(String(p.media[1].payloads), '97');
  });

  it('understands dynamic payload types for G.711 and static ones without rtpmap', () => {
    const offer = remoteOffer(['m=audio 40000 RTP/AVP 112 8', 'a=rtpmap:112 pcmu/8000']);
    const { negotiated } = sdp.answerOffer(offer, local());
    assert.equal(negotiated.codec, 'PCMU');
    assert.equal(negotiated.payloadType, 112);
    assert.equal(negotiated.telephoneEventPt, undefined);
  });

  it('refuses with 488 when nothing matches, and also SRTP-only audio', () => {
    for (const lines of [
      ['m=audio 40000 RTP/AVP 18 9', 'a=rtpmap:18 G729/8000', 'a=rtpmap:9 G722/8000'],
      ['m=audio 40000 RTP/SAVP 0'],
      ['m=audio 0 RTP/AVP 0'],
      ['m=video 40000 RTP/AVP 96', 'a=rtpmap:96 VP8/90000'],
    ]) {
      assert.throws(() => sdp.answerOffer(remoteOffer(lines), local()), (err) => err instanceof MediaNegotiationError && err.sipStatus === 488);
    }
    assert.throws(() => sdp.answerOffer('garbage', local()), (err) => err instanceof MediaNegotiationError);
  });

  it('turns an offered hold into the matching answer direction (RFC 3264 §6.1)', () => {
    const cases = [['sendonly', 'recvonly'], ['recvonly', 'sendonly'], ['inactive', 'inactive'], ['sendrecv', 'sendrecv']];
    for (const [offered, expected] of cases) {
      const { sdp: answer, negotiated } = sdp.answerOffer(remoteOffer(['m=audio 40000 RTP/AVP 0', `a=${offered}`]), local());
      assert.equal(negotiated.direction, expected, offered);
      assert.equal(negotiated.remote.direction, offered);
      assert.equal(sdpTransform.parse(answer).media[0].direction, expected);
    }
    // Our own hold while they offer sendrecv: we answer sendonly.
    const { negotiated } = sdp.answerOffer(remoteOffer(['m=audio 40000 RTP/AVP 0']), local({ direction: 'sendonly' }));
    assert.equal(negotiated.direction, 'sendonly');
  });

  it('treats c=0.0.0.0 as hold (RFC 2543 style)', () => {
    const offer = ['v=0', 'o=x 1 2 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 0.0.0.0', 't=0 0', 'm=audio 40000 RTP/AVP 0', ''].join('\r\n');
    const { negotiated } = sdp.answerOffer(offer, local());
    assert.equal(negotiated.remote.direction, 'sendonly');
    assert.equal(negotiated.direction, 'recvonly');
  });

  it('reads an answer and keeps rtcp-mux only if both sides have it', () => {
    const answer = remoteOffer(['m=audio 40010 RTP/AVP 8 101', 'a=rtpmap:101 telephone-event/8000', 'a=rtcp-mux', 'a=sendrecv']);
    const n = sdp.readAnswer(answer, local());
    assert.equal(n.codec, 'PCMA');
    assert.equal(n.telephoneEventPt, 101);
    assert.equal(n.remote.rtcpMux, true);
    assert.equal(n.remote.rtcpPort, 40010);
    assert.equal(sdp.readAnswer(answer, local({ rtcpMux: false })).remote.rtcpPort, 40011);
    assert.throws(() => sdp.readAnswer(remoteOffer(['m=audio 0 RTP/AVP 0']), local()), /refused/);
    assert.throws(() => sdp.readAnswer(remoteOffer(['m=audio 4000 RTP/AVP 0']), local({ codecs: ['PCMA'] })), (e) => e.sipStatus === 488);
  });

  it('takes the RTCP address and port from a=rtcp (RFC 3605)', () => {
    const n = sdp.readAnswer(remoteOffer(['m=audio 40010 RTP/AVP 0', 'a=rtcp:40021 IN IP4 127.0.0.2']), local());
    assert.equal(n.remote.rtcpPort, 40021);
    assert.equal(n.remote.rtcpAddress, '127.0.0.2');
  });
});

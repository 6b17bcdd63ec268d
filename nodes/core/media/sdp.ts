/**
 * SDP offer/answer for one G.711 audio stream (RFC 3264, RFC 4566) through `sdp-transform`.
 * Pure functions: building an offer, answering an offer, and reading the far end's description.
 */
import * as sdpTransform from 'sdp-transform';
import type { MediaDescription, SessionDescription } from 'sdp-transform';
import { STATIC_PAYLOAD_TYPE } from './g711';
import { type CodecName, type Direction, MediaNegotiationError, intersectDirection, reverseDirection } from './types';

/** What we put into an offer or answer. */
export interface LocalDescriptionParams {
  address: string;
  rtpPort: number;
  rtcpPort: number;
  codecs: readonly CodecName[];
  /** Dynamic payload type for telephone-event (RFC 4733 §7.1.1); 101 by habit. */
  telephoneEventPt: number;
  ptimeMs: number;
  direction: Direction;
  rtcpMux: boolean;
  sessionId: string;
  sessionVersion: number;
}

/** The far end's audio stream as its SDP describes it. */
export interface RemoteAudio {
  address: string;
  port: number;
  rtcpAddress: string;
  rtcpPort: number;
  rtcpMux: boolean;
  /** Payload types in the order the far end listed them, with what we understood them to be. */
  formats: { pt: number; name: string; rate: number }[];
  telephoneEventPt?: number;
  ptimeMs?: number;
  /** As written by the far end (its own point of view); `c=0.0.0.0` folds into a hold. */
  direction: Direction;
}

export interface Negotiated {
  codec: CodecName;
  payloadType: number;
  telephoneEventPt?: number;
  /** The packet duration we send with: the far end's a=ptime if usable, else ours. */
  sendPtimeMs: number;
  remote: RemoteAudio;
  /** Our effective direction once both wishes are combined. */
  direction: Direction;
}

/** Event codes we announce: 0-15 are the DTMF digits, 16 is flash (RFC 4733 §3.2). */
export const TELEPHONE_EVENT_FMTP = '0-16';

const USABLE_PTIMES = new Set([10, 20, 30, 40, 50, 60]);

function ipVersion(address: string): 4 | 6 {
  return address.includes(':') ? 6 : 4;
}

function directionOf(value: string | undefined): Direction | undefined {
  return value === 'sendrecv' || value === 'sendonly' || value === 'recvonly' || value === 'inactive' ? value : undefined;
}

/** Parses SDP text; anything that is not an SDP with an m= line is a 400-class problem. */
export function parseSdp(text: string): SessionDescription {
  if (typeof text !== 'string' || text.length > 65536) throw new MediaNegotiationError('SDP missing or too large', 400);
  let parsed: SessionDescription;
  try {
    parsed = sdpTransform.parse(text);
  } catch (err) {
    throw new MediaNegotiationError(`unparseable SDP: ${(err as Error).message}`, 400);
  }
  if (!Array.isArray(parsed.media) || parsed.media.length === 0) throw new MediaNegotiationError('SDP has no m= line', 488);
  return parsed;
}

function isRtpAvp(m: MediaDescription): boolean {
  // Plain RTP only: SRTP profiles (RTP/SAVP, UDP/TLS/RTP/SAVPF) are refused with port 0.
  return m.protocol === 'RTP/AVP' || m.protocol === 'RTP/AVPF';
}

/** Reads one audio m= line of the far end. */
export function readRemoteAudio(session: SessionDescription, m: MediaDescription): RemoteAudio {
  const connection = m.connection ?? session.connection;
  if (!connection) throw new MediaNegotiationError('SDP has no c= line for audio', 488);
  const rtpmaps = new Map<number, { name: string; rate: number }>();
  for (const r of m.rtp ?? []) rtpmaps.set(Number(r.payload), { name: r.codec.toUpperCase(), rate: r.rate ?? 8000 });
  const formats: RemoteAudio['formats'] = [];
  let telephoneEventPt: number | undefined;
  for (const token of String(m.payloads ?? '').trim().split(/\s+/)) {
    if (!/^\d{1,3}$/.test(token)) continue;
    const pt = Number(token);
    if (pt > 127) continue;
    let entry = rtpmaps.get(pt);
    // Static payload types need no rtpmap (RFC 3551 §6).
    if (!entry && pt === STATIC_PAYLOAD_TYPE.PCMU) entry = { name: 'PCMU', rate: 8000 };
    if (!entry && pt === STATIC_PAYLOAD_TYPE.PCMA) entry = { name: 'PCMA', rate: 8000 };
    if (!entry) entry = { name: '?', rate: 0 };
    formats.push({ pt, ...entry });
    if (entry.name === 'TELEPHONE-EVENT' && entry.rate === 8000 && telephoneEventPt === undefined) telephoneEventPt = pt;
  }
  let direction = directionOf(m.direction) ?? directionOf(session.direction) ?? 'sendrecv';
  // RFC 3264 §8.4 / RFC 2543 hold: c=0.0.0.0 means "do not send to me".
  if (connection.ip === '0.0.0.0') direction = direction === 'sendrecv' ? 'sendonly' : direction === 'recvonly' ? 'inactive' : direction;
  const rtcpMux = m.rtcpMux === 'rtcp-mux';
  return {
    address: connection.ip,
    port: m.port,
    rtcpAddress: m.rtcp?.address ?? connection.ip,
    // Without rtcp-mux on both sides RTCP goes to a=rtcp (RFC 3605) or RTP + 1.
    rtcpPort: m.rtcp?.port ?? m.port + 1,
    rtcpMux,
    formats,
    telephoneEventPt,
    ptimeMs: m.ptime,
    direction,
  };
}

function audioMedia(p: LocalDescriptionParams, codecs: { name: CodecName; pt: number }[], telephoneEventPt: number | undefined, rtcpMux: boolean): MediaDescription {
  const rtp: MediaDescription['rtp'] = codecs.map((c) => ({ payload: c.pt, codec: c.name, rate: 8000 }));
  const fmtp: MediaDescription['fmtp'] = [];
  if (telephoneEventPt !== undefined) {
    rtp.push({ payload: telephoneEventPt, codec: 'telephone-event', rate: 8000 });
    fmtp.push({ payload: telephoneEventPt, config: TELEPHONE_EVENT_FMTP });
  }
  const m: MediaDescription = {
    type: 'audio',
    port: p.rtpPort,
    protocol: 'RTP/AVP',
    payloads: rtp.map((r) => r.payload).join(' '),
    rtp,
    fmtp,
    ptime: p.ptimeMs,
    direction: p.direction,
    // RFC 3605: where our RTCP listens; with rtcp-mux (RFC 5761 §5.1.3) it is the RTP port.
    rtcp: { port: rtcpMux ? p.rtpPort : p.rtcpPort },
  };
  if (rtcpMux) m.rtcpMux = 'rtcp-mux';
  return m;
}

function sessionShell(p: LocalDescriptionParams, media: MediaDescription[]): SessionDescription {
  const ipVer = ipVersion(p.address);
  return {
    version: 0,
    origin: { username: '-', sessionId: p.sessionId, sessionVersion: p.sessionVersion, netType: 'IN', ipVer, address: p.address },
    name: '-',
    connection: { version: ipVer, ip: p.address },
    timing: { start: 0, stop: 0 },
    media,
  };
}

/** An offer with every configured codec in the configured order, plus telephone-event. */
export function buildOffer(p: LocalDescriptionParams): string {
  const codecs = p.codecs.map((name) => ({ name, pt: STATIC_PAYLOAD_TYPE[name] }));
  return sdpTransform.write(sessionShell(p, [audioMedia(p, codecs, p.telephoneEventPt, p.rtcpMux)]));
}

/** Picks codec and telephone-event out of the far end's formats; the far end's order wins (RFC 3264 §6.1). */
function choose(remote: RemoteAudio, codecs: readonly CodecName[]): { name: CodecName; pt: number } | undefined {
  for (const f of remote.formats) {
    if (f.rate !== 8000) continue;
    const name = f.name === 'PCMU' || f.name === 'PCMA' ? f.name : undefined;
    if (name && codecs.includes(name)) return { name, pt: f.pt };
  }
  return undefined;
}

function sendPtime(remote: RemoteAudio, ours: number): number {
  return remote.ptimeMs !== undefined && USABLE_PTIMES.has(remote.ptimeMs) ? remote.ptimeMs : ours;
}

/**
 * Answers an offer: the first acceptable audio stream gets our port, one codec and
 * telephone-event if offered; every other stream is refused with port 0 (RFC 3264 §6).
 * Throws MediaNegotiationError (488) when no audio stream can be accepted.
 */
export function answerOffer(offerText: string, p: LocalDescriptionParams): { sdp: string; negotiated: Negotiated } {
  const offer = parseSdp(offerText);
  let negotiated: Negotiated | undefined;
  const media: MediaDescription[] = [];
  for (const m of offer.media) {
    if (!negotiated && m.type === 'audio' && m.port !== 0 && isRtpAvp(m)) {
      const remote = readRemoteAudio(offer, m);
      const codec = choose(remote, p.codecs);
      if (codec) {
        const rtcpMux = remote.rtcpMux && p.rtcpMux;
        const direction = intersectDirection(p.direction, reverseDirection(remote.direction));
        negotiated = {
          codec: codec.name,
          payloadType: codec.pt,
          telephoneEventPt: remote.telephoneEventPt,
          sendPtimeMs: sendPtime(remote, p.ptimeMs),
          remote: { ...remote, rtcpMux, rtcpPort: rtcpMux ? remote.port : remote.rtcpPort },
          direction,
        };
        const am = audioMedia({ ...p, direction }, [codec], remote.telephoneEventPt, rtcpMux);
        if (m.mid !== undefined) am.mid = m.mid;
        media.push(am);
        continue;
      }
    }
    // Refused stream: port 0, the offer's own formats (RFC 3264 §6: at least one format must remain).
    const refused: MediaDescription = { type: m.type, port: 0, protocol: m.protocol, payloads: m.payloads ?? '0', rtp: [], fmtp: [] };
    if (m.mid !== undefined) refused.mid = m.mid;
    media.push(refused);
  }
  if (!negotiated) throw new MediaNegotiationError('no acceptable audio stream (PCMU/PCMA over RTP/AVP) in the offer', 488);
  return { sdp: sdpTransform.write(sessionShell(p, media)), negotiated };
}

/** Reads the answer to our offer and fixes codec, telephone-event, address and direction. */
export function readAnswer(answerText: string, p: LocalDescriptionParams): Negotiated {
  const answer = parseSdp(answerText);
  const m = answer.media.find((x) => x.type === 'audio');
  if (!m || m.port === 0) throw new MediaNegotiationError('the answer refused the audio stream', 488);
  const remote = readRemoteAudio(answer, m);
  const codec = choose(remote, p.codecs);
  if (!codec) throw new MediaNegotiationError('the answer holds no codec we offered', 488);
  const rtcpMux = remote.rtcpMux && p.rtcpMux;
  return {
    codec: codec.name,
    payloadType: codec.pt,
    telephoneEventPt: remote.telephoneEventPt,
    sendPtimeMs: sendPtime(remote, p.ptimeMs),
    remote: { ...remote, rtcpMux, rtcpPort: rtcpMux ? remote.port : remote.rtcpPort },
    direction: intersectDirection(p.direction, reverseDirection(remote.direction)),
  };
}

/**
 * RTCP (RFC 3550 §6): sender and receiver reports, SDES CNAME and BYE, built as compound packets
 * (§6.1: a report first, then SDES with CNAME), and a tolerant parser for what comes back.
 */
export const RTCP_SR = 200;
export const RTCP_RR = 201;
export const RTCP_SDES = 202;
export const RTCP_BYE = 203;

export interface ReportBlock {
  ssrc: number;
  fractionLost: number; // 0..255, fixed point /256
  cumulativeLost: number; // signed 24-bit
  highestSeq: number; // extended
  jitter: number; // timestamp units
  lsr: number; // middle 32 bits of the last SR's NTP time
  dlsr: number; // 1/65536 s
}

export interface SenderInfo {
  ntpSec: number;
  ntpFrac: number;
  rtpTimestamp: number;
  packetCount: number;
  octetCount: number;
}

export interface RtcpPacketInfo {
  type: number;
  ssrc: number;
  sender?: SenderInfo;
  reports: ReportBlock[];
  /** For BYE: the SSRCs leaving. */
  byeSsrcs?: number[];
}

/** NTP timestamp (seconds since 1900) from Unix milliseconds. */
export function ntpFromUnixMs(ms: number): { sec: number; frac: number } {
  const sec = Math.floor(ms / 1000) + 2208988800;
  const frac = Math.floor(((ms % 1000) / 1000) * 0x100000000);
  return { sec: sec >>> 0, frac: frac >>> 0 };
}

function header(count: number, type: number, lengthWords: number): Buffer {
  const b = Buffer.alloc(4);
  b[0] = 0x80 | (count & 0x1f);
  b[1] = type;
  b.writeUInt16BE(lengthWords, 2);
  return b;
}

function reportBlock(r: ReportBlock): Buffer {
  const b = Buffer.alloc(24);
  b.writeUInt32BE(r.ssrc >>> 0, 0);
  b[4] = r.fractionLost & 0xff;
  const lost = Math.max(-0x800000, Math.min(0x7fffff, r.cumulativeLost)) & 0xffffff;
  b.writeUIntBE(lost, 5, 3);
  b.writeUInt32BE(r.highestSeq >>> 0, 8);
  b.writeUInt32BE(Math.min(0xffffffff, Math.round(r.jitter)) >>> 0, 12);
  b.writeUInt32BE(r.lsr >>> 0, 16);
  b.writeUInt32BE(r.dlsr >>> 0, 20);
  return b;
}

export function buildSenderReport(ssrc: number, s: SenderInfo, reports: ReportBlock[]): Buffer {
  const body = Buffer.alloc(24);
  body.writeUInt32BE(ssrc >>> 0, 0);
  body.writeUInt32BE(s.ntpSec >>> 0, 4);
  body.writeUInt32BE(s.ntpFrac >>> 0, 8);
  body.writeUInt32BE(s.rtpTimestamp >>> 0, 12);
  body.writeUInt32BE(s.packetCount >>> 0, 16);
  body.writeUInt32BE(s.octetCount >>> 0, 20);
  const blocks = reports.slice(0, 31).map(reportBlock);
  const len = (4 + body.length + blocks.length * 24) / 4 - 1;
  return Buffer.concat([header(blocks.length, RTCP_SR, len), body, ...blocks]);
}

export function buildReceiverReport(ssrc: number, reports: ReportBlock[]): Buffer {
  const body = Buffer.alloc(4);
  body.writeUInt32BE(ssrc >>> 0, 0);
  const blocks = reports.slice(0, 31).map(reportBlock);
  const len = (8 + blocks.length * 24) / 4 - 1;
  return Buffer.concat([header(blocks.length, RTCP_RR, len), body, ...blocks]);
}

export function buildSdesCname(ssrc: number, cname: string): Buffer {
  const text = Buffer.from(cname.slice(0, 255), 'utf8').subarray(0, 255);
  // chunk: SSRC, item (type 1, length, text), end (0), padded to 32 bits.
  const raw = 4 + 2 + text.length + 1;
  const chunkLen = Math.ceil(raw / 4) * 4;
  const chunk = Buffer.alloc(chunkLen);
  chunk.writeUInt32BE(ssrc >>> 0, 0);
  chunk[4] = 1;
  chunk[5] = text.length;
  text.copy(chunk, 6);
  return Buffer.concat([header(1, RTCP_SDES, chunkLen / 4), chunk]);
}

export function buildBye(ssrc: number, reason?: string): Buffer {
  const parts: Buffer[] = [];
  const ssrcBuf = Buffer.alloc(4);
  ssrcBuf.writeUInt32BE(ssrc >>> 0, 0);
  parts.push(ssrcBuf);
  if (reason) {
    const t = Buffer.from(reason, 'utf8').subarray(0, 255);
    const raw = 1 + t.length;
    const r = Buffer.alloc(Math.ceil(raw / 4) * 4);
    r[0] = t.length;
    t.copy(r, 1);
    parts.push(r);
  }
  const bodyLen = parts.reduce((n, p) => n + p.length, 0);
  return Buffer.concat([header(1, RTCP_BYE, bodyLen / 4), ...parts]);
}

function readBlock(b: Buffer, o: number): ReportBlock {
  let lost = b.readUIntBE(o + 5, 3);
  if (lost & 0x800000) lost -= 0x1000000;
  return {
    ssrc: b.readUInt32BE(o),
    fractionLost: b[o + 4],
    cumulativeLost: lost,
    highestSeq: b.readUInt32BE(o + 8),
    jitter: b.readUInt32BE(o + 12),
    lsr: b.readUInt32BE(o + 16),
    dlsr: b.readUInt32BE(o + 20),
  };
}

/** Splits a compound packet; returns undefined for anything that is not valid RTCP (§A.2). */
export function parseRtcp(buf: Buffer): RtcpPacketInfo[] | undefined {
  const out: RtcpPacketInfo[] = [];
  let o = 0;
  while (o + 4 <= buf.length) {
    if (buf[o] >> 6 !== 2) return undefined;
    const count = buf[o] & 0x1f;
    const type = buf[o + 1];
    const len = (buf.readUInt16BE(o + 2) + 1) * 4;
    if (o + len > buf.length) return undefined;
    if (out.length === 0 && type !== RTCP_SR && type !== RTCP_RR) return undefined;
    const p = buf.subarray(o, o + len);
    if (type === RTCP_SR && len >= 28) {
      const reports: ReportBlock[] = [];
      for (let i = 0; i < count && 28 + (i + 1) * 24 <= len; i++) reports.push(readBlock(p, 28 + i * 24));
      out.push({
        type,
        ssrc: p.readUInt32BE(4),
        sender: { ntpSec: p.readUInt32BE(8), ntpFrac: p.readUInt32BE(12), rtpTimestamp: p.readUInt32BE(16), packetCount: p.readUInt32BE(20), octetCount: p.readUInt32BE(24) },
        reports,
      });
    } else if (type === RTCP_RR && len >= 8) {
      const reports: ReportBlock[] = [];
      for (let i = 0; i < count && 8 + (i + 1) * 24 <= len; i++) reports.push(readBlock(p, 8 + i * 24));
      out.push({ type, ssrc: p.readUInt32BE(4), reports });
    } else if (type === RTCP_BYE) {
      const byeSsrcs: number[] = [];
      for (let i = 0; i < count && 4 + (i + 1) * 4 <= len; i++) byeSsrcs.push(p.readUInt32BE(4 + i * 4));
      out.push({ type, ssrc: byeSsrcs[0] ?? 0, reports: [], byeSsrcs });
    } else {
      out.push({ type, ssrc: len >= 8 ? p.readUInt32BE(4) : 0, reports: [] });
    }
    o += len;
  }
  return out.length ? out : undefined;
}

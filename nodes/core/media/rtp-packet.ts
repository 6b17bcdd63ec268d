/**
 * RTP fixed header (RFC 3550 §5.1): parse and serialise. Parsing validates what §A.1 asks a
 * receiver to check (version 2, padding and extension lengths inside the packet) and never throws.
 */
export interface RtpPacket {
  payloadType: number;
  marker: boolean;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  csrcs: number[];
  payload: Buffer;
}

export const RTP_HEADER_LENGTH = 12;

export function parseRtp(buf: Buffer): RtpPacket | undefined {
  if (buf.length < RTP_HEADER_LENGTH) return undefined;
  const b0 = buf[0];
  if (b0 >> 6 !== 2) return undefined;
  const padding = (b0 & 0x20) !== 0;
  const extension = (b0 & 0x10) !== 0;
  const cc = b0 & 0x0f;
  const b1 = buf[1];
  const payloadType = b1 & 0x7f;
  // RTCP packet types 200-204 share the port under rtcp-mux (RFC 5761 §4): 72-76 with the marker bit.
  if (payloadType >= 72 && payloadType <= 76) return undefined;
  let offset = RTP_HEADER_LENGTH + cc * 4;
  if (buf.length < offset) return undefined;
  const csrcs: number[] = [];
  for (let i = 0; i < cc; i++) csrcs.push(buf.readUInt32BE(RTP_HEADER_LENGTH + i * 4));
  if (extension) {
    if (buf.length < offset + 4) return undefined;
    const words = buf.readUInt16BE(offset + 2);
    offset += 4 + words * 4;
    if (buf.length < offset) return undefined;
  }
  let end = buf.length;
  if (padding) {
    const pad = buf[buf.length - 1];
    if (pad === 0 || offset + pad > buf.length) return undefined;
    end -= pad;
  }
  return {
    payloadType,
    marker: (b1 & 0x80) !== 0,
    sequenceNumber: buf.readUInt16BE(2),
    timestamp: buf.readUInt32BE(4),
    ssrc: buf.readUInt32BE(8),
    csrcs,
    payload: buf.subarray(offset, end),
  };
}

/** Writes a packet without CSRCs or extension; `payload` is copied after the 12-byte header. */
export function serializeRtp(
  payloadType: number,
  marker: boolean,
  sequenceNumber: number,
  timestamp: number,
  ssrc: number,
  payload: Uint8Array,
): Buffer {
  const buf = Buffer.allocUnsafe(RTP_HEADER_LENGTH + payload.length);
  buf[0] = 0x80;
  buf[1] = (marker ? 0x80 : 0) | (payloadType & 0x7f);
  buf.writeUInt16BE(sequenceNumber & 0xffff, 2);
  buf.writeUInt32BE(timestamp >>> 0, 4);
  buf.writeUInt32BE(ssrc >>> 0, 8);
  buf.set(payload, RTP_HEADER_LENGTH);
  return buf;
}

/**
 * Serialises a message (RFC 3261 §7): start line, header fields in order, a Content-Length that
 * always matches the body (a stale one would break stream framing), the empty line, the body.
 */
import { SipMessage, SipRequest, SipResponse } from './message';

export function serializeHead(msg: SipMessage): string {
  let out: string;
  if (msg instanceof SipRequest) out = `${msg.method} ${msg.uriText} SIP/2.0\r\n`;
  else {
    const r = msg as SipResponse;
    out = `SIP/2.0 ${r.status} ${r.reasonPhrase}\r\n`;
  }
  for (const h of msg.headers) {
    if (h.key === 'content-length') continue;
    out += `${h.name}: ${h.value}\r\n`;
  }
  out += `Content-Length: ${msg.body.length}\r\n\r\n`;
  return out;
}

export function serialize(msg: SipMessage): Buffer {
  const head = serializeHead(msg);
  if (msg.body.length === 0) return Buffer.from(head, 'utf8');
  return Buffer.concat([Buffer.from(head, 'utf8'), msg.body]);
}

/** The message as text, for logs. */
export function toText(msg: SipMessage): string {
  return serializeHead(msg) + msg.body.toString('utf8');
}

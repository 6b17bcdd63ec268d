/**
 * message/sipfrag (RFC 3420) as carried in the NOTIFYs of a REFER subscription (RFC 3515 §2.4.5):
 * only the status line matters to the referrer, e.g. `SIP/2.0 180 Ringing`.
 */
export const SIPFRAG = 'message/sipfrag';

export interface SipfragStatus {
  code: number;
  reason: string;
}

export function parseSipfrag(body: string): SipfragStatus | undefined {
  const first = body.slice(0, 512).split(/\r?\n/, 1)[0].trim();
  const m = /^SIP\/2\.0\s+(\d{3})\s*(.*)$/i.exec(first);
  if (!m) return undefined;
  const code = Number(m[1]);
  if (code < 100 || code > 699) return undefined;
  return { code, reason: m[2].trim() };
}

export function formatSipfrag(code: number, reason: string): string {
  return `SIP/2.0 ${code} ${reason}\r\n`;
}

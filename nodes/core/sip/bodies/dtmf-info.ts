/**
 * DTMF carried in SIP INFO bodies. There is no RFC for either format; both are the de facto
 * forms every PBX accepts:
 * - `application/dtmf-relay` (Cisco, Asterisk): `Signal=5\r\nDuration=160\r\n`
 * - `application/dtmf` (older gateways): the digit alone, e.g. `5`
 * Parsers are tolerant (case, spaces, LF-only lines, numeric event codes 10/11 = * and #, as in
 * RFC 4733 §3.2 and Zoiper's TDTMFCodes) because the bodies come from the network.
 */

export type DtmfDigit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#' | 'A' | 'B' | 'C' | 'D';

export const DTMF_RELAY = 'application/dtmf-relay';
export const DTMF_PLAIN = 'application/dtmf';

export interface InfoDtmf {
  digit: DtmfDigit;
  /** Tone duration in milliseconds, when the body said it. */
  durationMs?: number;
}

const EVENT_CODES: readonly DtmfDigit[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#', 'A', 'B', 'C', 'D'];

/** Normalises one digit as written by a peer: `5`, `*`, `#`, `a`, or an RFC 4733 event code `10`. */
export function toDtmfDigit(raw: string): DtmfDigit | undefined {
  const s = raw.trim().toUpperCase();
  if (s.length === 1 && (EVENT_CODES as readonly string[]).includes(s)) return s as DtmfDigit;
  if (/^\d{1,2}$/.test(s)) {
    const n = Number(s);
    if (n >= 0 && n < EVENT_CODES.length) return EVENT_CODES[n];
  }
  return undefined;
}

export function isDtmfDigit(s: string): s is DtmfDigit {
  return s.length === 1 && (EVENT_CODES as readonly string[]).includes(s);
}

/** Largest INFO body we look at: a dtmf-relay body is some 30 bytes. */
const MAX_BODY = 1024;

/** Parses an INFO body by its content type; undefined when it carries no DTMF we understand. */
export function parseInfoDtmf(contentType: string, body: string): InfoDtmf | undefined {
  if (body.length > MAX_BODY) return undefined;
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === DTMF_RELAY) {
    let digit: DtmfDigit | undefined;
    let durationMs: number | undefined;
    for (const line of body.split(/\r?\n/)) {
      const eq = line.indexOf('=');
      if (eq < 0) continue;
      const key = line.slice(0, eq).trim().toLowerCase();
      const value = line.slice(eq + 1).trim();
      if (key === 'signal') digit = toDtmfDigit(value);
      else if (key === 'duration' && /^\d+$/.test(value)) durationMs = Number(value);
    }
    return digit === undefined ? undefined : durationMs === undefined ? { digit } : { digit, durationMs };
  }
  if (type === DTMF_PLAIN) {
    // Some senders put `Signal=5` here too; accept both.
    const m = /signal\s*=\s*(\S+)/i.exec(body);
    const digit = toDtmfDigit(m ? m[1] : body);
    return digit === undefined ? undefined : { digit };
  }
  return undefined;
}

/** Builds an INFO body for one digit. */
export function formatInfoDtmf(contentType: typeof DTMF_RELAY | typeof DTMF_PLAIN, digit: DtmfDigit, durationMs = 160): string {
  if (contentType === DTMF_PLAIN) return `${digit}\r\n`;
  return `Signal=${digit}\r\nDuration=${Math.max(1, Math.round(durationMs))}\r\n`;
}

/**
 * The end of a call as the user agent reports it: SIP status, Q.850 cause, reason text and a
 * provider-style status. Used until the shared `nodes/core/causes.ts` (branch sip-core) is merged;
 * then `causeFromSip` delegates to it.
 */
export type CallStatus = 'ANSWER' | 'BUSY' | 'NOANSWER' | 'CANCEL' | 'CONGESTION' | 'CHANUNAVAIL' | 'FAILED' | 'FORWARDED' | 'REJECTED';

export interface Cause {
  sip?: number;
  q850?: number;
  reason?: string;
  status: CallStatus;
}

/** RFC 3398 §8.2.6.1 (SIP -> ISUP) for the usual final responses. */
const SIP_TO_Q850: Record<number, number> = {
  400: 41, 401: 21, 402: 21, 403: 21, 404: 1, 405: 63, 406: 79, 407: 21, 408: 102, 410: 22,
  413: 127, 414: 127, 415: 79, 416: 127, 420: 127, 421: 127, 423: 127, 480: 18, 481: 41,
  482: 25, 483: 25, 484: 28, 485: 1, 486: 17, 487: 127, 488: 65, 500: 41, 501: 79, 502: 38,
  503: 41, 504: 102, 505: 127, 513: 127, 600: 17, 603: 21, 604: 1, 606: 58,
};

export function statusOfSip(code: number): CallStatus {
  if (code >= 200 && code < 300) return 'ANSWER';
  if (code >= 300 && code < 400) return 'FORWARDED';
  if (code === 486 || code === 600) return 'BUSY';
  if (code === 408 || code === 480) return 'NOANSWER';
  if (code === 487) return 'CANCEL';
  if (code === 603) return 'REJECTED';
  if (code === 503 || code === 502 || code === 500 || code === 504) return 'CONGESTION';
  if (code === 404 || code === 604 || code === 484 || code === 410) return 'CHANUNAVAIL';
  return 'FAILED';
}

export function causeFromSip(code: number, reason?: string, q850?: number): Cause {
  const c: Cause = { sip: code, status: statusOfSip(code) };
  const q = q850 ?? SIP_TO_Q850[code];
  if (q !== undefined) c.q850 = q;
  if (reason) c.reason = reason;
  return c;
}

/** A normal end after an answer: Q.850 16, Normal call clearing. */
export function normalClearing(reason = 'Normal call clearing', q850 = 16): Cause {
  return { q850, reason, status: 'ANSWER' };
}

export interface ReasonHeader {
  protocol: string;
  cause: number;
  text?: string;
}

/** Reason header (RFC 3326): `Q.850;cause=16;text="Normal call clearing"`. */
export function parseReason(values: string[]): ReasonHeader[] {
  const out: ReasonHeader[] = [];
  for (const v of values) {
    const parts = v.split(';');
    const protocol = parts.shift()?.trim() ?? '';
    let cause: number | undefined;
    let text: string | undefined;
    for (const p of parts) {
      const eq = p.indexOf('=');
      if (eq < 0) continue;
      const k = p.slice(0, eq).trim().toLowerCase();
      const val = p.slice(eq + 1).trim();
      if (k === 'cause' && /^\d+$/.test(val)) cause = Number(val);
      if (k === 'text') text = val.replace(/^"|"$/g, '');
    }
    if (protocol && cause !== undefined) out.push(text === undefined ? { protocol, cause } : { protocol, cause, text });
  }
  return out;
}

export function formatReason(protocol: 'Q.850' | 'SIP', cause: number, text?: string): string {
  return `${protocol};cause=${cause}${text ? `;text="${text.replace(/"/g, "'")}"` : ''}`;
}

/**
 * The end of a call as the user agent reports it, on top of the shared `nodes/core/causes.ts`:
 * SIP status, Q.850 cause, a reason text and the provider-style status.
 */
import { Cause, causeOf } from '../causes';

export type { Cause, CallStatus } from '../causes';

/** A call that ended with a SIP final response; `text` (reason phrase, Reason text) wins over the Q.850 name. */
export function causeFromSip(code: number, text?: string, q850?: number): Cause {
  const c = q850 !== undefined ? causeOf({ sip: code, q850 }) : causeOf({ sip: code });
  return text ? { ...c, reason: text } : c;
}

/** A normal end after an answer (Q.850 16, or the cause a Reason header gave). */
export function normalClearing(text?: string, q850 = 16): Cause {
  const c = causeOf({ q850, answered: true });
  return text ? { ...c, reason: text } : c;
}

/** A call given up before any response (no transaction to report). */
export function localCause(status: Cause['status'], sip: number, text: string): Cause {
  return { ...causeOf({ sip }), status, reason: text };
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

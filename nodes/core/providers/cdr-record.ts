/**
 * The one shape every call record takes after normalisation, whichever PBX sent it, and the
 * small coercions the vendors' loose typing needs (AMBIGUITIES.md 5, 6: numbers as strings,
 * i8 as strings, epochs beyond 32 bits).
 */
export type Provider = 'voicenter' | 'iexpbx' | 'vos3000';

/** A call's outcome in one vocabulary; `providerStatus` keeps the vendor's own word. */
export type CallStatus =
  | 'answered'
  | 'busy'
  | 'no-answer'
  | 'cancelled'
  | 'abandoned'
  | 'voicemail'
  | 'not-dialed'
  | 'ivr-ended'
  | 'failed'
  | 'unknown';

export type Direction = 'inbound' | 'outbound' | 'internal' | 'unknown';

/** ISO 8601 UTC time, e.g. "2012-08-19T10:50:17.000Z". */
export type IsoTime = string;
/** A duration in whole or fractional seconds. */
export type Seconds = number;

export interface CdrRecord {
  provider: Provider;
  callId: string;
  caller: string | null;
  callee: string | null;
  /** The number that was dialled to reach the PBX (DID / access number). */
  did: string | null;
  start: IsoTime | null;
  end: IsoTime | null;
  /** Talk time, without ringing. */
  duration: Seconds | null;
  /** Ringing time before the answer. */
  ringTime: Seconds | null;
  status: CallStatus;
  providerStatus: string | null;
  type: string | null;
  direction: Direction;
  recordingUrl: string | null;
  /** In the provider's unit: ILS agorot for Voicenter (§4 field 14), account currency for VOS3000. */
  price: number | null;
  queue: { id: string | null; name: string | null; waitTime: Seconds | null } | null;
  extensions: { caller: string | null; callee: string | null };
  representative: { name: string | null; code: string | null } | null;
  /** The call this one came from (Voicenter OriginalIvrUniqueID), if any. */
  originalCallId: string | null;
}

export function str(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** A string that is empty counts as absent (Voicenter sends `<string/>` for "no value"). */
export function nonEmpty(v: unknown): string | null {
  const s = str(v);
  return s === null || s === '' ? null : s;
}

/** Numbers that may come as numbers, numeric strings, i8 strings or decimal-comma strings. */
export function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const t = v.trim().replace(',', '.');
    if (t === '' || !/^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(t)) return null;
    const n = Number(t);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Epoch seconds (or milliseconds, if the value is too large to be seconds in this era) to ISO. */
export function epochToIso(v: unknown, unit: 'seconds' | 'auto' = 'seconds'): IsoTime | null {
  const n = num(v);
  if (n === null || n <= 0) return null;
  const ms = unit === 'auto' && n > 1e11 ? n : n * 1000;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Looks a field up by name ignoring case, spaces, dashes and underscores. */
export function fieldGetter(rec: Record<string, unknown>): (...names: string[]) => unknown {
  const map = new Map<string, unknown>();
  for (const [k, v] of Object.entries(rec)) {
    const key = k.toLowerCase().replace(/[\s_-]/g, '');
    if (!map.has(key)) map.set(key, v);
  }
  return (...names) => {
    for (const n of names) {
      const v = map.get(n.toLowerCase().replace(/[\s_-]/g, ''));
      if (v !== undefined) return v;
    }
    return undefined;
  };
}

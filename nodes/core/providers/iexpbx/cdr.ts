/**
 * iexpbx call webhooks ("Data Sharing via Webhook") and CDR rows (action=cdr).
 *
 * The webhooks are URLs the integrator types into the PBX with placeholders, e.g.
 * `...?caller={src}&called={dst}&chan={chanid}` on call start and
 * `...?chan={chanid}&callstatus{status}&callduration={duration}` on hang-up, so the parameter
 * names are the integrator's. The printed defaults are accepted, plus the placeholder names
 * themselves (src, dst, chanid, status, duration, did, calltype). The printed hang-up URL lacks
 * the `=` after callstatus (AMBIGUITIES 19): a parameter `callstatusBUSY` is read as BUSY.
 */
import { fieldGetter, nonEmpty, num, type CallStatus, type CdrRecord, type Direction } from '../cdr-record';
import type { InboundResult } from '../cdr-inbound';

/** Webhook uses ANSER (sic) where the CDR uses ANSWERED, and NO ANSWER vs NOANSWER (AMBIGUITIES 17). */
export function iexpbxStatus(s: string | null): CallStatus {
  if (!s) return 'unknown';
  switch (s.toUpperCase().replace(/[\s_]/g, '')) {
    case 'ANSER':
    case 'ANSWER':
    case 'ANSWERED':
      return 'answered';
    case 'BUSY':
      return 'busy';
    case 'NOANSWER':
      return 'no-answer';
    case 'CANCEL':
    case 'CANCELLED':
      return 'cancelled';
    case 'CONGESTION':
    case 'FAILED':
      return 'failed';
    default:
      return 'unknown';
  }
}

function direction(calltype: string | null): Direction {
  if (!calltype) return 'unknown';
  const t = calltype.toLowerCase();
  if (t.startsWith('in')) return 'inbound';
  if (t.startsWith('out')) return 'outbound'; // "outcoming" in the printed sample
  if (t.startsWith('local') || t.startsWith('internal')) return 'internal';
  return 'unknown';
}

function statusFromSplitParam(params: Record<string, string>): string | null {
  for (const [k, v] of Object.entries(params)) {
    if (v === '' && /^callstatus./i.test(k)) return k.slice('callstatus'.length);
  }
  return null;
}

export function iexpbxInbound(params: Record<string, string>): InboundResult | undefined {
  const f = fieldGetter(params);
  const callId = nonEmpty(f('chan', 'chanid', 'channel', 'uniqueid', 'callid'));
  if (!callId) return undefined;
  const status = nonEmpty(f('callstatus', 'status', 'disposition')) ?? statusFromSplitParam(params);
  const duration = num(f('callduration', 'duration'));
  if (status !== null || duration !== null) {
    const cdr: CdrRecord = {
      provider: 'iexpbx',
      callId,
      caller: nonEmpty(f('caller', 'src')),
      callee: nonEmpty(f('called', 'dst')),
      did: nonEmpty(f('did')),
      start: null,
      end: null,
      duration,
      ringTime: null,
      status: iexpbxStatus(status),
      providerStatus: status,
      type: nonEmpty(f('calltype')),
      direction: direction(nonEmpty(f('calltype'))),
      recordingUrl: null,
      price: null,
      queue: null,
      extensions: { caller: null, callee: null },
      representative: null,
      originalCallId: null,
    };
    return { provider: 'iexpbx', records: [{ topic: 'cdr', payload: cdr, raw: params, key: `iexpbx:hangup:${callId}` }], ack: { success: true } };
  }
  const start = {
    provider: 'iexpbx' as const,
    callId,
    caller: nonEmpty(f('caller', 'src')),
    callee: nonEmpty(f('called', 'dst')),
    callerName: nonEmpty(f('callername')),
    calledName: nonEmpty(f('calledname')),
    did: nonEmpty(f('did')),
    type: nonEmpty(f('calltype')),
    direction: direction(nonEmpty(f('calltype'))),
  };
  return { provider: 'iexpbx', records: [{ topic: 'callStart', payload: start, raw: params, key: `iexpbx:start:${callId}` }], ack: { success: true } };
}

/** "03.09.2019 12:30:38" (dd.MM.yyyy HH:mm:ss, the PBX's local time) to ISO in the given offset. */
export function iexpbxDate(s: string | null, utcOffsetMinutes = 0): string | null {
  if (!s) return null;
  const m = /^(\d{2})\.(\d{2})\.(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s.trim());
  if (!m) return null;
  const ms = Date.UTC(+m[3], +m[2] - 1, +m[1], +m[4], +m[5], m[6] ? +m[6] : 0) - utcOffsetMinutes * 60000;
  return new Date(ms).toISOString();
}

/** A row of `action=cdr` (durations are decimal-comma strings, AMBIGUITIES 18). */
export function normaliseIexpbxCdr(row: Record<string, unknown>, utcOffsetMinutes = 0): CdrRecord {
  const f = fieldGetter(row);
  const status = nonEmpty(f('disposition'));
  const calltype = nonEmpty(f('calltype'));
  const queue = nonEmpty(f('queue'));
  return {
    provider: 'iexpbx',
    callId: nonEmpty(f('id')) ?? '',
    caller: nonEmpty(f('src')),
    callee: nonEmpty(f('dst')),
    did: null,
    start: iexpbxDate(nonEmpty(f('calldate')), utcOffsetMinutes),
    end: null,
    duration: num(f('duration')),
    ringTime: null,
    status: iexpbxStatus(status),
    providerStatus: status,
    type: calltype,
    direction: direction(calltype),
    recordingUrl: null,
    price: null,
    queue: queue ? { id: queue, name: null, waitTime: null } : null,
    extensions: { caller: null, callee: null },
    representative: null,
    originalCallId: null,
  };
}

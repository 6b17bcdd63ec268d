/**
 * Voicenter CDR notifications (Voicenter API rev 3.2 §4) and the HANGUP_CALL report of the
 * External IVR (§5.2), normalised into CdrRecord. Field names are matched loosely
 * (`ivruniqueid` / `ivrunique-id`, `OriginalIvrUniqueID` / `OriginalivrUniqueID`, AMBIGUITIES 9),
 * numbers may come as numbers, numeric strings or i8 strings.
 */
import {
  epochToIso,
  fieldGetter,
  nonEmpty,
  num,
  type CallStatus,
  type CdrRecord,
  type Direction,
} from '../cdr-record';
import type { InboundResult } from '../cdr-inbound';

/** §4 "Call types", by number, with the direction each implies. */
export const VOICENTER_CALL_TYPES: ReadonlyArray<{ n: number; name: string; direction: Direction }> = [
  // Named "Incoming Call" though its description says outgoing (AMBIGUITIES 9): the name wins.
  { n: 1, name: 'Incoming Call', direction: 'inbound' },
  { n: 2, name: 'CC', direction: 'inbound' },
  { n: 3, name: 'Extension Outgoing', direction: 'outbound' },
  { n: 4, name: 'Queue', direction: 'inbound' },
  { n: 5, name: 'Click2Call leg1', direction: 'outbound' },
  { n: 6, name: 'Click2Call leg2', direction: 'outbound' },
  { n: 7, name: 'VoiceMail', direction: 'inbound' },
  { n: 8, name: 'Callference', direction: 'outbound' },
  { n: 9, name: 'XferCDR', direction: 'outbound' },
  { n: 10, name: 'ProductiveCall Leg1', direction: 'outbound' },
  { n: 11, name: 'ProductiveCall Leg2', direction: 'outbound' },
  { n: 12, name: 'Scrubber', direction: 'outbound' },
  { n: 13, name: 'Click 2 IVR', direction: 'outbound' },
  { n: 14, name: 'Click 2 IVR Incoming', direction: 'outbound' },
  { n: 15, name: 'Click 2 Queue Incoming', direction: 'outbound' },
  { n: 16, name: 'FaxCdr', direction: 'outbound' },
  { n: 17, name: 'Attended CDR leg1', direction: 'internal' },
  { n: 18, name: 'Attended CDR leg2', direction: 'inbound' },
  { n: 19, name: 'Auto forward', direction: 'outbound' },
];

const typeKey = (s: string) => s.toLowerCase().replace(/\s+/g, '');
const typesByKey = new Map(VOICENTER_CALL_TYPES.map((t) => [typeKey(t.name), t]));
const typesByNumber = new Map(VOICENTER_CALL_TYPES.map((t) => [t.n, t]));

/** §4 "Call statuses" and §5.2 CALL_STATUS (which also sends ANSWERED, AMBIGUITIES 3). */
const STATUS: Record<string, CallStatus> = {
  ANSWER: 'answered',
  ANSWERED: 'answered',
  BUSY: 'busy',
  NOANSWER: 'no-answer',
  CANCEL: 'cancelled',
  ABANDONE: 'abandoned',
  VOEND: 'abandoned',
  TE: 'ivr-ended',
  NOTCALLED: 'not-dialed',
  NOTDIALED: 'not-dialed',
  VOICEMAIL: 'voicemail',
  CONGESTION: 'failed',
  CHANUNAVAIL: 'failed',
  INVALIDARGS: 'failed',
  SSWPREAUTH: 'failed',
  DONTCALL: 'failed',
  TORTURE: 'failed',
};

export function voicenterStatus(s: string | null): CallStatus {
  if (!s) return 'unknown';
  return STATUS[s.toUpperCase().replace(/[\s_]/g, '')] ?? 'unknown';
}

export function voicenterType(v: unknown): { name: string | null; direction: Direction } {
  const n = num(v);
  const t = typeof v === 'number' || (n !== null && typeof v === 'string' && /^\d+$/.test(v.trim()))
    ? typesByNumber.get(n ?? -1)
    : typeof v === 'string' ? typesByKey.get(typeKey(v)) : undefined;
  if (t) return { name: t.name, direction: t.direction };
  const name = nonEmpty(v);
  return { name, direction: 'unknown' };
}

/** One §4 CDR notification (XML-RPC struct or JSON object) as a CdrRecord. */
export function normaliseVoicenterCdr(rec: Record<string, unknown>): CdrRecord {
  const f = fieldGetter(rec);
  const type = voicenterType(f('type'));
  const providerStatus = nonEmpty(f('status'));
  const time = f('time');
  const duration = num(f('duration'));
  const startIso = epochToIso(time);
  const queueId = nonEmpty(f('queueid'));
  const queueName = nonEmpty(f('queuename'));
  const wait = num(f('seconds_waiting_in_queue'));
  const repName = nonEmpty(f('representative_name'));
  const repCode = nonEmpty(f('representative_code'));
  return {
    provider: 'voicenter',
    callId: nonEmpty(f('ivruniqueid')) ?? '',
    caller: nonEmpty(f('caller')),
    callee: nonEmpty(f('target')),
    did: nonEmpty(f('did')),
    start: startIso,
    end: startIso && duration !== null ? new Date(Date.parse(startIso) + (duration + (num(f('dialtime')) ?? 0)) * 1000).toISOString() : null,
    duration,
    ringTime: num(f('dialtime')),
    status: voicenterStatus(providerStatus),
    providerStatus,
    type: type.name,
    direction: type.direction,
    recordingUrl: nonEmpty(f('record')),
    price: num(f('price')),
    // "In case there is no queue, the value will be 0 (and not null)" (§4 field 11).
    queue: (queueId && queueId !== '0') || queueName ? { id: queueId === '0' ? null : queueId, name: queueName, waitTime: wait } : null,
    extensions: {
      caller: nonEmpty(f('callerextension')),
      callee: nonEmpty(f('targetextension')),
    },
    representative: repName || repCode ? { name: repName, code: repCode } : null,
    originalCallId: nonEmpty(f('OriginalIvrUniqueID')),
  };
}

/** §5.2 HANGUP_CALL as a CdrRecord (it carries the call's outcome). */
export function normaliseVoicenterHangup(rec: Record<string, unknown>): CdrRecord {
  const f = fieldGetter(rec);
  const providerStatus = nonEmpty(f('CALL_STATUS'));
  const start = epochToIso(f('CALL_START_EPOCH') ?? f('CALL_TIME_EPOCH'));
  return {
    provider: 'voicenter',
    callId: nonEmpty(f('IVR_UNIQUE_ID')) ?? '',
    caller: nonEmpty(f('CALLER_ID')),
    callee: nonEmpty(f('TARGET')),
    did: nonEmpty(f('DID')),
    start,
    end: null,
    duration: num(f('CALL_DURATION')),
    // CALL_DAILTIME is the printed spelling (AMBIGUITIES 2); accept the corrected one too.
    ringTime: num(f('CALL_DAILTIME', 'CALL_DIALTIME')),
    status: voicenterStatus(providerStatus),
    providerStatus,
    type: 'IVR',
    direction: 'inbound',
    recordingUrl: null,
    price: null,
    queue: null,
    extensions: { caller: null, callee: null },
    representative: null,
    originalCallId: null,
  };
}

export const VOICENTER_CDR_OK = { err: 0, errdesc: 'OK' };

/** A request that is a Voicenter CDR (XML-RPC `CDR`, a JSON CDR object, or HANGUP_CALL). */
export function voicenterInbound(method: string | undefined, data: unknown, raw: unknown): InboundResult | undefined {
  const records = Array.isArray(data) ? data : [data];
  if (method && method.toUpperCase() === 'HANGUP_CALL') {
    const out = records.filter(isObj).map((r) => {
      const cdr = normaliseVoicenterHangup(r);
      return { topic: 'cdr', payload: cdr, raw: r, key: `voicenter:hangup:${cdr.callId}:${cdr.providerStatus}` };
    });
    return { provider: 'voicenter', records: out, ack: { STATUS: 0 } };
  }
  const looksLikeCdr = (r: unknown) => isObj(r) && ('ivruniqueid' in r || ('caller' in r && 'target' in r));
  if ((method && method.toUpperCase() === 'CDR') || (!method && records.length > 0 && records.every(looksLikeCdr))) {
    const out = records.filter(isObj).map((r) => {
      const cdr = normaliseVoicenterCdr(r);
      const key = cdr.callId ? `voicenter:cdr:${cdr.callId}:${cdr.type}` : `voicenter:cdr:${JSON.stringify(r)}`;
      return { topic: 'cdr', payload: cdr, raw: r, key };
    });
    void raw;
    return { provider: 'voicenter', records: out, ack: VOICENTER_CDR_OK };
  }
  return undefined;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A row of the call log (§3), whose field names differ from the notification's (§4). */
export function normaliseVoicenterCallLog(row: Record<string, unknown>): CdrRecord {
  const f = fieldGetter(row);
  const type = voicenterType(f('Type'));
  const providerStatus = nonEmpty(f('DialStatus', 'DialStatus2'));
  const date = nonEmpty(f('Date'));
  const t = date === null ? NaN : /^\d+$/.test(date) ? Number(date) * 1000 : Date.parse(date);
  const repName = nonEmpty(f('RepresentativeName'));
  const repCode = nonEmpty(f('RepresentativeCode'));
  const queueName = nonEmpty(f('QueueName'));
  return {
    provider: 'voicenter',
    callId: nonEmpty(f('CallID', 'ivruniqueid')) ?? '',
    caller: nonEmpty(f('CallerNumber')),
    callee: nonEmpty(f('TargetNumber')),
    did: nonEmpty(f('DID')),
    start: Number.isNaN(t) ? null : new Date(t).toISOString(),
    end: null,
    duration: num(f('Duration')),
    ringTime: num(f('RingTime')),
    status: voicenterStatus(providerStatus),
    providerStatus,
    type: type.name,
    direction: type.direction,
    recordingUrl: nonEmpty(f('RecordURL')),
    price: num(f('Price')),
    queue: queueName ? { id: null, name: queueName, waitTime: null } : null,
    extensions: { caller: nonEmpty(f('CallerExtension')), callee: nonEmpty(f('TargetExtension')) },
    representative: repName || repCode ? { name: repName, code: repCode } : null,
    originalCallId: null,
  };
}

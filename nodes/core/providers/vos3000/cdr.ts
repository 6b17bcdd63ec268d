/**
 * VOS3000 "Send Request" reports (VOS3000 web interface 2.1.7.0 §3.3-3.6) and GetCdr rows
 * (§2.46 InfoCdr), normalised. The reports are JSON posted to a configured URL; the document
 * names only the interface (AMBIGUITIES 25), so the interface is taken from the URL's last path
 * segment when it is one of the names, else recognised by the fields the body carries.
 * Times are "Long (UTC)"; VOS3000 writes Java milliseconds, so values too large to be seconds
 * are read as milliseconds.
 */
import { epochToIso, fieldGetter, nonEmpty, num, str, type CallStatus, type CdrRecord } from '../cdr-record';
import type { InboundRecord, InboundResult } from '../cdr-inbound';

export type VosReport = 'PhoneOnline' | 'CallStateReport' | 'CustomerMoneyChange' | 'AlarmCurrentReport';
export type VosIvrPush = 'PushDtmfInfo' | 'PushDtmfInfos';
export const VOS_REPORTS: readonly VosReport[] = ['PhoneOnline', 'CallStateReport', 'CustomerMoneyChange', 'AlarmCurrentReport'];
export const VOS_IVR_PUSHES: readonly VosIvrPush[] = ['PushDtmfInfo', 'PushDtmfInfos'];

/** §3.4 callState. */
export const VOS_CALL_STATES: Readonly<Record<number, string>> = {
  [-1]: 'Setup',
  [-2]: 'CallProceeding',
  [-3]: 'CallProceeding(RTP)',
  [-4]: 'Progress',
  [-5]: 'Alerting',
  [-6]: 'Connect',
  [-7]: 'Invite',
  [-8]: 'Trying',
  [-9]: 'SessionProgress',
  [-10]: 'SessionProgress(SDP)',
  [-11]: 'Ringing',
  [-12]: 'Ok',
  [-13]: 'Release',
  [-18]: 'CallAuthentication',
};

/** §2.82 InfoAlarmCurrent type. */
export const VOS_ALARM_TYPES: Readonly<Record<number, string>> = {
  20000: 'Routing ASR', 20001: 'Routing ACD', 20002: 'Routing concurrency decline', 20003: 'CPU',
  20004: 'Memory', 20005: 'Harddisk', 20006: 'Pending CDR', 20007: 'Account Balance',
  20009: 'Package receive', 20010: 'Bytes receive', 20011: 'Package transmit', 20012: 'Bytes transmit',
  20013: 'Mapping ASR', 20014: 'Mapping ACD', 20015: 'Mapping concurrency decline',
  20016: 'Conversation time', 20017: 'Database', 20018: 'Process terminated', 20019: 'Standby enable',
  20020: 'Illegal call', 20021: 'Clock deviation', 20022: 'Routing concurrency rise',
  20023: 'Mapping concurrency rise', 20026: 'Mac limited', 20027: 'Master synchronize status',
  20028: 'Slave synchronize status',
};
export const VOS_ALARM_LEVELS = ['General', 'Minor', 'Major', 'Critical'] as const;

const names = [...VOS_REPORTS, ...VOS_IVR_PUSHES];

/** Which VOS3000 push this is: by URL path segment first, then by its fields. */
export function vosInterface(path: string, body: unknown): VosReport | VosIvrPush | undefined {
  const last = path.split('/').filter(Boolean).pop()?.toLowerCase();
  const byPath = names.find((n) => n.toLowerCase() === last);
  if (byPath) return byPath;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  if ('infoDtmfs' in b && 'flowNo' in b) return 'PushDtmfInfos';
  if ('flowNo' in b && 'dtmf' in b) return 'PushDtmfInfo';
  if ('infoAlarmCurrents' in b) return 'AlarmCurrentReport';
  if ('callState' in b && 'callId' in b) return 'CallStateReport';
  if ('e164' in b && 'online' in b) return 'PhoneOnline';
  if ('account' in b && 'money' in b) return 'CustomerMoneyChange';
  return undefined;
}

function bool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 1 || v === '1') return true;
  if (v === 'false' || v === 0 || v === '0') return false;
  return null;
}

export function vosInbound(path: string, body: unknown): InboundResult | undefined {
  const kind = vosInterface(path, body);
  if (!kind || kind === 'PushDtmfInfo' || kind === 'PushDtmfInfos') return undefined;
  const b = body as Record<string, unknown>;
  const f = fieldGetter(b);
  const records: InboundRecord[] = [];
  switch (kind) {
    case 'PhoneOnline': {
      const payload = {
        provider: 'vos3000' as const,
        e164: nonEmpty(f('e164')),
        dids: Array.isArray(f('dids')) ? (f('dids') as unknown[]).map(str) : [],
        online: bool(f('online')),
        time: epochToIso(f('eventTime'), 'auto'),
        localIp: nonEmpty(f('localIp')),
        localPort: num(f('localPort')),
        remoteIp: nonEmpty(f('remoteIp')),
        productId: nonEmpty(f('productId')),
      };
      records.push({ topic: kind, payload, raw: b, key: `vos:online:${payload.e164}:${payload.online}:${str(f('eventTime'))}` });
      break;
    }
    case 'CallStateReport': {
      const state = num(f('callState'));
      const payload = {
        provider: 'vos3000' as const,
        callId: str(f('callId')),
        state,
        stateName: state === null ? null : VOS_CALL_STATES[state] ?? null,
        time: epochToIso(f('eventTime'), 'auto'),
        caller: nonEmpty(f('callerE164')),
        callee: nonEmpty(f('calleeE164')),
        callerGateway: nonEmpty(f('callerGatewayId')),
        calleeGateway: nonEmpty(f('calleeGatewayId')),
        callerIp: nonEmpty(f('callerIp')),
        calleeIp: nonEmpty(f('calleeIp')),
        callerLocalIp: nonEmpty(f('callerLocalIp')),
        calleeLocalIp: nonEmpty(f('calleeLocalIp')),
      };
      records.push({ topic: kind, payload, raw: b, key: `vos:state:${payload.callId}:${state}:${str(f('eventTime'))}` });
      break;
    }
    case 'CustomerMoneyChange': {
      const payload = { provider: 'vos3000' as const, account: nonEmpty(f('account')), balance: num(f('money')) };
      // No event time in §3.5: two identical changes in a row are a retry, not two changes.
      records.push({ topic: kind, payload, raw: b, key: `vos:money:${payload.account}:${payload.balance}` });
      break;
    }
    case 'AlarmCurrentReport': {
      // An array in §3.6, a single value in §2.82 (AMBIGUITIES 22): accept both.
      const list = f('infoAlarmCurrents');
      const alarms = Array.isArray(list) ? list : list && typeof list === 'object' ? [list] : [];
      for (const a of alarms) {
        if (typeof a !== 'object' || a === null) continue;
        const g = fieldGetter(a as Record<string, unknown>);
        const type = num(g('type'));
        const level = num(g('level'));
        const payload = {
          provider: 'vos3000' as const,
          id: str(g('id')),
          type,
          typeName: type === null ? null : VOS_ALARM_TYPES[type] ?? null,
          level,
          levelName: level === null ? null : VOS_ALARM_LEVELS[level] ?? null,
          name: nonEmpty(g('name')),
          start: epochToIso(g('startTime'), 'auto'),
          stop: epochToIso(g('stopTime'), 'auto'),
          value: num(g('value')),
          upper: num(g('upper')),
        };
        records.push({ topic: kind, payload, raw: a, key: `vos:alarm:${payload.id}:${str(g('startTime'))}:${str(g('stopTime'))}` });
      }
      break;
    }
  }
  return { provider: 'vos3000', records, ack: { retCode: 0 } };
}

/** §2.46 InfoCdr endReason is a VOS3000 code; holdTime 0 is the only reliable "not answered". */
function vosStatus(holdTime: number | null): CallStatus {
  if (holdTime === null) return 'unknown';
  return holdTime > 0 ? 'answered' : 'no-answer';
}

/** A GetCdr row (§2.46 InfoCdr). */
export function normaliseVosCdr(row: Record<string, unknown>): CdrRecord {
  const f = fieldGetter(row);
  const hold = num(f('holdTime'));
  const endReason = str(f('endReason'));
  const id = nonEmpty(f('flowNo', 'callId', 'id')) ?? `${str(f('callerE164'))}-${str(f('calleeE164'))}-${str(f('start'))}`;
  return {
    provider: 'vos3000',
    callId: id,
    caller: nonEmpty(f('callerE164')),
    callee: nonEmpty(f('calleeE164')),
    did: nonEmpty(f('calleeAccessE164')),
    start: epochToIso(f('start'), 'auto'),
    end: epochToIso(f('stop'), 'auto'),
    duration: hold,
    ringTime: null,
    status: vosStatus(hold),
    providerStatus: endReason,
    type: null,
    direction: 'unknown',
    recordingUrl: null,
    price: num(f('fee')),
    queue: null,
    extensions: { caller: nonEmpty(f('callerProductId')), callee: nonEmpty(f('calleeProductId')) },
    representative: null,
    originalCallId: null,
  };
}

/**
 * IVR requests in one shape, whichever PBX asked: Voicenter GET_IVR_ACTION / HANGUP_CALL (§5),
 * IVR_LAYER_INPUT (§12), the pop-up CRM lookup (§2), VOS3000 PushDtmfInfo(s) (§3.1-3.2).
 */
import type { ParsedBody } from './body';
import { fieldGetter, nonEmpty, num, str } from '../../providers/cdr-record';
import { normaliseVoicenterHangup } from '../../providers/voicenter/cdr';
import { vosInterface } from '../../providers/vos3000/cdr';

export type IvrRequestKind = 'menu' | 'hangup' | 'layer' | 'popup' | 'vos-dtmf';

export interface IvrRequest {
  kind: IvrRequestKind;
  provider: 'voicenter' | 'vos3000';
  /** Voicenter IVR_UNIQUE_ID, VOS3000 flowNo; the phone number for a pop-up lookup. */
  callId: string;
  caller: string | null;
  callerName: string | null;
  did: string | null;
  /** The menu (or layer, or VOS3000 menuName) the digits were entered in; "-1" at call start. */
  menu: string | null;
  previousMenu: string | null;
  dtmf: string;
  /** Extra details: the hang-up record, VOS3000's earlier menus. */
  details: Record<string, unknown>;
  raw: unknown;
}

export class NotAnIvrRequest extends Error {
  override readonly name = 'NotAnIvrRequest';
}

function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function parseIvrRequest(parsed: ParsedBody, path: string): IvrRequest {
  const method = parsed.method?.trim().toUpperCase();
  const data = obj(parsed.data);
  const f = fieldGetter(data);
  if (method === 'GET_IVR_ACTION') {
    return {
      kind: 'menu',
      provider: 'voicenter',
      callId: str(f('IVR_UNIQUE_ID')) ?? '',
      caller: nonEmpty(f('CALLER_ID')),
      callerName: nonEmpty(f('CALLER_NAME')),
      did: nonEmpty(f('DID')),
      menu: nonEmpty(f('MENU')) ?? '-1',
      previousMenu: nonEmpty(f('PREVIOUS_MENU')),
      dtmf: str(f('DTMF')) ?? '',
      details: {},
      raw: parsed.raw,
    };
  }
  if (method === 'HANGUP_CALL') {
    const cdr = normaliseVoicenterHangup(data);
    return {
      kind: 'hangup', provider: 'voicenter', callId: cdr.callId, caller: cdr.caller, callerName: null, did: cdr.did,
      menu: null, previousMenu: null, dtmf: '', details: { cdr }, raw: parsed.raw,
    };
  }
  if (method === 'IVR_LAYER_INPUT' || method === 'IVREXTERNALLAYERINPUT') {
    return {
      kind: 'layer', provider: 'voicenter',
      callId: str(f('IVR_UNIQUE_ID')) ?? '',
      caller: nonEmpty(f('CALLER_ID')), callerName: nonEmpty(f('CALLER_NAME')), did: nonEmpty(f('DID')),
      menu: str(f('LAYER_ID')), previousMenu: str(f('PREVIOUS_LAYER_ID')),
      dtmf: str(f('DTMF')) ?? '', details: {}, raw: parsed.raw,
    };
  }
  if (!method && parsed.format === 'json') {
    const vos = vosInterface(path, data);
    if (vos === 'PushDtmfInfo' || vos === 'PushDtmfInfos') {
      let menu = nonEmpty(f('menuName'));
      let dtmf = str(f('dtmf')) ?? '';
      const history: Array<{ menu: string | null; dtmf: string }> = [];
      const list = f('infoDtmfs');
      if (Array.isArray(list)) {
        for (const d of list) {
          const g = fieldGetter(obj(d));
          history.push({ menu: nonEmpty(g('menuName')), dtmf: str(g('dtmf')) ?? '' });
        }
        // The last entry is where the caller is now; the earlier ones are the path there.
        const last = history[history.length - 1];
        if (last) ({ menu, dtmf } = last);
      }
      return {
        kind: 'vos-dtmf', provider: 'vos3000', callId: str(f('flowNo')) ?? '',
        caller: nonEmpty(f('callerE164')), callerName: null, did: nonEmpty(f('accessE164')),
        menu, previousMenu: history.length > 1 ? history[history.length - 2].menu : null, dtmf,
        details: { callee: nonEmpty(f('calleeE164')), infoDtmfs: history }, raw: parsed.raw,
      };
    }
  }
  // §2 step 2: `phoneSearchUrl?phone=0722776772`, a GET with the caller id.
  const phone = (parsed.format === 'query' || parsed.format === 'form') ? nonEmpty(f('phone')) : null;
  if (phone) {
    return {
      kind: 'popup', provider: 'voicenter', callId: phone, caller: phone, callerName: null, did: null,
      menu: null, previousMenu: null, dtmf: '', details: {}, raw: parsed.raw,
    };
  }
  void num;
  throw new NotAnIvrRequest(`not an IVR request${method ? ` (method ${method})` : ''}`);
}

/**
 * Call release causes across the three vocabularies the package meets:
 * - SIP status codes (RFC 3261 §21),
 * - Q.850 cause values (the ISUP→SIP table of the Voicenter document, seed 001 "SIP RFC error
 *   codes", and RFC 3398 §8.2 for the SIP→ISUP direction it does not print),
 * - Zoiper's release-cause names (seed 000 §5; 200 is Zoiper's "local"),
 * - Voicenter CALL_STATUS values (seed 001 §5.2: ANSWER, BUSY, NOANSWER, CANCEL, CONGESTION,
 *   CHANUNAVAIL, DONTCALL, TORTURE, INVALIDARGS; `ANSWERED` as the examples send it is read
 *   as ANSWER, see seeds/AMBIGUITIES.md #3).
 */

export type CallStatus =
  | 'ANSWER'
  | 'BUSY'
  | 'NOANSWER'
  | 'CANCEL'
  | 'CONGESTION'
  | 'CHANUNAVAIL'
  | 'DONTCALL'
  | 'TORTURE'
  | 'INVALIDARGS';

export interface Cause {
  /** SIP status (200 for an answered call ended normally; 487 for a cancelled one). */
  sip: number;
  /** Q.850 cause value. */
  q850: number;
  /** Zoiper's release-cause name (seed 000 §5), or the Q.850 definition when Zoiper has none. */
  reason: string;
  /** Voicenter CALL_STATUS. */
  status: CallStatus;
}

/** Zoiper's names (seed 000 §5), completed with Q.850 definitions it leaves out. */
export const Q850_NAMES: Record<number, string> = {
  1: 'unallocated', 2: 'no route to transit net', 3: 'no route to destination', 6: 'channel unacceptable',
  7: 'call awarded delivered', 16: 'normal clearing', 17: 'user busy', 18: 'no user response', 19: 'no answer',
  20: 'subscriber absent', 21: 'call rejected', 22: 'number changed', 23: 'redirection to new destination',
  25: 'exchange routing error', 26: 'non-selected user clearing', 27: 'destination out of order',
  28: 'invalid number format', 29: 'facility rejected', 30: 'response to status enquiry', 31: 'normal unspecified',
  34: 'normal circuit congestion', 38: 'network out of order', 41: 'normal temporary failure', 42: 'switch congestion',
  43: 'access info discarded', 44: 'requested channel unavailable', 45: 'pre emptied', 47: 'resource unavailable',
  50: 'facility not subscribed', 52: 'outgoing call barred', 54: 'incoming call barred', 55: 'incoming calls barred within CUG',
  57: 'bearercapability notauth', 58: 'bearercapability notavail', 63: 'service or option unavailable',
  65: 'bearercapability notimpl', 66: 'channel not implemented', 69: 'facility not implemented', 70: 'only restricted digital avail',
  79: 'service or option not implemented', 81: 'invalid call reference', 87: 'user not member of CUG', 88: 'incompatible destination',
  95: 'invalid message unspecified', 96: 'mandatory ie missing', 97: 'message type nonexist', 98: 'wrong message',
  99: 'ie nonexist', 100: 'invalid ie contents', 101: 'wrong call state', 102: 'recovery on timer expire',
  103: 'mandatory ie length error', 111: 'protocol error', 127: 'interworking', 200: 'local',
};

/** Q.850 → SIP, the Voicenter table (seed 001, "SIP RFC error codes"). */
const Q850_TO_SIP: Record<number, number> = {
  1: 404, 2: 404, 3: 404, 16: 200, 17: 486, 18: 408, 19: 480, 20: 480, 21: 403, 22: 410, 23: 410, 26: 404, 27: 502,
  28: 484, 29: 501, 31: 480, 34: 503, 38: 503, 41: 503, 42: 503, 47: 503, 55: 403, 57: 403, 58: 503, 65: 488, 70: 488,
  79: 501, 87: 403, 88: 503, 102: 504, 111: 500, 127: 500,
};

/** SIP → Q.850 (RFC 3398 §8.2.6.1, which the Voicenter table mirrors). */
const SIP_TO_Q850: Record<number, number> = {
  200: 16, 400: 41, 401: 21, 402: 21, 403: 21, 404: 1, 405: 63, 406: 79, 407: 21, 408: 102, 410: 22, 413: 127,
  414: 127, 415: 79, 416: 127, 420: 127, 421: 127, 423: 127, 480: 18, 481: 41, 482: 25, 483: 25, 484: 28, 485: 1,
  486: 17, 487: 16, 488: 65, 500: 41, 501: 79, 502: 38, 503: 41, 504: 102, 505: 127, 513: 127, 600: 17, 603: 21,
  604: 1, 606: 58,
};

/** Voicenter CALL_STATUS for a Q.850 cause (how Asterisk's Dial sets DIALSTATUS). */
function statusOfQ850(q: number, sip: number): CallStatus {
  if (sip >= 200 && sip < 300) return 'ANSWER';
  if (sip === 487) return 'CANCEL';
  if (q === 17 || sip === 486 || sip === 600) return 'BUSY';
  if (q === 20 || q === 27 || q === 38 || q === 44 || q === 66) return 'CHANUNAVAIL';
  if (q === 18 || q === 19 || sip === 408 || sip === 480) return 'NOANSWER';
  if (sip === 603 || q === 21) return 'DONTCALL';
  if (q === 28 || q === 95 || q === 96 || q === 100) return 'INVALIDARGS';
  return 'CONGESTION';
}

function nameOf(q: number): string {
  return Q850_NAMES[q] ?? `cause ${q}`;
}

/** The cause of a call that ended with a SIP final response (or 200 for a normal hangup). */
export function causeFromSip(sip: number): Cause {
  const q = SIP_TO_Q850[sip] ?? (sip >= 600 ? 31 : sip >= 500 ? 41 : sip >= 400 ? 31 : 16);
  return { sip, q850: q, reason: nameOf(q), status: statusOfQ850(q, sip) };
}

/** The cause for a Q.850 value (from a Reason: Q.850;cause=N header or a PBX event). */
export function causeFromQ850(q850: number): Cause {
  const sip = q850 === 200 ? 200 : (Q850_TO_SIP[q850] ?? (q850 >= 1 && q850 <= 31 ? 480 : 500));
  return { sip, q850, reason: nameOf(q850), status: q850 === 16 ? 'ANSWER' : statusOfQ850(q850, sip) };
}

/**
 * The cause of a call from what ended it: the Reason header's Q.850 cause wins (RFC 3326), then
 * the SIP status; `answered` says whether the call was up (a BYE after answer is ANSWER).
 */
export function causeOf(opts: { sip?: number; q850?: number; answered?: boolean; cancelled?: boolean }): Cause {
  let c: Cause;
  if (opts.q850 !== undefined) c = causeFromQ850(opts.q850);
  else if (opts.cancelled) c = { sip: 487, q850: 16, reason: nameOf(16), status: 'CANCEL' };
  else c = causeFromSip(opts.sip ?? 200);
  if (opts.answered) c = { ...c, status: 'ANSWER' };
  else if (opts.cancelled) c = { ...c, status: 'CANCEL' };
  if (opts.sip !== undefined) c = { ...c, sip: opts.sip };
  return c;
}

const STATUS_ALIASES: Record<string, CallStatus> = {
  ANSWER: 'ANSWER', ANSWERED: 'ANSWER', ANSER: 'ANSWER', BUSY: 'BUSY', NOANSWER: 'NOANSWER', 'NO ANSWER': 'NOANSWER',
  CANCEL: 'CANCEL', CANCELLED: 'CANCEL', CANCELED: 'CANCEL', CONGESTION: 'CONGESTION', CHANUNAVAIL: 'CHANUNAVAIL',
  DONTCALL: 'DONTCALL', TORTURE: 'TORTURE', INVALIDARGS: 'INVALIDARGS',
};

/** Reads a provider call status tolerantly (ANSWERED, "NO ANSWER", lower case...). */
export function parseCallStatus(s: string): CallStatus | undefined {
  return STATUS_ALIASES[s.trim().toUpperCase()];
}

/** A representative cause for a CALL_STATUS (for CDRs that carry only the status). */
export function causeFromStatus(status: CallStatus): Cause {
  const sip: Record<CallStatus, number> = {
    ANSWER: 200, BUSY: 486, NOANSWER: 480, CANCEL: 487, CONGESTION: 503, CHANUNAVAIL: 480, DONTCALL: 603, TORTURE: 603, INVALIDARGS: 484,
  };
  const q: Record<CallStatus, number> = {
    ANSWER: 16, BUSY: 17, NOANSWER: 19, CANCEL: 16, CONGESTION: 34, CHANUNAVAIL: 20, DONTCALL: 21, TORTURE: 21, INVALIDARGS: 28,
  };
  return { sip: sip[status], q850: q[status], reason: nameOf(q[status]), status };
}

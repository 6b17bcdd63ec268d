/**
 * User-agent events -> output messages: one message per event, `topic` the event name, `callId`
 * the call, `payload` the details, and on call events the call's line state (Zoiper's TLineState
 * names), direction and remote party, so a flow can follow a call without keeping state.
 */
import type { LineState } from '../core/sip/user-agent';

export const ACCOUNT_EVENTS = ['registered', 'unregistered', 'registrationFailed', 'message', 'mwi'] as const;
export const CALL_EVENTS = [
  'incoming',
  'dialing',
  'ringing',
  'progress',
  'answered',
  'held',
  'resumed',
  'remoteHold',
  'dtmf',
  'transferRequested',
  'transferProgress',
  'playEnded',
  'recordEnded',
  'ended',
  'state',
] as const;

export type AccountEventName = (typeof ACCOUNT_EVENTS)[number];
export type CallEventName = (typeof CALL_EVENTS)[number];
export type PhoneEventName = AccountEventName | CallEventName;

export const ALL_EVENTS: readonly PhoneEventName[] = [...ACCOUNT_EVENTS, ...CALL_EVENTS];
/** `state` repeats what every other call event carries; a flow asks for it explicitly. */
export const DEFAULT_EVENTS: readonly PhoneEventName[] = ALL_EVENTS.filter((e) => e !== 'state');

export interface CallSnapshot {
  id: string;
  state: LineState;
  direction: 'outgoing' | 'incoming';
  remote: { uri: string; user?: string; displayName?: string };
}

export interface PhoneEvent {
  topic: PhoneEventName;
  call?: CallSnapshot;
  payload: Record<string, unknown>;
}

export interface PhoneEventMessage {
  [key: string]: unknown;
  topic: PhoneEventName;
  payload: Record<string, unknown>;
  callId?: string;
  lineState?: LineState;
  direction?: 'outgoing' | 'incoming';
  remote?: { uri: string; user?: string; displayName?: string };
  account?: string;
}

export function eventToMessage(ev: PhoneEvent, accountName?: string): PhoneEventMessage {
  const msg: PhoneEventMessage = { topic: ev.topic, payload: ev.payload };
  if (ev.call !== undefined) {
    msg.callId = ev.call.id;
    msg.lineState = ev.call.state;
    msg.direction = ev.call.direction;
    msg.remote = { ...ev.call.remote };
  }
  if (accountName !== undefined && accountName !== '') msg.account = accountName;
  return msg;
}

/** The node's `events` property: a comma-separated list; empty or missing means the defaults. */
export function parseEventFilter(raw: unknown): Set<PhoneEventName> {
  if (typeof raw !== 'string' || raw.trim() === '') return new Set(DEFAULT_EVENTS);
  const wanted = new Set<PhoneEventName>();
  for (const part of raw.split(',')) {
    const name = part.trim();
    const known = ALL_EVENTS.find((e) => e === name);
    if (known !== undefined) wanted.add(known);
  }
  return wanted;
}

/** A user-agent payload made safe for a message: Buffers and Errors do not belong in one. */
export function plainPayload(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return {};
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (typeof val === 'function') continue;
    out[k] = val instanceof Error ? val.message : val;
  }
  return out;
}

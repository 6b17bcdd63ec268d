/**
 * msg -> typed command. `msg.topic` names the command, `msg.payload` carries its arguments (a
 * plain string where one argument is enough), `msg.callId` picks the call. Everything a flow can
 * get wrong in the shape of a message is refused here, before the user agent is touched, with an
 * error that names the command and the field.
 */
import { CommandError } from './command-error';
import { normaliseTarget } from './target';

export type CallRef = string | undefined;

export interface PlayArgs {
  file?: string;
  buffer?: Buffer;
  loop: boolean;
  tone?: string;
}

export type PhoneCommand =
  | {
      name: 'dial';
      to: string;
      from?: string;
      headers?: Record<string, string>;
      autoHangupAfterMs?: number;
    }
  | { name: 'answer'; callId: CallRef }
  | { name: 'reject'; callId: CallRef; code?: number }
  | { name: 'hangup'; callId: CallRef }
  | { name: 'hold'; callId: CallRef }
  | { name: 'unhold'; callId: CallRef }
  | { name: 'mute'; callId: CallRef }
  | { name: 'unmute'; callId: CallRef }
  | { name: 'transfer'; callId: CallRef; to: string }
  | { name: 'attendedTransfer'; callId: CallRef; targetCallId: string }
  | { name: 'acceptTransfer'; callId: CallRef }
  | { name: 'rejectTransfer'; callId: CallRef }
  | { name: 'dtmf'; callId: CallRef; digits: string }
  | { name: 'play'; callId: CallRef; source: PlayArgs }
  | { name: 'stopPlay'; callId: CallRef }
  | { name: 'record'; callId: CallRef; file: string; maxDurationMs?: number }
  | { name: 'stopRecord'; callId: CallRef }
  | { name: 'message'; to: string; text: string; contentType?: string }
  | { name: 'forward'; forward: { to: string; afterSeconds: number } | null }
  | { name: 'dnd'; on: boolean }
  | { name: 'conference'; callIds: string[] };

export type CommandName = PhoneCommand['name'];

export const COMMAND_NAMES: readonly CommandName[] = [
  'dial',
  'answer',
  'reject',
  'hangup',
  'hold',
  'unhold',
  'mute',
  'unmute',
  'transfer',
  'attendedTransfer',
  'acceptTransfer',
  'rejectTransfer',
  'dtmf',
  'play',
  'stopPlay',
  'record',
  'stopRecord',
  'message',
  'forward',
  'dnd',
  'conference',
];

// Lower-case aliases so "attendedtransfer", "stop-play" or "DTMF" still find their command.
const BY_FOLDED_NAME = new Map<string, CommandName>(COMMAND_NAMES.map((n) => [fold(n), n]));

function fold(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

// RFC 4733 §3.2 events 0-15: digits, * and #, A-D. 'F' (flash, event 16) is not offered:
// neither the SIP INFO body of the common dtmf-relay form nor Zoiper carry it.
const DTMF_DIGITS = /^[0-9*#A-Da-d]+$/;
const MAX_DTMF_LENGTH = 64;
const MAX_MESSAGE_LENGTH = 1300; // RFC 3428 §8: MESSAGE over UDP should stay below the MTU
// RFC 3261 §25.1 token: what a header name may be.
const HEADER_NAME = /^[A-Za-z0-9\-.!%*_+`'~]+$/;

export interface RawInput {
  topic: unknown;
  payload: unknown;
  callId: unknown;
}

/** Parses one input message into a command or throws a CommandError. */
export function parseCommand(input: RawInput): PhoneCommand {
  if (typeof input.topic !== 'string' || input.topic.trim() === '') {
    throw new CommandError('noCommand', {}, 'msg.topic must name a command (dial, answer, hangup, ...)');
  }
  const name = BY_FOLDED_NAME.get(fold(input.topic));
  if (name === undefined) {
    throw new CommandError(
      'unknownCommand',
      { command: input.topic, commands: COMMAND_NAMES.join(', ') },
      `unknown command "${input.topic}"; known commands: ${COMMAND_NAMES.join(', ')}`,
    );
  }
  const callId = parseCallId(input.callId, name);
  const p = input.payload;
  switch (name) {
    case 'dial':
      return parseDial(p);
    case 'answer':
    case 'hangup':
    case 'hold':
    case 'unhold':
    case 'mute':
    case 'unmute':
    case 'stopPlay':
    case 'stopRecord':
    case 'acceptTransfer':
    case 'rejectTransfer':
      return { name, callId };
    case 'reject': {
      const code = optionalField(p, 'code', name, true);
      if (code === undefined) return { name, callId };
      const n = toInteger(code, name, 'code');
      if (n < 400 || n > 699) {
        throw new CommandError('badField', { command: name, field: 'code', value: String(code) },
          `${name}: code must be a SIP final failure status 400-699, not ${String(code)}`);
      }
      return { name, callId, code: n };
    }
    case 'transfer': {
      const to = stringArg(p, 'to', name, ['to', 'target']);
      return { name, callId, to: target(to, name) };
    }
    case 'attendedTransfer': {
      // {callId, targetCallId}: callId may also come from msg.callId.
      if (!isRecord(p)) {
        throw new CommandError('badPayload', { command: name, expected: '{callId, targetCallId}' },
          `${name}: msg.payload must be {callId, targetCallId}`);
      }
      const first = p.callId === undefined ? callId : parseCallId(p.callId, name);
      const second = p.targetCallId === undefined ? undefined : parseCallId(p.targetCallId, name);
      if (second === undefined) {
        throw new CommandError('missingField', { command: name, field: 'targetCallId' },
          `${name}: msg.payload.targetCallId is missing`);
      }
      return { name, callId: first, targetCallId: second };
    }
    case 'dtmf': {
      const raw = typeof p === 'number' && Number.isInteger(p) && p >= 0 ? String(p) : stringArg(p, 'digits', name, ['digits']);
      const digits = raw.replace(/\s/g, '');
      if (!DTMF_DIGITS.test(digits) || digits.length > MAX_DTMF_LENGTH) {
        throw new CommandError('badDigits', { command: name, value: raw },
          `${name}: "${raw}" is not a DTMF string (0-9, *, #, A-D, at most ${MAX_DTMF_LENGTH})`);
      }
      return { name, callId, digits: digits.toUpperCase() };
    }
    case 'play':
      return { name, callId, source: parsePlay(p) };
    case 'record': {
      const file = stringArg(p, 'file', name, ['file']);
      const max = optionalField(p, 'maxDuration', name);
      const maxDurationMs = max === undefined ? undefined : toPositiveSeconds(max, name, 'maxDuration') * 1000;
      return maxDurationMs === undefined ? { name, callId, file } : { name, callId, file, maxDurationMs };
    }
    case 'message': {
      if (!isRecord(p)) {
        throw new CommandError('badPayload', { command: name, expected: '{to, text}' },
          `${name}: msg.payload must be {to, text}`);
      }
      const to = target(requiredString(p, 'to', name), name);
      const text = p.text;
      if (typeof text !== 'string') {
        throw new CommandError('missingField', { command: name, field: 'text' }, `${name}: msg.payload.text is missing`);
      }
      if (Buffer.byteLength(text, 'utf8') > MAX_MESSAGE_LENGTH) {
        throw new CommandError('tooLong', { command: name, field: 'text', max: MAX_MESSAGE_LENGTH },
          `${name}: text is longer than ${MAX_MESSAGE_LENGTH} bytes`);
      }
      const contentType = p.contentType;
      if (contentType !== undefined && typeof contentType !== 'string') {
        throw new CommandError('badField', { command: name, field: 'contentType', value: String(contentType) },
          `${name}: contentType must be a string`);
      }
      return contentType === undefined ? { name, to, text } : { name, to, text, contentType };
    }
    case 'forward': {
      // Off: false, null, "" or {to: ""}; on: "target" (at once) or {to, afterSeconds}.
      if (p === false || p === null || p === undefined || p === '' || (isRecord(p) && (p.to === '' || p.to === null))) {
        return { name, forward: null };
      }
      const to = target(stringArg(p, 'to', name, ['to']), name);
      const after = optionalField(p, 'afterSeconds', name);
      const afterSeconds = after === undefined ? 0 : toNonNegativeSeconds(after, name, 'afterSeconds');
      return { name, forward: { to, afterSeconds } };
    }
    case 'dnd':
      return { name, on: toBoolean(p, name) };
    case 'conference': {
      const list = isRecord(p) ? p.callIds : p;
      if (!Array.isArray(list) || list.length < 2) {
        throw new CommandError('badPayload', { command: name, expected: '{callIds: [id, id, ...]}' },
          `${name}: msg.payload.callIds must list two or more calls`);
      }
      const callIds = list.map((c) => parseCallId(c, name));
      const ids = callIds.filter((c): c is string => c !== undefined);
      if (ids.length !== list.length || new Set(ids).size !== ids.length) {
        throw new CommandError('badPayload', { command: name, expected: '{callIds: [id, id, ...]}' },
          `${name}: msg.payload.callIds must list two or more different calls`);
      }
      return { name, callIds: ids };
    }
  }
}

function parseDial(p: unknown): PhoneCommand {
  const name = 'dial';
  if (typeof p === 'number' && Number.isInteger(p) && p >= 0) return { name, to: String(p) };
  const to = target(stringArg(p, 'to', name, ['to']), name);
  if (!isRecord(p)) return { name, to };
  const cmd: Extract<PhoneCommand, { name: 'dial' }> = { name, to };
  if (p.from !== undefined && p.from !== '') {
    if (typeof p.from !== 'string') {
      throw new CommandError('badField', { command: name, field: 'from', value: String(p.from) }, `${name}: from must be a string`);
    }
    cmd.from = p.from;
  }
  if (p.headers !== undefined) cmd.headers = parseHeaders(p.headers);
  const auto = p.autoHangupAfter;
  if (auto !== undefined && auto !== 0 && auto !== '') {
    cmd.autoHangupAfterMs = toPositiveSeconds(auto, name, 'autoHangupAfter') * 1000;
  }
  return cmd;
}

function parseHeaders(h: unknown): Record<string, string> {
  if (!isRecord(h)) {
    throw new CommandError('badField', { command: 'dial', field: 'headers', value: typeof h },
      'dial: headers must be an object of header name to value');
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    const value = typeof v === 'number' ? String(v) : v;
    // CR/LF in a value would let a flow inject whole headers or a body (RFC 3261 §7.3.1).
    if (!HEADER_NAME.test(k) || typeof value !== 'string' || /[\r\n\0]/.test(value)) {
      throw new CommandError('badHeader', { command: 'dial', header: k },
        `dial: header "${k}" is not a valid SIP header name with a one-line string value`);
    }
    out[k] = value;
  }
  return out;
}

function parsePlay(p: unknown): PlayArgs {
  const name = 'play';
  if (Buffer.isBuffer(p)) return { buffer: p, loop: false };
  if (typeof p === 'string') {
    if (p.trim() === '') throw new CommandError('missingField', { command: name, field: 'file' }, `${name}: no file given`);
    return { file: p, loop: false };
  }
  if (isRecord(p)) {
    const loop = p.loop === undefined ? false : toBoolean(p.loop, name);
    if (typeof p.file === 'string' && p.file.trim() !== '') return { file: p.file, loop };
    if (Buffer.isBuffer(p.buffer)) return { buffer: p.buffer, loop };
    if (typeof p.tone === 'string' && p.tone !== '') return { tone: p.tone, loop };
  }
  throw new CommandError('badPayload', { command: name, expected: 'a file path, a Buffer or {file, loop}' },
    `${name}: msg.payload must be a file path, a Buffer (WAV) or {file, loop}`);
}

function parseCallId(v: unknown, command: string): CallRef {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new CommandError('badField', { command, field: 'callId', value: typeof v }, `${command}: callId must be a string`);
}

function target(raw: string, command: string): string {
  const t = normaliseTarget(raw);
  if (t === undefined) {
    throw new CommandError('badTarget', { command, value: raw },
      `${command}: "${raw}" is not a number, user@host or sip:/sips:/tel: URI`);
  }
  return t;
}

/** The argument either as the whole payload (a string) or as payload[field] (or an alias). */
function stringArg(p: unknown, field: string, command: string, aliases: string[]): string {
  if (typeof p === 'string') {
    if (p.trim() === '') throw new CommandError('missingField', { command, field }, `${command}: ${field} is empty`);
    return p.trim();
  }
  if (isRecord(p)) {
    for (const a of aliases) {
      const v = p[a];
      if (typeof v === 'string' && v.trim() !== '') return v.trim();
      if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    }
  }
  throw new CommandError('missingField', { command, field },
    `${command}: ${field} is missing (msg.payload must be the ${field} as a string, or an object with "${field}")`);
}

function requiredString(p: Record<string, unknown>, field: string, command: string): string {
  const v = p[field];
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string' || v.trim() === '') {
    throw new CommandError('missingField', { command, field }, `${command}: msg.payload.${field} is missing`);
  }
  return v.trim();
}

function optionalField(p: unknown, field: string, command: string, bareIsValue = false): unknown {
  if (p === undefined || p === null || p === '') return undefined;
  if (isRecord(p)) return p[field] === '' || p[field] === null ? undefined : p[field];
  // A bare number or string stands for the only argument where there is one (reject 486);
  // where the bare string is another argument (record "file.wav") the option is just absent.
  if (typeof p === 'number' || typeof p === 'string') return bareIsValue ? p : undefined;
  throw new CommandError('badPayload', { command, expected: `{${field}}` }, `${command}: msg.payload must be {${field}}`);
}

function toInteger(v: unknown, command: string, field: string): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new CommandError('badField', { command, field, value: String(v) }, `${command}: ${field} must be an integer, not ${String(v)}`);
  }
  return n;
}

function toNonNegativeSeconds(v: unknown, command: string, field: string): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 86400) {
    throw new CommandError('badField', { command, field, value: String(v) },
      `${command}: ${field} must be a number of seconds from 0 to 86400, not ${String(v)}`);
  }
  return n;
}

function toPositiveSeconds(v: unknown, command: string, field: string): number {
  const n = toNonNegativeSeconds(v, command, field);
  if (n === 0) {
    throw new CommandError('badField', { command, field, value: String(v) }, `${command}: ${field} must be more than 0 seconds`);
  }
  return n;
}

function toBoolean(v: unknown, command: string): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === '1' || v === 'on' || v === 'true') return true;
  if (v === 0 || v === '0' || v === 'off' || v === 'false') return false;
  throw new CommandError('badField', { command, field: 'payload', value: String(v) },
    `${command}: msg.payload must be true or false, not ${String(v)}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

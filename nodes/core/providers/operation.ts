/**
 * Operation tables and their validator, shared by every provider (Voicenter, iexpbx, VOS3000).
 * A table is plain data: the operation's name, where it lives, how it may be sent, its
 * parameters (type, required flag, default) and the vendor's documented error codes. A node
 * validates a request against its table before anything is sent: a missing required parameter
 * or a value of the wrong type is a clear error and no request leaves.
 */

/**
 * What a parameter's value means, which decides the coercion:
 *  - `string`: text; numbers become strings.
 *  - `phone`: a phone number, extension or SIP name. Kept as a string because leading zeros
 *    matter (`0501234567`); a number is turned into its decimal string, a `+` is kept.
 *  - `digits`: only 0-9 * # (DTMF, PIN codes); a number becomes a string.
 *  - `integer`, `number`: numeric; numeric strings are accepted (the vendors send both).
 *  - `boolean`: true/false, "true"/"false", 1/0, "1"/"0", "yes"/"no".
 *  - `epoch`: Unix seconds; also accepts a Date, an ISO 8601 string or milliseconds.
 *  - `datetime`: a point in time kept as a Date (formatted by the provider module).
 *  - `enum`: one of `values` (compared case-insensitively, emitted as in the table).
 *  - `array`, `object`: structured values (JSON bodies).
 *  - `strings`: a list of strings (a single string or a comma-separated string is accepted).
 */
export type ParamType =
  | 'string'
  | 'phone'
  | 'digits'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'epoch'
  | 'datetime'
  | 'enum'
  | 'array'
  | 'object'
  | 'strings';

export interface ParamSpec {
  /** The name sent on the wire, exactly as the vendor spells it. */
  name: string;
  type: ParamType;
  required?: boolean;
  /** Used when the caller gives nothing; sent only when `sendDefault` is true. */
  default?: string | number | boolean;
  /** Send the default even when the caller gave nothing (e.g. a fixed `action`). */
  sendDefault?: boolean;
  /** Other spellings accepted on input (vendor inconsistencies: `Callerid` / `CallerID`). */
  aliases?: string[];
  values?: readonly string[];
  min?: number;
  max?: number;
  maxLength?: number;
  /** Short help for the editor and error messages. */
  description?: string;
  /** Filled in from the config node (credentials, account codes), never asked of the user. */
  fromConfig?: boolean;
}

export type WireEncoding = 'GET' | 'POST' | 'JSON';

export interface OperationSpec {
  /** The name a flow uses (`msg.operation`). */
  name: string;
  provider: string;
  /** Which of the provider's base URLs (e.g. 'api', 'monitor'). */
  host: string;
  path: string;
  /** The encodings the vendor accepts; the first is the default. */
  encodings: readonly WireEncoding[];
  params: readonly ParamSpec[];
  /** Documented error codes and their meaning. */
  errors?: Readonly<Record<string, string>>;
  /** Safe to repeat (reads, idempotent changes): retried on network errors and 5xx. */
  safe: boolean;
  /** Starts a call: never retried unless the user asks for it. */
  startsCall?: boolean;
  /** Custom `var_*` values allowed (Voicenter §1.2, §6.1), with their maximum count. */
  customVars?: { prefix: string; max?: number };
  /** The vendor section this table comes from. */
  doc: string;
  description?: string;
}

export type ParamValue = string | number | boolean | Date | unknown[] | Record<string, unknown>;

export interface ValidatedRequest {
  op: OperationSpec;
  /** Coerced parameters keyed by their wire name, in table order. */
  params: Record<string, ParamValue>;
  /** Custom values (`var_*`) with their prefix, as strings or numbers. */
  custom: Record<string, string | number>;
  /** Input keys that matched nothing in the table. */
  ignored: string[];
}

export interface ValidationProblem {
  param: string;
  problem: 'missing' | 'type' | 'range' | 'enum' | 'too-many';
  message: string;
}

export class ValidationError extends Error {
  readonly code = 'VALIDATION';
  readonly operation: string;
  readonly problems: ValidationProblem[];
  constructor(operation: string, problems: ValidationProblem[]) {
    super(`${operation}: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'ValidationError';
    this.operation = operation;
    this.problems = problems;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !Buffer.isBuffer(v);
}

/** Empty means "not given": undefined, null and the empty string (an unset editor field). */
function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

type Coerced = { ok: true; value: ParamValue } | { ok: false; problem: ValidationProblem['problem']; why: string };

const bad = (why: string, problem: ValidationProblem['problem'] = 'type'): Coerced => ({ ok: false, problem, why });

export function coerce(spec: ParamSpec, v: unknown): Coerced {
  switch (spec.type) {
    case 'string':
      if (typeof v === 'string') return checkLength(spec, v);
      if (typeof v === 'number' || typeof v === 'boolean') return checkLength(spec, String(v));
      return bad('expected text');
    case 'phone': {
      // Numbers lose leading zeros, so only an integer is accepted and turned into its digits.
      if (typeof v === 'number') {
        if (!Number.isSafeInteger(v) || v < 0) return bad('expected a phone number');
        return { ok: true, value: String(v) };
      }
      if (typeof v !== 'string') return bad('expected a phone number as text');
      const s = v.trim();
      if (!/^\+?[0-9A-Za-z*#_.@-]+$/.test(s)) return bad(`"${v}" is not a phone number or extension`);
      return checkLength(spec, s);
    }
    case 'digits': {
      const s = typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : typeof v === 'string' ? v.trim() : undefined;
      if (s === undefined || !/^[0-9*#]+$/.test(s)) return bad('expected digits');
      return checkLength(spec, s);
    }
    case 'integer':
    case 'number': {
      let n: number;
      if (typeof v === 'number') n = v;
      else if (typeof v === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(v)) n = Number(v);
      else return bad(spec.type === 'integer' ? 'expected a whole number' : 'expected a number');
      if (!Number.isFinite(n) || (spec.type === 'integer' && !Number.isInteger(n))) return bad('expected a whole number');
      if (spec.min !== undefined && n < spec.min) return bad(`must be at least ${spec.min}`, 'range');
      if (spec.max !== undefined && n > spec.max) return bad(`must be at most ${spec.max}`, 'range');
      return { ok: true, value: n };
    }
    case 'boolean': {
      if (typeof v === 'boolean') return { ok: true, value: v };
      if (v === 1 || v === 0) return { ok: true, value: v === 1 };
      if (typeof v === 'string') {
        const s = v.trim().toLowerCase();
        if (['true', '1', 'yes', 'on'].includes(s)) return { ok: true, value: true };
        if (['false', '0', 'no', 'off'].includes(s)) return { ok: true, value: false };
      }
      return bad('expected true or false');
    }
    case 'epoch': {
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? bad('invalid date') : { ok: true, value: Math.floor(v.getTime() / 1000) };
      if (typeof v === 'number' || (typeof v === 'string' && /^\s*\d+\s*$/.test(v))) {
        const n = Number(v);
        // Milliseconds (13 digits) are read as such: nobody schedules a call in the year 33658.
        return { ok: true, value: n > 1e11 ? Math.floor(n / 1000) : n };
      }
      if (typeof v === 'string') {
        const t = Date.parse(v);
        if (!Number.isNaN(t)) return { ok: true, value: Math.floor(t / 1000) };
      }
      return bad('expected a time (Unix seconds, a Date or an ISO 8601 string)');
    }
    case 'datetime': {
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? bad('invalid date') : { ok: true, value: v };
      if (typeof v === 'number') return { ok: true, value: new Date(v > 1e11 ? v : v * 1000) };
      if (typeof v === 'string') {
        // Text is kept as written (no time-zone shift); the provider module formats it.
        if (!Number.isNaN(Date.parse(v))) return { ok: true, value: v.trim() };
        // Already in a vendor format (e.g. iexpbx ddMMyyyyHHmm): passed through as text.
        if (/^\d{8,14}$/.test(v.trim())) return { ok: true, value: v.trim() };
      }
      return bad('expected a date and time');
    }
    case 'enum': {
      const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : undefined;
      const hit = s === undefined ? undefined : (spec.values ?? []).find((x) => x.toLowerCase() === s.toLowerCase());
      if (hit === undefined) return bad(`must be one of ${(spec.values ?? []).join(', ')}`, 'enum');
      return { ok: true, value: hit };
    }
    case 'array':
      if (Array.isArray(v)) return { ok: true, value: v };
      if (typeof v === 'string') {
        try {
          const parsed: unknown = JSON.parse(v);
          if (Array.isArray(parsed)) return { ok: true, value: parsed };
        } catch {
          // fall through to the error below
        }
      }
      return bad('expected a list');
    case 'object':
      if (isPlainObject(v)) return { ok: true, value: v };
      if (typeof v === 'string') {
        try {
          const parsed: unknown = JSON.parse(v);
          if (isPlainObject(parsed)) return { ok: true, value: parsed };
        } catch {
          // fall through to the error below
        }
      }
      return bad('expected an object');
    case 'strings': {
      const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : typeof v === 'number' ? [v] : undefined;
      if (!list) return bad('expected a list of strings');
      const out: string[] = [];
      for (const x of list) {
        if (typeof x === 'number') out.push(String(x));
        else if (typeof x === 'string') {
          if (x.trim()) out.push(x.trim());
        } else return bad('expected a list of strings');
      }
      return { ok: true, value: out };
    }
  }
}

function checkLength(spec: ParamSpec, s: string): Coerced {
  if (spec.maxLength !== undefined && s.length > spec.maxLength) return bad(`longer than ${spec.maxLength} characters`, 'range');
  return { ok: true, value: s };
}

interface Lookup {
  byName: Map<string, ParamSpec>;
  byLower: Map<string, ParamSpec>;
}
/** Name lookups per table, built once: tables are constant data. */
const lookups = new WeakMap<OperationSpec, Lookup>();
function lookupFor(op: OperationSpec): Lookup {
  let l = lookups.get(op);
  if (!l) {
    const byName = new Map<string, ParamSpec>();
    for (const p of op.params) {
      byName.set(p.name, p);
      for (const a of p.aliases ?? []) byName.set(a, p);
    }
    const byLower = new Map<string, ParamSpec>();
    for (const [k, p] of byName) if (!byLower.has(k.toLowerCase())) byLower.set(k.toLowerCase(), p);
    l = { byName, byLower };
    lookups.set(op, l);
  }
  return l;
}

/**
 * Checks `input` against the table and returns the parameters to send. Input names are matched
 * exactly, then by alias, then case-insensitively (the vendors print `Phone` and send `phone`);
 * the wire always gets the table's spelling. Keys starting with the custom prefix (`var_`) are
 * custom data, also accepted inside a `CustomData` object.
 */
export function validate(op: OperationSpec, input: Record<string, unknown>): ValidatedRequest {
  const problems: ValidationProblem[] = [];
  const params: Record<string, ParamValue> = {};
  const custom: Record<string, string | number> = {};
  const ignored: string[] = [];

  const { byName, byLower } = lookupFor(op);

  const given = new Map<ParamSpec, unknown>();
  const prefix = op.customVars?.prefix;
  const addCustom = (key: string, v: unknown) => {
    if (isEmpty(v)) return;
    if (typeof v === 'number' || typeof v === 'string') custom[key] = v;
    else if (typeof v === 'boolean') custom[key] = String(v);
    else problems.push({ param: key, problem: 'type', message: `${key}: custom values must be text or numbers` });
  };

  for (const [key, v] of Object.entries(input)) {
    const spec = byName.get(key) ?? byLower.get(key.toLowerCase());
    if (spec) {
      // An exact name wins over a case-insensitive one when both are present.
      if (!given.has(spec) || byName.get(key) === spec) given.set(spec, v);
      continue;
    }
    if (prefix && key.toLowerCase().startsWith(prefix.toLowerCase())) {
      addCustom(prefix + key.slice(prefix.length), v);
      continue;
    }
    if (prefix && key.toLowerCase() === 'customdata' && isPlainObject(v)) {
      for (const [ck, cv] of Object.entries(v)) addCustom(ck.toLowerCase().startsWith(prefix.toLowerCase()) ? ck : prefix + ck, cv);
      continue;
    }
    ignored.push(key);
  }

  for (const spec of op.params) {
    const raw = given.get(spec);
    if (isEmpty(raw)) {
      if (spec.default !== undefined && (spec.sendDefault || spec.required)) params[spec.name] = spec.default;
      else if (spec.required) {
        problems.push({ param: spec.name, problem: 'missing', message: `${spec.name} is required${spec.description ? ` (${spec.description})` : ''}` });
      }
      continue;
    }
    const c = coerce(spec, raw);
    if (c.ok) params[spec.name] = c.value;
    else problems.push({ param: spec.name, problem: c.problem, message: `${spec.name}: ${c.why}` });
  }

  const max = op.customVars?.max;
  if (max !== undefined && Object.keys(custom).length > max) {
    problems.push({ param: `${prefix}*`, problem: 'too-many', message: `at most ${max} custom ${prefix}* values are allowed, got ${Object.keys(custom).length}` });
  }
  if (problems.length) throw new ValidationError(op.name, problems);
  return { op, params, custom, ignored };
}

/** A value as it goes into a query string or form body. */
export function wireString(v: ParamValue): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Form/query pairs: arrays repeat their key (`phones=1&phones=2`, Voicenter §3 GET example). */
export function toPairs(params: Record<string, ParamValue>, custom: Record<string, string | number> = {}): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) for (const x of v) out.push([k, typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x)]);
    else out.push([k, wireString(v)]);
  }
  for (const [k, v] of Object.entries(custom)) out.push([k, String(v)]);
  return out;
}

export function formEncode(pairs: [string, string][]): string {
  const p = new URLSearchParams();
  for (const [k, v] of pairs) p.append(k, v);
  return p.toString();
}

/** What the editor needs to draw an operation's fields (no credentials, no config-only params). */
export function describeOperations(ops: readonly OperationSpec[]): unknown[] {
  return ops.map((op) => ({
    name: op.name,
    provider: op.provider,
    encodings: op.encodings,
    doc: op.doc,
    description: op.description ?? '',
    startsCall: op.startsCall === true,
    customVars: op.customVars ?? null,
    params: op.params
      .filter((p) => !p.fromConfig && !p.sendDefault)
      .map((p) => ({ name: p.name, type: p.type, required: p.required === true, default: p.default ?? null, values: p.values ?? null, description: p.description ?? '' })),
    errors: op.errors ?? {},
  }));
}

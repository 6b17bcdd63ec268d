/**
 * Checks a request's parameters against the operation table and turns them into the JSON
 * object VOS3000 expects: required (M), type, String length, closed code lists, nested Info*
 * formats, and "One of parameters is needed at least". Lenient where a flow's data is
 * naturally loose: numeric strings for numbers, "true"/"false" for Booleans, a code's
 * documented name for the code, a Date for a time. Every problem is collected so the user sees
 * them all at once; nothing is sent when there is one.
 */
import type { VosField, VosOperation } from './types';
import { VOS_STRUCTS } from './index';
import { VosValidationError, type VosProblem } from './errors';
import { formatVosDate, isVosDateString, type VosTimeZone } from './dates';

export interface VosRequestOptions {
  /** Zone in which Date objects become `yyyyMMdd[HHmmss]` strings. Default 'local'. */
  timeZone?: VosTimeZone;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !Buffer.isBuffer(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Date) return 'a Date';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}...` : v}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

class Checker {
  readonly problems: VosProblem[] = [];
  constructor(private readonly zone: VosTimeZone) {}

  fail(path: string, message: string): undefined {
    this.problems.push({ path, message });
    return undefined;
  }

  /** Validates an object against a list of fields; returns the encoded object. */
  object(fields: readonly VosField[], value: Record<string, unknown>, path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const known = new Map(fields.map((f) => [f.name, f]));
    for (const key of Object.keys(value)) {
      if (known.has(key)) continue;
      const near = fields.find((f) => f.name.toLowerCase() === key.toLowerCase());
      this.fail(join(path, key), near ? `unknown parameter, did you mean "${near.name}"?` : 'unknown parameter');
    }
    for (const f of fields) {
      const v = value[f.name];
      const p = join(path, f.name);
      if (v === undefined || v === null) {
        if (f.required) this.fail(p, 'required parameter is missing');
        continue;
      }
      const enc = this.field(f, v, p);
      if (enc !== undefined) out[f.name] = enc;
    }
    return out;
  }

  field(f: VosField, v: unknown, path: string): unknown {
    if (f.array) {
      // A single value where a list is documented is taken as a list of one.
      const list = Array.isArray(v) ? v : [v];
      const out: unknown[] = [];
      list.forEach((item, i) => {
        const enc = item === null || item === undefined ? this.fail(`${path}[${i}]`, 'empty list element') : this.single(f, item, `${path}[${i}]`);
        if (enc !== undefined) out.push(enc);
      });
      return out;
    }
    if (f.acceptsList && Array.isArray(v)) {
      return v.map((item, i) => this.single(f, item, `${path}[${i}]`));
    }
    return this.single(f, v, path);
  }

  single(f: VosField, v: unknown, path: string): unknown {
    switch (f.type) {
      case 'struct': {
        const fields = f.struct ? VOS_STRUCTS[f.struct] : undefined;
        if (!fields) return this.fail(path, `no table for ${f.struct ?? 'struct'}`);
        if (!isPlainObject(v)) return this.fail(path, `expected an object (${f.struct}), got ${describe(v)}`);
        return this.object(fields, v, path);
      }
      case 'string':
        return this.string(f, v, path);
      case 'boolean':
        if (typeof v === 'boolean') return v;
        if (v === 'true' || v === 'false') return v === 'true';
        return this.fail(path, `expected a Boolean, got ${describe(v)}`);
      case 'double': {
        const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
        if (!Number.isFinite(n)) return this.fail(path, `expected a number, got ${describe(v)}`);
        return n;
      }
      case 'integer':
      case 'long':
        return this.integer(f, v, path);
    }
  }

  string(f: VosField, v: unknown, path: string): string | undefined {
    let s: string;
    if (v instanceof Date) {
      if (!f.format) return this.fail(path, `expected a string, got a Date`);
      if (Number.isNaN(v.getTime())) return this.fail(path, 'invalid Date');
      s = formatVosDate(v, f.format, this.zone);
    } else if (typeof v === 'string') {
      s = v;
      if (f.format && !isVosDateString(s, f.format)) return this.fail(path, `expected a date as ${f.format} or a Date, got ${describe(v)}`);
    } else if (typeof v === 'number' && Number.isFinite(v) && !f.format) {
      s = String(v);
    } else {
      return this.fail(path, `expected a string${f.format ? ` (${f.format}) or a Date` : ''}, got ${describe(v)}`);
    }
    if (f.length !== undefined && f.length > 0 && s.length > f.length) {
      return this.fail(path, `longer than ${f.length} characters (${s.length})`);
    }
    return s;
  }

  integer(f: VosField, v: unknown, path: string): number | undefined {
    let n: number;
    if (typeof v === 'number') n = v;
    else if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) n = Number(v);
    else if (v instanceof Date && f.type === 'long') n = v.getTime(); // Long times are UTC milliseconds
    else if (typeof v === 'string' && f.values) {
      // A code's documented name ("Locked", "SIP Info") stands for the code.
      const want = v.trim().toLowerCase();
      const hit = Object.entries(f.values).find(([, name]) => name.toLowerCase() === want);
      if (!hit) return this.fail(path, `expected ${this.codes(f)}, got ${describe(v)}`);
      n = Number(hit[0]);
    } else return this.fail(path, `expected an integer, got ${describe(v)}`);
    if (!Number.isSafeInteger(n)) return this.fail(path, `expected an integer, got ${describe(v)}`);
    if (f.type === 'integer' && (n < INT32_MIN || n > INT32_MAX)) return this.fail(path, `out of the 32-bit Integer range: ${n}`);
    if (f.closed && f.values && !(String(n) in f.values)) return this.fail(path, `expected ${this.codes(f)}, got ${n}`);
    return n;
  }

  codes(f: VosField): string {
    return `one of ${Object.entries(f.values ?? {})
      .map(([k, name]) => `${k} (${name})`)
      .join(', ')}`;
  }
}

/**
 * The JSON body for `op` from `params`, or a VosValidationError listing every problem.
 */
export function buildVosRequest(op: VosOperation, params: unknown, opts: VosRequestOptions = {}): Record<string, unknown> {
  const c = new Checker(opts.timeZone ?? 'local');
  if (params === undefined || params === null) params = {};
  if (!isPlainObject(params)) throw new VosValidationError(op.name, [{ path: '', message: `parameters must be an object, got ${describe(params)}` }]);
  const body = c.object(op.request, params, '');
  if (op.atLeastOne && op.atLeastOne.length > 0 && !op.atLeastOne.some((n) => params[n] !== undefined && params[n] !== null)) {
    c.fail('', `one of ${op.atLeastOne.join(', ')} is needed at least`);
  }
  if (c.problems.length > 0) throw new VosValidationError(op.name, c.problems);
  return body;
}

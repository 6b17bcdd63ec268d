/**
 * Decodes a VOS3000 answer: the JSON object of §1 with `retCode` (0 = success) and, on
 * failure, `exception`. Values are brought to the documented types (a server may send
 * numbers as strings), documented Info* lists are always arrays (even when a server sends one
 * object, AMBIGUITIES.md item 22), and every code the document names also comes as a name
 * beside it: `keepTime: -5` gets `keepTimeName: 'Alerting'`, `callerReceiveDtmf: 50` gets
 * `callerReceiveDtmfName: 'SIP Info'`. Fields the table does not know are kept as sent.
 */
import type { VosField, VosOperation } from './types';
import { VOS_STRUCTS } from './index';
import { VosProtocolError, VosRetCodeError } from './errors';

/** Suffix of the field that carries a code's documented name. */
export const NAME_SUFFIX = 'Name';

/** Nesting deeper than the document's own (three levels) means a hostile or broken answer. */
const MAX_DEPTH = 16;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function scalar(f: VosField, v: unknown): unknown {
  switch (f.type) {
    case 'integer':
    case 'long':
    case 'double':
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
      return v;
    case 'boolean':
      if (v === 'true' || v === 'false') return v === 'true';
      if (v === 1 || v === 0) return v === 1; // sipPAssertedIdentity and friends: Integer vs Boolean (item 22)
      return v;
    default:
      return v;
  }
}

/** Decodes in place: the object is freshly parsed and belongs to no one else. */
function decodeObject(fields: readonly VosField[], obj: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out = obj;
  if (depth > MAX_DEPTH) return out;
  for (const f of fields) {
    const v = obj[f.name];
    if (v === null || v === undefined) {
      if (f.array && f.type === 'struct') out[f.name] = [];
      continue;
    }
    out[f.name] = decodeValue(f, v, depth);
    if (f.values && !f.array) {
      const code = out[f.name];
      if ((typeof code === 'number' || typeof code === 'string') && f.values[String(code)] !== undefined) {
        out[f.name + NAME_SUFFIX] = f.values[String(code)];
      }
    }
  }
  return out;
}

function decodeValue(f: VosField, v: unknown, depth: number): unknown {
  if (f.array || f.acceptsList) {
    if (Array.isArray(v)) return v.map((item) => decodeOne(f, item, depth));
    if (f.array) return [decodeOne(f, v, depth)];
  }
  return decodeOne(f, v, depth);
}

function decodeOne(f: VosField, v: unknown, depth: number): unknown {
  if (f.type === 'struct') {
    const fields = f.struct ? VOS_STRUCTS[f.struct] : undefined;
    return fields && isObject(v) ? decodeObject(fields, v, depth + 1) : v;
  }
  return scalar(f, v);
}

/**
 * The decoded answer of `op` from the response body, or a VosRetCodeError for a non-zero
 * retCode, or a VosProtocolError when the body is not the documented JSON.
 */
export function decodeVosResponse(op: VosOperation, body: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.replace(/^\uFEFF/, ''));
  } catch {
    throw new VosProtocolError(op.name, 'the answer is not JSON', body.slice(0, 2048));
  }
  if (!isObject(parsed)) throw new VosProtocolError(op.name, 'the answer is not a JSON object', body.slice(0, 2048));
  const rc = parsed.retCode;
  const retCode = typeof rc === 'number' ? rc : typeof rc === 'string' && /^-?\d+$/.test(rc.trim()) ? Number(rc) : undefined;
  if (retCode === undefined) throw new VosProtocolError(op.name, 'the answer has no retCode', body.slice(0, 2048));
  if (retCode !== 0) {
    const exception = typeof parsed.exception === 'string' ? parsed.exception : '';
    throw new VosRetCodeError(op.name, retCode, exception, parsed);
  }
  const out = decodeObject(op.response, parsed, 0);
  out.retCode = 0;
  return out;
}

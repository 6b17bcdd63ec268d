/**
 * Decoders for what the provider servers really send (see shared/seeds/AMBIGUITIES.md):
 *  - XML-RPC `methodResponse` structs, through the xmlrpc package's deserializer (which reads
 *    tags case-insensitively, so Voicenter's `<methodresponse>` error example parses too);
 *  - JSON, and when that fails, JavaScript object literals: Voicenter's monitor answers
 *    (§7, §8) have unquoted keys, and several dialer examples (§6) have trailing commas;
 *  - iexpbx's results wrapped in a one-element array (iexpbx "Result Example");
 *  - durations written `00:01:14` (iexpbx activecalls) and `85,6972` (iexpbx cdr).
 */
import { Readable } from 'node:stream';
import Deserializer = require('xmlrpc/lib/deserializer');

export class DecodeError extends Error {
  readonly body: string;
  constructor(message: string, body: string) {
    super(message);
    this.name = 'DecodeError';
    this.body = body.length > 500 ? `${body.slice(0, 500)}…` : body;
  }
}

/** Decodes an XML-RPC methodResponse; a <fault> becomes {faultCode, faultString}. */
export function decodeXmlRpcResponse(xml: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const d = new Deserializer('utf8');
    d.deserializeMethodResponse(Readable.from([xml]), (err, result) => {
      if (settled) return;
      settled = true;
      if (err) {
        const fault = err as Error & { faultCode?: unknown; faultString?: unknown };
        if (fault.faultCode !== undefined || fault.faultString !== undefined) {
          resolve({ faultCode: fault.faultCode, faultString: fault.faultString });
          return;
        }
        reject(new DecodeError(`not a valid XML-RPC response: ${err.message}`, xml));
        return;
      }
      resolve(result);
    });
  });
}

/**
 * A tolerant reader for JSON and JavaScript object literals: unquoted identifier keys, single-
 * or double-quoted strings, trailing commas, a missing comma between members (§6.5 example),
 * comments. Never evaluates code. Bounded nesting depth.
 */
export function parseRelaxedJson(text: string): unknown {
  const p = new RelaxedParser(text);
  p.ws();
  const v = p.value(0);
  p.ws();
  if (p.i < text.length) p.fail('unexpected text after the value');
  return v;
}

const MAX_DEPTH = 64;

class RelaxedParser {
  i = 0;
  constructor(private readonly s: string) {}

  fail(why: string): never {
    throw new DecodeError(`malformed JSON at offset ${this.i}: ${why}`, this.s);
  }

  ws(): void {
    const s = this.s;
    for (;;) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff') this.i++;
      else if (c === '/' && s[this.i + 1] === '/') {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      } else if (c === '/' && s[this.i + 1] === '*') {
        const end = s.indexOf('*/', this.i + 2);
        this.i = end < 0 ? s.length : end + 2;
      } else return;
    }
  }

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) this.fail('nested too deeply');
    const c = this.s[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"' || c === "'") return this.string();
    if (c === '-' || c === '+' || c === '.' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    const id = this.identifier();
    if (id === 'true') return true;
    if (id === 'false') return false;
    if (id === 'null' || id === 'undefined') return null;
    return this.fail(id ? `unexpected word ${id}` : 'unexpected character');
  }

  identifier(): string {
    const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(this.s.slice(this.i, this.i + 256));
    if (!m) return '';
    this.i += m[0].length;
    return m[0];
  }

  number(): number {
    const m = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 64));
    if (!m) this.fail('bad number');
    this.i += m[0].length;
    return Number(m[0]);
  }

  string(): string {
    const q = this.s[this.i++];
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) this.fail('unterminated string');
      const c = this.s[this.i++] as string;
      if (c === q) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.s[this.i++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          const hex = this.s.slice(this.i, this.i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 4;
          break;
        }
        case undefined: this.fail('unterminated string'); break;
        default: out += e;
      }
    }
  }

  object(depth: number): Record<string, unknown> {
    this.i++;
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (;;) {
      this.ws();
      if (this.s[this.i] === '}') { this.i++; return { ...out }; }
      if (this.s[this.i] === ',') { this.i++; continue; }
      let key: string;
      const c = this.s[this.i];
      if (c === '"' || c === "'") key = this.string();
      else if (c !== undefined && c >= '0' && c <= '9') key = String(this.number());
      else {
        key = this.identifier();
        if (!key) this.fail('expected a key');
      }
      this.ws();
      if (this.s[this.i] !== ':') this.fail(`expected ':' after key ${key}`);
      this.i++;
      this.ws();
      // A repeated key keeps its last value, as JSON.parse does.
      out[key] = this.value(depth + 1);
      this.ws();
      const n = this.s[this.i];
      if (n === ',') this.i++;
      else if (n !== '}' && n !== '"' && n !== "'" && !/[A-Za-z_$]/.test(n ?? '')) this.fail("expected ',' or '}'");
    }
  }

  array(depth: number): unknown[] {
    this.i++;
    const out: unknown[] = [];
    for (;;) {
      this.ws();
      if (this.s[this.i] === ']') { this.i++; return out; }
      if (this.s[this.i] === ',') { this.i++; continue; }
      out.push(this.value(depth + 1));
      this.ws();
      const n = this.s[this.i];
      if (n === ',') this.i++;
      else if (n !== ']') this.fail("expected ',' or ']'");
    }
  }
}

/** JSON first (fast, exact), then the relaxed reader. */
export function parseJsonTolerant(text: string): unknown {
  const t = text.trim();
  if (!t) throw new DecodeError('empty answer where JSON was expected', text);
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return parseRelaxedJson(t);
  }
}

/** Sniffs the body: `<` means XML-RPC, anything else JSON or a JS object literal. */
export async function decodeAnswer(text: string): Promise<unknown> {
  const t = text.replace(/^\ufeff/, '').trim();
  if (t.startsWith('<')) return decodeXmlRpcResponse(t);
  return parseJsonTolerant(t);
}

/** iexpbx wraps every result in a one-element array (iexpbx "Result Example"); accept both. */
export function unwrapSingleton(v: unknown): unknown {
  return Array.isArray(v) && v.length === 1 ? v[0] : v;
}

/**
 * A duration in seconds from what the servers send: a number, "74", "00:01:14", "01:14",
 * "85,6972" (decimal comma, iexpbx cdr) or "85.6972". Undefined when it is none of these.
 */
export function parseDuration(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^\d+(?:[.,]\d+)?$/.test(s)) return Number(s.replace(',', '.'));
  const m = /^(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:[.,](\d+))?$/.exec(s);
  if (!m) return undefined;
  const frac = m[4] ? Number(`0.${m[4]}`) : 0;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + frac;
}

/** A numeric string as a number (XML-RPC sends ERRORCODE as <string>); others unchanged. */
export function numberish(v: unknown): unknown {
  if (typeof v === 'string' && /^-?\d+(?:\.\d+)?$/.test(v.trim())) return Number(v.trim());
  return v;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

/** Reads a key case-insensitively (`ERRORCODE` / `ErrorCode` / `errorcode`). */
export function getCI(o: Record<string, unknown>, ...names: string[]): unknown {
  for (const n of names) if (n in o) return o[n];
  const lower = new Map(Object.keys(o).map((k) => [k.toLowerCase(), k]));
  for (const n of names) {
    const k = lower.get(n.toLowerCase());
    if (k !== undefined) return o[k];
  }
  return undefined;
}

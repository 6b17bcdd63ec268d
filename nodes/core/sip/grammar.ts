/**
 * Character classes and a small scanner for the RFC 3261 §25 grammar. Everything works on
 * strings whose line folding was already undone (the parser turns every fold into one SP), so
 * LWS here is just SP / HTAB.
 */
import { SipParseError } from './errors';

function table(chars: string, ranges: Array<[number, number]> = []): Uint8Array {
  const t = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  for (const [a, b] of ranges) for (let c = a; c <= b; c++) t[c] = 1;
  return t;
}
const ALNUM: Array<[number, number]> = [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]];
/** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
export const TOKEN = table("-.!%*_+`'~", ALNUM);
/** word adds the separators that Call-ID allows (RFC 3261 §25.1 `word`). */
export const WORD = table("-.!%*_+`'~()<>:\\\"/[]?{}", ALNUM);
/** unreserved = alphanum / mark */
export const UNRESERVED = table("-_.!~*'()", ALNUM);
export const USER_CHARS = table("-_.!~*'()&=+$,;?/", ALNUM);
export const PASSWORD_CHARS = table("-_.!~*'()&=+$,", ALNUM);
export const PARAM_CHARS = table("-_.!~*'()[]/:&+$", ALNUM);
export const HNV_CHARS = table("-_.!~*'()[]/?:+$", ALNUM);

export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || TOKEN[c] === 0) return false;
  }
  return true;
}

export function isWord(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || WORD[c] === 0) return false;
  }
  return true;
}

/** Checks that `s` is made of `allowed` characters and well-formed %HH escapes. */
export function isEscapedOf(s: string, allowed: Uint8Array, allowEmpty = false): boolean {
  if (s.length === 0) return allowEmpty;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      if (!isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) return false;
      i += 2;
      continue;
    }
    if (c >= 128 || allowed[c] === 0) return false;
  }
  return true;
}

export function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Undoes %HH escapes (RFC 3261 §19.1.4 compares URIs unescaped). Bytes are read as UTF-8. */
export function unescape(s: string): string {
  if (s.indexOf('%') < 0) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 && i + 2 < s.length && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2))) {
      bytes.push(parseInt(s.substr(i + 1, 2), 16));
      i += 2;
    } else {
      const b = Buffer.from(s[i] ?? '', 'utf8');
      for (const x of b) bytes.push(x);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Escapes every character not in `allowed` (for building user parts and header values). */
export function escape(s: string, allowed: Uint8Array): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    if (byte < 128 && allowed[byte] === 1) out += String.fromCharCode(byte);
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

export function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/**
 * A cursor over one header value. Methods throw SipParseError on grammar errors; the header
 * parsers catch nothing, so a malformed header fails as a whole.
 */
export class Scanner {
  pos = 0;
  constructor(readonly s: string) {}

  get done(): boolean {
    return this.pos >= this.s.length;
  }
  peek(): number {
    return this.pos < this.s.length ? this.s.charCodeAt(this.pos) : -1;
  }
  skipWs(): void {
    while (this.pos < this.s.length && isWs(this.s.charCodeAt(this.pos))) this.pos++;
  }
  /** Consumes `ch` (with LWS either side, as SEMI/COMMA/EQUAL/SLASH/COLON allow) if present. */
  eat(ch: string): boolean {
    const save = this.pos;
    this.skipWs();
    if (this.s[this.pos] === ch) {
      this.pos++;
      this.skipWs();
      return true;
    }
    this.pos = save;
    return false;
  }
  expect(ch: string, what: string): void {
    if (!this.eat(ch)) this.fail(`expected '${ch}' ${what}`);
  }
  token(what: string): string {
    const start = this.pos;
    while (this.pos < this.s.length) {
      const c = this.s.charCodeAt(this.pos);
      if (c >= 128 || TOKEN[c] === 0) break;
      this.pos++;
    }
    if (this.pos === start) this.fail(`expected a token for ${what}`);
    return this.s.slice(start, this.pos);
  }
  /** Reads while chars are in `allowed` (or are %HH escapes when `escapes`). */
  run(allowed: Uint8Array, escapes: boolean): string {
    const start = this.pos;
    while (this.pos < this.s.length) {
      const c = this.s.charCodeAt(this.pos);
      if (escapes && c === 0x25) {
        if (!isHex(this.s.charCodeAt(this.pos + 1)) || !isHex(this.s.charCodeAt(this.pos + 2))) this.fail('bad escape');
        this.pos += 3;
        continue;
      }
      if (c >= 128 || allowed[c] === 0) break;
      this.pos++;
    }
    return this.s.slice(start, this.pos);
  }
  /** quoted-string = DQUOTE *(qdtext / quoted-pair) DQUOTE; returns the unquoted content. */
  quoted(): string {
    if (this.s.charCodeAt(this.pos) !== 0x22) this.fail('expected a quoted string');
    this.pos++;
    let out = '';
    let start = this.pos;
    for (;;) {
      if (this.pos >= this.s.length) this.fail('unterminated quoted string');
      const c = this.s.charCodeAt(this.pos);
      if (c === 0x22) {
        out += this.s.slice(start, this.pos);
        this.pos++;
        return out;
      }
      if (c === 0x5c) {
        // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
        const n = this.s.charCodeAt(this.pos + 1);
        if (Number.isNaN(n) || n === 0x0a || n === 0x0d || n > 0x7f) this.fail('bad quoted-pair');
        out += this.s.slice(start, this.pos) + this.s[this.pos + 1];
        this.pos += 2;
        start = this.pos;
        continue;
      }
      if (c < 0x20 && c !== 0x09) this.fail('control character in quoted string');
      this.pos++;
    }
  }
  /** gen-value = token / host / quoted-string; quoted values keep their quotes off. */
  genValue(): { value: string; quoted: boolean } {
    if (this.peek() === 0x22) return { value: this.quoted(), quoted: true };
    if (this.peek() === 0x5b) {
      const end = this.s.indexOf(']', this.pos);
      if (end < 0) this.fail('unterminated IPv6 reference');
      const v = this.s.slice(this.pos, end + 1);
      this.pos = end + 1;
      return { value: v, quoted: false };
    }
    return { value: this.token('parameter value'), quoted: false };
  }
  fail(message: string): never {
    throw new SipParseError(`${message} at ${this.pos} in "${this.s.length > 80 ? this.s.slice(0, 80) + '...' : this.s}"`);
  }
}

/** Quotes a display name or parameter value when it is not a token (RFC 3261 §25.1). */
export function quoteIfNeeded(s: string): string {
  return isToken(s) ? s : quote(s);
}
export function quote(s: string): string {
  return '"' + s.replace(/(["\\])/g, '\\$1') + '"';
}

/** Splits a header value at top-level commas (not inside quotes or <...>), trimming each item. */
export function splitCommas(value: string): string[] {
  if (value.indexOf(',') < 0) return [value.trim()];
  const out: string[] = [];
  let depth = 0;
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (inQuote) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inQuote = false;
    } else if (c === 0x22) inQuote = true;
    else if (c === 0x3c) depth++;
    else if (c === 0x3e) depth = Math.max(0, depth - 1);
    else if (c === 0x2c && depth === 0) {
      out.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(value.slice(start).trim());
  return out;
}

/** Parses 1*DIGIT into a number not above `max`; anything else is a grammar error. */
export function parseDigits(s: string, max: number, what: string): number {
  if (s.length === 0 || s.length > 16) throw new SipParseError(`bad ${what}: "${s.slice(0, 20)}"`);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) throw new SipParseError(`bad ${what}: "${s}"`);
  }
  const n = Number(s);
  if (n > max) throw new SipParseError(`${what} too large: ${s}`);
  return n;
}

/**
 * A fast parser for incoming XML-RPC `<methodCall>` documents.
 *
 * The `xmlrpc` package's deserialiser (sax + a value stack) handles a few thousand CDR
 * notifications a second; most of that time goes into sax events. This parser walks the string
 * once with indexOf and builds values directly. It accepts exactly the documents whose meaning
 * is plain (the XML-RPC spec's elements, whitespace between them, CDATA, the five XML entities
 * and character references) and returns `undefined` for anything else, so the caller falls back to
 * the reference deserialiser for the rare odd document. Its results must equal the reference's
 * (test/unit/http/xmlrpc-fast.test.js checks this on a corpus), including the reference's
 * quirks: i8 stays a decimal string, int/i4 use parseInt, an untyped <value> is a string with its
 * whitespace, tag names are case-insensitive (Voicenter's own example has `<methodresponse>`),
 * and whitespace is allowed inside closing tags (`</\nstring>` in the Voicenter CDR example).
 *
 * It never expands entities beyond the predefined five and numeric references; a DOCTYPE is
 * refused before any parser runs (see body.ts).
 */
import type { XmlRpcCall, XmlRpcStruct, XmlRpcValue } from './xmlrpc-value';

/** Thrown inside the parser to leave the fast path; never escapes `parseMethodCallFast`. */
class NotFast extends Error {}
const notFast = new NotFast('not in the fast subset');

const isIntRe = /^-?\d+$/;

interface Tag {
  /** Lower-cased element name. */
  name: string;
  closing: boolean;
  selfClosing: boolean;
}

class Scanner {
  pos = 0;
  // The last tag read, reused to avoid an allocation per tag.
  readonly tag: Tag = { name: '', closing: false, selfClosing: false };

  constructor(readonly s: string) {}

  /** Skips whitespace; returns false if something else (text) was found before the next '<'. */
  skipWs(): void {
    const s = this.s;
    let i = this.pos;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.pos = i;
  }

  /** Reads a tag at pos (which must be '<'), leaving pos after '>'. */
  readTag(): Tag {
    const s = this.s;
    let i = this.pos;
    if (s.charCodeAt(i) !== 60 /* < */) throw notFast;
    i++;
    const t = this.tag;
    t.closing = false;
    t.selfClosing = false;
    let c = s.charCodeAt(i);
    if (c === 47 /* / */) {
      t.closing = true;
      i++;
      // sax tolerates whitespace after '</'; Voicenter's printed example relies on it.
      while (i < s.length && isWs(s.charCodeAt(i))) i++;
    } else if (c === 33 /* ! */ || c === 63 /* ? */) {
      throw notFast; // comments, CDATA, processing instructions: leave to the reference
    }
    const start = i;
    while (i < s.length) {
      c = s.charCodeAt(i);
      if (isWs(c) || c === 62 /* > */ || c === 47 /* / */) break;
      i++;
    }
    if (i === start) throw notFast;
    t.name = s.slice(start, i).toLowerCase();
    const gt = s.indexOf('>', i);
    if (gt < 0) throw notFast;
    // Attributes (none in XML-RPC) are skipped, but only if they cannot hide a '>' in quotes.
    for (let k = i; k < gt; k++) {
      const ch = s.charCodeAt(k);
      if (ch === 34 || ch === 39) throw notFast;
    }
    if (s.charCodeAt(gt - 1) === 47 /* / */ && gt - 1 >= i) {
      if (t.closing) throw notFast;
      t.selfClosing = true;
    }
    this.pos = gt + 1;
    return t;
  }

  /** Whitespace then an opening tag named `name`; returns whether it was self-closing. */
  open(name: string): boolean {
    this.skipWs();
    const t = this.readTag();
    if (t.closing || t.name !== name) throw notFast;
    return t.selfClosing;
  }

  close(name: string): void {
    this.skipWs();
    const t = this.readTag();
    if (!t.closing || t.name !== name) throw notFast;
  }

  /** Text up to the next '<', entities decoded. */
  text(): string {
    const s = this.s;
    let out = '';
    for (;;) {
      const lt = s.indexOf('<', this.pos);
      if (lt < 0) throw notFast;
      const raw = s.slice(this.pos, lt);
      out += raw.indexOf('&') < 0 ? raw : decodeEntities(raw);
      this.pos = lt;
      // CDATA sections (the xmlrpc serialiser writes strings containing '<' or '&' as CDATA)
      // are literal text, joined with the text around them.
      if (!s.startsWith('<![CDATA[', lt)) return out;
      const end = s.indexOf(']]>', lt + 9);
      if (end < 0) throw notFast;
      out += s.slice(lt + 9, end);
      this.pos = end + 3;
    }
  }

  /** Peeks whether the next non-space markup is a closing tag. */
  peekClosing(): boolean {
    this.skipWs();
    return this.s.charCodeAt(this.pos) === 60 && this.s.charCodeAt(this.pos + 1) === 47;
  }
}

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function isAllWs(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isWs(s.charCodeAt(i))) return false;
  return true;
}

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(raw: string): string {
  return raw.replace(/&([^;&]*);?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw notFast;
    const n = named[body];
    if (n !== undefined) return n;
    let code = NaN;
    if (/^#[0-9]+$/.test(body)) code = parseInt(body.slice(1), 10);
    else if (/^#x[0-9a-fA-F]+$/.test(body)) code = parseInt(body.slice(2), 16);
    // Other named entities (sax knows HTML's) and odd references go to the reference parser.
    if (!Number.isFinite(code) || code < 1 || code > 0x10ffff) throw notFast;
    return String.fromCodePoint(code);
  });
}

/** Parses what follows `<value>` (already consumed) up to and including `</value>`. */
function parseValueBody(sc: Scanner): XmlRpcValue {
  const text = sc.text();
  const t = sc.readTag();
  if (t.closing) {
    if (t.name !== 'value') throw notFast;
    return text; // an untyped value is a string, whitespace and all
  }
  if (!isAllWs(text)) throw notFast;
  const type = t.name;
  let v: XmlRpcValue;
  if (t.selfClosing) {
    v = emptyTyped(type);
  } else {
    switch (type) {
      case 'struct':
        v = parseStructBody(sc);
        break;
      case 'array':
        v = parseArrayBody(sc);
        break;
      default: {
        const body = sc.text();
        const ct = sc.readTag();
        if (!ct.closing || ct.name !== type) throw notFast;
        v = scalar(type, body);
      }
    }
  }
  sc.close('value');
  return v;
}

function emptyTyped(type: string): XmlRpcValue {
  switch (type) {
    case 'string':
      return '';
    case 'nil':
      return null;
    case 'struct':
      return {};
    case 'array':
      return [];
    default:
      throw notFast; // <i4/> and friends are errors in the reference; let it say so
  }
}

function scalar(type: string, body: string): XmlRpcValue {
  switch (type) {
    case 'string':
      return body;
    case 'i4':
    case 'int': {
      // The reference uses parseInt: leading spaces and trailing junk are tolerated.
      const n = parseInt(body, 10);
      if (Number.isNaN(n)) throw notFast;
      return n;
    }
    case 'i8':
      if (!isIntRe.test(body)) throw notFast;
      return body;
    case 'double': {
      const n = parseFloat(body);
      if (Number.isNaN(n)) throw notFast;
      return n;
    }
    case 'boolean':
      if (body === '1') return true;
      if (body === '0') return false;
      throw notFast;
    case 'nil':
      return null;
    default:
      throw notFast; // dateTime.iso8601, base64: rare in webhooks, the reference decodes them
  }
}

function parseStructBody(sc: Scanner): XmlRpcStruct {
  const out: XmlRpcStruct = {};
  for (;;) {
    sc.skipWs();
    const t = sc.readTag();
    if (t.closing) {
      if (t.name !== 'struct') throw notFast;
      return out;
    }
    if (t.name !== 'member' || t.selfClosing) throw notFast;
    if (sc.open('name')) throw notFast;
    const name = sc.text();
    sc.close('name');
    if (sc.open('value')) {
      setMember(out, name, '');
    } else {
      setMember(out, name, parseValueBody(sc));
    }
    sc.close('member');
  }
}

function setMember(out: XmlRpcStruct, name: string, value: XmlRpcValue): void {
  // An own data property even for "__proto__": a webhook body must not reach a prototype.
  if (name === '__proto__') Object.defineProperty(out, name, { value, writable: true, enumerable: true, configurable: true });
  else out[name] = value;
}

function parseArrayBody(sc: Scanner): XmlRpcValue[] {
  const out: XmlRpcValue[] = [];
  if (sc.open('data')) {
    sc.close('array');
    return out;
  }
  for (;;) {
    if (sc.peekClosing()) {
      sc.close('data');
      sc.close('array');
      return out;
    }
    out.push(sc.open('value') ? '' : parseValueBody(sc));
  }
}

/**
 * Parses a `<methodCall>`; returns `undefined` when the document is outside the fast subset
 * (including every malformed document), in which case the caller asks the reference parser.
 */
export function parseMethodCallFast(doc: string): XmlRpcCall | undefined {
  try {
    const sc = new Scanner(doc);
    sc.skipWs();
    if (doc.startsWith('<?xml', sc.pos)) {
      const end = doc.indexOf('?>', sc.pos);
      if (end < 0) return undefined;
      sc.pos = end + 2;
    }
    if (sc.open('methodcall')) return undefined;
    if (sc.open('methodname')) return undefined;
    const methodName = sc.text();
    sc.close('methodname');
    const params: XmlRpcValue[] = [];
    sc.skipWs();
    if (sc.peekClosing()) {
      sc.close('methodcall');
    } else {
      if (!sc.open('params')) {
        for (;;) {
          if (sc.peekClosing()) {
            sc.close('params');
            break;
          }
          if (sc.open('param')) return undefined;
          params.push(sc.open('value') ? '' : parseValueBody(sc));
          sc.close('param');
        }
      }
      sc.close('methodcall');
    }
    sc.skipWs();
    if (sc.pos !== doc.length) return undefined;
    return { methodName, params };
  } catch (e) {
    if (e instanceof NotFast) return undefined;
    throw e;
  }
}

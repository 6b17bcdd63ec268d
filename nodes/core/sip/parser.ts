/**
 * Parses one SIP message from a Buffer (RFC 3261 §7, §25). Structure is checked strictly; the
 * headers every element needs (Via, From, To, Call-ID, CSeq, Max-Forwards, Content-Length,
 * Contact, Date, Expires) are validated at once so a broken message is refused at the door;
 * everything else is parsed lazily by the typed views of `SipMessage`.
 *
 * On failure a `SipMessageError` tells whether a response can be built (`partial` is the
 * request as far as it parsed, with the headers a response copies) and which status to send.
 */
import { SipParseError } from './errors';
import { TOKEN, isToken } from './grammar';
import { COMMON_BY_SHAPE, COMMON_MAX_LENGTH, CommonName, SINGLE_BIT, headerKey } from './header-names';
import { HeaderField, SipMessage, SipRequest, SipResponse } from './message';
import { MAX_DELTA, parseSipDate, parseUint } from './headers/misc';
import { Uri, isSimpleSipUri, isSipUri, parseUri } from './uri';

export class SipMessageError extends SipParseError {
  constructor(
    message: string,
    status: number,
    /** The request as far as it was read, when a response to it can be built. */
    readonly partial?: SipRequest,
  ) {
    super(message, status);
    this.name = 'SipMessageError';
  }
}

export interface ParseOptions {
  /**
   * Datagram semantics (RFC 3261 §18.3): the body is the rest of the datagram, cut to
   * Content-Length; a Content-Length larger than what arrived is an error. For stream
   * transports (false) the framer already cut the message and Content-Length must match.
   */
  datagram?: boolean;
  /** Largest accepted message in bytes (default 65535). */
  maxSize?: number;
  /** Skip the eager header validation (for tools that inspect broken messages). */
  lenient?: boolean;
}

export const DEFAULT_MAX_MESSAGE_SIZE = 65535;
const CRLFCRLF = Buffer.from('\r\n\r\n');

export function parseMessage(buf: Buffer, opts: ParseOptions = {}): SipMessage {
  const maxSize = opts.maxSize ?? DEFAULT_MAX_MESSAGE_SIZE;
  if (buf.length > maxSize) throw new SipMessageError(`message of ${buf.length} bytes exceeds ${maxSize}`, 513);
  // RFC 3261 §7.5: CRLFs before the start line are ignored.
  let start = 0;
  while (start + 1 < buf.length && buf[start] === 13 && buf[start + 1] === 10) start += 2;
  const headEnd = buf.indexOf(CRLFCRLF, start);
  if (headEnd < 0) throw new SipMessageError('no empty line after the headers', 400);
  // One decode of the whole head, then every scan runs on that string (string indexOf and
  // charCodeAt stay in JIT code; Buffer.indexOf is a native call per line). CR, LF, ':' and
  // the token characters are single bytes in UTF-8 and never part of a multi-byte sequence,
  // so line and name structure is the same in the string as on the wire.
  const head = buf.toString('utf8', start, headEnd);
  const hl = head.length;
  let nlS = head.indexOf('\n');
  if (nlS < 0) nlS = hl + 1; // the start line is the whole head
  else if (head.charCodeAt(nlS - 1) !== 13) throw new SipMessageError('bare LF in start line', 400);
  const { msg, error: lineError } = parseStartLine(head.slice(0, nlS <= hl ? nlS - 1 : hl));

  // Header lines; a line starting with SP/HTAB continues the previous one (folding, §7.3.1).
  // A common header name is recognised in place (no string made for it); only values become
  // strings.
  const headers: HeaderField[] = [];
  let clCount = 0;
  let clField: HeaderField | undefined;
  let singles = 0;
  let pos = nlS + 1;
  let problem: string | undefined;
  while (pos < hl) {
    let nl = head.indexOf('\n', pos);
    let end: number;
    if (nl < 0) {
      nl = hl;
      end = hl;
    } else if (head.charCodeAt(nl - 1) !== 13) {
      problem ??= 'bare LF in header';
      end = nl;
    } else end = nl - 1;
    const lineStart = pos;
    pos = nl + 1;
    const c0 = head.charCodeAt(lineStart);
    if (c0 === 0x20 || c0 === 0x09) {
      const last = headers[headers.length - 1];
      if (last === undefined) {
        problem ??= 'folded line before any header';
        continue;
      }
      const more = head.slice(lineStart, end).trim();
      last.value = last.value === '' ? more : more === '' ? last.value : last.value + ' ' + more;
      continue;
    }
    let colon = head.indexOf(':', lineStart);
    if (colon < 0 || colon >= end || colon === lineStart) {
      problem ??= `header line without a name: "${head.slice(lineStart, Math.min(end, lineStart + 40))}"`;
      continue;
    }
    let nameEnd = colon;
    while (nameEnd > lineStart) {
      const c = head.charCodeAt(nameEnd - 1);
      if (c !== 0x20 && c !== 0x09) break;
      nameEnd--;
    }
    let name: string | undefined;
    let key: string | undefined;
    const nameLength = nameEnd - lineStart;
    const candidates = nameLength < COMMON_MAX_LENGTH && c0 < 128 ? COMMON_BY_SHAPE[nameLength * 128 + c0] : undefined;
    if (candidates !== undefined) {
      for (let i = 0; i < candidates.length; i++) {
        const c = candidates[i] as CommonName;
        const cc = c.codes;
        let k = 1; // the first character chose the slot
        while (k < cc.length && head.charCodeAt(lineStart + k) === cc[k]) k++;
        if (k === cc.length) {
          name = c.name;
          key = c.key;
          if (c.single !== 0) {
            if ((singles & c.single) !== 0) problem ??= `more than one ${c.key} header`;
            singles |= c.single;
          }
          break;
        }
      }
    }
    if (name === undefined || key === undefined) {
      let ok = nameEnd > lineStart;
      for (let i = lineStart; i < nameEnd && ok; i++) {
        const c = head.charCodeAt(i);
        if (c >= 128 || TOKEN[c] === 0) ok = false;
      }
      name = head.slice(lineStart, nameEnd);
      if (!ok) {
        problem ??= `bad header name "${name.slice(0, 40)}"`;
        continue;
      }
      key = headerKey(name);
      const bit = SINGLE_BIT[key] ?? 0;
      if (bit !== 0) {
        if ((singles & bit) !== 0) problem ??= `more than one ${key} header`;
        singles |= bit;
      }
    }
    let vs = colon + 1;
    let ve = end;
    while (vs < ve) {
      const c = head.charCodeAt(vs);
      if (c !== 0x20 && c !== 0x09) break;
      vs++;
    }
    while (ve > vs) {
      const c = head.charCodeAt(ve - 1);
      if (c !== 0x20 && c !== 0x09) break;
      ve--;
    }
    const value = vs === ve ? '' : head.slice(vs, ve);
    const field: HeaderField = { name, key, value };
    if (key === 'content-length') {
      clCount++;
      clField = field;
    }
    headers.push(field);
  }
  msg.headers = headers;

  const partial = msg instanceof SipRequest ? msg : undefined;
  const fail = (why: string, status = 400): never => {
    throw new SipMessageError(why, status, partial !== undefined && canAnswer(partial) ? partial : undefined);
  };
  if (lineError !== undefined) fail(lineError.why, lineError.status);
  if (problem !== undefined) fail(problem);

  // Body and Content-Length (§18.3, §20.14).
  const bodyStart = headEnd + 4;
  const available = buf.length - bodyStart;
  if (clCount > 1) fail('more than one Content-Length');
  // (read from the field after the loop: a folded Content-Length continues in its value)
  const clValue = clField === undefined ? '' : clField.value;
  let length = available;
  if (clCount === 1) {
    if (!isDigits(clValue, 10)) fail(`bad Content-Length "${clValue.slice(0, 20)}"`);
    length = Number(clValue);
    if (length > available) fail(`Content-Length ${length} exceeds the ${available} bytes received`);
    if (!opts.datagram && length < available) fail(`Content-Length ${length} but ${available} bytes follow`);
  } else if (!opts.datagram && available > 0) {
    fail('stream message without Content-Length');
  }
  msg.body = length === 0 ? Buffer.alloc(0) : buf.subarray(bodyStart, bodyStart + length);

  if (!opts.lenient) {
    try {
      validate(msg, singles);
    } catch (e) {
      if (e instanceof SipParseError) fail(e.message, e.status);
      throw e;
    }
  }
  return msg;
}

interface StartLine {
  msg: SipMessage;
  /** A request line problem found before the headers: reported once they are read. */
  error?: { why: string; status: number };
}

function parseStartLine(line: string): StartLine {
  if (line.startsWith('SIP/') || line.startsWith('sip/')) {
    // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
    const sp1 = line.indexOf(' ');
    const version = line.slice(0, sp1);
    if (sp1 < 0 || (version !== 'SIP/2.0' && version.toUpperCase() !== 'SIP/2.0')) throw new SipMessageError(`bad status line "${line.slice(0, 60)}"`, 400);
    // Status-Code = 3DIGIT, the first 1-6; compared on char codes (no slice, no expression).
    const d0 = line.charCodeAt(sp1 + 1);
    const d1 = line.charCodeAt(sp1 + 2);
    const d2 = line.charCodeAt(sp1 + 3);
    if (!(d0 >= 0x31 && d0 <= 0x36 && d1 >= 0x30 && d1 <= 0x39 && d2 >= 0x30 && d2 <= 0x39) || (line.length > sp1 + 4 && line.charCodeAt(sp1 + 4) !== 0x20)) {
      throw new SipMessageError(`bad status code in "${line.slice(0, 60)}"`, 400);
    }
    const code = (d0 - 0x30) * 100 + (d1 - 0x30) * 10 + (d2 - 0x30);
    const reason = line.slice(sp1 + 5);
    for (let i = 0; i < reason.length; i++) {
      const c = reason.charCodeAt(i);
      if (c < 0x20 && c !== 0x09) throw new SipMessageError('control character in reason phrase', 400);
    }
    return { msg: new SipResponse(code, reason) };
  }
  // Request-Line = Method SP Request-URI SP SIP-Version, single spaces (RFC 4475 §3.1.2.9/10).
  const sp1 = line.indexOf(' ');
  const sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
  const method = sp1 < 0 ? line : line.slice(0, sp1);
  if (!isToken(method)) throw new SipMessageError(`bad method "${method.slice(0, 20)}"`, 400);
  if (sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0) {
    return { msg: placeholderRequest(method, sp1 < 0 ? '' : line.slice(sp1 + 1, sp2 < 0 ? undefined : sp2)), error: { why: `bad request line "${line.slice(0, 60)}"`, status: 400 } };
  }
  const uriText = line.slice(sp1 + 1, sp2);
  const version = line.slice(sp2 + 1);
  let req: SipRequest;
  if (isSimpleSipUri(uriText)) req = SipRequest.withValidUriText(method, uriText);
  else {
    let uri: Uri;
    try {
      uri = parseUri(uriText);
    } catch (e) {
      return { msg: placeholderRequest(method, uriText), error: { why: `bad Request-URI: ${(e as Error).message}`, status: 400 } };
    }
    req = new SipRequest(method, uri, uriText);
  }
  if (version !== 'SIP/2.0' && version.toUpperCase() !== 'SIP/2.0') {
    // RFC 3261 §8.2.x / RFC 4475 §3.1.2.16: another version is answered 505.
    if (/^SIP\/\d+\.\d+$/i.test(version)) return { msg: req, error: { why: `unsupported version ${version}`, status: 505 } };
    return { msg: req, error: { why: `bad SIP version "${version.slice(0, 20)}"`, status: 400 } };
  }
  return { msg: req };
}

function placeholderRequest(method: string, uriText: string): SipRequest {
  return new SipRequest(method, { scheme: 'invalid', opaque: 'x' }, uriText);
}

/**
 * A response can be built when the Via to route it parses and the headers it echoes verbatim
 * (From, To, Call-ID, CSeq, RFC 3261 §8.2.6.2) are there, even if one of them is malformed
 * (RFC 4475 §3.1.2.4 and §3.1.2.6 expect a 400 then).
 */
function canAnswer(req: SipRequest): boolean {
  if (req.method === 'ACK') return false; // never answer an ACK
  try {
    void req.via;
  } catch {
    return false;
  }
  return req.has('from') && req.has('to') && req.has('call-id') && req.has('cseq');
}



/**
 * The checks of RFC 3261 §8.2 / §16.3 that need no application knowledge: mandatory headers
 * present once and well-formed, CSeq method matching the request method (RFC 4475 §3.1.2.17),
 * no URI headers in a Request-URI (§19.1.5, RFC 4475 §3.1.2.11), scalar limits.
 */
export function validate(msg: SipMessage, singles?: number): void {
  let seen = singles ?? 0;
  if (singles === undefined) {
    for (const h of msg.headers) {
      const bit = SINGLE_BIT[h.key];
      if (bit === undefined) continue;
      if (seen & bit) throw new SipParseError(`more than one ${h.key} header`);
      seen |= bit;
    }
  }
  msg.checkTopVia();
  msg.checkNameAddr('from');
  msg.checkNameAddr('to');
  void msg.callId;
  const cseq = msg.cseq;
  // Checked without caching (a cache map per message is not worth it for two integers).
  if (seen & 16) parseUint(msg.get('max-forwards') ?? '', 255, 'Max-Forwards');
  if (seen & 64) parseUint(msg.get('expires') ?? '', MAX_DELTA, 'Expires');
  if (seen & 128) {
    const date = msg.get('date');
    if (date !== undefined) parseSipDate(date);
  }
  if (msg instanceof SipRequest) {
    if (cseq.method !== msg.method) throw new SipParseError(`CSeq method ${cseq.method} does not match ${msg.method}`);
    // (a Request-URI that passed isSimpleSipUri has no headers and is not parsed yet)
    if (msg.uriParsed && isSipUri(msg.uri) && msg.uri.headers.length > 0) throw new SipParseError('headers in Request-URI');
    // A registrar acts on every Contact, so REGISTER checks them at once (RFC 4475 §3.1.2.13);
    // elsewhere Contact is checked when the dialog layer first reads it.
    if (msg.method === 'REGISTER' && msg.has('contact')) void msg.contact;
  }
}

/** 1 to `max` ASCII digits (Content-Length = 1*DIGIT, RFC 3261 §20.14; the cap keeps Number exact). */
function isDigits(s: string, max: number): boolean {
  if (s.length === 0 || s.length > max) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

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
import { headerKey } from './header-names';
import { HeaderField, SipMessage, SipRequest, SipResponse } from './message';
import { parseSipDate } from './headers/misc';
import { Uri, isSipUri, parseUri } from './uri';

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
  const head = buf.toString('utf8', start, headEnd);

  // Start line.
  let nl = head.indexOf('\n');
  const firstLineEnd = nl < 0 ? head.length : nl - 1;
  if (nl >= 0 && head.charCodeAt(nl - 1) !== 13) throw new SipMessageError('bare LF in start line', 400);
  const startLine = head.slice(0, firstLineEnd);
  const { msg, error: lineError } = parseStartLine(startLine);

  // Header lines; a line starting with SP/HTAB continues the previous one (folding, §7.3.1).
  const headers: HeaderField[] = [];
  let pos = nl < 0 ? head.length : nl + 1;
  let problem: string | undefined;
  while (pos < head.length) {
    nl = head.indexOf('\n', pos);
    let end = nl < 0 ? head.length : nl;
    if (nl >= 0) {
      if (head.charCodeAt(nl - 1) !== 13) {
        problem ??= 'bare LF in header';
      } else end = nl - 1;
    }
    const line = head.slice(pos, end);
    pos = nl < 0 ? head.length : nl + 1;
    const c0 = line.charCodeAt(0);
    if (c0 === 0x20 || c0 === 0x09) {
      const last = headers[headers.length - 1];
      if (last === undefined) {
        problem ??= 'folded line before any header';
        continue;
      }
      const more = line.trim();
      last.value = last.value === '' ? more : more === '' ? last.value : last.value + ' ' + more;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      problem ??= `header line without a name: "${line.slice(0, 40)}"`;
      continue;
    }
    let nameEnd = colon;
    while (nameEnd > 0 && (line.charCodeAt(nameEnd - 1) === 0x20 || line.charCodeAt(nameEnd - 1) === 0x09)) nameEnd--;
    const name = line.slice(0, nameEnd);
    let ok = nameEnd > 0;
    for (let i = 0; i < nameEnd && ok; i++) {
      const c = name.charCodeAt(i);
      if (c >= 128 || TOKEN[c] === 0) ok = false;
    }
    if (!ok) {
      problem ??= `bad header name "${name.slice(0, 40)}"`;
      continue;
    }
    let vs = colon + 1;
    let ve = line.length;
    while (vs < ve && (line.charCodeAt(vs) === 0x20 || line.charCodeAt(vs) === 0x09)) vs++;
    while (ve > vs && (line.charCodeAt(ve - 1) === 0x20 || line.charCodeAt(ve - 1) === 0x09)) ve--;
    headers.push({ name, key: headerKey(name), value: line.slice(vs, ve) });
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
  let clCount = 0;
  let clValue = '';
  for (const h of headers) if (h.key === 'content-length') {
    clCount++;
    clValue = h.value;
  }
  if (clCount > 1) fail('more than one Content-Length');
  let length = available;
  if (clCount === 1) {
    if (!/^\d{1,10}$/.test(clValue)) fail(`bad Content-Length "${clValue.slice(0, 20)}"`);
    length = Number(clValue);
    if (length > available) fail(`Content-Length ${length} exceeds the ${available} bytes received`);
    if (!opts.datagram && length < available) fail(`Content-Length ${length} but ${available} bytes follow`);
  } else if (!opts.datagram && available > 0) {
    fail('stream message without Content-Length');
  }
  msg.body = length === 0 ? Buffer.alloc(0) : buf.subarray(bodyStart, bodyStart + length);

  if (!opts.lenient) {
    try {
      validate(msg);
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
    if (sp1 < 0 || version.toUpperCase() !== 'SIP/2.0') throw new SipMessageError(`bad status line "${line.slice(0, 60)}"`, 400);
    const code = line.slice(sp1 + 1, sp1 + 4);
    if (!/^[1-6]\d\d$/.test(code) || (line.length > sp1 + 4 && line.charCodeAt(sp1 + 4) !== 0x20)) {
      throw new SipMessageError(`bad status code in "${line.slice(0, 60)}"`, 400);
    }
    const reason = line.slice(sp1 + 5);
    for (let i = 0; i < reason.length; i++) {
      const c = reason.charCodeAt(i);
      if (c < 0x20 && c !== 0x09) throw new SipMessageError('control character in reason phrase', 400);
    }
    return { msg: new SipResponse(Number(code), reason) };
  }
  // Request-Line = Method SP Request-URI SP SIP-Version, single spaces (RFC 4475 §3.1.2.9/10).
  const parts = line.split(' ');
  const method = parts[0] ?? '';
  if (!isToken(method)) throw new SipMessageError(`bad method "${method.slice(0, 20)}"`, 400);
  if (parts.length !== 3) {
    return { msg: placeholderRequest(method, parts[1] ?? ''), error: { why: `bad request line "${line.slice(0, 60)}"`, status: 400 } };
  }
  const uriText = parts[1] as string;
  const version = parts[2] as string;
  let uri: Uri;
  try {
    uri = parseUri(uriText);
  } catch (e) {
    return { msg: placeholderRequest(method, uriText), error: { why: `bad Request-URI: ${(e as Error).message}`, status: 400 } };
  }
  const req = new SipRequest(method, uri, uriText);
  if (version.toUpperCase() !== 'SIP/2.0') {
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

const SINGLE = ['from', 'to', 'call-id', 'cseq', 'max-forwards', 'content-type', 'expires', 'date'];

/**
 * The checks of RFC 3261 §8.2 / §16.3 that need no application knowledge: mandatory headers
 * present once and well-formed, CSeq method matching the request method (RFC 4475 §3.1.2.17),
 * no URI headers in a Request-URI (§19.1.5, RFC 4475 §3.1.2.11), scalar limits.
 */
export function validate(msg: SipMessage): void {
  for (const key of SINGLE) if (msg.count(key) > 1) throw new SipParseError(`more than one ${key} header`);
  void msg.via;
  void msg.from;
  void msg.to;
  void msg.callId;
  const cseq = msg.cseq;
  void msg.maxForwards;
  if (msg.has('expires')) void msg.expires;
  if (msg.has('contact')) void msg.contact;
  const date = msg.get('date');
  if (date !== undefined) parseSipDate(date);
  if (msg instanceof SipRequest) {
    if (cseq.method !== msg.method) throw new SipParseError(`CSeq method ${cseq.method} does not match ${msg.method}`);
    if (isSipUri(msg.uri) && msg.uri.headers.length > 0) throw new SipParseError('headers in Request-URI');
  }
}

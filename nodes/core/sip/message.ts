/**
 * SIP requests and responses (RFC 3261 §7). A message keeps its header fields as a list in
 * wire order, names as received and values as text, so unknown headers pass through verbatim;
 * typed views (Via, From, CSeq, ...) are parsed on first access and cached until the header
 * list changes.
 */
import { SipParseError } from './errors';
import { splitCommas } from './grammar';
import { headerKey, prettyName } from './header-names';
import { AuthParams, parseAuth } from './headers/auth';
import { CSeq, parseCSeq } from './headers/cseq';
import {
  ContentType,
  EventHeader,
  MAX_DELTA,
  RAck,
  Reason,
  Replaces,
  SessionExpires,
  SubscriptionState,
  isCallId,
  parseContentType,
  parseEvent,
  parseRAck,
  parseReasonList,
  parseReplaces,
  parseSessionExpires,
  parseSubscriptionState,
  parseTokenList,
  parseUint,
} from './headers/misc';
import { ContactValue, NameAddr, isSimpleNameAddr, parseContact, parseNameAddr, parseNameAddrList, simpleTag, tagOf } from './headers/name-addr';
import { Via, checkSimpleTopVia, parseFirstVia, parseVia, simpleTopViaParam, viaBranch } from './headers/via';
import { Uri, formatUri, parseUri } from './uri';

export interface HeaderField {
  /** The name as written (or as given when added). */
  name: string;
  /** Canonical lower-case long name (compact forms expanded). */
  key: string;
  value: string;
}

/** A branded Call-ID, so it is not confused with other strings. */
export type CallId = string & { readonly __callId?: unique symbol };

export abstract class SipMessage {
  headers: HeaderField[] = [];
  body: Buffer = EMPTY;
  private cache: Map<string, unknown> | undefined;
  private viaCache: Via[] | undefined;
  private topViaCache: Via | undefined;
  /** The top Via passed checkSimpleTopVia, so its parameters can be read in place. */
  private topViaSimple = false;
  /** From/To known to have the simple shape (checked by checkNameAddr), so tags can be read in place. */
  private fromSimple = false;
  private toSimple = false;
  private callIdCache: CallId | undefined;
  private fromCache: NameAddr | undefined;
  private toCache: NameAddr | undefined;
  private cseqCache: CSeq | undefined;

  abstract isRequest(): this is SipRequest;

  // ---- raw header access -------------------------------------------------------------------

  /** The first field's value, or undefined. */
  get(name: string): string | undefined {
    return this.getByKey(headerKey(name));
  }
  /** get() for a canonical key (lower-case long form), skipping the name lookup. */
  protected getByKey(key: string): string | undefined {
    const hs = this.headers;
    for (let i = 0; i < hs.length; i++) {
      const h = hs[i] as HeaderField;
      if (h.key === key) return h.value;
    }
    return undefined;
  }
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }
  /** Every field's value, one entry per header line. */
  getAll(name: string): string[] {
    const key = headerKey(name);
    const out: string[] = [];
    for (const h of this.headers) if (h.key === key) out.push(h.value);
    return out;
  }
  /** Every comma-separated value across all fields (for list headers). */
  values(name: string): string[] {
    const out: string[] = [];
    for (const v of this.getAll(name)) for (const x of splitCommas(v)) if (x !== '') out.push(x);
    return out;
  }
  count(name: string): number {
    const key = headerKey(name);
    let n = 0;
    for (const h of this.headers) if (h.key === key) n++;
    return n;
  }
  /** Replaces every field of that name with the given value(s), at the first one's place. */
  set(name: string, value: string | string[]): this {
    const key = headerKey(name);
    const vals = Array.isArray(value) ? value : [value];
    const at = this.headers.findIndex((h) => h.key === key);
    this.headers = this.headers.filter((h) => h.key !== key);
    const fields = vals.map((v) => ({ name: prettyName(name), key, value: v }));
    this.headers.splice(at < 0 ? this.headers.length : at, 0, ...fields);
    this.invalidate();
    return this;
  }
  /** Adds a field after the last one of that name (or at the end). */
  append(name: string, value: string): this {
    const key = headerKey(name);
    let at = -1;
    for (let i = 0; i < this.headers.length; i++) if (this.headers[i]?.key === key) at = i;
    const f = { name: prettyName(name), key, value };
    if (at < 0) this.headers.push(f);
    else this.headers.splice(at + 1, 0, f);
    this.invalidate();
    return this;
  }
  /** Adds a field before the first one of that name (a new top Via, Route...). */
  prepend(name: string, value: string): this {
    const key = headerKey(name);
    const at = this.headers.findIndex((h) => h.key === key);
    const f = { name: prettyName(name), key, value };
    if (at < 0) this.headers.push(f);
    else this.headers.splice(at, 0, f);
    this.invalidate();
    return this;
  }
  remove(name: string): this {
    const key = headerKey(name);
    this.headers = this.headers.filter((h) => h.key !== key);
    this.invalidate();
    return this;
  }
  /** Removes the first value of a list header (the top Via when a response goes upstream). */
  removeFirstValue(name: string): this {
    const key = headerKey(name);
    const i = this.headers.findIndex((h) => h.key === key);
    if (i < 0) return this;
    const h = this.headers[i] as HeaderField;
    const rest = splitCommas(h.value).slice(1);
    if (rest.length === 0) this.headers.splice(i, 1);
    else this.headers[i] = { ...h, value: rest.join(', ') };
    this.invalidate();
    return this;
  }
  /** Drops the cached typed views; call after editing `headers` directly. */
  invalidate(): void {
    this.cache = undefined;
    this.viaCache = undefined;
    this.topViaCache = undefined;
    this.topViaSimple = false;
    this.fromSimple = false;
    this.toSimple = false;
    this.callIdCache = undefined;
    this.fromCache = undefined;
    this.toCache = undefined;
    this.cseqCache = undefined;
  }

  private typed<T>(key: string, parse: () => T): T {
    if (this.cache === undefined) this.cache = new Map();
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const v = parse();
    this.cache.set(key, v);
    return v;
  }

  /** A header that must be there; `name` is its canonical key. */
  private single(name: string): string {
    const v = this.getByKey(name);
    if (v === undefined) throw new SipParseError(`missing ${prettyName(name)} header`);
    return v;
  }

  // ---- typed views (throw SipParseError when malformed) -------------------------------------

  /** Every Via value, top first. */
  get via(): Via[] {
    if (this.viaCache === undefined) {
      const out: Via[] = [];
      for (const h of this.headers) if (h.key === 'via') for (const v of parseVia(h.value)) out.push(v);
      if (out.length === 0) throw new SipParseError('missing Via header');
      this.viaCache = out;
    }
    return this.viaCache;
  }
  /** The top Via, parsed alone (responses and transactions need only it). */
  get topVia(): Via {
    if (this.topViaCache === undefined) {
      if (this.viaCache !== undefined) this.topViaCache = this.viaCache[0] as Via;
      else {
        const v = this.getByKey('via');
        if (v === undefined) throw new SipParseError('missing Via header');
        this.topViaCache = parseFirstVia(v);
      }
    }
    return this.topViaCache;
  }
  /**
   * Checks the top Via's grammar (throws SipParseError when malformed) without building it when
   * it has the common shape; the parser calls it so a bad Via is refused at the door.
   */
  checkTopVia(): void {
    if (this.topViaCache !== undefined || this.viaCache !== undefined || this.topViaSimple) return;
    const v = this.getByKey('via');
    if (v === undefined) throw new SipParseError('missing Via header');
    if (checkSimpleTopVia(v)) this.topViaSimple = true;
    else void this.topVia;
  }
  get branch(): string | undefined {
    if (this.topViaSimple && this.topViaCache === undefined) {
      const v = this.getByKey('via');
      if (v !== undefined) {
        const b = simpleTopViaParam(v, 'branch');
        return b == null ? undefined : b;
      }
    }
    return viaBranch(this.topVia);
  }
  get from(): NameAddr {
    return (this.fromCache ??= parseNameAddr(this.single('from')));
  }
  get to(): NameAddr {
    return (this.toCache ??= parseNameAddr(this.single('to')));
  }
  get fromTag(): string | undefined {
    if (this.fromCache === undefined) {
      const v = this.single('from');
      if (this.fromSimple || isSimpleNameAddr(v)) return simpleTag(v);
    }
    return tagOf(this.from);
  }
  get toTag(): string | undefined {
    if (this.toCache === undefined) {
      const v = this.single('to');
      if (this.toSimple || isSimpleNameAddr(v)) return simpleTag(v);
    }
    return tagOf(this.to);
  }
  /** Checks a name-addr header's grammar without building it when it has the common shape. */
  checkNameAddr(name: 'from' | 'to'): void {
    const v = this.single(name);
    if (isSimpleNameAddr(v)) {
      if (name === 'from') this.fromSimple = true;
      else this.toSimple = true;
    } else void (name === 'from' ? this.from : this.to);
  }
  get callId(): CallId {
    if (this.callIdCache === undefined) {
      const v = this.single('call-id');
      if (!isCallId(v)) throw new SipParseError(`bad Call-ID "${v}"`);
      this.callIdCache = v as CallId;
    }
    return this.callIdCache;
  }
  get cseq(): CSeq {
    return (this.cseqCache ??= parseCSeq(this.single('cseq')));
  }
  get maxForwards(): number | undefined {
    return this.typed('max-forwards', () => {
      const v = this.get('max-forwards');
      return v === undefined ? undefined : parseUint(v, 255, 'Max-Forwards');
    });
  }
  get contentLength(): number | undefined {
    return this.typed('content-length', () => {
      const v = this.get('content-length');
      return v === undefined ? undefined : parseUint(v, 2 ** 31 - 1, 'Content-Length');
    });
  }
  get contentType(): ContentType | undefined {
    return this.typed('content-type', () => {
      const v = this.get('content-type');
      return v === undefined ? undefined : parseContentType(v);
    });
  }
  /** Contact values across all fields, '*' for a wildcard, [] when absent. */
  get contact(): ContactValue {
    return this.typed('contact', () => {
      const all = this.getAll('contact');
      if (all.length === 1 && all[0]?.trim() === '*') return '*';
      const out: NameAddr[] = [];
      for (const v of all) {
        const c = parseContact(v);
        if (c === '*') throw new SipParseError('Contact * mixed with other contacts');
        for (const na of c) {
          const exp = na.params.get('expires');
          if (exp != null) parseUint(exp, MAX_DELTA, 'Contact expires');
          const q = na.params.get('q');
          if (q != null && !/^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(q)) throw new SipParseError(`bad Contact q "${q}"`);
          out.push(na);
        }
      }
      return out;
    });
  }
  /** The first Contact's name-addr, if any. */
  get firstContact(): NameAddr | undefined {
    const c = this.contact;
    return c === '*' ? undefined : c[0];
  }
  get route(): NameAddr[] {
    return this.typed('route', () => this.getAll('route').flatMap(parseNameAddrList));
  }
  get recordRoute(): NameAddr[] {
    return this.typed('record-route', () => this.getAll('record-route').flatMap(parseNameAddrList));
  }
  get expires(): number | undefined {
    return this.typed('expires', () => {
      const v = this.get('expires');
      return v === undefined ? undefined : parseUint(v, MAX_DELTA, 'Expires');
    });
  }
  get minExpires(): number | undefined {
    return this.typed('min-expires', () => {
      const v = this.get('min-expires');
      return v === undefined ? undefined : parseUint(v, MAX_DELTA, 'Min-Expires');
    });
  }
  get allow(): string[] {
    return this.typed('allow', () => this.getAll('allow').flatMap(parseTokenList));
  }
  get supported(): string[] {
    return this.typed('supported', () => this.getAll('supported').flatMap(parseTokenList));
  }
  get require(): string[] {
    return this.typed('require', () => this.getAll('require').flatMap(parseTokenList));
  }
  get proxyRequire(): string[] {
    return this.typed('proxy-require', () => this.getAll('proxy-require').flatMap(parseTokenList));
  }
  get unsupported(): string[] {
    return this.typed('unsupported', () => this.getAll('unsupported').flatMap(parseTokenList));
  }
  get event(): EventHeader | undefined {
    return this.typed('event', () => {
      const v = this.get('event');
      return v === undefined ? undefined : parseEvent(v);
    });
  }
  get subscriptionState(): SubscriptionState | undefined {
    return this.typed('subscription-state', () => {
      const v = this.get('subscription-state');
      return v === undefined ? undefined : parseSubscriptionState(v);
    });
  }
  get referTo(): NameAddr | undefined {
    return this.typed('refer-to', () => {
      const v = this.get('refer-to');
      return v === undefined ? undefined : parseNameAddr(v);
    });
  }
  get referredBy(): NameAddr | undefined {
    return this.typed('referred-by', () => {
      const v = this.get('referred-by');
      return v === undefined ? undefined : parseNameAddr(v);
    });
  }
  get replaces(): Replaces | undefined {
    return this.typed('replaces', () => {
      const v = this.get('replaces');
      return v === undefined ? undefined : parseReplaces(v);
    });
  }
  get reason(): Reason[] {
    return this.typed('reason', () => this.getAll('reason').flatMap(parseReasonList));
  }
  get sessionExpires(): SessionExpires | undefined {
    return this.typed('session-expires', () => {
      const v = this.get('session-expires');
      return v === undefined ? undefined : parseSessionExpires(v);
    });
  }
  get minSE(): number | undefined {
    return this.typed('min-se', () => {
      const v = this.get('min-se');
      return v === undefined ? undefined : parseUint(v.split(';')[0] ?? '', MAX_DELTA, 'Min-SE');
    });
  }
  get rseq(): number | undefined {
    return this.typed('rseq', () => {
      const v = this.get('rseq');
      return v === undefined ? undefined : parseUint(v, MAX_DELTA, 'RSeq');
    });
  }
  get rack(): RAck | undefined {
    return this.typed('rack', () => {
      const v = this.get('rack');
      return v === undefined ? undefined : parseRAck(v);
    });
  }
  get wwwAuthenticate(): AuthParams[] {
    return this.typed('www-authenticate', () => this.getAll('www-authenticate').map(parseAuth));
  }
  get proxyAuthenticate(): AuthParams[] {
    return this.typed('proxy-authenticate', () => this.getAll('proxy-authenticate').map(parseAuth));
  }
  get authorization(): AuthParams[] {
    return this.typed('authorization', () => this.getAll('authorization').map(parseAuth));
  }
  get proxyAuthorization(): AuthParams[] {
    return this.typed('proxy-authorization', () => this.getAll('proxy-authorization').map(parseAuth));
  }
  /** The body as UTF-8 text. */
  get bodyText(): string {
    return this.body.toString('utf8');
  }
}

const EMPTY = Buffer.alloc(0);
const PLACEHOLDER_URI: Uri = { scheme: 'invalid', opaque: 'x' };

export class SipRequest extends SipMessage {
  private requestUri: Uri | undefined;
  /** The Request-URI text as received (or as formatted when set here). */
  uriText: string;
  constructor(
    public method: string,
    uri: Uri,
    uriText?: string,
  ) {
    super();
    this.requestUri = uri;
    this.uriText = uriText ?? formatUri(uri);
  }
  /**
   * A request whose Request-URI text is already known to be valid (the parser checked it with
   * `isSimpleSipUri`): the Uri object is built on first access.
   */
  static withValidUriText(method: string, uriText: string): SipRequest {
    const r = new SipRequest(method, PLACEHOLDER_URI, uriText);
    r.requestUri = undefined;
    return r;
  }
  get uriParsed(): boolean {
    return this.requestUri !== undefined;
  }
  get uri(): Uri {
    return (this.requestUri ??= parseUri(this.uriText));
  }
  set uri(u: Uri) {
    this.requestUri = u;
    this.uriText = formatUri(u);
  }
  isRequest(): this is SipRequest {
    return true;
  }
}

export class SipResponse extends SipMessage {
  constructor(
    public status: number,
    public reasonPhrase: string,
  ) {
    super();
  }
  isRequest(): this is SipRequest {
    return false;
  }
}

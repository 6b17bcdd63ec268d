/**
 * The user agent: one object per SIP account, as the `sip-phone` node sees it (contract in
 * USER-AGENT.md). It registers, places and takes calls (Zoiper's lines, several at once),
 * routes in-dialog requests to their calls (RFC 3261 §12.2.2), answers OPTIONS, takes MESSAGE,
 * forwards and refuses calls (DND), and subscribes to message-summary (RFC 3842) and dialog
 * (RFC 4235) events.
 */
import { displayNameOf, tagOf, withoutTag } from './header-values';
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { systemClock, type Clock, type TimerHandle } from '../clock';
import { silentLogger, type Logger } from '../logger';
import { Call, type CallId, type LineState } from './call';
import { Cause, causeFromSip, normalClearing } from './call-cause';
import { Dialog, uriOf } from './dialog/dialog';
import { MESSAGE_SUMMARY, parseMessageSummary } from './bodies/message-summary';
import { DIALOG_INFO, blfStateOf, parseDialogInfo, type BlfState } from './bodies/dialog-info';
import { parseReplaces, type Replaces } from './headers/replaces';
import { UaAuthenticator } from './ua-auth';
import type { MediaFactoryPort, MediaSessionPort } from './media-port';
import { sdpOnlyMediaFactory } from './sdp-media';
import type { UaContext } from './ua-context';
import type { HeaderList, IncomingRequest, IncomingResponse, OutgoingRequest, ServerTransaction, SignallingPort } from './signalling-port';
import { Subscription } from './subscription';
import { formatHost } from './uri';
import { StackSignalling } from './stack-signalling';
import { MediaEnginePort } from './media-engine-port';

export type { Call, CallId, LineState } from './call';
export type { Cause } from './call-cause';

export type TransportName = 'udp' | 'tcp' | 'tls' | 'ws' | 'wss';

export interface UserAgentOptions {
  server?: string;
  transport?: TransportName;
  wsUrl?: string;
  localAddress?: string;
  localPort?: number;
  username: string;
  domain?: string;
  displayName?: string;
  callerId?: string;
  outboundProxy?: string;
  register?: boolean;
  expires?: number;
  authUsername?: string;
  password?: string;
  codecs?: ('PCMU' | 'PCMA')[];
  dtmfMode?: 'rfc4733' | 'info';
  rtpPortMin?: number;
  rtpPortMax?: number;
  maxCalls?: number;
  transferPolicy?: 'accept' | 'reject' | 'ask';
  tls?: { ca?: string; cert?: string; key?: string; rejectUnauthorized?: boolean };
  userAgentHeader?: string;
  clock?: Clock;
  logger?: Logger;
  /** Extension: the signalling stack to use (tests, or a shared transport). Default: a UDP/TCP/TLS/WS port of the sip-core stack. */
  signalling?: SignallingPort | ((opts: ResolvedOptions) => Promise<SignallingPort>);
  /** Extension: the media engine. Default: the media core's MediaEngine (real RTP); 'none' = SDP only, no RTP. */
  media?: MediaFactoryPort | 'none';
  /** Extension: most server transactions at once before the stack answers 503 (default 50000). */
  maxServerTransactions?: number;
  /** Extension: status for DND (486 Busy Here, or 480 Temporarily Unavailable). */
  dndCode?: 486 | 480;
}

export type ResolvedOptions = Required<Pick<UserAgentOptions, 'transport' | 'localAddress' | 'localPort' | 'username' | 'register' | 'expires' | 'codecs' | 'dtmfMode' | 'rtpPortMin' | 'rtpPortMax' | 'maxCalls' | 'transferPolicy' | 'dndCode'>> &
  UserAgentOptions & { domain: string; authUsername: string };

export type RegistrationState = 'unregistered' | 'registering' | 'registered' | 'failed';

export interface DialOptions {
  from?: string;
  headers?: Record<string, string>;
  autoHangupAfterMs?: number;
}

export interface IncomingInfo {
  caller: string;
  callee: string;
  displayName?: string;
  headers: Record<string, string>;
  /** Extension: the id of the call an INVITE with Replaces takes over (RFC 3891). */
  replaces?: CallId;
  /** Extension: Referred-By of a transferred call. */
  referredBy?: string;
}

export interface UserAgentEvents {
  registered: [{ expires: number; contact: string }];
  unregistered: [Record<string, never>];
  registrationFailed: [{ cause: Cause; retryInMs?: number }];
  incoming: [Call, IncomingInfo];
  /** Extension: every new call (incoming or outgoing), before its first event. */
  call: [Call];
  message: [{ from: string; to: string; text: string; contentType: string; callId?: CallId }];
  mwi: [{ newMessages: number; oldMessages: number; account?: string; urgent?: number; waiting: boolean }];
  blf: [{ target: string; state: BlfState; raw?: string }];
  error: [Error];
}

const ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, MESSAGE, REFER, NOTIFY, UPDATE, PRACK, SUBSCRIBE';
const ACCEPT = 'application/sdp, application/dtmf-relay, application/dtmf, message/sipfrag, application/simple-message-summary, application/dialog-info+xml, text/plain';
const SUPPORTED = 'replaces, timer, 100rel';
const KNOWN_EXTENSIONS = new Set(['100rel', 'timer', 'replaces']);

type ServerTx = ServerTransaction & { onCancel(cb: () => void): void };

function quoteName(s: string): string {
  return `"${s.replace(/["\\]/g, '')}"`;
}

let uaCounter = 0;

export class UserAgent extends EventEmitter<UserAgentEvents> {
  readonly options: ResolvedOptions;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private port: SignallingPort | undefined;
  private mediaFactory: MediaFactoryPort;
  private ownMedia: MediaEnginePort | undefined;
  private readonly _calls = new Map<CallId, Call>();
  private readonly dialogs = new Map<string, { dialog: Dialog; owner: Call }>();
  private readonly subscriptions = new Map<string, Subscription>();
  private _registrationState: RegistrationState = 'unregistered';
  private regCallId = '';
  private regCseq = 0;
  private regTimer: TimerHandle | undefined;
  private authenticator: UaAuthenticator | undefined;
  private forwarding: { to: string; afterSeconds: number } | null = null;
  private dnd = false;
  private started = false;
  private readonly ctx: UaContext;
  readonly idPrefix: string;

  constructor(opts: UserAgentOptions) {
    super();
    const localAddress = opts.localAddress ?? '0.0.0.0';
    const serverHost = opts.server ? opts.server.replace(/^sips?:/, '').replace(/:\d+$/, '') : undefined;
    this.options = {
      ...opts,
      transport: opts.transport ?? 'udp',
      localAddress,
      localPort: opts.localPort ?? 0,
      register: opts.register ?? !!opts.server,
      expires: opts.expires ?? 600,
      codecs: opts.codecs ?? ['PCMU', 'PCMA'],
      dtmfMode: opts.dtmfMode ?? 'rfc4733',
      rtpPortMin: opts.rtpPortMin ?? 10000,
      rtpPortMax: opts.rtpPortMax ?? 20000,
      maxCalls: opts.maxCalls ?? 4,
      transferPolicy: opts.transferPolicy ?? 'accept',
      dndCode: opts.dndCode ?? 486,
      // The local address becomes a URI host: an IPv6 literal goes in brackets (RFC 3261 §25.1).
      domain: opts.domain ?? serverHost ?? formatHost(localAddress),
      authUsername: opts.authUsername ?? opts.username,
    };
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    this.mediaFactory = typeof opts.media === 'object' ? opts.media : sdpOnlyMediaFactory(this.options.rtpPortMin, this.options.rtpPortMax);
    this.idPrefix = `ua${++uaCounter}`;
    const self = this;
    this.ctx = {
      get port() {
        return self.requirePort();
      },
      clock: this.clock,
      logger: this.logger,
      idPrefix: this.idPrefix,
      allow: ALLOW,
      get dtmfMode() {
        return self.options.dtmfMode;
      },
      get transferPolicy() {
        return self.options.transferPolicy;
      },
      contactUri: () => this.contactUri(),
      commonHeaders: () => this.commonHeaders(),
      capabilityHeaders: () => this.capabilityHeaders(),
      createMedia: () => this.createMedia(),
      authorize: (req, res) => this.authorize(req, res),
      normalizeTarget: (t) => this.normalizeTarget(t),
      registerDialog: (d, owner) => this.dialogs.set(d.key, { dialog: d, owner }),
      unregisterDialog: (d) => {
        const e = this.dialogs.get(d.key);
        if (e && e.dialog === d) this.dialogs.delete(d.key);
      },
      dialFromRefer: (uri, headers, replaces) => this.dialInternal(uri, headers, replaces),
      onAnswered: (call) => this.onCallAnswered(call),
      onEnded: (call) => this._calls.delete(call.id),
    };
  }

  // ------------------------------------------------------------------ lifecycle

  get registrationState(): RegistrationState {
    return this._registrationState;
  }

  get calls(): ReadonlyMap<CallId, Call> {
    return this._calls;
  }

  async start(): Promise<void> {
    if (this.started) return;
    const sig = this.options.signalling;
    const o = this.options;
    this.port = !sig
      ? await StackSignalling.create({
          transport: o.transport,
          localAddress: o.localAddress,
          localPort: o.localPort,
          ...(o.wsUrl ? { wsUrl: o.wsUrl } : {}),
          ...(o.outboundProxy ? { outboundProxy: o.outboundProxy } : o.server ? { outboundProxy: o.server } : {}),
          ...(o.tls ? { tls: o.tls } : {}),
          ...(o.userAgentHeader ? { userAgentHeader: o.userAgentHeader } : {}),
          ...(o.maxServerTransactions ? { maxServerTransactions: o.maxServerTransactions } : {}),
          clock: this.clock,
          logger: this.logger,
        })
      : typeof sig === 'function'
        ? await sig(this.options)
        : sig;
    if (o.media === undefined) {
      const host = this.port.localHostPort.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
      this.ownMedia = new MediaEnginePort({
        localAddress: o.localAddress === '0.0.0.0' || o.localAddress === '::' ? host : o.localAddress,
        portMin: o.rtpPortMin,
        portMax: o.rtpPortMax,
        codecs: o.codecs,
        clock: this.clock,
        logger: this.logger,
      });
      this.mediaFactory = this.ownMedia;
    }
    this.port.onRequest((req, tx) => this.onRequest(req, tx));
    this.started = true;
    if (this.options.register && this.options.server) this.register();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    for (const call of [...this._calls.values()]) call.hangup();
    for (const sub of [...this.subscriptions.values()]) sub.stop();
    this.subscriptions.clear();
    this.clock.clearTimeout(this.regTimer);
    if (this._registrationState === 'registered') {
      await Promise.race([this.sendRegister(0), new Promise<void>((r) => this.clock.setTimeout(r, 2000))]);
      this._registrationState = 'unregistered';
      this.emit('unregistered', {});
    }
    // Let the BYEs/CANCELs reach the socket before it closes (a few turns of the microtask and
    // nextTick queues; not a timer, so fake clocks in tests need no ticking).
    for (let i = 0; i < 10; i++) await new Promise<void>((r) => process.nextTick(r));
    await this.port?.close();
    this.port = undefined;
    await this.ownMedia?.close();
    this.ownMedia = undefined;
    this.started = false;
  }

  private requirePort(): SignallingPort {
    if (!this.port) throw new Error('user agent not started');
    return this.port;
  }

  private createMedia(): MediaSessionPort {
    return this.mediaFactory.createSession({ codecs: this.options.codecs, localAddress: this.options.localAddress === '0.0.0.0' ? '127.0.0.1' : this.options.localAddress });
  }

  // ------------------------------------------------------------------ addressing

  private get aor(): string {
    return `sip:${this.options.username}@${this.options.domain}`;
  }

  private fromHeader(user?: string): string {
    const u = user ?? this.options.callerId ?? this.options.username;
    const uri = `sip:${u}@${this.options.domain}`;
    return this.options.displayName ? `${quoteName(this.options.displayName)} <${uri}>` : `<${uri}>`;
  }

  contactUri(): string {
    return this.requirePort().contactUri(this.options.username);
  }

  private commonHeaders(): HeaderList {
    const h: HeaderList = [];
    if (this.options.userAgentHeader) h.push(['User-Agent', this.options.userAgentHeader]);
    return h;
  }

  private capabilityHeaders(): HeaderList {
    return [['Allow', ALLOW], ['Accept', ACCEPT], ['Supported', SUPPORTED], ['Accept-Language', 'en'], ...this.commonHeaders()];
  }

  /** A preloaded Route to the outbound proxy (RFC 3261 §8.1.2), loose-routing. */
  private outboundRoute(): HeaderList {
    const p = this.options.outboundProxy;
    if (!p) return [];
    const t = this.options.transport === 'udp' ? '' : `;transport=${this.options.transport === 'wss' || this.options.transport === 'ws' ? 'ws' : this.options.transport}`;
    return [['Route', `<sip:${p.replace(/^sips?:/, '')}${t};lr>`]];
  }

  /** number, user@host, sip:/sips:/tel: URI -> a SIP URI. */
  normalizeTarget(target: string): string {
    const t = target.trim().replace(/^<|>$/g, '');
    if (/^sips?:/i.test(t)) return t;
    if (/^tel:/i.test(t)) {
      const num = t.slice(4).split(';')[0].replace(/[-.() ]/g, '');
      return `sip:${num}@${this.options.domain};user=phone`;
    }
    if (t.includes('@')) return `sip:${t}`;
    const user = t.replace(/[ ()-]/g, '');
    if (!/^[\w.!~*'+&=$,;?/%#]+$/.test(user)) throw new Error(`not a dialable target: ${target}`);
    return `sip:${user.replace(/#/g, '%23')}@${this.options.domain}`;
  }

  private authorize(req: OutgoingRequest, res: IncomingResponse): OutgoingRequest | undefined {
    if (this.options.password === undefined) return undefined;
    this.authenticator ??= new UaAuthenticator({ username: this.options.authUsername, password: this.options.password });
    return this.authenticator.authorize(req, res);
  }

  // ------------------------------------------------------------------ registration (RFC 3261 §10)

  private register(): void {
    this._registrationState = 'registering';
    void this.sendRegister(this.options.expires);
  }

  private sendRegister(expires: number): Promise<void> {
    if (!this.regCallId) this.regCallId = `${randomBytes(10).toString('hex')}@${this.options.domain}`;
    const port = this.requirePort();
    const contact = `<${this.contactUri()}>`;
    const build = (): OutgoingRequest => ({
      method: 'REGISTER',
      uri: `sip:${this.options.domain}`,
      headers: [
        ...this.outboundRoute(),
        ['From', `${this.fromHeader(this.options.username)};tag=${randomBytes(6).toString('hex')}`],
        ['To', `<${this.aor}>`],
        ['Call-ID', this.regCallId],
        ['CSeq', `${++this.regCseq} REGISTER`],
        ['Contact', contact],
        ['Expires', String(expires)],
        ['Allow', ALLOW],
        ['Supported', SUPPORTED],
        ...this.commonHeaders(),
      ],
    });
    return new Promise<void>((resolve) => {
      let authTries = 0;
      const send = (req: OutgoingRequest): void => {
        port.request(req, {
          onFinal: (res) => {
            if ((res.status === 401 || res.status === 407) && authTries < 2) {
              const a = this.authorize(req, res);
              if (a) {
                authTries++;
                send({ ...a, headers: a.headers.map(([n, v]) => (n.toLowerCase() === 'cseq' ? [n, `${++this.regCseq} REGISTER`] : [n, v])) });
                return;
              }
            }
            if (res.status === 423 && expires > 0) {
              const min = Number(res.header('Min-Expires'));
              if (Number.isInteger(min) && min > expires && min < 86400) {
                this.options.expires = min;
                send({ ...build(), headers: build().headers.map(([n, v]) => (n === 'Expires' ? [n, String(min)] : [n, v])) });
                return;
              }
            }
            this.onRegisterResult(res, expires);
            resolve();
          },
          onTimeout: (why) => {
            this.onRegisterResult({ status: 408, reason: why === 'transport' ? 'Transport error' : 'Request Timeout', body: '', header: () => undefined, headers: () => [] }, expires);
            resolve();
          },
        });
      };
      send(build());
    });
  }

  private onRegisterResult(res: IncomingResponse, expires: number): void {
    if (expires === 0) return;
    if (res.status >= 200 && res.status < 300) {
      let granted = expires;
      const own = this.contactUri();
      for (const c of res.headers('Contact')) {
        if (uriOf(c) === own) {
          const m = /;\s*expires\s*=\s*(\d+)/i.exec(c.slice(c.lastIndexOf('>') + 1));
          if (m) granted = Number(m[1]);
        }
      }
      const hdr = Number(res.header('Expires'));
      if (granted === expires && Number.isInteger(hdr) && hdr > 0) granted = hdr;
      this._registrationState = 'registered';
      this.emit('registered', { expires: granted, contact: own });
      // Refresh ahead of expiry (RFC 3261 §10.2.4 leaves the margin to us).
      const refresh = Math.max(5, granted > 60 ? granted - 30 : granted / 2) * 1000;
      this.clock.clearTimeout(this.regTimer);
      this.regTimer = this.clock.setTimeout(() => void this.sendRegister(this.options.expires), refresh);
      return;
    }
    this._registrationState = 'failed';
    const retryInMs = res.status === 403 || res.status === 404 ? 300000 : 30000;
    this.emit('registrationFailed', { cause: causeFromSip(res.status, res.reason), retryInMs });
    this.clock.clearTimeout(this.regTimer);
    this.regTimer = this.clock.setTimeout(() => this.register(), retryInMs);
  }

  // ------------------------------------------------------------------ calls

  dial(target: string, opts: DialOptions = {}): Call {
    const extra: HeaderList = Object.entries(opts.headers ?? {});
    const call = this.dialInternal(this.normalizeTarget(target), extra, undefined, opts.from);
    if (opts.autoHangupAfterMs && opts.autoHangupAfterMs > 0) {
      const t = this.clock.setTimeout(() => call.hangup(), opts.autoHangupAfterMs);
      call.once('ended', () => this.clock.clearTimeout(t));
    }
    return call;
  }

  private dialInternal(uri: string, extra: HeaderList, replaces?: Replaces, from?: string): Call {
    if (!this.started) throw new Error('user agent not started');
    if (this._calls.size >= this.options.maxCalls) throw new Error(`all ${this.options.maxCalls} lines are busy`);
    const headers: HeaderList = [...this.outboundRoute(), ...extra];
    if (replaces) headers.push(['Replaces', `${replaces.callId};to-tag=${replaces.toTag};from-tag=${replaces.fromTag}${replaces.earlyOnly ? ';early-only' : ''}`]);
    const call = new Call(this.ctx, 'outgoing', {
      sipCallId: `${randomBytes(12).toString('hex')}@${this.options.domain}`,
      localTag: randomBytes(6).toString('hex'),
      localUri: from ? (from.includes('<') ? from : `<${this.normalizeTarget(from)}>`) : this.fromHeader(),
      remoteUri: `<${uri}>`,
    });
    this._calls.set(call.id, call);
    this.emit('call', call);
    // Started a microtask later so the caller can attach listeners and see 'state' dialing.
    void Promise.resolve()
      .then(() => call.start(uri, headers))
      .catch((err: Error) => this.emit('error', err));
    return call;
  }

  private onCallAnswered(call: Call): void {
    // Zoiper's line model: the newest answered call is the active line, others are "up".
    for (const other of this._calls.values()) if (other !== call) other.setForeground(false);
    call.setForeground(true);
  }

  setForwarding(f: { to: string; afterSeconds: number } | null): void {
    this.forwarding = f ? { to: this.normalizeTarget(f.to), afterSeconds: Math.max(0, f.afterSeconds) } : null;
  }

  setDnd(on: boolean): void {
    this.dnd = on;
  }

  conference(callIds: CallId[]): void {
    const calls = callIds.map((id) => {
      const c = this._calls.get(id);
      if (!c) throw new Error(`no such call: ${id}`);
      return c;
    });
    if (!this.mediaFactory.conference) throw new Error('the media engine cannot mix calls');
    this.mediaFactory.conference(calls.map((c) => c.media));
  }

  // ------------------------------------------------------------------ MESSAGE (RFC 3428)

  async sendMessage(to: string, text: string, contentType = 'text/plain'): Promise<void> {
    const port = this.requirePort();
    const uri = this.normalizeTarget(to);
    let cseq = 1;
    const req: OutgoingRequest = {
      method: 'MESSAGE',
      uri,
      headers: [
        ...this.outboundRoute(),
        ['From', `${this.fromHeader()};tag=${randomBytes(6).toString('hex')}`],
        ['To', `<${uri}>`],
        ['Call-ID', `${randomBytes(12).toString('hex')}@${this.options.domain}`],
        ['CSeq', `${cseq} MESSAGE`],
        ...this.commonHeaders(),
        ['Content-Type', contentType],
      ],
      body: text,
    };
    const res = await new Promise<IncomingResponse>((resolve) => {
      let authed = false;
      const send = (r: OutgoingRequest): void => {
        port.request(r, {
          onFinal: (x) => {
            if ((x.status === 401 || x.status === 407) && !authed) {
              const a = this.authorize(r, x);
              if (a) {
                authed = true;
                cseq++;
                send({ ...a, headers: a.headers.map(([n, v]) => (n === 'CSeq' ? [n, `${cseq} MESSAGE`] : [n, v])) });
                return;
              }
            }
            resolve(x);
          },
          onTimeout: () => resolve({ status: 408, reason: 'Request Timeout', body: '', header: () => undefined, headers: () => [] }),
        });
      };
      send(req);
    });
    if (res.status >= 300) throw Object.assign(new Error(`MESSAGE failed: ${res.status} ${res.reason}`), { status: res.status });
  }

  // ------------------------------------------------------------------ subscriptions

  subscribeMwi(): void {
    this.subscribe('message-summary', MESSAGE_SUMMARY, this.aor, (body) => this.onMwiBody(body));
  }

  subscribeBlf(target: string): void {
    const uri = this.normalizeTarget(target);
    this.subscribe('dialog', DIALOG_INFO, uri, (body) => {
      const info = parseDialogInfo(body);
      if (info) this.emit('blf', { target: uri, state: blfStateOf(info) });
    });
  }

  /** Extension: ends the subscriptions made by subscribeMwi/subscribeBlf (target, or all). */
  unsubscribe(event?: 'message-summary' | 'dialog', target?: string): void {
    for (const [k, s] of this.subscriptions) {
      if ((!event || s.event === event) && (!target || s.target === this.normalizeTarget(target))) {
        s.stop();
        this.subscriptions.delete(k);
      }
    }
  }

  private subscribe(event: string, accept: string, target: string, onBody: (body: string) => void): void {
    const sub = new Subscription(
      {
        port: this.requirePort(),
        clock: this.clock,
        logger: this.logger,
        fromHeader: this.fromHeader(this.options.username),
        contactUri: () => this.contactUri(),
        commonHeaders: () => [...this.outboundRoute(), ...this.commonHeaders()],
        authorize: (req, res) => this.authorize(req, res),
        domain: this.options.domain,
      },
      event,
      accept,
      target,
      onBody,
    );
    this.subscriptions.set(sub.key, sub);
    sub.start();
  }

  private onMwiBody(body: string): void {
    const s = parseMessageSummary(body);
    if (!s) return;
    const ev: UserAgentEvents['mwi'][0] = { newMessages: s.newMessages, oldMessages: s.oldMessages, waiting: s.waiting };
    if (s.account) ev.account = s.account;
    if (s.urgentNew) ev.urgent = s.urgentNew;
    this.emit('mwi', ev);
  }

  // ------------------------------------------------------------------ incoming requests

  private onRequest(req: IncomingRequest, tx: ServerTx): void {
    try {
      this.route(req, tx);
    } catch (err) {
      this.logger.warn(`request ${req.method}: ${(err as Error).message}`);
      if (req.method !== 'ACK') tx.respond(500, 'Server Internal Error');
    }
  }

  private route(req: IncomingRequest, tx: ServerTx): void {
    const callId = req.header('Call-ID') ?? '';
    const toTag = tagOf(req.header('To'));
    const fromTag = tagOf(req.header('From'));
    if (toTag) {
      const entry = this.dialogs.get(Dialog.key(callId, toTag, fromTag));
      if (entry) {
        const cseq = Number((req.header('CSeq') ?? '').trim().split(/\s+/)[0]);
        if (!entry.dialog.acceptRemoteCseq(cseq, req.method)) {
          tx.respond(500, 'Server Internal Error'); // §12.2.2: out-of-order CSeq
          return;
        }
        entry.owner.handleRequest(req, tx, entry.dialog);
        return;
      }
      const sub = this.subscriptions.get(Subscription.keyOf(callId, toTag));
      if (sub && req.method === 'NOTIFY') {
        sub.onNotify(req, tx, fromTag);
        return;
      }
      if (req.method === 'ACK') return;
      tx.respond(481, 'Call/Transaction Does Not Exist');
      return;
    }
    switch (req.method) {
      case 'INVITE':
        this.onInvite(req, tx);
        return;
      case 'OPTIONS':
        tx.respond(200, 'OK', this.capabilityHeaders());
        return;
      case 'MESSAGE':
        tx.respond(200, 'OK');
        this.emit('message', { from: uriOf(req.header('From') ?? ''), to: uriOf(req.header('To') ?? ''), text: req.body, contentType: req.header('Content-Type') ?? 'text/plain' });
        return;
      case 'NOTIFY': {
        // Unsolicited MWI (Asterisk, FRITZ!Box send it without a subscription).
        const ev = (req.header('Event') ?? '').split(';')[0].trim().toLowerCase();
        if (ev === 'message-summary') {
          tx.respond(200, 'OK');
          this.onMwiBody(req.body);
        } else tx.respond(481, 'Subscription Does Not Exist');
        return;
      }
      case 'SUBSCRIBE':
        tx.respond(489, 'Bad Event');
        return;
      case 'ACK':
        return;
      case 'BYE':
      case 'CANCEL':
      case 'INFO':
      case 'PRACK':
      case 'UPDATE':
      case 'REFER':
        tx.respond(481, 'Call/Transaction Does Not Exist');
        return;
      default:
        tx.respond(405, 'Method Not Allowed', [['Allow', ALLOW]]);
    }
  }

  private onInvite(req: IncomingRequest, tx: ServerTx): void {
    // RFC 3261 §8.2.2.3: refuse extensions we do not implement.
    const required = req.headers('Require').flatMap((v) => v.split(',')).map((s) => s.trim().toLowerCase()).filter(Boolean);
    const unsupported = required.filter((r) => !KNOWN_EXTENSIONS.has(r));
    if (unsupported.length) {
      tx.respond(420, 'Bad Extension', [['Unsupported', unsupported.join(', ')]]);
      return;
    }
    let replaced: Call | undefined;
    const rep = req.header('Replaces');
    if (rep) {
      const r = parseReplaces(rep);
      if (!r) {
        tx.respond(400, 'Bad Replaces');
        return;
      }
      const entry = this.dialogs.get(Dialog.key(r.callId, r.toTag, r.fromTag));
      if (!entry || entry.owner.isEnded) {
        tx.respond(481, 'Call/Transaction Does Not Exist');
        return;
      }
      if (r.earlyOnly && entry.dialog.state === 'confirmed') {
        tx.respond(486, 'Busy Here');
        return;
      }
      replaced = entry.owner;
    }
    if (!replaced) {
      if (this.dnd) {
        tx.respond(this.options.dndCode, this.options.dndCode === 486 ? 'Busy Here' : 'Temporarily Unavailable');
        return;
      }
      if (this.forwarding && this.forwarding.afterSeconds === 0) {
        tx.respond(302, 'Moved Temporarily', [['Contact', `<${this.forwarding.to}>`]]);
        return;
      }
      if (this._calls.size >= this.options.maxCalls) {
        tx.respond(486, 'Busy Here');
        return;
      }
    }
    const from = req.header('From') ?? '';
    const to = req.header('To') ?? '';
    const localTag = randomBytes(6).toString('hex');
    const dialog = Dialog.asUas(
      {
        callId: req.header('Call-ID') ?? '',
        localTag,
        remoteTag: tagOf(from),
        localUri: withoutTag(to),
        remoteUri: withoutTag(from),
        remoteTarget: uriOf(req.header('Contact') ?? from),
        recordRoute: req.headers('Record-Route'),
        remoteSeq: Number((req.header('CSeq') ?? '').trim().split(/\s+/)[0]),
      },
      false,
    );
    const call = new Call(this.ctx, 'incoming', { sipCallId: dialog.callId, localTag, localUri: withoutTag(to), remoteUri: withoutTag(from) });
    this._calls.set(call.id, call);
    this.emit('call', call);
    call.acceptIncoming(req, tx, dialog);
    const info: IncomingInfo = { caller: uriOf(from), callee: uriOf(to), headers: {} };
    const dn = displayNameOf(from);
    if (dn) info.displayName = dn;
    for (const name of ['Subject', 'Referred-By', 'Alert-Info', 'Call-Info', 'P-Asserted-Identity', 'Remote-Party-ID', 'X-Caller-Id']) {
      const v = req.header(name);
      if (v) info.headers[name] = v;
    }
    const referredBy = req.header('Referred-By');
    if (referredBy) info.referredBy = uriOf(referredBy);
    if (replaced) {
      // RFC 3891 §3: accept the new dialog in place of the old one, then end the old one.
      info.replaces = replaced.id;
      call.replacesCall = replaced;
      const old = replaced;
      call.once('answered', () => old.hangup(normalClearing('Replaced')));
      this.emit('incoming', call, info);
      call.answer();
      return;
    }
    call.ring(180);
    if (this.forwarding && this.forwarding.afterSeconds > 0) call.forwardAfter(this.forwarding.to, this.forwarding.afterSeconds * 1000);
    this.emit('incoming', call, info);
  }
}

export { UserAgent as default };

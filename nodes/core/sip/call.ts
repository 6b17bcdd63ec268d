/**
 * One call: an INVITE session (RFC 3261 §13-15) with its dialog, offer/answer through the media
 * port (RFC 3264), hold by re-INVITE (§8.4), glare handling (§14.1), session timers (RFC 4028),
 * reliable provisionals (RFC 3262), DTMF by INFO, in-dialog MESSAGE, and transfers by REFER
 * (RFC 3515, RFC 3891). The user agent owns the calls and routes requests to them.
 */
import { EventEmitter } from 'node:events';
import type { TimerHandle } from '../clock';
import { Cause, causeFromSip, formatReason, normalClearing, parseReason } from './call-cause';
import { Dialog, uriOf } from './dialog/dialog';
import { DTMF_PLAIN, DTMF_RELAY, formatInfoDtmf, isDtmfDigit, parseInfoDtmf, toDtmfDigit } from './bodies/dtmf-info';
import { SIPFRAG, formatSipfrag, parseSipfrag } from './bodies/sipfrag';
import { ReferTarget, Replaces, parseReferTo, uriWithReplaces } from './headers/replaces';
import type { MediaDirection, MediaSessionPort } from './media-port';
import type { UaContext } from './ua-context';
import type {
  ClientTransaction,
  HeaderList,
  IncomingRequest,
  IncomingResponse,
  OutgoingRequest,
  ServerTransaction,
} from './signalling-port';
import { parseSessionExpires, SessionTimer } from './invite-session/session-timer';

export type CallId = string;
export type LineState = 'down' | 'dialing' | 'ringing' | 'waitForAnswer' | 'active' | 'up' | 'held';

/** Internal INVITE-session phase, as RFC 3261 names it. */
type Phase = 'calling' | 'proceeding' | 'incoming' | 'accepted' | 'confirmed' | 'terminated';

export interface CallEvents {
  state: [LineState];
  ringing: [Record<string, never>];
  progress: [{ code: number; earlyMedia: boolean }];
  answered: [Record<string, never>];
  held: [Record<string, never>];
  resumed: [Record<string, never>];
  remoteHold: [{ held: boolean }];
  dtmf: [{ digit: string; durationMs: number; method: 'rfc4733' | 'info' }];
  transferRequested: [{ target: string; referredBy?: string }];
  transferProgress: [{ code: number; reason: string; final: boolean }];
  playEnded: [{ reason: string }];
  recordEnded: [{ file: string; durationMs: number; reason: string }];
  message: [{ from: string; to: string; text: string; contentType: string }];
  ended: [{ cause: Cause }];
}

type ServerTx = ServerTransaction & { onCancel(cb: () => void): void };

const T1 = 500;
const T2 = 4000;
const TIMER_H = 64 * T1;

let callCounter = 0;

function hasToken(values: string[], token: string): boolean {
  return values.some((v) => v.split(',').some((t) => t.trim().toLowerCase() === token));
}

function isSdp(msg: { header(n: string): string | undefined; body: string }): boolean {
  const ct = msg.header('Content-Type');
  return !!msg.body && !!ct && ct.split(';')[0].trim().toLowerCase() === 'application/sdp';
}

function tagOf(nameAddr: string | undefined): string {
  if (!nameAddr) return '';
  const gt = nameAddr.lastIndexOf('>');
  const params = gt >= 0 ? nameAddr.slice(gt + 1) : nameAddr.slice(nameAddr.indexOf(';'));
  const m = /;\s*tag\s*=\s*([^;\s,]+)/i.exec(params);
  return m ? m[1] : '';
}

function withoutTag(nameAddr: string): string {
  const gt = nameAddr.lastIndexOf('>');
  if (gt < 0) return nameAddr.replace(/;\s*tag\s*=[^;]*/i, '');
  return nameAddr.slice(0, gt + 1) + nameAddr.slice(gt + 1).replace(/;\s*tag\s*=[^;]*/i, '');
}

function displayNameOf(nameAddr: string): string | undefined {
  const lt = nameAddr.indexOf('<');
  if (lt <= 0) return undefined;
  const n = nameAddr.slice(0, lt).trim().replace(/^"|"$/g, '');
  return n || undefined;
}

function userOf(uri: string): string | undefined {
  const m = /^(?:sips?|tel):([^@;?]+)(@|$|;)/i.exec(uri);
  return m ? decodeURIComponent(m[1]) : undefined;
}

export class Call extends EventEmitter<CallEvents> {
  readonly id: CallId;
  readonly direction: 'outgoing' | 'incoming';
  remote: { uri: string; user?: string; displayName?: string };
  sipCallId: string;
  private _state: LineState = 'down';
  private phase: Phase;

  /** The confirmed (or, before an answer, the first early) dialog. */
  dialog: Dialog | undefined;
  /** Early dialogs by remote tag: a forking proxy gives one per branch (§13.2.2.4). */
  private readonly early = new Map<string, Dialog>();
  readonly localTag: string;
  private readonly localUri: string;
  private remoteUriHeader: string;
  private targetUri = '';
  private inviteCseq = 1;
  private inviteTx: ClientTransaction | undefined;
  private inviteReq: OutgoingRequest | undefined;
  private authTried = false;
  private cancelRequested = false;
  private cancelSent = false;
  private gotProvisional = false;
  private answerApplied = false;
  private lastAck: OutgoingRequest | undefined;
  private readonly seenRseq = new Set<string>();

  // UAS side of the initial INVITE
  private inviteServerTx: ServerTx | undefined;
  private remoteOffer: string | undefined;
  private answerSdp: string | undefined;
  private okRetransmit: TimerHandle | undefined;
  private okTimeout: TimerHandle | undefined;
  private okResponse: { headers: HeaderList; body?: string } | undefined;
  private okAwaitingAnswerInAck = false;
  private reliable100rel = false;
  private rseq = 0;
  private prackPending: { timer: TimerHandle | undefined; resolve: () => void } | undefined;
  private pendingPrack: Promise<void> | undefined;

  // re-INVITE / UPDATE state
  private localHold = false;
  private remoteHeld = false;
  private muted = false;
  private offerInFlight = false;
  private incomingReinvitePending = false;
  private modifyChain: Promise<void> = Promise.resolve();
  private glareTimer: TimerHandle | undefined;

  // transfers
  private referPending: { tx: ServerTx; target: ReferTarget; referredBy?: string; timer: TimerHandle | undefined } | undefined;
  private referNotifySeq = 0;
  private referNotifyDialog: Dialog | undefined;
  private transferDone: ((ok: boolean) => void) | undefined;

  private sessionTimer: SessionTimer | undefined;
  private noAnswerTimer: TimerHandle | undefined;
  media: MediaSessionPort;
  readonly createdAt: number;
  answeredAt: number | undefined;
  /** The call that this one replaces or transfers for, when it came from REFER/Replaces. */
  replacesCall: Call | undefined;
  private endedCause: Cause | undefined;

  constructor(
    private readonly ua: UaContext,
    direction: 'outgoing' | 'incoming',
    init: { sipCallId: string; localTag: string; localUri: string; remoteUri: string },
  ) {
    super();
    this.id = `${ua.idPrefix}-${++callCounter}`;
    this.direction = direction;
    this.sipCallId = init.sipCallId;
    this.localTag = init.localTag;
    this.localUri = init.localUri;
    this.remoteUriHeader = init.remoteUri;
    const uri = uriOf(init.remoteUri);
    this.remote = { uri };
    const user = userOf(uri);
    if (user) this.remote.user = user;
    const dn = displayNameOf(init.remoteUri);
    if (dn) this.remote.displayName = dn;
    this.phase = direction === 'outgoing' ? 'calling' : 'incoming';
    this.media = ua.createMedia();
    this.media.onDtmf((digit, durationMs) => this.emit('dtmf', { digit, durationMs, method: 'rfc4733' }));
    this.createdAt = ua.clock.now();
  }

  get state(): LineState {
    return this._state;
  }

  /** Internal phase, for diagnostics and tests. */
  get sessionPhase(): string {
    return this.phase;
  }

  get isEnded(): boolean {
    return this.phase === 'terminated';
  }

  get localHeld(): boolean {
    return this.localHold;
  }

  get remoteHoldState(): boolean {
    return this.remoteHeld;
  }

  get cause(): Cause | undefined {
    return this.endedCause;
  }

  private setState(s: LineState): void {
    if (this._state === s) return;
    this._state = s;
    this.emit('state', s);
  }

  private log(msg: string): void {
    this.ua.logger.debug(`call ${this.id}: ${msg}`);
  }

  // ------------------------------------------------------------------ outgoing INVITE

  /** Sends the initial INVITE (offer in the INVITE, RFC 3264 §5). */
  async start(targetUri: string, extraHeaders: HeaderList): Promise<void> {
    this.targetUri = targetUri;
    this.setState('dialing');
    let sdp: string;
    try {
      sdp = await this.media.createOffer('sendrecv');
    } catch (err) {
      this.end({ status: 'FAILED', reason: `media: ${(err as Error).message}` }, false);
      return;
    }
    if (this.phase === 'terminated') return;
    const headers: HeaderList = [
      ['From', `${this.localUri};tag=${this.localTag}`],
      ['To', this.remoteUriHeader],
      ['Call-ID', this.sipCallId],
      ['CSeq', `${this.inviteCseq} INVITE`],
      ['Contact', `<${this.ua.contactUri()}>`],
      ['Allow', this.ua.allow],
      ['Supported', 'replaces, timer, 100rel'],
      ...this.ua.commonHeaders(),
      ...extraHeaders,
      ['Content-Type', 'application/sdp'],
    ];
    this.inviteReq = { method: 'INVITE', uri: targetUri, headers, body: sdp };
    this.sendInvite();
  }

  private sendInvite(): void {
    const req = this.inviteReq;
    if (!req) return;
    this.inviteTx = this.ua.port.request(req, {
      onProvisional: (res) => this.onInviteProvisional(res),
      onFinal: (res) => this.onInviteFinal(res),
      onTimeout: (why) => {
        if (this.dialog && this.phase === 'confirmed') return;
        this.end(causeFromSip(408, why === 'transport' ? 'Transport error' : 'Request Timeout'), false);
      },
    });
  }

  private earlyDialogFor(res: IncomingResponse, confirmed: boolean): Dialog | undefined {
    const tag = tagOf(res.header('To'));
    if (!tag) return undefined;
    let d = this.early.get(tag);
    if (!d) {
      d = Dialog.asUac(
        {
          callId: this.sipCallId,
          localTag: this.localTag,
          remoteTag: tag,
          localUri: this.localUri,
          remoteUri: withoutTag(res.header('To') ?? this.remoteUriHeader),
          remoteTarget: uriOf(res.header('Contact') ?? this.targetUri),
          recordRoute: res.headers('Record-Route'),
          localSeq: this.inviteCseq,
        },
        confirmed,
      );
      this.early.set(tag, d);
      this.ua.registerDialog(d, this);
    }
    return d;
  }

  private onInviteProvisional(res: IncomingResponse): void {
    if (this.phase === 'terminated' || this.phase === 'confirmed') return;
    if (res.status === 100) {
      if (this.cancelRequested && !this.cancelSent) this.sendCancel();
      return;
    }
    this.gotProvisional = true;
    const d = this.earlyDialogFor(res, false);
    if (d && !this.dialog) this.dialog = d;
    if (d) d.refreshTarget(res.header('Contact'));
    this.phase = 'proceeding';
    if (this.cancelRequested && !this.cancelSent) {
      this.sendCancel();
      return;
    }
    // Reliable provisional (RFC 3262 §4): PRACK it once per RSeq.
    const rseq = res.header('RSeq');
    if (d && rseq && hasToken(res.headers('Require'), '100rel')) {
      const key = `${d.remoteTag}/${rseq.trim()}`;
      if (!this.seenRseq.has(key)) {
        this.seenRseq.add(key);
        this.sendInDialog(d, 'PRACK', [['RAck', `${rseq.trim()} ${this.inviteCseq} INVITE`]]);
      }
    }
    const earlyMedia = isSdp(res);
    if (earlyMedia && !this.answerApplied) {
      this.answerApplied = true;
      this.media.setAnswer(res.body).catch((err: Error) => this.log(`early SDP: ${err.message}`));
    }
    this.setState('waitForAnswer');
    if (res.status === 180) this.emit('ringing', {});
    this.emit('progress', { code: res.status, earlyMedia });
  }

  private onInviteFinal(res: IncomingResponse): void {
    if (res.status >= 200 && res.status < 300) {
      this.onInvite2xx(res);
      return;
    }
    if (this.phase === 'terminated') return;
    if ((res.status === 401 || res.status === 407) && !this.authTried && this.inviteReq) {
      const authed = this.ua.authorize(this.inviteReq, res);
      if (authed) {
        this.authTried = true;
        this.inviteCseq += 1;
        this.inviteReq = { ...authed, headers: authed.headers.map(([n, v]) => (n.toLowerCase() === 'cseq' ? [n, `${this.inviteCseq} INVITE`] : [n, v])) };
        this.sendInvite();
        return;
      }
    }
    const reasons = parseReason(res.headers('Reason'));
    const q = reasons.find((r) => r.protocol.toUpperCase() === 'Q.850');
    let cause = causeFromSip(res.status, res.reason, q?.cause);
    if (this.cancelSent || this.cancelRequested) cause = { ...cause, status: 'CANCEL' };
    if (res.status >= 300 && res.status < 400) {
      const contact = res.header('Contact');
      if (contact) cause.reason = `${res.reason} -> ${uriOf(contact)}`;
    }
    this.end(cause, false);
  }

  private onInvite2xx(res: IncomingResponse): void {
    const tag = tagOf(res.header('To'));
    if (this.dialog && this.phase === 'confirmed' && tag === this.dialog.remoteTag) {
      // A retransmitted 2xx: our ACK was lost (§13.2.2.4).
      if (this.lastAck) this.ua.port.sendAck(this.lastAck);
      return;
    }
    const cseq = this.inviteCseq;
    if (this.phase === 'confirmed' || this.phase === 'terminated') {
      // A 2xx from another fork, or one that crossed our CANCEL: ACK it, then BYE it (§13.2.2.4).
      const d = this.earlyDialogFor(res, true);
      if (!d || (this.dialog && d === this.dialog)) return;
      d.confirm({ remoteTarget: uriOf(res.header('Contact') ?? d.remoteTarget), recordRoute: res.headers('Record-Route') });
      this.sendAckFor(d, cseq, undefined, false);
      this.byeDialog(d, formatReason('SIP', 200, 'Call completed elsewhere'));
      return;
    }
    const d = this.earlyDialogFor(res, true);
    if (!d) return;
    d.confirm({ remoteTarget: uriOf(res.header('Contact') ?? d.remoteTarget), recordRoute: res.headers('Record-Route') });
    this.dialog = d;
    this.sendAckFor(d, cseq, undefined, true);
    this.phase = 'confirmed';
    this.cleanupEarly();
    if (isSdp(res) && !this.answerApplied) {
      this.answerApplied = true;
      this.media.setAnswer(res.body).then(
        () => this.updateRemoteHold(),
        (err: Error) => this.log(`answer SDP: ${err.message}`),
      );
    }
    if (this.cancelRequested) {
      this.hangup();
      return;
    }
    this.answeredAt = this.ua.clock.now();
    this.setupSessionTimer(res, 'uac');
    this.setState('active');
    this.emit('answered', {});
    this.ua.onAnswered(this);
  }

  private cleanupEarly(): void {
    for (const [tag, d] of this.early) {
      if (d !== this.dialog) {
        // Early dialogs of other forks die with the INVITE transaction; keep them registered a
        // little so a late 2xx on them is still ACKed and BYEd.
        this.ua.clock.setTimeout(() => {
          this.ua.unregisterDialog(d);
          this.early.delete(tag);
        }, TIMER_H);
      }
    }
  }

  private sendAckFor(d: Dialog, cseq: number, body: string | undefined, remember: boolean): void {
    const t = d.target(cseq);
    const headers: HeaderList = [
      ...t.route.map((r): [string, string] => ['Route', r]),
      ['From', t.from],
      ['To', t.to],
      ['Call-ID', t.callId],
      ['CSeq', `${cseq} ACK`],
      ['Contact', `<${this.ua.contactUri()}>`],
      ...this.ua.commonHeaders(),
    ];
    const authz = this.inviteReq?.headers.filter(([n]) => /^(proxy-)?authorization$/i.test(n)) ?? [];
    headers.push(...authz);
    if (body) headers.push(['Content-Type', 'application/sdp']);
    const ack: OutgoingRequest = { method: 'ACK', uri: t.requestUri, headers, body };
    if (remember) this.lastAck = ack;
    this.ua.port.sendAck(ack);
  }

  private sendCancel(): void {
    if (!this.inviteTx || this.cancelSent) return;
    this.cancelSent = true;
    this.inviteTx.cancel([['Reason', formatReason('Q.850', 16, 'Normal call clearing')]]);
    // If the peer never answers the CANCEL's INVITE with 487, Timer B ends the call anyway.
  }

  // ------------------------------------------------------------------ incoming INVITE

  /** Takes the initial INVITE (the UA has already decided not to reject it outright). */
  acceptIncoming(req: IncomingRequest, tx: ServerTx, dialog: Dialog): void {
    this.inviteServerTx = tx;
    this.dialog = dialog;
    this.ua.registerDialog(dialog, this);
    this.remoteOffer = isSdp(req) ? req.body : undefined;
    this.reliable100rel = hasToken(req.headers('Require'), '100rel');
    this.pendingSessionExpires = req.header('Session-Expires');
    this.peerSupportsTimer = hasToken(req.headers('Supported'), 'timer') || hasToken(req.headers('Require'), 'timer');
    this.peerAllowsUpdate = hasToken(req.headers('Allow'), 'update');
    tx.onCancel(() => {
      if (this.phase !== 'incoming') return;
      this.respondInvite(487, 'Request Terminated');
      this.end({ ...causeFromSip(487, 'Cancelled by caller'), status: 'CANCEL' }, false);
    });
    tx.respond(100, 'Trying');
    this.setState('ringing');
  }

  private pendingSessionExpires: string | undefined;
  private peerSupportsTimer = false;
  private peerAllowsUpdate = false;

  private respondInvite(status: number, reason: string, headers: HeaderList = [], body?: string): void {
    const tx = this.inviteServerTx;
    if (!tx) return;
    const to = this.dialog ? `${this.dialog.localUri};tag=${this.localTag}` : undefined;
    const h: HeaderList = to ? [['To', to], ...headers] : headers;
    tx.respond(status, reason, h, body);
  }

  /** 180 Ringing (or 183 with early media), reliable when the caller requires 100rel. */
  ring(code: 180 | 183 = 180, earlyMediaSdp?: string): void {
    if (this.phase !== 'incoming') return;
    const headers: HeaderList = [['Contact', `<${this.ua.contactUri()}>`], ['Allow', this.ua.allow]];
    if (this.reliable100rel) {
      this.rseq += 1;
      headers.push(['Require', '100rel'], ['RSeq', String(this.rseq)]);
      if (earlyMediaSdp) headers.push(['Content-Type', 'application/sdp']);
      this.sendReliableProvisional(code, headers, earlyMediaSdp);
      return;
    }
    if (earlyMediaSdp) headers.push(['Content-Type', 'application/sdp']);
    this.respondInvite(code, code === 180 ? 'Ringing' : 'Session Progress', headers, earlyMediaSdp);
  }

  /** RFC 3262 §3: retransmit with T1 doubling until PRACK, give up after 64*T1. */
  private sendReliableProvisional(code: number, headers: HeaderList, body?: string): void {
    const reason = code === 180 ? 'Ringing' : 'Session Progress';
    let interval = T1;
    const started = this.ua.clock.now();
    this.pendingPrack = new Promise<void>((resolve) => {
      const tick = (): void => {
        if (this.phase !== 'incoming' || !this.prackPending) return;
        if (this.ua.clock.now() - started >= TIMER_H) {
          this.prackPending = undefined;
          resolve();
          return;
        }
        this.respondInvite(code, reason, headers, body);
        this.prackPending.timer = this.ua.clock.setTimeout(tick, interval);
        interval = Math.min(interval * 2, T2);
      };
      this.prackPending = { timer: undefined, resolve };
      tick();
    });
  }

  /** Answers an incoming call: 200 with the SDP answer (or an offer, if the INVITE had none). */
  answer(): void {
    if (this.phase !== 'incoming' || this.direction !== 'incoming') return;
    this.clearNoAnswer();
    this.phase = 'accepted';
    void (async () => {
      if (this.pendingPrack) await this.pendingPrack;
      let sdp: string;
      try {
        if (this.remoteOffer) {
          sdp = await this.media.createAnswer(this.remoteOffer, 'sendrecv');
          this.answerApplied = true;
          this.updateRemoteHold();
        } else {
          sdp = await this.media.createOffer('sendrecv');
          this.okAwaitingAnswerInAck = true;
        }
      } catch (err) {
        this.phase = 'incoming';
        this.reject(488, (err as Error).message);
        return;
      }
      if (this.isEnded) return;
      const headers: HeaderList = [
        ['Contact', `<${this.ua.contactUri()}>`],
        ['Allow', this.ua.allow],
        ['Supported', 'replaces, timer, 100rel'],
        ...this.ua.commonHeaders(),
      ];
      headers.push(...this.sessionTimerAnswerHeaders());
      headers.push(['Content-Type', 'application/sdp']);
      this.answerSdp = sdp;
      this.sendOk(headers, sdp);
    })();
  }

  /** 2xx retransmission by the UAS core (§13.3.1.4) until the ACK, and BYE if none comes. */
  private sendOk(headers: HeaderList, body: string): void {
    this.okResponse = { headers, body };
    this.respondInvite(200, 'OK', headers, body);
    if (this.ua.port.reliable) {
      this.okTimeout = this.ua.clock.setTimeout(() => this.onNoAck(), TIMER_H);
      return;
    }
    let interval = T1;
    const started = this.ua.clock.now();
    const tick = (): void => {
      if (!this.okResponse) return;
      if (this.ua.clock.now() - started >= TIMER_H) {
        this.onNoAck();
        return;
      }
      this.respondInvite(200, 'OK', this.okResponse.headers, this.okResponse.body);
      interval = Math.min(interval * 2, T2);
      this.okRetransmit = this.ua.clock.setTimeout(tick, interval);
    };
    this.okRetransmit = this.ua.clock.setTimeout(tick, interval);
  }

  private onNoAck(): void {
    this.okResponse = undefined;
    if (this.phase === 'accepted') {
      // §13.3.1.4: no ACK within 64*T1 ends the session with a BYE.
      this.phase = 'confirmed';
      this.hangup(causeFromSip(408, 'No ACK for 2xx'));
    }
  }

  private stopOk(): void {
    this.okResponse = undefined;
    this.ua.clock.clearTimeout(this.okRetransmit);
    this.ua.clock.clearTimeout(this.okTimeout);
    this.okRetransmit = undefined;
    this.okTimeout = undefined;
  }

  reject(code = 486, reason?: string): void {
    if (this.phase !== 'incoming') return;
    this.clearNoAnswer();
    const phrase = reason ?? (code === 486 ? 'Busy Here' : code === 603 ? 'Decline' : code === 480 ? 'Temporarily Unavailable' : 'Rejected');
    this.respondInvite(code, phrase, [['Reason', formatReason('SIP', code, phrase)]]);
    this.end({ ...causeFromSip(code, phrase), status: code === 486 ? 'BUSY' : 'REJECTED' }, true);
  }

  /** 302 to another target (call forwarding, Zoiper EnableForwarding). */
  redirect(contact: string): void {
    if (this.phase !== 'incoming') return;
    this.clearNoAnswer();
    this.respondInvite(302, 'Moved Temporarily', [['Contact', `<${contact}>`]]);
    this.end({ ...causeFromSip(302, `Forwarded to ${contact}`), status: 'FORWARDED' }, true);
  }

  /** Forwards an unanswered incoming call after a delay. */
  forwardAfter(contact: string, ms: number): void {
    this.clearNoAnswer();
    this.noAnswerTimer = this.ua.clock.setTimeout(() => this.redirect(contact), ms);
  }

  private clearNoAnswer(): void {
    this.ua.clock.clearTimeout(this.noAnswerTimer);
    this.noAnswerTimer = undefined;
  }

  // ------------------------------------------------------------------ ending

  /** Hangs up in whatever way the phase allows: CANCEL, reject, or BYE. */
  hangup(cause?: Cause): void {
    switch (this.phase) {
      case 'calling':
      case 'proceeding':
        this.cancelRequested = true;
        // §9.1: no CANCEL before a provisional response; it goes out when one arrives.
        if (this.gotProvisional) this.sendCancel();
        else if (!this.inviteTx) this.end({ status: 'CANCEL', reason: 'Cancelled before sending' }, true);
        else {
          // Give up after Timer B if the peer never sends a provisional.
          this.ua.clock.setTimeout(() => {
            if (!this.isEnded && !this.gotProvisional) this.end({ status: 'CANCEL', sip: 408, reason: 'No response' }, true);
          }, TIMER_H);
        }
        return;
      case 'incoming':
        this.reject(603, 'Decline');
        return;
      case 'accepted':
      case 'confirmed': {
        const c = cause ?? { ...normalClearing(), reason: 'Local hangup' };
        if (this.dialog) this.byeDialog(this.dialog, formatReason('Q.850', c.q850 ?? 16, c.reason));
        this.end(c, true);
        return;
      }
      default:
        return;
    }
  }

  private byeDialog(d: Dialog, reason: string): void {
    this.sendInDialog(d, 'BYE', [['Reason', reason]]);
  }

  /** Ends the call once: stops timers, closes media, tells the UA and the listeners. */
  end(cause: Cause, _local: boolean): void {
    if (this.phase === 'terminated') return;
    this.phase = 'terminated';
    this.endedCause = cause;
    this.stopOk();
    this.clearNoAnswer();
    this.ua.clock.clearTimeout(this.glareTimer);
    this.sessionTimer?.stop();
    if (this.prackPending) this.ua.clock.clearTimeout(this.prackPending.timer);
    this.prackPending?.resolve();
    if (this.referPending) {
      this.ua.clock.clearTimeout(this.referPending.timer);
      this.referPending.tx.respond(603, 'Decline');
      this.referPending = undefined;
    }
    this.transferDone?.(false);
    try {
      this.media.close();
    } catch (err) {
      this.log(`media close: ${(err as Error).message}`);
    }
    this.dialog?.terminate();
    this.setState('down');
    // Keep the dialog registered for a while so BYE retransmissions and late NOTIFYs get answers.
    const dialogs = new Set<Dialog>([...this.early.values()]);
    if (this.dialog) dialogs.add(this.dialog);
    this.ua.clock.setTimeout(() => {
      for (const d of dialogs) this.ua.unregisterDialog(d);
    }, TIMER_H);
    this.ua.onEnded(this);
    this.emit('ended', { cause });
  }

  // ------------------------------------------------------------------ in-dialog requests

  /** Sends a request in a dialog, with digest retry once; resolves with the final response. */
  sendInDialog(d: Dialog, method: string, extra: HeaderList = [], body?: string, contentType?: string): Promise<IncomingResponse> {
    const t = d.nextRequest();
    const headers: HeaderList = [
      ...t.route.map((r): [string, string] => ['Route', r]),
      ['From', t.from],
      ['To', t.to],
      ['Call-ID', t.callId],
      ['CSeq', `${t.cseq} ${method}`],
      ['Contact', `<${this.ua.contactUri()}>`],
      ...this.ua.commonHeaders(),
      ...extra,
    ];
    if (body !== undefined && contentType) headers.push(['Content-Type', contentType]);
    const req: OutgoingRequest = { method, uri: t.requestUri, headers, body };
    return new Promise((resolve) => {
      let authed = false;
      const send = (r: OutgoingRequest): void => {
        this.ua.port.request(r, {
          onFinal: (res) => {
            if ((res.status === 401 || res.status === 407) && !authed) {
              const a = this.ua.authorize(r, res);
              if (a) {
                authed = true;
                const next = d.nextRequest();
                send({ ...a, headers: a.headers.map(([n, v]) => (n.toLowerCase() === 'cseq' ? [n, `${next.cseq} ${method}`] : [n, v])) });
                return;
              }
            }
            resolve(res);
          },
          onTimeout: () => resolve(syntheticResponse(408, 'Request Timeout')),
        });
      };
      send(req);
    });
  }

  /** Requests inside this call's dialog(s), routed here by the UA after the CSeq check. */
  handleRequest(req: IncomingRequest, tx: ServerTx, d: Dialog): void {
    switch (req.method) {
      case 'ACK':
        this.onAck(req, d);
        return;
      case 'BYE':
        this.onBye(req, tx, d);
        return;
      case 'INVITE':
        this.onReinvite(req, tx, d);
        return;
      case 'UPDATE':
        this.onUpdate(req, tx, d);
        return;
      case 'PRACK':
        this.onPrack(tx);
        return;
      case 'INFO':
        this.onInfo(req, tx);
        return;
      case 'MESSAGE':
        tx.respond(200, 'OK');
        this.emit('message', { from: uriOf(req.header('From') ?? ''), to: uriOf(req.header('To') ?? ''), text: req.body, contentType: req.header('Content-Type') ?? 'text/plain' });
        return;
      case 'REFER':
        this.onRefer(req, tx);
        return;
      case 'NOTIFY':
        this.onNotify(req, tx);
        return;
      case 'OPTIONS':
        tx.respond(200, 'OK', this.ua.capabilityHeaders());
        return;
      default:
        tx.respond(405, 'Method Not Allowed', [['Allow', this.ua.allow]]);
    }
  }

  private onAck(req: IncomingRequest, d: Dialog): void {
    if (d !== this.dialog) return;
    if (this.phase === 'accepted') {
      this.stopOk();
      this.phase = 'confirmed';
      if (this.okAwaitingAnswerInAck && isSdp(req)) {
        this.okAwaitingAnswerInAck = false;
        this.answerApplied = true;
        this.media.setAnswer(req.body).then(() => this.updateRemoteHold(), (err: Error) => this.log(`ACK SDP: ${err.message}`));
      }
      this.answeredAt = this.ua.clock.now();
      this.setState(this.localHold ? 'held' : 'active');
      this.emit('answered', {});
      this.ua.onAnswered(this);
      return;
    }
    if (this.incomingReinvitePending) {
      this.stopOk();
      this.incomingReinvitePending = false;
      if (this.okAwaitingAnswerInAck && isSdp(req)) {
        this.okAwaitingAnswerInAck = false;
        this.media.setAnswer(req.body).then(() => this.updateRemoteHold(), (err: Error) => this.log(`ACK SDP: ${err.message}`));
      }
    }
  }

  private onBye(req: IncomingRequest, tx: ServerTx, d: Dialog): void {
    tx.respond(200, 'OK');
    if (d !== this.dialog) return;
    if (this.phase === 'incoming') this.respondInvite(487, 'Request Terminated');
    const reasons = parseReason(req.headers('Reason'));
    const q = reasons.find((r) => r.protocol.toUpperCase() === 'Q.850');
    const sipReason = reasons.find((r) => r.protocol.toUpperCase() === 'SIP');
    const cause: Cause = q ? normalClearing(q.text ?? 'Remote hangup', q.cause) : { ...normalClearing('Remote hangup') };
    if (sipReason && !q) cause.sip = sipReason.cause;
    this.end(cause, false);
  }

  // ---------------------------------------------------------------- re-INVITE / UPDATE / hold

  private updateRemoteHold(): void {
    const dir = this.media.remoteDirection();
    const held = dir === 'sendonly' || dir === 'inactive';
    if (held !== this.remoteHeld) {
      this.remoteHeld = held;
      this.emit('remoteHold', { held });
    }
  }

  private wantedDirection(): MediaDirection {
    // RFC 3264 §8.4: holding while the peer holds us gives inactive.
    if (this.localHold) return this.remoteHeld ? 'inactive' : 'sendonly';
    return 'sendrecv';
  }

  private onReinvite(req: IncomingRequest, tx: ServerTx, d: Dialog): void {
    if (d !== this.dialog || (this.phase !== 'confirmed' && this.phase !== 'accepted')) {
      tx.respond(this.phase === 'terminated' ? 481 : 491, this.phase === 'terminated' ? 'Call/Transaction Does Not Exist' : 'Request Pending');
      return;
    }
    if (this.offerInFlight) {
      // Glare (§14.2): our own offer is outstanding.
      tx.respond(491, 'Request Pending');
      return;
    }
    if (this.incomingReinvitePending || this.phase === 'accepted') {
      tx.respond(500, 'Server Internal Error', [['Retry-After', String(Math.floor(Math.random() * 10) + 1)]]);
      return;
    }
    d.refreshTarget(req.header('Contact'));
    this.sessionTimer?.refreshed(req.header('Session-Expires'));
    this.incomingReinvitePending = true;
    void (async () => {
      let sdp: string;
      try {
        if (isSdp(req)) {
          sdp = await this.media.createAnswer(req.body, this.wantedDirection());
          this.updateRemoteHold();
        } else {
          sdp = await this.media.createOffer(this.wantedDirection());
          this.okAwaitingAnswerInAck = true;
        }
      } catch (err) {
        this.incomingReinvitePending = false;
        tx.respond(488, 'Not Acceptable Here', [['Warning', `399 - "${(err as Error).message.replace(/"/g, "'")}"`]]);
        return;
      }
      const headers: HeaderList = [
        ['Contact', `<${this.ua.contactUri()}>`],
        ['Allow', this.ua.allow],
        ['Supported', 'replaces, timer, 100rel'],
        ...this.ua.commonHeaders(),
        ...this.sessionTimerRefreshAnswerHeaders(req),
        ['Content-Type', 'application/sdp'],
      ];
      // The UAS core retransmits the 2xx to a re-INVITE too (§14.2 -> §13.3.1.4).
      this.inviteServerTx = tx;
      this.sendOk(headers, sdp);
    })();
  }

  private onUpdate(req: IncomingRequest, tx: ServerTx, d: Dialog): void {
    if (d !== this.dialog) {
      tx.respond(481, 'Call/Transaction Does Not Exist');
      return;
    }
    d.refreshTarget(req.header('Contact'));
    this.sessionTimer?.refreshed(req.header('Session-Expires'));
    if (!isSdp(req)) {
      tx.respond(200, 'OK', [['Contact', `<${this.ua.contactUri()}>`], ...this.sessionTimerRefreshAnswerHeaders(req)]);
      return;
    }
    if (this.offerInFlight) {
      tx.respond(491, 'Request Pending');
      return;
    }
    this.media.createAnswer(req.body, this.wantedDirection()).then(
      (sdp) => {
        this.updateRemoteHold();
        tx.respond(200, 'OK', [['Contact', `<${this.ua.contactUri()}>`], ...this.sessionTimerRefreshAnswerHeaders(req), ['Content-Type', 'application/sdp']], sdp);
      },
      (err: Error) => tx.respond(488, 'Not Acceptable Here', [['Warning', `399 - "${err.message.replace(/"/g, "'")}"`]]),
    );
  }

  private onPrack(tx: ServerTx): void {
    tx.respond(200, 'OK');
    const p = this.prackPending;
    if (p) {
      this.ua.clock.clearTimeout(p.timer);
      this.prackPending = undefined;
      p.resolve();
    }
  }

  /**
   * Sends a re-INVITE with a new offer. A 491 retries after the §14.1 random delay (2.1-4 s if
   * we own the Call-ID, else 0-2 s); any other failure leaves the session as it was.
   */
  private modifySession(direction: MediaDirection, extra: HeaderList = []): Promise<void> {
    const run = async (): Promise<void> => {
      for (;;) {
        if (this.phase !== 'confirmed' || !this.dialog) throw new Error('call is not established');
        const d = this.dialog;
        this.offerInFlight = true;
        let res: IncomingResponse;
        let cseq = 0;
        try {
          const sdp = await this.media.createOffer(direction);
          res = await new Promise<IncomingResponse>((resolve) => {
            const t = d.nextRequest();
            cseq = t.cseq;
            const headers: HeaderList = [
              ...t.route.map((r): [string, string] => ['Route', r]),
              ['From', t.from],
              ['To', t.to],
              ['Call-ID', t.callId],
              ['CSeq', `${t.cseq} INVITE`],
              ['Contact', `<${this.ua.contactUri()}>`],
              ['Allow', this.ua.allow],
              ['Supported', 'replaces, timer, 100rel'],
              ...this.ua.commonHeaders(),
              ...extra,
              ['Content-Type', 'application/sdp'],
            ];
            this.ua.port.request({ method: 'INVITE', uri: t.requestUri, headers, body: sdp }, {
              onFinal: resolve,
              onTimeout: () => resolve(syntheticResponse(408, 'Request Timeout')),
            });
          });
        } finally {
          this.offerInFlight = false;
        }
        if (res.status >= 200 && res.status < 300) {
          this.sendAckFor(d, cseq, undefined, false);
          d.refreshTarget(res.header('Contact'));
          if (isSdp(res)) {
            await this.media.setAnswer(res.body);
            this.updateRemoteHold();
          }
          this.sessionTimer?.refreshed(res.header('Session-Expires'));
          return;
        }
        this.media.rollback();
        if (res.status === 491) {
          const ownsCallId = this.direction === 'outgoing';
          const delay = ownsCallId ? 2100 + Math.floor(Math.random() * 190) * 10 : Math.floor(Math.random() * 200) * 10;
          this.log(`re-INVITE glare, retrying in ${delay} ms`);
          await new Promise<void>((resolve) => {
            this.glareTimer = this.ua.clock.setTimeout(resolve, delay);
          });
          continue;
        }
        if (res.status === 408 || res.status === 481) {
          // §14.1: the dialog is gone.
          this.hangup(causeFromSip(res.status, res.reason));
        }
        throw new Error(`re-INVITE failed: ${res.status} ${res.reason}`);
      }
    };
    const p = this.modifyChain.then(run, run);
    this.modifyChain = p.catch(() => undefined);
    return p;
  }

  async hold(): Promise<void> {
    if (this.localHold) return;
    this.localHold = true;
    try {
      await this.modifySession(this.wantedDirection());
    } catch (err) {
      this.localHold = false;
      throw err;
    }
    this.setState('held');
    this.emit('held', {});
  }

  async unhold(): Promise<void> {
    if (!this.localHold) return;
    this.localHold = false;
    try {
      await this.modifySession(this.wantedDirection());
    } catch (err) {
      this.localHold = true;
      throw err;
    }
    this.setState('active');
    this.emit('resumed', {});
  }

  /** Marks the call as the non-active connected line (Zoiper lsUp) or back to active. */
  setForeground(active: boolean): void {
    if (this.phase !== 'confirmed' || this.localHold) return;
    this.setState(active ? 'active' : 'up');
  }

  mute(): void {
    this.muted = true;
    this.media.mute(true);
  }

  unmute(): void {
    this.muted = false;
    this.media.mute(false);
  }

  get isMuted(): boolean {
    return this.muted;
  }

  // ---------------------------------------------------------------- session timers (RFC 4028)

  private sessionTimerAnswerHeaders(): HeaderList {
    const se = this.pendingSessionExpires ? parseSessionExpires(this.pendingSessionExpires) : undefined;
    if (!se) return [];
    // §9: the UAS picks the refresher when the UAC did not; we let the UAC refresh if it can.
    const refresher = se.refresher ?? (this.peerSupportsTimer ? 'uac' : 'uas');
    this.startSessionTimer(se.interval, refresher === 'uas');
    const h: HeaderList = [['Session-Expires', `${se.interval};refresher=${refresher}`]];
    if (this.peerSupportsTimer) h.push(['Require', 'timer']);
    return h;
  }

  private sessionTimerRefreshAnswerHeaders(req: IncomingRequest): HeaderList {
    const raw = req.header('Session-Expires');
    const se = raw ? parseSessionExpires(raw) : undefined;
    if (!se) return [];
    const refresher = se.refresher ?? 'uac';
    this.startSessionTimer(se.interval, refresher === 'uas');
    return [['Session-Expires', `${se.interval};refresher=${refresher}`], ['Require', 'timer']];
  }

  private setupSessionTimer(res: IncomingResponse, role: 'uac'): void {
    const raw = res.header('Session-Expires');
    const se = raw ? parseSessionExpires(raw) : undefined;
    if (!se) return;
    this.peerAllowsUpdate = hasToken(res.headers('Allow'), 'update');
    this.startSessionTimer(se.interval, (se.refresher ?? 'uac') === role);
  }

  private startSessionTimer(interval: number, weRefresh: boolean): void {
    this.sessionTimer?.stop();
    this.sessionTimer = new SessionTimer(this.ua.clock, interval, weRefresh, {
      refresh: () => this.refreshSession(interval),
      expired: () => this.hangup({ ...normalClearing('Session timer expired', 102), sip: 408 }),
    });
    this.sessionTimer.start();
  }

  /** A refresh by UPDATE without a body when the peer allows it, else by re-INVITE (§7.4). */
  private refreshSession(interval: number): void {
    if (this.phase !== 'confirmed' || !this.dialog) return;
    const headers: HeaderList = [['Session-Expires', `${interval};refresher=uac`], ['Supported', 'timer']];
    if (this.peerAllowsUpdate) {
      this.sendInDialog(this.dialog, 'UPDATE', headers).then((res) => {
        if (res.status === 408 || res.status === 481) this.hangup(causeFromSip(res.status, res.reason));
        else this.sessionTimer?.start();
      }, () => undefined);
    } else {
      this.modifySession(this.wantedDirection(), [['Session-Expires', `${interval};refresher=uac`]]).then(
        () => this.sessionTimer?.start(),
        (err: Error) => this.log(`session refresh: ${err.message}`),
      );
    }
  }

  // ---------------------------------------------------------------- DTMF and INFO

  async sendDtmf(digits: string, durationMs = 160): Promise<void> {
    if (this.phase !== 'confirmed' || !this.dialog) throw new Error('call is not established');
    for (const ch of digits) {
      const digit = toDtmfDigit(ch);
      if (!digit) throw new Error(`not a DTMF digit: ${ch}`);
      if (this.ua.dtmfMode === 'info') {
        const res = await this.sendInDialog(this.dialog, 'INFO', [], formatInfoDtmf(DTMF_RELAY, digit, durationMs), DTMF_RELAY);
        if (res.status >= 300) throw new Error(`INFO refused: ${res.status} ${res.reason}`);
      } else {
        await this.media.sendDtmf(digit, durationMs);
      }
    }
  }

  private onInfo(req: IncomingRequest, tx: ServerTx): void {
    const ct = req.header('Content-Type') ?? '';
    if (!req.body) {
      tx.respond(200, 'OK'); // an empty INFO is a keep-alive
      return;
    }
    const type = ct.split(';')[0].trim().toLowerCase();
    if (type !== DTMF_RELAY && type !== DTMF_PLAIN) {
      tx.respond(415, 'Unsupported Media Type', [['Accept', `${DTMF_RELAY}, ${DTMF_PLAIN}`]]);
      return;
    }
    const d = parseInfoDtmf(ct, req.body);
    if (!d) {
      tx.respond(400, 'Bad DTMF Body');
      return;
    }
    tx.respond(200, 'OK');
    this.emit('dtmf', { digit: d.digit, durationMs: d.durationMs ?? 0, method: 'info' });
  }

  /** MESSAGE inside the call's dialog (RFC 3428 §4 allows it). */
  async sendMessage(text: string, contentType = 'text/plain'): Promise<void> {
    if (!this.dialog || this.phase !== 'confirmed') throw new Error('call is not established');
    const res = await this.sendInDialog(this.dialog, 'MESSAGE', [], text, contentType);
    if (res.status >= 300) throw new Error(`MESSAGE failed: ${res.status} ${res.reason}`);
  }

  // ---------------------------------------------------------------- transfers (RFC 3515/3891)

  /** Blind transfer: REFER with the target; NOTIFYs report progress; success ends this call. */
  async transfer(target: string): Promise<void> {
    return this.refer(this.ua.normalizeTarget(target));
  }

  /** Attended transfer: REFER our peer here to the peer of `other`, replacing that dialog. */
  async attendedTransfer(other: Call): Promise<void> {
    const od = other.dialog;
    if (!od || other.phase !== 'confirmed') throw new Error('the other call is not established');
    const replaces: Replaces = { callId: od.callId, toTag: od.remoteTag, fromTag: od.localTag, earlyOnly: false };
    // The other peer's Contact reaches it directly even without a proxy (RFC 5589 §7.2).
    const uri = uriWithReplaces(od.remoteTarget, replaces);
    return this.refer(uri);
  }

  private async refer(referTo: string): Promise<void> {
    if (!this.dialog || this.phase !== 'confirmed') throw new Error('call is not established');
    const res = await this.sendInDialog(this.dialog, 'REFER', [
      ['Refer-To', `<${referTo}>`],
      ['Referred-By', `<${uriOf(this.localUri)}>`],
    ]);
    if (res.status >= 300) throw new Error(`REFER refused: ${res.status} ${res.reason}`);
  }

  private onNotify(req: IncomingRequest, tx: ServerTx): void {
    const ev = (req.header('Event') ?? '').split(';')[0].trim().toLowerCase();
    if (ev !== 'refer') {
      tx.respond(489, 'Bad Event');
      return;
    }
    tx.respond(200, 'OK');
    const frag = parseSipfrag(req.body);
    const subState = (req.header('Subscription-State') ?? '').split(';')[0].trim().toLowerCase();
    if (!frag) return;
    const final = frag.code >= 200 || subState === 'terminated';
    this.emit('transferProgress', { code: frag.code, reason: frag.reason, final });
    if (final && frag.code >= 200 && frag.code < 300) {
      // The transferee reached the target: our part is done (RFC 5589 §6.1).
      this.hangup({ ...normalClearing('Transferred'), sip: frag.code });
    }
  }

  private onRefer(req: IncomingRequest, tx: ServerTx): void {
    const raw = req.header('Refer-To');
    const target = raw ? parseReferTo(raw) : undefined;
    if (!target) {
      tx.respond(400, 'Bad Refer-To');
      return;
    }
    if (this.referPending) {
      tx.respond(491, 'Request Pending');
      return;
    }
    const referredBy = req.header('Referred-By');
    const info: { target: string; referredBy?: string } = { target: target.uri };
    if (referredBy) info.referredBy = uriOf(referredBy);
    const policy = this.ua.transferPolicy;
    if (policy === 'reject') {
      tx.respond(603, 'Decline');
      this.emit('transferRequested', info);
      return;
    }
    this.referPending = { tx, target, timer: undefined };
    if (referredBy) this.referPending.referredBy = referredBy;
    this.emit('transferRequested', info);
    if (policy === 'accept') {
      this.acceptTransfer();
      return;
    }
    // 'ask': the REFER client gives up after 32 s (Timer F); decline a little before that.
    this.referPending.timer = this.ua.clock.setTimeout(() => this.rejectTransfer(), 30000);
  }

  rejectTransfer(): void {
    const p = this.referPending;
    if (!p) return;
    this.ua.clock.clearTimeout(p.timer);
    this.referPending = undefined;
    p.tx.respond(603, 'Decline');
  }

  acceptTransfer(): void {
    const p = this.referPending;
    if (!p || !this.dialog) return;
    this.ua.clock.clearTimeout(p.timer);
    this.referPending = undefined;
    p.tx.respond(202, 'Accepted');
    const d = this.dialog;
    this.referNotifyDialog = d;
    this.sendReferNotify(100, 'Trying', false);
    const extra: HeaderList = [];
    if (p.referredBy) extra.push(['Referred-By', p.referredBy]);
    for (const [k, v] of Object.entries(p.target.headers)) {
      if (k.toLowerCase() !== 'replaces') extra.push([k, v]);
    }
    let newCall: Call;
    try {
      newCall = this.ua.dialFromRefer(p.target.uri, extra, p.target.replaces);
    } catch (err) {
      this.sendReferNotify(503, 'Service Unavailable', true);
      this.log(`transfer dial: ${(err as Error).message}`);
      return;
    }
    newCall.replacesCall = this;
    let done = false;
    newCall.on('progress', ({ code }) => {
      if (!done) this.sendReferNotify(code, code === 180 ? 'Ringing' : 'Session Progress', false);
    });
    newCall.on('answered', () => {
      if (done) return;
      done = true;
      this.sendReferNotify(200, 'OK', true);
    });
    newCall.on('ended', ({ cause }) => {
      if (done) return;
      done = true;
      this.sendReferNotify(cause.sip && cause.sip >= 300 ? cause.sip : 487, cause.reason ?? 'Failed', true);
    });
  }

  /** NOTIFY with a sipfrag (RFC 3515 §2.4.4); the implicit subscription ends with the final one. */
  private sendReferNotify(code: number, reason: string, final: boolean): void {
    const d = this.referNotifyDialog;
    if (!d || d.state === 'terminated') return;
    this.referNotifySeq += 1;
    const sub = final ? 'terminated;reason=noresource' : 'active;expires=60';
    void this.sendInDialog(d, 'NOTIFY', [['Event', 'refer'], ['Subscription-State', sub]], formatSipfrag(code, reason), SIPFRAG);
  }

  // ---------------------------------------------------------------- media pass-through

  play(source: string | Buffer | { file?: string; buffer?: Buffer; loop?: boolean; tone?: string }): void {
    this.media.play(source, (reason) => this.emit('playEnded', { reason }));
  }

  stopPlay(): void {
    this.media.stopPlay();
  }

  record(file: string, opts: { maxDurationMs?: number; mix?: boolean } = {}): void {
    this.media.record(file, opts, (info) => this.emit('recordEnded', info));
  }

  stopRecord(): void {
    this.media.stopRecord();
  }

  stats(): object {
    return {
      id: this.id,
      sipCallId: this.sipCallId,
      direction: this.direction,
      state: this._state,
      durationMs: this.answeredAt !== undefined ? this.ua.clock.now() - this.answeredAt : 0,
      localHold: this.localHold,
      remoteHold: this.remoteHeld,
      media: this.media.stats(),
    };
  }

  /** Used by `ua.dial` to register the DTMF digit check without exporting internals. */
  static isDigit(s: string): boolean {
    return isDtmfDigit(s);
  }
}

function syntheticResponse(status: number, reason: string): IncomingResponse {
  return { status, reason, body: '', header: () => undefined, headers: () => [] };
}

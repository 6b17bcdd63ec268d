/**
 * A SUBSCRIBE dialog we initiate (RFC 6665): message-summary (RFC 3842) or dialog (RFC 4235).
 * The dialog is made by the 2xx or by the first NOTIFY, whichever comes first (RFC 6665 §4.1.2.4),
 * so NOTIFYs are matched on Call-ID + our tag. Refreshes before expiry; re-subscribes after a
 * failure or a terminated state with a retry reason.
 */
import { randomBytes } from 'node:crypto';
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../logger';
import { Dialog, uriOf } from './dialog/dialog';
import type { HeaderList, IncomingRequest, IncomingResponse, OutgoingRequest, ServerTransaction, SignallingPort } from './signalling-port';

export interface SubscriptionContext {
  port: SignallingPort;
  clock: Clock;
  logger: Logger;
  fromHeader: string;
  contactUri(): string;
  commonHeaders(): HeaderList;
  authorize(req: OutgoingRequest, res: IncomingResponse): OutgoingRequest | undefined;
  domain: string;
}

const DEFAULT_EXPIRES = 3600;
const RETRY_MS = 60000;

function tagOf(nameAddr: string | undefined): string {
  if (!nameAddr) return '';
  const gt = nameAddr.lastIndexOf('>');
  const m = /;\s*tag\s*=\s*([^;\s,]+)/i.exec(gt >= 0 ? nameAddr.slice(gt + 1) : nameAddr);
  return m ? m[1] : '';
}

export class Subscription {
  readonly callId = randomBytes(12).toString('hex');
  readonly localTag = randomBytes(6).toString('hex');
  private dialog: Dialog | undefined;
  private cseq = 0;
  private timer: TimerHandle | undefined;
  private stopped = false;

  constructor(
    private readonly ctx: SubscriptionContext,
    readonly event: string,
    private readonly accept: string,
    readonly target: string,
    private readonly onBody: (body: string, contentType: string) => void,
  ) {}

  static keyOf(callId: string, localTag: string): string {
    return `${callId}\u0000${localTag}`;
  }

  get key(): string {
    return Subscription.keyOf(this.callId, this.localTag);
  }

  start(): void {
    this.send(DEFAULT_EXPIRES);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.ctx.clock.clearTimeout(this.timer);
    if (this.dialog) this.send(0);
  }

  private send(expires: number): void {
    const headers: HeaderList = [];
    let uri = this.target;
    if (this.dialog) {
      this.dialog.localSeq = this.cseq;
      const t = this.dialog.nextRequest();
      this.cseq = t.cseq;
      uri = t.requestUri;
      headers.push(...t.route.map((r): [string, string] => ['Route', r]), ['From', t.from], ['To', t.to]);
    } else {
      this.cseq += 1;
      headers.push(...this.ctx.commonHeaders(), ['From', `${this.ctx.fromHeader};tag=${this.localTag}`], ['To', `<${this.target}>`]);
    }
    headers.push(
      ['Call-ID', this.callId],
      ['CSeq', `${this.cseq} SUBSCRIBE`],
      ['Contact', `<${this.ctx.contactUri()}>`],
      ['Event', this.event],
      ['Accept', this.accept],
      ['Expires', String(expires)],
    );
    let authed = false;
    const go = (req: OutgoingRequest): void => {
      this.ctx.port.request(req, {
        onFinal: (res) => {
          if ((res.status === 401 || res.status === 407) && !authed) {
            const a = this.ctx.authorize(req, res);
            if (a) {
              authed = true;
              this.cseq += 1;
              if (this.dialog) this.dialog.localSeq = this.cseq;
              go({ ...a, headers: a.headers.map(([n, v]) => (n === 'CSeq' ? [n, `${this.cseq} SUBSCRIBE`] : [n, v])) });
              return;
            }
          }
          this.onResponse(res, expires);
        },
        onTimeout: () => this.retryLater(),
      });
    };
    go({ method: 'SUBSCRIBE', uri, headers });
  }

  private onResponse(res: IncomingResponse, asked: number): void {
    if (asked === 0 || this.stopped) return;
    if (res.status >= 200 && res.status < 300) {
      this.ensureDialog(tagOf(res.header('To')), res.header('Contact'), res.headers('Record-Route'));
      const e = Number(res.header('Expires'));
      const granted = Number.isInteger(e) && e > 0 ? e : asked;
      this.schedule(Math.max(5, granted > 60 ? granted - 30 : granted / 2) * 1000);
      return;
    }
    this.ctx.logger.debug(`SUBSCRIBE ${this.event} ${this.target}: ${res.status} ${res.reason}`);
    this.retryLater();
  }

  private ensureDialog(remoteTag: string, contact: string | undefined, recordRoute: string[]): void {
    if (this.dialog || !remoteTag) return;
    this.dialog = Dialog.asUac(
      {
        callId: this.callId,
        localTag: this.localTag,
        remoteTag,
        localUri: this.ctx.fromHeader,
        remoteUri: `<${this.target}>`,
        remoteTarget: uriOf(contact ?? this.target),
        recordRoute,
        localSeq: this.cseq,
      },
      true,
    );
  }

  private schedule(ms: number): void {
    this.ctx.clock.clearTimeout(this.timer);
    this.timer = this.ctx.clock.setTimeout(() => this.send(DEFAULT_EXPIRES), ms);
  }

  private retryLater(): void {
    if (this.stopped) return;
    this.dialog = undefined;
    this.schedule(RETRY_MS);
  }

  onNotify(req: IncomingRequest, tx: ServerTransaction, fromTag: string): void {
    if (this.dialog && this.dialog.remoteTag !== fromTag) {
      tx.respond(481, 'Subscription Does Not Exist');
      return;
    }
    if (!this.dialog) this.ensureDialog(fromTag, req.header('Contact'), req.headers('Record-Route'));
    else this.dialog.refreshTarget(req.header('Contact'));
    tx.respond(200, 'OK');
    const state = (req.header('Subscription-State') ?? '').split(';')[0].trim().toLowerCase();
    if (req.body) this.onBody(req.body, req.header('Content-Type') ?? '');
    if (state === 'terminated' && !this.stopped) {
      // RFC 6665 §4.1.3: a fresh subscription after a delay.
      this.retryLater();
    }
  }
}

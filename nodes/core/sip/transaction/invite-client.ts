/**
 * INVITE client transaction, RFC 3261 §17.1.1 as updated by RFC 6026 §8.4 (the Accepted state:
 * 2xx responses are passed up for 64*T1 so the TU can ACK retransmissions).
 *
 *   Calling --1xx--> Proceeding --2xx--> Accepted --Timer M--> Terminated
 *      |                |  300-699 (send ACK)
 *      +-----------> Completed --Timer D--> Terminated
 *   Timer A retransmits the INVITE (unreliable only); Timer B times the transaction out.
 *
 * Events: 'response' (SipResponse, passed up once per new response, every 2xx in Accepted),
 * 'timeout' (Timer B), 'transport-error' (Error), 'state', 'terminated'.
 */
import { SipRequest, SipResponse } from '../message';
import { Transaction, TransactionContext, TransactionState, TransactionTransport } from './base';

export class InviteClientTransaction extends Transaction {
  readonly kind = 'invite-client' as const;
  state: TransactionState = 'Calling';
  private ack: SipRequest | undefined;

  constructor(id: string, request: SipRequest, transport: TransactionTransport, ctx: TransactionContext) {
    super(id, request, transport, ctx);
  }

  /** Sends the INVITE and starts Timers A and B. Call once. */
  start(): void {
    const { T1 } = this.ctx.timers;
    this.transmit(this.request);
    if (!this.transport.reliable) this.scheduleA(T1);
    this.startTimer('B', 64 * T1, () => {
      if (this.state === 'Calling') {
        this.emit('timeout');
        this.terminate();
      }
    });
  }

  private scheduleA(interval: number): void {
    this.startTimer('A', interval, () => {
      if (this.state !== 'Calling') return;
      this.transmit(this.request);
      this.scheduleA(interval * 2);
    });
  }

  /** A response matched to this transaction by the transaction layer (§17.1.3). */
  receiveResponse(res: SipResponse): void {
    const s = res.status;
    switch (this.state) {
      case 'Calling':
      case 'Proceeding':
        if (s < 200) {
          this.stopTimer('A');
          this.setState('Proceeding');
          this.emit('response', res);
        } else if (s < 300) {
          this.stopTimer('A');
          this.stopTimer('B');
          this.setState('Accepted');
          this.startTimer('M', 64 * this.ctx.timers.T1, () => this.terminate());
          this.emit('response', res);
        } else {
          this.stopTimer('A');
          this.stopTimer('B');
          this.ack = buildAckForNon2xx(this.request, res);
          this.transmit(this.ack);
          this.setState('Completed');
          this.startTimer('D', this.transport.reliable ? 0 : Math.max(32000, 64 * this.ctx.timers.T1), () => this.terminate());
          this.emit('response', res);
        }
        break;
      case 'Completed':
        // A retransmitted final response: ACK it again, do not pass it up (§17.1.1.2).
        if (s >= 300 && this.ack) this.transmit(this.ack);
        break;
      case 'Accepted':
        if (s >= 200 && s < 300) this.emit('response', res);
        break;
      default:
        break;
    }
  }
}

/**
 * The ACK for a non-2xx final response (§17.1.1.3): same Request-URI, Call-ID, From, CSeq
 * number and top Via (branch) as the INVITE, the To of the response, the INVITE's Route set.
 */
export function buildAckForNon2xx(invite: SipRequest, res: SipResponse): SipRequest {
  const ack = new SipRequest('ACK', invite.uri, invite.uriText);
  const topVia = invite.getAll('via')[0];
  if (topVia !== undefined) ack.headers.push({ name: 'Via', key: 'via', value: topVia.split(',')[0]?.trim() ?? topVia });
  for (const h of invite.headers) if (h.key === 'route') ack.headers.push({ ...h });
  ack.headers.push({ name: 'Max-Forwards', key: 'max-forwards', value: '70' });
  ack.headers.push({ name: 'From', key: 'from', value: invite.get('from') ?? '' });
  ack.headers.push({ name: 'To', key: 'to', value: res.get('to') ?? '' });
  ack.headers.push({ name: 'Call-ID', key: 'call-id', value: invite.get('call-id') ?? '' });
  ack.headers.push({ name: 'CSeq', key: 'cseq', value: `${invite.cseq.seq} ACK` });
  return ack;
}

/**
 * Non-INVITE client transaction, RFC 3261 §17.1.2.
 *
 *   Trying --1xx--> Proceeding --200-699--> Completed --Timer K--> Terminated
 *   Timer E retransmits (T1 doubling to T2 in Trying, T2 in Proceeding; unreliable only);
 *   Timer F (64*T1) times it out.
 *
 * Events: 'response', 'timeout', 'transport-error', 'state', 'terminated'.
 */
import { SipRequest, SipResponse } from '../message';
import { Transaction, TransactionContext, TransactionState, TransactionTransport } from './base';

export class NonInviteClientTransaction extends Transaction {
  readonly kind = 'non-invite-client' as const;
  state: TransactionState = 'Trying';

  constructor(id: string, request: SipRequest, transport: TransactionTransport, ctx: TransactionContext) {
    super(id, request, transport, ctx);
  }

  start(): void {
    const { T1 } = this.ctx.timers;
    this.transmit(this.request);
    if (!this.transport.reliable) this.scheduleE(T1);
    this.startTimer('F', 64 * T1, () => {
      if (this.state === 'Trying' || this.state === 'Proceeding') {
        this.emit('timeout');
        this.terminate();
      }
    });
  }

  private scheduleE(interval: number): void {
    this.startTimer('E', interval, () => {
      if (this.state !== 'Trying' && this.state !== 'Proceeding') return;
      this.transmit(this.request);
      const { T2 } = this.ctx.timers;
      this.scheduleE(this.state === 'Proceeding' ? T2 : Math.min(interval * 2, T2));
    });
  }

  receiveResponse(res: SipResponse): void {
    if (this.state !== 'Trying' && this.state !== 'Proceeding') return; // Completed absorbs retransmissions
    if (res.status < 200) {
      this.setState('Proceeding');
      this.emit('response', res);
      return;
    }
    this.stopTimer('E');
    this.stopTimer('F');
    this.setState('Completed');
    this.startTimer('K', this.transport.reliable ? 0 : this.ctx.timers.T4, () => this.terminate());
    this.emit('response', res);
  }
}

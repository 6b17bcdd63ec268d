/**
 * Non-INVITE server transaction, RFC 3261 §17.2.2.
 *
 *   Trying --1xx--> Proceeding --200-699--> Completed --Timer J--> Terminated
 *   Retransmitted requests are absorbed in Trying and answered with the last response after.
 *
 * Events: 'transport-error', 'state', 'terminated'.
 */
import { SipRequest, SipResponse } from '../message';
import { Transaction, TransactionContext, TransactionState, TransactionTransport } from './base';

export class NonInviteServerTransaction extends Transaction {
  readonly kind = 'non-invite-server' as const;
  state: TransactionState = 'Trying';
  lastResponse: SipResponse | undefined;

  constructor(id: string, request: SipRequest, transport: TransactionTransport, ctx: TransactionContext) {
    super(id, request, transport, ctx);
  }

  respond(res: SipResponse): void {
    if (this.state !== 'Trying' && this.state !== 'Proceeding') {
      this.ctx.logger.debug(`transaction ${this.id}: response ${res.status} ignored in state ${this.state}`);
      return;
    }
    this.lastResponse = res;
    this.transmit(res);
    if (res.status < 200) {
      this.setState('Proceeding');
      return;
    }
    this.setState('Completed');
    this.startTimer('J', this.transport.reliable ? 0 : 64 * this.ctx.timers.T1, () => this.terminate());
  }

  receiveRequest(_req: SipRequest): void {
    if ((this.state === 'Proceeding' || this.state === 'Completed') && this.lastResponse) this.transmit(this.lastResponse);
  }
}

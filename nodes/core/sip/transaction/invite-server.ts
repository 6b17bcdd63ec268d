/**
 * INVITE server transaction, RFC 3261 §17.2.1 as updated by RFC 6026 §8.5-8.7.
 *
 *   Proceeding --2xx--> Accepted --Timer L--> Terminated
 *       |  300-699
 *       +--> Completed --ACK--> Confirmed --Timer I--> Terminated
 *                 +--Timer H--> Terminated ('timeout': no ACK came)
 *   Timer G retransmits a non-2xx final response (unreliable only).
 *
 * A 100 Trying goes out by itself 200 ms after the INVITE unless the TU answered first
 * (§17.2.1). The 2xx itself is retransmitted here at T1 doubling to T2 until the TU reports its
 * ACK (`ackReceived()`), on every transport for 64*T1 (§13.3.1.4, the UA core's duty, kept
 * beside the state machine that already owns the 2xx); without an ACK, 'ack-timeout' fires.
 *
 * Events: 'cancel' (the matching CANCEL request), 'ack' (ACK for a non-2xx), 'timeout' (Timer
 * H), 'ack-timeout', 'transport-error', 'state', 'terminated'.
 */
import { SipRequest, SipResponse } from '../message';
import { createResponse } from '../builder';
import { Transaction, TransactionContext, TransactionState, TransactionTransport } from './base';

export class InviteServerTransaction extends Transaction {
  readonly kind = 'invite-server' as const;
  state: TransactionState = 'Proceeding';
  /** The last response sent, resent on a retransmitted INVITE. */
  lastResponse: SipResponse | undefined;
  private awaitingAck = false;
  cancelled = false;

  constructor(id: string, request: SipRequest, transport: TransactionTransport, ctx: TransactionContext) {
    super(id, request, transport, ctx);
    this.startTimer('Trying', 200, () => {
      if (this.state === 'Proceeding' && this.lastResponse === undefined) this.respond(createResponse(this.request, 100));
    });
  }

  /** Sends a response from the TU. Responses out of turn are ignored with a debug line. */
  respond(res: SipResponse): void {
    const s = res.status;
    if (this.state === 'Proceeding') {
      this.lastResponse = res;
      this.stopTimer('Trying');
      this.transmit(res);
      if (s < 200) return;
      if (s < 300) {
        this.setState('Accepted');
        this.startTimer('L', 64 * this.ctx.timers.T1, () => {
          if (this.awaitingAck) this.emit('ack-timeout');
          this.terminate();
        });
        this.awaitingAck = true;
        this.schedule2xx(this.ctx.timers.T1);
        return;
      }
      this.setState('Completed');
      if (!this.transport.reliable) this.scheduleG(this.ctx.timers.T1);
      this.startTimer('H', 64 * this.ctx.timers.T1, () => {
        this.emit('timeout');
        this.terminate();
      });
      return;
    }
    if (this.state === 'Accepted' && s >= 200 && s < 300) {
      // The TU may send the 2xx again itself (RFC 6026 §8.7).
      this.transmit(res);
      return;
    }
    this.ctx.logger.debug(`transaction ${this.id}: response ${s} ignored in state ${this.state}`);
  }

  private scheduleG(interval: number): void {
    this.startTimer('G', interval, () => {
      if (this.state !== 'Completed' || !this.lastResponse) return;
      this.transmit(this.lastResponse);
      this.scheduleG(Math.min(interval * 2, this.ctx.timers.T2));
    });
  }

  private schedule2xx(interval: number): void {
    this.startTimer('2xx', interval, () => {
      if (this.state !== 'Accepted' || !this.awaitingAck || !this.lastResponse) return;
      this.transmit(this.lastResponse);
      this.schedule2xx(Math.min(interval * 2, this.ctx.timers.T2));
    });
  }

  /** A retransmission of the INVITE: resend the last response, never pass it up. */
  receiveRequest(req: SipRequest): void {
    if (req.method === 'ACK') {
      if (this.state === 'Completed') {
        this.stopTimer('G');
        this.stopTimer('H');
        this.setState('Confirmed');
        this.emit('ack', req);
        this.startTimer('I', this.transport.reliable ? 0 : this.ctx.timers.T4, () => this.terminate());
      }
      return;
    }
    if ((this.state === 'Proceeding' || this.state === 'Completed') && this.lastResponse) this.transmit(this.lastResponse);
  }

  /** The UA saw the ACK for the 2xx (it has another branch, §17.1.1.3): stop retransmitting. */
  ackReceived(): void {
    if (!this.awaitingAck) return;
    this.awaitingAck = false;
    this.stopTimer('2xx');
  }
  get waitingForAck(): boolean {
    return this.awaitingAck;
  }

  /** Called by the transaction layer when a matching CANCEL arrived (§9.2). */
  receiveCancel(cancel: SipRequest): void {
    this.cancelled = true;
    this.emit('cancel', cancel);
  }
}

/**
 * What every transaction shares: its timers on the injected clock, its link to the transport,
 * its state and the events it gives the transaction user (RFC 3261 §17).
 */
import { EventEmitter } from 'node:events';
import { Clock, TimerHandle } from '../../clock';
import { Logger } from '../../logger';
import { SipMessage, SipRequest } from '../message';
import { TimerConfig } from './timers';

/** How a transaction reaches the network: bound to one destination or connection. */
export interface TransactionTransport {
  /** True for TCP/TLS/WS: no retransmissions, Timers D/I/J/K are zero (§17.1.1.2). */
  readonly reliable: boolean;
  /** Sends a message; a rejected promise is a transport error (§17.1.4, §17.2.4). */
  send(msg: SipMessage): Promise<void>;
}

export interface TransactionContext {
  clock: Clock;
  logger: Logger;
  timers: TimerConfig;
}

export type TransactionState =
  | 'Calling'
  | 'Trying'
  | 'Proceeding'
  | 'Completed'
  | 'Confirmed'
  | 'Accepted'
  | 'Terminated';

export type TransactionKind = 'invite-client' | 'non-invite-client' | 'invite-server' | 'non-invite-server';

export abstract class Transaction extends EventEmitter {
  abstract readonly kind: TransactionKind;
  abstract state: TransactionState;
  private readonly timerHandles = new Map<string, TimerHandle>();

  constructor(
    /** Key in the transaction layer's table (branch + method, §17.1.3 / §17.2.3). */
    readonly id: string,
    readonly request: SipRequest,
    protected readonly transport: TransactionTransport,
    protected readonly ctx: TransactionContext,
  ) {
    super();
  }

  protected startTimer(name: string, ms: number, fire: () => void): void {
    this.stopTimer(name);
    this.timerHandles.set(
      name,
      this.ctx.clock.setTimeout(() => {
        this.timerHandles.delete(name);
        if (this.state !== 'Terminated') fire();
      }, ms),
    );
  }
  protected stopTimer(name: string): void {
    const h = this.timerHandles.get(name);
    if (h !== undefined) {
      this.ctx.clock.clearTimeout(h);
      this.timerHandles.delete(name);
    }
  }
  /** Names of the timers now running (for tests and debugging). */
  get runningTimers(): string[] {
    return [...this.timerHandles.keys()];
  }

  protected transmit(msg: SipMessage): void {
    this.transport.send(msg).catch((err: unknown) => this.onTransportError(err));
  }

  protected onTransportError(err: unknown): void {
    if (this.state === 'Terminated') return;
    this.ctx.logger.debug(`transaction ${this.id}: transport error: ${err instanceof Error ? err.message : String(err)}`);
    this.emit('transport-error', err instanceof Error ? err : new Error(String(err)));
    this.terminate();
  }

  protected setState(s: TransactionState): void {
    if (this.state === s) return;
    this.ctx.logger.trace(`transaction ${this.id}: ${this.state} -> ${s}`);
    this.state = s;
    this.emit('state', s);
  }

  /** Ends the transaction at once, stopping every timer. */
  terminate(): void {
    if (this.state === 'Terminated') return;
    for (const h of this.timerHandles.values()) this.ctx.clock.clearTimeout(h);
    this.timerHandles.clear();
    this.setState('Terminated');
    this.emit('terminated');
  }
}

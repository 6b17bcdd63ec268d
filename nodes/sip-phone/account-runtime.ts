/**
 * What a sip-account owns, apart from Node-RED: the one user agent, started when the first
 * sip-phone registers with the account and stopped when the last one leaves or the account
 * closes (the reference counting of Node-RED's mqtt-broker), and the fan-out of the agent's
 * events and of the account's status to every phone that uses it.
 */
import type { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../core/clock';
import type { Logger } from '../core/logger';
import { plainPayload, type CallEventName, type CallSnapshot, type PhoneEvent } from './events';
import { phoneStatus, type PhoneStatus, type RegistrationState } from './status';
import type { Call, UserAgent, UserAgentOptions } from '../core/sip/user-agent';

export interface PhoneUser {
  readonly id: string;
  onPhoneEvent(ev: PhoneEvent): void;
  onStatus(status: PhoneStatus): void;
}

export interface AccountDeps {
  createUserAgent(opts: UserAgentOptions): UserAgent;
  clock: Clock;
  logger: Logger;
  /** Subscribe to message-waiting indications (RFC 3842) once registered. */
  subscribeMwi: boolean;
  /** How long stop() waits for BYEs and the un-REGISTER before it lets go anyway. */
  stopTimeoutMs: number;
  onError(err: Error): void;
}

/** The call events of the contract whose payload goes out as it is. */
const FORWARDED_CALL_EVENTS: readonly CallEventName[] = [
  'ringing',
  'progress',
  'answered',
  'held',
  'resumed',
  'remoteHold',
  'dtmf',
  'transferRequested',
  'transferProgress',
  'playEnded',
  'recordEnded',
];

export class AccountRuntime {
  private readonly users = new Map<string, PhoneUser>();
  private ua: UserAgent | undefined;
  private starting: Promise<UserAgent> | undefined;
  private stopping: Promise<void> | undefined;
  private reg: RegistrationState = 'stopped';
  private regDetail = '';
  private readonly watched = new WeakSet<Call>();
  private closed = false;

  constructor(
    private readonly opts: UserAgentOptions,
    private readonly deps: AccountDeps,
  ) {}

  get registrationState(): RegistrationState {
    return this.reg;
  }

  get userAgent(): UserAgent | undefined {
    return this.ua;
  }

  get userCount(): number {
    return this.users.size;
  }

  register(user: PhoneUser): void {
    this.users.set(user.id, user);
    user.onStatus(this.status());
    if (this.users.size === 1 && !this.closed) {
      this.start().catch(() => {
        // reported through deps.onError and the status by start() itself
      });
    }
  }

  /** The last phone out stops the agent: BYE to calls, un-REGISTER, sockets and ports freed. */
  async deregister(user: PhoneUser): Promise<void> {
    this.users.delete(user.id);
    if (this.users.size === 0) await this.stop();
  }

  /** The running agent, starting it if a phone asks before the start has finished. */
  async ready(): Promise<UserAgent> {
    if (this.ua !== undefined && this.starting === undefined) return this.ua;
    return this.start();
  }

  start(): Promise<UserAgent> {
    if (this.closed) return Promise.reject(new Error('sip-account is closed'));
    if (this.starting !== undefined) return this.starting;
    if (this.ua !== undefined) return Promise.resolve(this.ua);
    const run = async (): Promise<UserAgent> => {
      // A stop still under way (redeploy) must free the ports before we bind them again.
      if (this.stopping !== undefined) await this.stopping;
      this.setReg('starting');
      const ua = this.deps.createUserAgent({ ...this.opts, clock: this.deps.clock, logger: this.deps.logger });
      this.ua = ua;
      this.listen(ua);
      try {
        await ua.start();
      } catch (e) {
        this.ua = undefined;
        ua.removeAllListeners();
        const err = e instanceof Error ? e : new Error(String(e));
        this.setReg('error', err.message);
        this.deps.onError(err);
        throw err;
      }
      if (this.opts.register) {
        // The registered event may already have come during start().
        if (this.reg === 'starting') this.setReg(regStateOf(ua));
        if (this.deps.subscribeMwi) {
          try {
            ua.subscribeMwi();
          } catch (e) {
            this.deps.logger.warn(`MWI subscription failed: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
      } else {
        this.setReg('p2p');
      }
      return ua;
    };
    const p = run().finally(() => {
      if (this.starting === p) this.starting = undefined;
    });
    this.starting = p;
    return p;
  }

  /** Stops the agent; idempotent, and bounded so a close never hangs Node-RED's redeploy. */
  stop(): Promise<void> {
    if (this.stopping !== undefined) return this.stopping;
    const run = async (): Promise<void> => {
      if (this.starting !== undefined) await this.starting.catch(() => undefined);
      const ua = this.ua;
      if (ua === undefined) {
        this.setReg('stopped');
        return;
      }
      let timer: TimerHandle | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = this.deps.clock.setTimeout(() => {
          this.deps.logger.warn(`user agent did not stop within ${this.deps.stopTimeoutMs} ms`);
          resolve();
        }, this.deps.stopTimeoutMs);
      });
      try {
        await Promise.race([ua.stop(), timeout]);
      } catch (e) {
        this.deps.logger.warn(`stopping the user agent: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        this.deps.clock.clearTimeout(timer);
        ua.removeAllListeners();
        if (this.ua === ua) this.ua = undefined;
        this.setReg('stopped');
      }
    };
    const p = run().finally(() => {
      if (this.stopping === p) this.stopping = undefined;
    });
    this.stopping = p;
    return p;
  }

  /** The account node closes: stop for good. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stop();
    this.users.clear();
  }

  /** A call we placed: watch it at once so not even its first event is lost. */
  adopt(call: Call, payload: Record<string, unknown>): void {
    this.watch(call);
    this.emit({ topic: 'dialing', call: snapshot(call), payload });
    this.pushStatus();
  }

  liveCallCount(): number {
    const ua = this.ua;
    if (ua === undefined) return 0;
    let n = 0;
    for (const c of ua.calls.values()) if (c.state !== 'down') n++;
    return n;
  }

  status(): PhoneStatus {
    return phoneStatus(this.reg, this.liveCallCount(), this.regDetail);
  }

  private setReg(state: RegistrationState, detail = ''): void {
    this.reg = state;
    this.regDetail = detail;
    this.pushStatus();
  }

  pushStatus(): void {
    const s = this.status();
    for (const u of this.users.values()) u.onStatus(s);
  }

  private emit(ev: PhoneEvent): void {
    for (const u of [...this.users.values()]) {
      try {
        u.onPhoneEvent(ev);
      } catch (e) {
        this.deps.logger.error(`sip-phone ${u.id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  private listen(ua: UserAgent): void {
    ua.on('registered', (info: unknown) => {
      this.setReg('registered');
      this.emit({ topic: 'registered', payload: plainPayload(info) });
    });
    ua.on('unregistered', (info: unknown) => {
      if (this.reg !== 'stopped' && this.reg !== 'starting') this.setReg('unregistered');
      this.emit({ topic: 'unregistered', payload: plainPayload(info) });
    });
    ua.on('registrationFailed', (info: unknown) => {
      const p = plainPayload(info);
      const cause = p.cause;
      const reason = typeof cause === 'object' && cause !== null && 'reason' in cause ? String(cause.reason) : '';
      this.setReg('failed', reason);
      this.emit({ topic: 'registrationFailed', payload: p });
    });
    // Every new call, also those the agent places itself (a REFER we accepted).
    ua.on('call', (call: Call) => this.watch(call));
    ua.on('incoming', (call: Call, info: unknown) => {
      this.watch(call);
      this.emit({ topic: 'incoming', call: snapshot(call), payload: plainPayload(info) });
      this.pushStatus();
    });
    ua.on('message', (info: unknown) => this.emit({ topic: 'message', payload: plainPayload(info) }));
    ua.on('mwi', (info: unknown) => this.emit({ topic: 'mwi', payload: plainPayload(info) }));
    ua.on('error', (err: unknown) => {
      // An 'error' event without a listener would throw and take Node-RED down.
      this.deps.logger.error(err instanceof Error ? err.message : String(err));
    });
  }

  private watch(call: Call): void {
    if (this.watched.has(call)) return;
    this.watched.add(call);
    // The call's typed emitter cannot take a union of event names; its listeners are the same shape.
    const emitter: EventEmitter = call;
    for (const name of FORWARDED_CALL_EVENTS) {
      emitter.on(name, (info: unknown) => this.emit({ topic: name, call: snapshot(call), payload: plainPayload(info) }));
    }
    // A MESSAGE inside the call's dialog: the account-level event, with the call attached.
    call.on('message', (info) => this.emit({ topic: 'message', call: snapshot(call), payload: plainPayload(info) }));
    call.on('state', (state: unknown) => {
      this.emit({ topic: 'state', call: snapshot(call), payload: { state } });
      this.pushStatus();
    });
    call.on('ended', (info: unknown) => {
      // The snapshot says down even if the agent flips the state after emitting.
      this.emit({ topic: 'ended', call: { ...snapshot(call), state: 'down' }, payload: plainPayload(info) });
      this.pushStatus();
    });
  }
}

function snapshot(call: Call): CallSnapshot {
  const remote: CallSnapshot['remote'] = { uri: call.remote.uri };
  if (call.remote.user !== undefined) remote.user = call.remote.user;
  if (call.remote.displayName !== undefined) remote.displayName = call.remote.displayName;
  return { id: call.id, state: call.state, direction: call.direction, remote };
}

function regStateOf(ua: UserAgent): RegistrationState {
  switch (ua.registrationState) {
    case 'registered':
      return 'registered';
    case 'failed':
      return 'failed';
    case 'unregistered':
      return 'unregistered';
    case 'registering':
      return 'registering';
  }
}

/**
 * TEMPORARY: the user-agent contract (/work/wt/UA-CONTRACT.md) written down as types, so the
 * sip-phone node compiles before branch `sip-calls` delivers nodes/core/sip/user-agent.ts.
 * Delete this file when the real module lands and import from '../core/sip/user-agent'.
 */
import type { EventEmitter } from 'node:events';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';

export type CallStatus =
  | 'ANSWER'
  | 'BUSY'
  | 'NOANSWER'
  | 'CANCEL'
  | 'CONGESTION'
  | 'CHANUNAVAIL'
  | 'DONTCALL'
  | 'TORTURE'
  | 'INVALIDARGS';

export interface Cause {
  sip?: number;
  q850?: number;
  reason?: string;
  status: CallStatus | string;
}

export type TransportName = 'udp' | 'tcp' | 'tls' | 'ws' | 'wss';
export type LineState = 'down' | 'dialing' | 'ringing' | 'waitForAnswer' | 'active' | 'up' | 'held';
export type CodecName = 'PCMU' | 'PCMA';
export type DtmfMode = 'rfc4733' | 'info';
export type TransferPolicy = 'accept' | 'reject' | 'ask';

export interface TlsOptions {
  ca?: string;
  cert?: string;
  key?: string;
  rejectUnauthorized?: boolean;
}

export interface UserAgentOptions {
  server?: string;
  transport: TransportName;
  wsUrl?: string;
  localAddress?: string;
  localPort?: number;
  username: string;
  domain?: string;
  displayName?: string;
  callerId?: string;
  outboundProxy?: string;
  register: boolean;
  expires: number;
  authUsername?: string;
  password?: string;
  codecs: CodecName[];
  dtmfMode: DtmfMode;
  rtpPortMin: number;
  rtpPortMax: number;
  maxCalls: number;
  transferPolicy: TransferPolicy;
  tls?: TlsOptions;
  userAgentHeader?: string;
  clock?: Clock;
  logger?: Logger;
}

export type CallId = string;

export interface DialOptions {
  from?: string;
  headers?: Record<string, string>;
  autoHangupAfterMs?: number;
}

export type PlaySource = string | Buffer | { file?: string; buffer?: Buffer; loop?: boolean; tone?: string };

export interface Call extends EventEmitter {
  readonly id: CallId;
  readonly direction: 'outgoing' | 'incoming';
  readonly state: LineState;
  readonly remote: { uri: string; user?: string; displayName?: string };
  readonly sipCallId: string;
  answer(): void;
  reject(code?: number): void;
  hangup(): void;
  hold(): Promise<void>;
  unhold(): Promise<void>;
  mute(): void;
  unmute(): void;
  transfer(target: string): Promise<void>;
  attendedTransfer(target: Call): Promise<void>;
  acceptTransfer(): void;
  rejectTransfer(): void;
  sendDtmf(digits: string): Promise<void>;
  play(source: PlaySource): void;
  stopPlay(): void;
  record(file: string, opts?: { maxDurationMs?: number; mix?: boolean }): void;
  stopRecord(): void;
  stats(): object;
}

export interface UserAgent extends EventEmitter {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly registrationState: 'unregistered' | 'registering' | 'registered' | 'failed';
  readonly calls: ReadonlyMap<CallId, Call>;
  dial(target: string, opts?: DialOptions): Call;
  sendMessage(to: string, text: string, contentType?: string): Promise<void>;
  setForwarding(f: { to: string; afterSeconds: number } | null): void;
  setDnd(on: boolean): void;
  conference(callIds: CallId[]): void;
  subscribeMwi(): void;
  subscribeBlf(target: string): void;
}

export type UserAgentConstructor = new (opts: UserAgentOptions) => UserAgent;

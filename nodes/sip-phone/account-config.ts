/**
 * The sip-account node's properties (as the editor stores them: strings, numbers, booleans) ->
 * the user agent's options, with the defaults that let a user fill in only server, username and
 * password. Invalid values are refused with a catalog key, not silently replaced.
 */
import { CommandError } from './command-error';
import type { TransportName, UserAgentOptions } from '../core/sip/user-agent';

type CodecName = NonNullable<UserAgentOptions['codecs']>[number];
type DtmfMode = NonNullable<UserAgentOptions['dtmfMode']>;
type TransferPolicy = NonNullable<UserAgentOptions['transferPolicy']>;

/** The options an account always sets, so the rest of the node can rely on them. */
export type AccountOptions = UserAgentOptions &
  Required<Pick<UserAgentOptions, 'transport' | 'register' | 'expires' | 'codecs' | 'dtmfMode' | 'rtpPortMin' | 'rtpPortMax' | 'maxCalls' | 'transferPolicy' | 'localPort'>>;

export interface AccountProps {
  server?: unknown;
  transport?: unknown;
  wsUrl?: unknown;
  localAddress?: unknown;
  localPort?: unknown;
  username?: unknown;
  domain?: unknown;
  displayName?: unknown;
  callerId?: unknown;
  outboundProxy?: unknown;
  register?: unknown;
  expires?: unknown;
  codecs?: unknown;
  dtmfMode?: unknown;
  rtpPortMin?: unknown;
  rtpPortMax?: unknown;
  maxCalls?: unknown;
  transferPolicy?: unknown;
  tlsRejectUnauthorized?: unknown;
  tlsCa?: unknown;
  tlsCert?: unknown;
  tlsKey?: unknown;
  userAgentHeader?: unknown;
  subscribeMwi?: unknown;
}

export interface AccountCredentials {
  authUsername?: string;
  password?: string;
}

export const ACCOUNT_DEFAULTS = {
  transport: 'udp' as TransportName,
  expires: 600,
  codecs: ['PCMU', 'PCMA'] as CodecName[],
  dtmfMode: 'rfc4733' as DtmfMode,
  rtpPortMin: 10000,
  rtpPortMax: 20000,
  maxCalls: 4,
  transferPolicy: 'accept' as TransferPolicy,
};

const TRANSPORTS: readonly TransportName[] = ['udp', 'tcp', 'tls', 'ws', 'wss'];
const CODECS: readonly CodecName[] = ['PCMU', 'PCMA'];
const HOST_PORT = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9\-.]*[A-Za-z0-9])?)(?::[0-9]{1,5})?$/;
const SIP_USER = /^[A-Za-z0-9\-_.!~*'()&=+$,;?/%]+$/;

function bad(field: string, value: unknown, why: string): CommandError {
  return new CommandError('badConfig', { field, value: String(value), why }, `${field} ${why} (got "${String(value)}")`);
}

function str(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

function int(v: unknown, field: string, def: number, min: number, max: number): number {
  const s = str(v);
  if (s === '') return def;
  const n = Number(s);
  if (!Number.isInteger(n) || n < min || n > max) throw bad(field, v, `must be an integer from ${min} to ${max}`);
  return n;
}

function bool(v: unknown, def: boolean): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return def;
}

function oneOf<T extends string>(v: unknown, field: string, allowed: readonly T[], def: T): T {
  const s = str(v);
  if (s === '') return def;
  const found = allowed.find((a) => a === s.toLowerCase() || a === s);
  if (found === undefined) throw bad(field, v, `must be one of ${allowed.join(', ')}`);
  return found;
}

/** "PCMU,PCMA", ["PCMA"], "pcma pcmu" -> an ordered list of known codecs. */
export function parseCodecs(v: unknown): CodecName[] {
  const parts = Array.isArray(v) ? v.map(str) : str(v).split(/[\s,;]+/);
  const out: CodecName[] = [];
  for (const p of parts) {
    if (p === '') continue;
    const c = CODECS.find((k) => k === p.toUpperCase());
    if (c === undefined) throw bad('codecs', v, `may only list ${CODECS.join(', ')}`);
    if (!out.includes(c)) out.push(c);
  }
  return out.length > 0 ? out : [...ACCOUNT_DEFAULTS.codecs];
}

export function accountOptions(props: AccountProps, creds: AccountCredentials): AccountOptions {
  const server = str(props.server);
  if (server !== '' && !HOST_PORT.test(server)) throw bad('server', server, 'must be host or host:port');
  const transport = oneOf(props.transport, 'transport', TRANSPORTS, ACCOUNT_DEFAULTS.transport);
  const wsUrl = str(props.wsUrl);
  if ((transport === 'ws' || transport === 'wss') && server !== '' && wsUrl !== '' && !/^wss?:\/\//i.test(wsUrl)) {
    throw bad('wsUrl', wsUrl, 'must start with ws:// or wss://');
  }
  const username = str(props.username);
  if (username === '') throw bad('username', '', 'is required');
  if (!SIP_USER.test(username)) throw bad('username', username, 'may not contain spaces, @ or :');
  const outboundProxy = str(props.outboundProxy);
  if (outboundProxy !== '' && !HOST_PORT.test(outboundProxy)) throw bad('outboundProxy', outboundProxy, 'must be host or host:port');
  const rtpPortMin = int(props.rtpPortMin, 'rtpPortMin', ACCOUNT_DEFAULTS.rtpPortMin, 1024, 65534);
  const rtpPortMax = int(props.rtpPortMax, 'rtpPortMax', ACCOUNT_DEFAULTS.rtpPortMax, 1025, 65535);
  // RTP takes an even port and RTCP the next one (RFC 3550 §11): the range needs room for a pair.
  if (rtpPortMax - rtpPortMin < 1) throw bad('rtpPortMax', rtpPortMax, `must be above rtpPortMin (${rtpPortMin})`);
  const localAddress = str(props.localAddress);

  const opts: AccountOptions = {
    transport,
    username,
    // P2P (no server) cannot register: there is nobody to register with.
    register: server !== '' && bool(props.register, true),
    expires: int(props.expires, 'expires', ACCOUNT_DEFAULTS.expires, 30, 86400),
    codecs: parseCodecs(props.codecs),
    dtmfMode: oneOf(props.dtmfMode, 'dtmfMode', ['rfc4733', 'info'] as const, ACCOUNT_DEFAULTS.dtmfMode),
    rtpPortMin,
    rtpPortMax,
    maxCalls: int(props.maxCalls, 'maxCalls', ACCOUNT_DEFAULTS.maxCalls, 1, 100),
    transferPolicy: oneOf(props.transferPolicy, 'transferPolicy', ['accept', 'reject', 'ask'] as const, ACCOUNT_DEFAULTS.transferPolicy),
    localPort: int(props.localPort, 'localPort', 0, 0, 65535),
  };
  if (server !== '') opts.server = server;
  if (wsUrl !== '') opts.wsUrl = wsUrl;
  if (localAddress !== '') opts.localAddress = localAddress;
  const domain = str(props.domain);
  if (domain !== '') opts.domain = domain;
  const displayName = str(props.displayName);
  if (displayName !== '') opts.displayName = displayName;
  const callerId = str(props.callerId);
  if (callerId !== '') opts.callerId = callerId;
  if (outboundProxy !== '') opts.outboundProxy = outboundProxy;
  const authUsername = str(creds.authUsername);
  if (authUsername !== '') opts.authUsername = authUsername;
  if (typeof creds.password === 'string' && creds.password !== '') opts.password = creds.password;
  const userAgentHeader = str(props.userAgentHeader);
  if (userAgentHeader !== '') opts.userAgentHeader = userAgentHeader;
  if (transport === 'tls' || transport === 'wss') {
    const tls: NonNullable<UserAgentOptions['tls']> = { rejectUnauthorized: bool(props.tlsRejectUnauthorized, true) };
    const ca = str(props.tlsCa);
    const cert = str(props.tlsCert);
    const key = str(props.tlsKey);
    if (ca !== '') tls.ca = ca;
    if (cert !== '') tls.cert = cert;
    if (key !== '') tls.key = key;
    opts.tls = tls;
  }
  return opts;
}

/**
 * Which call a command acts on, and whether the call's line state allows it. The rules follow
 * Zoiper's automation API (seed 000: "lsUp ... is the only call state that can be transferred
 * and put on hold"; SendDTMF "if it is not in state lsDown") with the contract's reading of the
 * states: active and up are both connected.
 */
import { CommandError } from './command-error';
import type { CommandName } from './commands';
import type { LineState } from '../core/sip/user-agent';

export interface SelectableCall {
  readonly id: string;
  readonly state: LineState;
  readonly direction: 'outgoing' | 'incoming';
}

const CONNECTED: readonly LineState[] = ['active', 'up'];
const ESTABLISHED: readonly LineState[] = ['active', 'up', 'held'];
const NOT_DOWN: readonly LineState[] = ['dialing', 'ringing', 'waitForAnswer', 'active', 'up', 'held'];

/** The states each call command may be given in. */
export const ALLOWED_STATES: Partial<Record<CommandName, readonly LineState[]>> = {
  answer: ['ringing'],
  reject: ['ringing'],
  hangup: NOT_DOWN,
  hold: CONNECTED,
  unhold: ['held'],
  mute: ESTABLISHED,
  unmute: ESTABLISHED,
  transfer: ESTABLISHED,
  attendedTransfer: ESTABLISHED,
  acceptTransfer: ESTABLISHED,
  rejectTransfer: ESTABLISHED,
  // Early media (183) may already carry an IVR that wants digits.
  dtmf: ['waitForAnswer', 'active', 'up', 'held'],
  play: ESTABLISHED,
  stopPlay: NOT_DOWN,
  record: ESTABLISHED,
  stopRecord: NOT_DOWN,
  conference: CONNECTED,
};

/**
 * The call for `callId`, or when none is named: the only call, else the newest one; for answer
 * and reject the newest ringing call, since that is the one a flow means.
 */
export function selectCall<C extends SelectableCall>(
  calls: ReadonlyMap<string, C>,
  command: CommandName,
  callId: string | undefined,
): C {
  if (callId !== undefined) {
    const c = calls.get(callId);
    if (c === undefined || c.state === 'down') {
      throw new CommandError('noSuchCall', { command, callId }, `${command}: there is no call "${callId}"`);
    }
    return c;
  }
  const live = [...calls.values()].filter((c) => c.state !== 'down');
  if (live.length === 0) throw new CommandError('noCall', { command }, `${command}: there is no call`);
  if (command === 'answer' || command === 'reject') {
    const ringing = live.filter((c) => c.state === 'ringing');
    if (ringing.length > 0) return ringing[ringing.length - 1];
  }
  // A Map iterates in insertion order, so the last live call is the newest.
  return live[live.length - 1];
}

/** Throws unless `call` is in a state where `command` means something. */
export function checkState(call: SelectableCall, command: CommandName): void {
  const allowed = ALLOWED_STATES[command];
  if (allowed !== undefined && !allowed.includes(call.state)) {
    throw new CommandError('badState', { command, callId: call.id, state: call.state, allowed: allowed.join(', ') },
      `${command}: call ${call.id} is ${call.state}; ${command} needs ${allowed.join(' or ')}`);
  }
}

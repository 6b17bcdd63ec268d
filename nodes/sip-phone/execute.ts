/**
 * A parsed command against the account's user agent: pick the call, check its state, resolve
 * files, call the agent. Every refusal is a CommandError the node hands to the Catch node.
 */
import type { AccountRuntime } from './account-runtime';
import { checkState, selectCall } from './call-select';
import { CommandError } from './command-error';
import type { PhoneCommand } from './commands';
import { resolvePlayFile, resolveRecordFile } from './media-path';
import type { Call, DialOptions } from '../core/sip/user-agent';

type PlaySource = Parameters<Call['play']>[0];

export interface ExecuteContext {
  account: AccountRuntime;
  userDir: string | undefined;
}

export async function executeCommand(cmd: PhoneCommand, ctx: ExecuteContext): Promise<void> {
  const ua = await ctx.account.ready();
  const calls = ua.calls;
  const pick = (callId: string | undefined): Call => {
    const call = selectCall(calls, cmd.name, callId);
    checkState(call, cmd.name);
    return call;
  };
  switch (cmd.name) {
    case 'dial': {
      const opts: DialOptions = {};
      if (cmd.from !== undefined) opts.from = cmd.from;
      if (cmd.headers !== undefined) opts.headers = cmd.headers;
      if (cmd.autoHangupAfterMs !== undefined) opts.autoHangupAfterMs = cmd.autoHangupAfterMs;
      const call = ua.dial(cmd.to, opts);
      const payload: Record<string, unknown> = { to: cmd.to };
      if (cmd.from !== undefined) payload.from = cmd.from;
      ctx.account.adopt(call, payload);
      return;
    }
    case 'answer':
      pick(cmd.callId).answer();
      return;
    case 'reject':
      pick(cmd.callId).reject(cmd.code);
      return;
    case 'hangup':
      pick(cmd.callId).hangup();
      return;
    case 'hold':
      await pick(cmd.callId).hold();
      return;
    case 'unhold':
      await pick(cmd.callId).unhold();
      return;
    case 'mute':
      pick(cmd.callId).mute();
      return;
    case 'unmute':
      pick(cmd.callId).unmute();
      return;
    case 'transfer':
      await pick(cmd.callId).transfer(cmd.to);
      return;
    case 'attendedTransfer': {
      const first = pick(cmd.callId);
      const second = selectCall(calls, cmd.name, cmd.targetCallId);
      checkState(second, cmd.name);
      if (first === second) {
        throw new CommandError('sameCall', { command: cmd.name, callId: first.id },
          `${cmd.name}: callId and targetCallId are the same call (${first.id})`);
      }
      await first.attendedTransfer(second);
      return;
    }
    case 'acceptTransfer':
      pick(cmd.callId).acceptTransfer();
      return;
    case 'rejectTransfer':
      pick(cmd.callId).rejectTransfer();
      return;
    case 'dtmf':
      await pick(cmd.callId).sendDtmf(cmd.digits);
      return;
    case 'play': {
      const call = pick(cmd.callId);
      let source: PlaySource;
      if (cmd.source.file !== undefined) {
        source = { file: resolvePlayFile(cmd.source.file, ctx.userDir), loop: cmd.source.loop };
      } else if (cmd.source.buffer !== undefined) {
        source = { buffer: cmd.source.buffer, loop: cmd.source.loop };
      } else {
        source = { tone: cmd.source.tone, loop: cmd.source.loop };
      }
      call.play(source);
      return;
    }
    case 'stopPlay':
      pick(cmd.callId).stopPlay();
      return;
    case 'record': {
      const call = pick(cmd.callId);
      const file = resolveRecordFile(cmd.file, ctx.userDir);
      call.record(file, cmd.maxDurationMs === undefined ? undefined : { maxDurationMs: cmd.maxDurationMs });
      return;
    }
    case 'stopRecord':
      pick(cmd.callId).stopRecord();
      return;
    case 'message':
      await ua.sendMessage(cmd.to, cmd.text, cmd.contentType);
      return;
    case 'forward':
      ua.setForwarding(cmd.forward);
      return;
    case 'dnd':
      ua.setDnd(cmd.on);
      return;
    case 'conference': {
      for (const id of cmd.callIds) checkState(selectCall(calls, cmd.name, id), cmd.name);
      ua.conference(cmd.callIds);
      return;
    }
  }
}

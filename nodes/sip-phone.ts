/**
 * sip-phone: a softphone driven by messages. msg.topic names a command, msg.callId picks the
 * call, msg.payload carries the arguments; every event of the account's user agent leaves as a
 * message of its own. The user agent itself belongs to the sip-account config node.
 */
import type { Node, NodeAPI, NodeDef, NodeMessageInFlow } from 'node-red';
import { systemClock, type TimerHandle } from './core/clock';
import type { SipAccountNode } from './sip-phone/account-node';
import type { PhoneUser } from './sip-phone/account-runtime';
import { CommandError } from './sip-phone/command-error';
import { parseCommand } from './sip-phone/commands';
import { eventToMessage, parseEventFilter, type PhoneEvent } from './sip-phone/events';
import { executeCommand } from './sip-phone/execute';
import type { PhoneStatus } from './sip-phone/status';

interface SipPhoneDef extends NodeDef {
  account: string;
  autoAnswer?: boolean | string;
  autoAnswerDelay?: number | string;
  events?: string;
}

const MAX_AUTO_ANSWER_DELAY_S = 600;

export = function (RED: NodeAPI): void {
  function SipPhone(this: Node, def: SipPhoneDef): void {
    RED.nodes.createNode(this, def);
    const node = this;
    const account = (def.account ? RED.nodes.getNode(def.account) : null) as SipAccountNode | null;
    const wanted = parseEventFilter(def.events);
    const autoAnswer = def.autoAnswer === true || def.autoAnswer === 'true';
    const delayS = Math.min(Math.max(Number(def.autoAnswerDelay) || 0, 0), MAX_AUTO_ANSWER_DELAY_S);
    const autoAnswerTimers = new Map<string, TimerHandle>();
    const userDir = typeof RED.settings.userDir === 'string' ? RED.settings.userDir : undefined;
    const runtime = account?.runtime;

    /** A catalog message, or the English fallback where no catalog is loaded (test helper). */
    const tr = (key: string, params: Record<string, string | number>, fallback: string): string => {
      const s = RED._(key, params);
      return s === key || s === '' ? fallback : s;
    };

    const problem = (): string | undefined => {
      if (account === null) return tr('sip-phone.errors.noAccount', {}, 'no sip-account configured');
      if (runtime === undefined) {
        const error = account.configError ?? '';
        return tr('sip-phone.errors.accountInvalid', { error }, `the sip-account is not valid: ${error}`);
      }
      return undefined;
    };

    const translate = (e: unknown): Error => {
      if (e instanceof CommandError) {
        const err = new Error(tr(`sip-phone.errors.${e.key}`, e.params, e.message));
        (err as Error & { code?: string }).code = e.key;
        return err;
      }
      return e instanceof Error ? e : new Error(String(e));
    };

    const user: PhoneUser = {
      id: node.id,
      onStatus(s: PhoneStatus) {
        const fallback = s.params.calls ? `${s.key} (${s.params.calls})` : s.key;
        node.status({ fill: s.fill, shape: s.shape, text: tr(`sip-phone.status.${s.key}`, s.params, fallback) });
      },
      onPhoneEvent(ev: PhoneEvent) {
        if (ev.call !== undefined) {
          if (ev.topic === 'incoming' && autoAnswer) scheduleAutoAnswer(ev.call.id);
          if (ev.topic === 'ended' || ev.topic === 'answered') clearAutoAnswer(ev.call.id);
        }
        if (wanted.has(ev.topic)) node.send(eventToMessage(ev, account?.accountName));
      },
    };

    function clearAutoAnswer(callId: string): void {
      systemClock.clearTimeout(autoAnswerTimers.get(callId));
      autoAnswerTimers.delete(callId);
    }

    function scheduleAutoAnswer(callId: string): void {
      const answer = (): void => {
        autoAnswerTimers.delete(callId);
        const call = runtime?.userAgent?.calls.get(callId);
        // Another phone on the same account, or the flow, may have answered or rejected already.
        if (call === undefined || call.state !== 'ringing') return;
        try {
          call.answer();
        } catch (e) {
          const error = e instanceof Error ? e.message : String(e);
          node.warn(tr('sip-phone.errors.autoAnswer', { error }, `auto-answer failed: ${error}`));
        }
      };
      // Answer on the next tick even with no delay: the flow sees 'incoming' before 'answered'.
      autoAnswerTimers.set(callId, systemClock.setTimeout(answer, delayS * 1000));
    }

    const initial = problem();
    if (initial !== undefined) {
      node.status({ fill: 'red', shape: 'ring', text: tr('sip-phone.status.noAccount', {}, 'no account') });
      node.error(initial);
    } else if (runtime !== undefined) {
      runtime.register(user);
    }

    node.on('input', (msg: NodeMessageInFlow, _send, done: (err?: Error) => void) => {
      const p = problem();
      if (p !== undefined || runtime === undefined) {
        done(new Error(p));
        return;
      }
      let cmd;
      try {
        cmd = parseCommand({ topic: msg.topic, payload: msg.payload, callId: msg.callId });
      } catch (e) {
        done(translate(e));
        return;
      }
      executeCommand(cmd, { account: runtime, userDir }).then(
        () => done(),
        (e: unknown) => done(translate(e)),
      );
    });

    node.on('close', (_removed: boolean, done: () => void) => {
      for (const id of [...autoAnswerTimers.keys()]) clearAutoAnswer(id);
      if (runtime === undefined) {
        done();
        return;
      }
      runtime.deregister(user).then(
        () => done(),
        () => done(),
      );
    });
  }

  RED.nodes.registerType('sip-phone', SipPhone);
};

import type { Node, NodeAPI, NodeDef, NodeMessage } from 'node-red';
import { systemClock, type TimerHandle } from './core/clock';
import type { WireFormat } from './core/http/webhook/body';
import { buildAnswerFor } from './core/http/webhook/ivr-answer';
import { IvrCalls, type IvrCallState } from './core/http/webhook/ivr-calls';
import { NotAnIvrRequest, parseIvrRequest, type IvrRequest } from './core/http/webhook/ivr-request';
import type { WebhookCall } from './core/http/webhook/handler';
import { IvrAnswerError } from './core/providers/voicenter/ivr-answers';
import { IvrReplyHandle } from './core/http/webhook/ivr-reply-handle';
import { throttledStatus } from './shared/throttled-status';
import { mountWebhook, webhookCredentialTypes, type WebhookCredentials, type WebhookNodeProps } from './shared/webhook-endpoint';

/** A menu as drawn in the editor. */
interface MenuDef {
  id: string;
  rec: string;
  size: number | string;
  loop?: number | string;
  delay?: number | string;
  validation?: boolean | number | string;
  options: Array<{ digits: string; goto?: string }>;
}

interface IvrMenuDef extends NodeDef, WebhookNodeProps {
  menus?: MenuDef[];
  /** ms the PBX waits for an answer; the default answer goes out just before. */
  patience?: number | string;
  /** s a call's state is kept without a request. */
  idle?: number | string;
  language?: string;
  /** What to answer when the flow is silent: repeat the menu, or hang up. */
  fallback?: string;
  hangupRec?: string;
  vosRetCode?: number | string;
  defaultLayer?: string;
}

const TOPICS: Record<IvrRequest['kind'], string> = {
  menu: 'GET_IVR_ACTION',
  hangup: 'HANGUP_CALL',
  layer: 'IVR_LAYER_INPUT',
  'vos-dtmf': 'PushDtmfInfo',
  popup: 'POPUP_LOOKUP',
};

export = function (RED: NodeAPI) {
  function IvrMenu(this: Node<WebhookCredentials>, config: IvrMenuDef) {
    RED.nodes.createNode(this, config);
    const node = this;
    const menus: MenuDef[] = Array.isArray(config.menus) ? config.menus : [];
    const optionPorts: Array<{ menu: string; digits: string; goto?: string }> = [];
    for (const m of menus) for (const o of m.options ?? []) optionPorts.push({ menu: m.id, digits: o.digits, goto: o.goto || undefined });
    const NO_INPUT = optionPorts.length;
    const ENDED = NO_INPUT + 1;
    const LOOKUP = NO_INPUT + 2;
    const patience = Number(config.patience) > 0 ? Number(config.patience) : 3000;
    const calls = new IvrCalls(systemClock, (Number(config.idle) > 0 ? Number(config.idle) : 3600) * 1000);
    const language = config.language === 'en' ? 'en' : 'he';
    let answeredByFlow = 0;
    let defaults = 0;
    let rejected = 0;

    const renderStatus = () =>
      node.status({
        fill: rejected ? 'yellow' : 'green',
        shape: 'dot',
        text: RED._('ivr-menu.status.counts', { calls: calls.size, answered: answeredByFlow, defaults, rejected }),
      });
    const status = throttledStatus(renderStatus);
    const showStatus = () => status.touch();

    const menuById = (id: string | null) => menus.find((m) => m.id === id);

    function menuAnswer(m: MenuDef) {
      return {
        ACTION: 'MENU',
        LANGUAGE: language,
        DATA: {
          REC: m.rec,
          LOOP: Number(m.loop ?? 1),
          DELAY: Number(m.delay ?? 1),
          SIZE: Number(m.size),
          MENU: m.id,
          VALIDATION: m.validation === true || m.validation === 1 || m.validation === '1' || m.validation === 'true' ? 1 : 0,
        },
      };
    }

    function defaultAnswer(req: IvrRequest): unknown {
      switch (req.kind) {
        case 'menu': {
          const m = menuById(req.menu) ?? menus[0];
          if (config.fallback !== 'hangup' && m) return menuAnswer(m);
          return { ACTION: 'HANGUP', LANGUAGE: language, DATA: config.hangupRec ? { HANGUP_REC: config.hangupRec } : {} };
        }
        case 'layer':
          return { ACTION: 'GO_TO_LAYER', LAYER: config.defaultLayer || req.menu || '0', CUSTOM_DATA: {} };
        case 'vos-dtmf':
          return { retCode: Number(config.vosRetCode ?? 0) || 0 };
        case 'popup':
          return { STATUS: 'NOTFOUND' };
        case 'hangup':
          return { STATUS: 0 };
      }
    }

    /** MENU answers may name a configured menu and leave its details to the editor's table. */
    function completeAnswer(req: IvrRequest, answer: unknown): unknown {
      if (req.kind !== 'menu' || typeof answer !== 'object' || answer === null) return answer;
      const a = answer as Record<string, unknown>;
      const action = String(a.ACTION ?? a.action ?? '').toUpperCase();
      const data = (a.DATA ?? a.data) as Record<string, unknown> | undefined;
      const m = action === 'MENU' && data ? menuById(String(data.MENU ?? '')) : undefined;
      if (m) return { ...a, DATA: { ...menuAnswer(m).DATA, ...data } };
      return answer;
    }

    function noteMenu(state: IvrCallState | undefined, answer: Record<string, unknown>) {
      const data = answer.DATA as Record<string, unknown> | undefined;
      if (state && (answer.ACTION === 'MENU' || answer.ACTION === 'SAYDIGITS') && data && typeof data.MENU === 'string') state.history.push(data.MENU);
    }

    function handle(call: WebhookCall) {
      let req: IvrRequest;
      try {
        req = parseIvrRequest(call.parsed, call.path);
      } catch (err) {
        if (!(err instanceof NotAnIvrRequest)) throw err;
        rejected++;
        showStatus();
        call.answer(errorBody(call.parsed.format, 400, err.message), 400);
        return;
      }
      if (req.kind === 'hangup') {
        call.answer({ STATUS: 0 });
        const state = calls.end(req.callId);
        node.send(portMsg(ENDED, { topic: TOPICS.hangup, payload: { ...req.details.cdr as object }, ivr: state ?? null, raw: req.raw }));
        showStatus();
        return;
      }
      const state = req.kind === 'popup' ? undefined : calls.touch(req.callId);
      if (state && req.dtmf) state.digits.push(req.dtmf);

      let timer: TimerHandle | undefined;
      const send = (answer: unknown, data?: unknown, byFlow = true) => {
        const built = buildAnswerFor(req.kind, completeAnswer(req, answer), language);
        if (call.answered) return;
        systemClock.clearTimeout(timer);
        if (state && data && typeof data === 'object' && !Array.isArray(data)) state.data = data as Record<string, unknown>;
        noteMenu(state, built);
        call.answer(built);
        if (byFlow) answeredByFlow++;
        showStatus();
      };
      const handleObj = new IvrReplyHandle(req.kind, req.callId, (a, d) => send(a, d), () => call.answered);

      // Call start: the first menu drawn in the editor answers at once.
      if (req.kind === 'menu' && req.menu === '-1' && menus.length) {
        send(menuAnswer(menus[0]), undefined, false);
        return;
      }

      let port = req.kind === 'popup' ? LOOKUP : NO_INPUT;
      let option: (typeof optionPorts)[number] | undefined;
      if (req.kind !== 'popup') {
        const inMenu = optionPorts.map((o, i) => ({ o, i })).filter((x) => x.o.menu === req.menu);
        const hit = inMenu.find((x) => x.o.digits === req.dtmf) ?? (req.dtmf ? inMenu.find((x) => x.o.digits === '*') : undefined);
        if (hit) {
          port = hit.i;
          option = hit.o;
        }
      }
      if (option?.goto && req.kind === 'menu') {
        const next = menuById(option.goto);
        if (next) send(menuAnswer(next), undefined, false);
      }
      if (!call.answered) {
        timer = systemClock.setTimeout(() => {
          if (call.answered) return;
          defaults++;
          try {
            send(defaultAnswer(req), undefined, false);
          } catch (err) {
            node.warn((err as Error).message);
            call.answer(errorBody(call.parsed.format, 500, 'no answer'), 500);
          }
        }, patience);
      }
      node.send(
        portMsg(port, {
          topic: TOPICS[req.kind],
          payload: {
            provider: req.provider,
            callId: req.callId,
            caller: req.caller,
            callerName: req.callerName,
            did: req.did,
            menu: req.menu,
            previousMenu: req.previousMenu,
            dtmf: req.dtmf,
            option: option?.digits ?? null,
            ...req.details,
          },
          ivr: state ? { callId: state.callId, history: [...state.history], digits: [...state.digits], data: { ...state.data } } : null,
          raw: req.raw,
          res: handleObj,
        }),
      );
      showStatus();
    }

    function portMsg(port: number, msg: Record<string, unknown>): Array<NodeMessage | null> {
      const out: Array<NodeMessage | null> = new Array(LOOKUP + 1).fill(null);
      out[port] = msg as NodeMessage;
      return out;
    }

    const errorBody = (format: WireFormat, _status: number, message: string): unknown => {
      void format;
      // Voicenter §5: STATUS 1 is "Error"; VOS3000 reads retCode (non-zero is a failure).
      return { STATUS: 1, retCode: -1, exception: message };
    };

    let unmount: (() => void) | undefined;
    try {
      unmount = mountWebhook(RED, node, config, node.credentials, {
        errorBody,
        onRejected: () => {
          rejected++;
          showStatus();
        },
        onCall: handle,
      });
      showStatus();
    } catch (err) {
      node.error((err as Error).message);
      node.status({ fill: 'red', shape: 'ring', text: 'ivr-menu.status.error' });
    }

    node.on('close', (_removed: boolean, done: () => void) => {
      unmount?.();
      status.close();
      calls.close();
      done();
    });
  }
  RED.nodes.registerType<Node<WebhookCredentials>, IvrMenuDef, Record<string, never>, WebhookCredentials>('ivr-menu', IvrMenu, { credentials: webhookCredentialTypes });

  interface IvrReplyDef extends NodeDef {
    action?: string;
    fields?: string;
    language?: string;
  }

  /** Answers the request a message came from: a fixed action from the editor, or msg.answer. */
  function IvrReply(this: Node, config: IvrReplyDef) {
    RED.nodes.createNode(this, config);
    const node = this;
    let fields: Record<string, unknown> = {};
    try {
      fields = config.fields ? (JSON.parse(config.fields) as Record<string, unknown>) : {};
    } catch {
      node.error(RED._('ivr-menu.errors.fields'));
    }
    node.on('input', (msg, _send, done) => {
      const m = msg as NodeMessage & { res?: unknown; answer?: unknown; ivr?: { data?: unknown } | null };
      const res = m.res;
      if (!(res instanceof IvrReplyHandle)) {
        done(new Error(RED._('ivr-menu.errors.no-request')));
        return;
      }
      if (res.answered) {
        node.warn(RED._('ivr-menu.errors.answered'));
        done();
        return;
      }
      const override = typeof m.answer === 'object' && m.answer !== null ? (m.answer as Record<string, unknown>) : {};
      let answer: unknown;
      const action = config.action || 'msg';
      if (action === 'msg') answer = m.answer ?? m.payload;
      else if (action === 'VOS' || action === 'POPUP') answer = { ...fields, ...override };
      else if (action === 'GO_TO_LAYER' || action === 'DIAL') answer = { ACTION: action, ...fields, ...override };
      else answer = { ACTION: action, LANGUAGE: config.language || undefined, DATA: { ...fields, ...override } };
      try {
        res.send(answer, m.ivr?.data);
        node.status({ fill: 'green', shape: 'dot', text: action });
        done();
      } catch (err) {
        node.status({ fill: 'red', shape: 'ring', text: err instanceof IvrAnswerError ? 'ivr-menu.status.invalid' : 'ivr-menu.status.error' });
        done(err as Error);
      }
    });
  }
  RED.nodes.registerType('ivr-reply', IvrReply);
};

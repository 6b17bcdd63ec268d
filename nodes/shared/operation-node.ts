/**
 * The body shared by click2call, dialer and pbx-api: msg -> operation table (validate, coerce)
 * -> HTTP client -> decode -> msg.payload = {ok, code, message, data}, msg.raw.
 * Output 1 carries successes; output 2 carries every failure (provider `ok:false`, validation,
 * transport), which also goes to done(err) so a Catch node sees it with the code and text.
 */
import type { Node, NodeAPI, NodeDef, NodeMessage, NodeMessageInFlow } from 'node-red';
import { HttpError } from '../core/http/client';
import { DecodeError } from '../core/http/decode';
import { ProviderError, ValidationError, type ProviderOutcome, type ResultCode, type WireEncoding } from '../core/providers';
import type { IexpbxApi } from '../core/providers/iexpbx/api';
import type { VoicenterApi } from '../core/providers/voicenter/api';
import { positiveInt, type ProviderConfigNode } from './provider-config';

export interface OperationNodeKind {
  type: 'click2call' | 'dialer' | 'pbx-api';
  /** Operations this node offers, per provider (names as in the tables). */
  operations: { voicenter: readonly string[]; iexpbx: readonly string[] };
}

interface FieldValue {
  v?: unknown;
  vt?: string;
}

interface OperationNodeDef extends NodeDef {
  provider?: 'voicenter' | 'iexpbx';
  account?: string;
  server?: string;
  operation?: string;
  fields?: Record<string, FieldValue>;
  encoding?: string;
  retryUnsafe?: boolean;
  bulkSize?: string | number;
  timeout?: string | number;
}

type Send = (msg: NodeMessage | (NodeMessage | null)[]) => void;
type Done = (err?: Error) => void;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

/** A short, stable code for failures that are not the vendor's own. */
export function failureCode(err: unknown): ResultCode {
  if (err instanceof ProviderError) return err.code;
  if (err instanceof ValidationError) return 'VALIDATION';
  if (err instanceof HttpError) {
    if (err.kind === 'http' && err.status !== undefined) return `HTTP_${err.status}`;
    return `HTTP_${err.kind.toUpperCase().replace(/-/g, '_')}`;
  }
  if (err instanceof DecodeError) return 'DECODE';
  return 'ERROR';
}

export function registerOperationNode(RED: NodeAPI, kind: OperationNodeKind): void {
  function OperationNode(this: Node, config: OperationNodeDef) {
    RED.nodes.createNode(this, config);
    const node = this;
    const provider = config.provider === 'iexpbx' ? 'iexpbx' : 'voicenter';
    const allowed = kind.operations[provider];
    const fields = isPlainObject(config.fields) ? (config.fields as Record<string, FieldValue>) : {};
    const encoding = ['GET', 'POST', 'JSON'].includes(config.encoding ?? '') ? (config.encoding as WireEncoding) : undefined;
    const bulkSize = positiveInt(config.bulkSize, undefined);
    const timeoutMs = positiveInt(config.timeout, undefined);
    let inFlight = 0;

    const idle = () => node.status({ fill: 'grey', shape: 'ring', text: `${kind.type}.status.ready` });
    idle();

    function configNode(): ProviderConfigNode<VoicenterApi | IexpbxApi> {
      const id = provider === 'iexpbx' ? config.server : config.account;
      const cfg = id ? (RED.nodes.getNode(id) as ProviderConfigNode<VoicenterApi | IexpbxApi> | null) : null;
      if (!cfg || typeof cfg.api !== 'function') throw new Error(RED._(`${kind.type}.errors.no-config`, { provider }));
      return cfg;
    }

    function resolveOperation(msg: NodeMessageInFlow): string {
      const m = (msg as { operation?: unknown }).operation;
      const wanted = typeof m === 'string' && m.trim() ? m.trim() : config.operation ?? '';
      const hit = allowed.find((o) => o.toLowerCase() === wanted.toLowerCase());
      if (!hit) {
        throw new ValidationError(wanted || '?', [
          { param: 'operation', problem: 'enum', message: RED._(`${kind.type}.errors.bad-operation`, { operation: wanted, allowed: allowed.join(', ') }) },
        ]);
      }
      return hit;
    }

    function gatherInput(msg: NodeMessageInFlow, op: string): Record<string, unknown> {
      const input: Record<string, unknown> = {};
      for (const [name, f] of Object.entries(fields)) {
        if (!isPlainObject(f)) continue;
        const vt = typeof f.vt === 'string' ? f.vt : 'str';
        const v = f.v;
        if (v === undefined || v === null || (vt === 'str' && v === '')) continue;
        let value: unknown;
        try {
          value = RED.util.evaluateNodeProperty(String(v), vt, node, msg);
        } catch (err) {
          throw new ValidationError(op, [{ param: name, problem: 'type', message: `${name}: ${err instanceof Error ? err.message : String(err)}` }]);
        }
        if (value !== undefined) input[name] = value;
      }
      const payload: unknown = msg.payload;
      if (op === 'AddCallsBulk' && Array.isArray(payload)) input['Calls'] = payload;
      else if (isPlainObject(payload)) Object.assign(input, payload);
      return input;
    }

    // Status changes only on transitions: a status per message costs as much as the request
    // itself at dialer rates (bench/dialer.bench.js).
    let shown: 'busy' | 'ok' | 'error' | 'idle' = 'idle';
    function busy(delta: number) {
      inFlight += delta;
      if (inFlight > 0 && shown !== 'busy') {
        shown = 'busy';
        node.status({ fill: 'blue', shape: 'dot', text: `${kind.type}.status.requesting` });
      }
    }

    async function handle(msg: NodeMessageInFlow, send: Send, done: Done): Promise<void> {
      let op = config.operation ?? '';
      let counted = false;
      try {
        op = resolveOperation(msg);
        const cfg = configNode();
        const input = gatherInput(msg, op);
        busy(1);
        counted = true;
        const api = cfg.api();
        const options = {
          ...(encoding ? { encoding } : {}),
          retryUnsafe: config.retryUnsafe === true,
          ...(bulkSize ? { bulkSize } : {}),
          ...(timeoutMs ? { timeoutMs } : {}),
        };
        const outcome: ProviderOutcome = await api.run(op, input, options);
        busy(-1);
        counted = false;
        // msg.operation is left as it came: written here, it would make the next provider node in
        // a chain run this operation instead of its own.
        const out = msg as NodeMessage & { raw?: unknown };
        out.payload = outcome.result;
        out.raw = outcome.raw;
        if (outcome.result.ok) {
          if (inFlight === 0 && shown !== 'ok') {
            shown = 'ok';
            const data = outcome.result.data as { callId?: unknown } | null;
            const label = data && typeof data === 'object' && typeof data.callId === 'string' && data.callId ? data.callId : op;
            node.status({ fill: 'green', shape: 'dot', text: label });
          }
          send([out, null]);
          done();
        } else {
          shown = 'error';
          node.status({ fill: 'red', shape: 'ring', text: `${op}: ${String(outcome.result.code)}` });
          send([null, out]);
          done(new ProviderError(provider, op, outcome.result));
        }
      } catch (e) {
        if (counted) busy(-1);
        const err = e instanceof Error ? e : new Error(String(e));
        const code = failureCode(err);
        const out = msg as NodeMessage & { raw?: unknown };
        out.payload = { ok: false, code, message: err.message, data: null };
        out.raw = err instanceof HttpError ? err.body : err instanceof DecodeError ? err.body : undefined;
        shown = 'error';
        node.status({ fill: 'red', shape: 'ring', text: `${op}: ${String(code)}` });
        send([null, out]);
        done(err);
      }
    }

    node.on('input', (msg: NodeMessageInFlow, send: Send, done: Done) => {
      // The handler catches its own errors; this catch only guards against a bug in it.
      handle(msg, send, done).catch((err: unknown) => done(err instanceof Error ? err : new Error(String(err))));
    });
    node.on('close', (_removed: boolean, done: () => void) => {
      node.status({});
      done();
    });
  }
  RED.nodes.registerType(kind.type, OperationNode);
}

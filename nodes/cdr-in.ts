import * as path from 'node:path';
import type { Node, NodeAPI, NodeDef, NodeMessage } from 'node-red';
import { systemClock } from './core/clock';
import type { WireFormat } from './core/http/webhook/body';
import { dispatchCdr, type ProviderChoice } from './core/http/webhook/cdr-dispatch';
import { DedupeWindow } from './core/http/webhook/dedupe';
import { Spool, type SpoolRecord } from './core/http/webhook/spool';
import { UnknownRequestError } from './core/providers/cdr-inbound';
import { throttledStatus } from './shared/throttled-status';
import { mountWebhook, webhookCredentialTypes, type WebhookCredentials, type WebhookNodeProps } from './shared/webhook-endpoint';

interface CdrInDef extends NodeDef, WebhookNodeProps {
  provider?: string;
  /** Duplicate window in seconds; 0 disables. */
  dedupe?: string | number;
  durable?: boolean;
  spoolDir?: string;
}

interface CdrInNode extends Node<WebhookCredentials> {}

/** The message property that ties a sent record to its spool entry. */
const SPOOL_PROP = '_cdrSpool';

interface CompleteEvent {
  msg?: Record<string, unknown>;
  error?: unknown;
}
interface HooksLike {
  add(name: string, fn: (ev: CompleteEvent) => void): void;
  remove(name: string): void;
}

export = function (RED: NodeAPI) {
  function CdrIn(this: CdrInNode, config: CdrInDef) {
    RED.nodes.createNode(this, config);
    const node = this;
    const provider: ProviderChoice = (['voicenter', 'iexpbx', 'vos3000'] as const).find((p) => p === config.provider) ?? 'auto';
    const windowS = Number(config.dedupe ?? 600);
    const dedupe = new DedupeWindow(systemClock, Number.isFinite(windowS) ? windowS * 1000 : 600_000);
    let received = 0;
    let rejected = 0;
    let spool: Spool | undefined;
    const hooks = (RED as unknown as { hooks?: HooksLike }).hooks;
    const hookName = `onComplete.cdrin${node.id.replace(/[^A-Za-z0-9]/g, '')}`;

    const renderStatus = () => {
      const text = RED._('cdr-in.status.counts', { received, rejected, pending: spool?.pendingCount ?? 0 });
      node.status({ fill: rejected ? 'yellow' : 'green', shape: rejected ? 'ring' : 'dot', text });
    };
    const status = throttledStatus(renderStatus);
    const showStatus = () => status.touch();

    function emit(rec: Omit<SpoolRecord, 'receivedAt'>) {
      const msg: NodeMessage & Record<string, unknown> = { topic: rec.topic, payload: rec.payload, raw: rec.raw };
      if (spool) msg[SPOOL_PROP] = rec.id;
      node.send(msg);
    }

    if (config.durable) {
      const dir = config.spoolDir || path.join(String((RED.settings as unknown as { userDir?: string }).userDir ?? '.'), 'cdr-in');
      spool = new Spool(path.join(dir, `${node.id.replace(/[^A-Za-z0-9_-]/g, '_')}.spool`));
      let pending: SpoolRecord[] = [];
      try {
        pending = spool.open();
      } catch (err) {
        node.error(RED._('cdr-in.errors.spool', { error: (err as Error).message }));
        spool = undefined;
      }
      // A record is taken when a node it reached calls done() without an error.
      hooks?.add(hookName, (ev) => {
        const id = ev.msg?.[SPOOL_PROP];
        if (typeof id === 'string' && !ev.error && spool?.isPending(id)) {
          spool.ack(id);
          showStatus();
        }
      });
      if (pending.length) {
        // Resend once the flows are running, so the nodes downstream exist.
        let resent = false;
        const resend = () => {
          if (resent) return;
          resent = true;
          node.log(RED._('cdr-in.log.resending', { count: pending.length }));
          for (const rec of pending) {
            dedupe.isDuplicate(rec.key);
            emit(rec);
          }
          showStatus();
        };
        RED.events.once('flows:started', resend);
        const t = setTimeout(resend, 1000);
        t.unref();
        node.on('close', () => {
          clearTimeout(t);
          RED.events.removeListener('flows:started', resend);
        });
      }
    }

    const errorBody = (format: WireFormat, status: number, message: string): unknown => {
      if (provider === 'vos3000') return { retCode: -1, exception: message };
      if (provider === 'iexpbx') return { success: false, error: message };
      // Voicenter §4 response: 1 parse error, 2 application error.
      return { err: status >= 500 ? 2 : 1, errdesc: message };
    };

    let unmount: (() => void) | undefined;
    try {
      unmount = mountWebhook(RED, node, config, node.credentials, {
        errorBody,
        onRejected: () => {
          rejected++;
          showStatus();
        },
        onCall: (call) => {
          let result;
          try {
            result = dispatchCdr(provider, call.parsed, call.path);
          } catch (err) {
            if (err instanceof UnknownRequestError) {
              rejected++;
              showStatus();
              call.answer(errorBody(call.parsed.format, 400, err.message), 400);
              return;
            }
            throw err;
          }
          const fresh: Array<Omit<SpoolRecord, 'receivedAt'>> = [];
          for (const r of result.records) {
            if (dedupe.isDuplicate(r.key)) continue;
            fresh.push({ id: spool ? spool.newId() : '', ...r });
          }
          if (spool) {
            try {
              for (const r of fresh) spool.append({ ...r, receivedAt: Date.now() });
            } catch (err) {
              // Not on disk: refuse, so the PBX retries later rather than believing it delivered.
              for (const r of fresh) dedupe.forget(r.key);
              node.error(RED._('cdr-in.errors.spool', { error: (err as Error).message }));
              call.answer(errorBody(call.parsed.format, 500, 'cannot store record'), 500);
              return;
            }
          }
          call.answer(result.ack);
          received += fresh.length;
          for (const r of fresh) emit(r);
          showStatus();
        },
      });
    } catch (err) {
      node.error((err as Error).message);
      node.status({ fill: 'red', shape: 'ring', text: 'cdr-in.status.error' });
    }

    node.on('close', (_removed: boolean, done: () => void) => {
      unmount?.();
      status.close();
      if (spool) hooks?.remove(hookName);
      spool?.close();
      done();
    });
  }

  RED.nodes.registerType<CdrInNode, CdrInDef, Record<string, never>, WebhookCredentials>('cdr-in', CdrIn, { credentials: webhookCredentialTypes });
};

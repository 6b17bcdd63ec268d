import * as path from 'node:path';
import type { Node, NodeAPI, NodeDef, NodeMessage } from 'node-red';
import { systemClock } from './core/clock';
import type { WireFormat } from './core/http/webhook/body';
import { dispatchCdr, type ProviderChoice } from './core/http/webhook/cdr-dispatch';
import { DedupeWindow } from './core/http/webhook/dedupe';
import { Spool, type SpoolRecord } from './core/http/webhook/spool';
import * as fs from 'node:fs';
import { UnknownRequestError, type InboundRecord } from './core/providers/cdr-inbound';
import { CdrPoller, type CdrSource, type CursorStore, type PollCursor } from './core/http/webhook/cdr-poller';
import { fetchIexpbxCdr, fetchVoicenterCallLog, type IexpbxApi, type VoicenterApi } from './core/providers';
import { CALLLOG_FIELDS } from './core/providers/voicenter/calllog';
import { normaliseVoicenterCallLog } from './core/providers/voicenter/cdr';
import { normaliseIexpbxCdr } from './core/providers/iexpbx/cdr';
import type { ProviderConfigNode } from './shared/provider-config';
import type { VosServerNode } from './shared/vos-server';
import { formatVosDate } from './core/providers/vos3000/dates';
import { normaliseVosCdr } from './core/providers/vos3000/cdr';
import { nodeLogger } from './shared/node-logger';
import { throttledStatus } from './shared/throttled-status';
import { mountWebhook, webhookCredentialTypes, type WebhookCredentials, type WebhookNodeProps } from './shared/webhook-endpoint';

interface CdrInDef extends NodeDef, WebhookNodeProps {
  provider?: string;
  /** Duplicate window in seconds; 0 disables. */
  dedupe?: string | number;
  durable?: boolean;
  spoolDir?: string;
  /** Poll mode: none, voicenter (call log §3) or iexpbx (action=cdr). */
  poll?: string;
  voicenterAccount?: string;
  iexpbxServer?: string;
  vosServer?: string;
  /** VOS3000 GetCdr `accounts` (required there): comma-separated account numbers. */
  vosAccounts?: string;
  /** Seconds between polls, overlap kept, first look-back. */
  pollEvery?: string | number;
  pollOverlap?: string | number;
  pollLookback?: string | number;
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

/** No URL and a poll source: the node only polls. */
class PollOnly extends Error {}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
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

    /**
     * Dedupes and (durable mode) spools records; returns those to send, or undefined if the
     * spool failed (then nothing is acknowledged, so the PBX retries).
     */
    function accept(records: InboundRecord[]): Array<Omit<SpoolRecord, 'receivedAt'>> | undefined {
      const fresh: Array<Omit<SpoolRecord, 'receivedAt'>> = [];
      for (const r of records) {
        if (dedupe.isDuplicate(r.key)) continue;
        fresh.push({ id: spool ? spool.newId() : '', ...r });
      }
      if (spool) {
        try {
          for (const r of fresh) spool.append({ ...r, receivedAt: Date.now() });
        } catch (err) {
          for (const r of fresh) dedupe.forget(r.key);
          node.error(RED._('cdr-in.errors.spool', { error: (err as Error).message }));
          return undefined;
        }
      }
      received += fresh.length;
      showStatus();
      return fresh;
    }

    let poller: CdrPoller | undefined;
    const pollSource = pollSourceFor(config);
    if (pollSource) {
      const dir = config.spoolDir || path.join(String((RED.settings as unknown as { userDir?: string }).userDir ?? '.'), 'cdr-in');
      const cursorFile = path.join(dir, `${node.id.replace(/[^A-Za-z0-9_-]/g, '_')}.cursor.json`);
      const store: CursorStore = {
        load: () => {
          try {
            return JSON.parse(fs.readFileSync(cursorFile, 'utf8')) as PollCursor;
          } catch {
            return undefined;
          }
        },
        save: (c) => {
          fs.mkdirSync(dir, { recursive: true });
          fs.writeFileSync(cursorFile + '.tmp', JSON.stringify(c));
          fs.renameSync(cursorFile + '.tmp', cursorFile);
        },
      };
      const seconds = (v: unknown, d: number) => (Number(v) > 0 ? Number(v) : d) * 1000;
      poller = new CdrPoller(
        pollSource,
        systemClock,
        store,
        { everyMs: seconds(config.pollEvery, 300), overlapMs: seconds(config.pollOverlap, 3600), firstLookbackMs: seconds(config.pollLookback, 86400) },
        (records) => {
          const fresh = accept(records.map((r) => ({ topic: 'cdr', payload: r.payload, raw: r.raw, key: r.id })));
          for (const r of fresh ?? []) emit(r);
        },
        nodeLogger(node),
        (err) => {
          node.status({ fill: 'red', shape: 'ring', text: (err as Error).message });
          node.error(RED._('cdr-in.errors.poll', { error: (err as Error).message }));
        },
      );
      poller.start();
    }

    function pollSourceFor(c: CdrInDef): CdrSource | undefined {
      if (c.poll === 'voicenter' && c.voicenterAccount) {
        const account = RED.nodes.getNode(c.voicenterAccount) as ProviderConfigNode<VoicenterApi> | null;
        if (!account) return undefined;
        return async (from, to) => {
          const out = await fetchVoicenterCallLog(account.api(), { fromdate: from, todate: to, fields: [...CALLLOG_FIELDS] });
          if (!out.result.ok) throw new Error(`${out.result.code}: ${out.result.message}`);
          return out.result.data.filter(isRecord).map((row) => {
            const cdr = normaliseVoicenterCallLog(row);
            // The same key as a pushed notification of the call, so push + poll do not double.
            return { id: `voicenter:cdr:${cdr.callId}:${cdr.type}`, start: cdr.start, payload: cdr, raw: row };
          });
        };
      }
      if (c.poll === 'iexpbx' && c.iexpbxServer) {
        const server = RED.nodes.getNode(c.iexpbxServer) as ProviderConfigNode<IexpbxApi> | null;
        if (!server) return undefined;
        return async (from, to) => {
          const out = await fetchIexpbxCdr(server.api(), { date1: from, date2: to, uf: true });
          if (!out.result.ok) throw new Error(`${out.result.code}: ${out.result.message}`);
          return (out.result.data as unknown[]).filter(isRecord).map((row) => {
            const cdr = normaliseIexpbxCdr(row);
            const time = typeof row.time === 'string' ? row.time : undefined;
            if (time) cdr.start = time;
            return { id: `iexpbx:cdr:${cdr.callId}`, start: cdr.start, payload: cdr, raw: row };
          });
        };
      }
      if (c.poll === 'vos3000' && c.vosServer) {
        const server = RED.nodes.getNode(c.vosServer) as VosServerNode | null;
        const accounts = String(c.vosAccounts ?? '').split(/[\s,|;]+/).filter(Boolean);
        if (!server || accounts.length === 0) return undefined;
        return async (from, to) => {
          if (!server.vos) throw new Error(server.configError ?? 'vos-server is not configured');
          // §2.46: whole days (yyyyMMdd) in the server's time zone; the poller's ids drop repeats.
          const answer = await server.vos.call('GetCdr', {
            accounts,
            beginTime: formatVosDate(from, 'yyyyMMdd', server.timeZone),
            endTime: formatVosDate(to, 'yyyyMMdd', server.timeZone),
          });
          const list = Array.isArray(answer.infoCdrs) ? answer.infoCdrs : [];
          return list.filter(isRecord).map((row) => {
            const cdr = normaliseVosCdr(row);
            return { id: `vos:cdr:${cdr.callId}`, start: cdr.start, payload: cdr, raw: row };
          });
        };
      }
      return undefined;
    }

    let unmount: (() => void) | undefined;
    try {
      if (!config.url && poller) throw new PollOnly();
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
          const fresh = accept(result.records);
          if (fresh === undefined) {
            call.answer(errorBody(call.parsed.format, 500, 'cannot store record'), 500);
            return;
          }
          call.answer(result.ack);
          for (const r of fresh) emit(r);
        },
      });
    } catch (err) {
      if (!(err instanceof PollOnly)) {
        node.error((err as Error).message);
        node.status({ fill: 'red', shape: 'ring', text: 'cdr-in.status.error' });
      }
    }

    node.on('close', (_removed: boolean, done: () => void) => {
      unmount?.();
      poller?.stop();
      status.close();
      if (spool) hooks?.remove(hookName);
      spool?.close();
      done();
    });
  }

  RED.nodes.registerType<CdrInNode, CdrInDef, Record<string, never>, WebhookCredentials>('cdr-in', CdrIn, { credentials: webhookCredentialTypes });
};

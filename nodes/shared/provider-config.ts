import type { Node, NodeAPI } from 'node-red';
import { HttpClient } from '../core/http/client';
import { describeOperations, type OperationSpec } from '../core/providers/operation';
import { nodeLogger } from './node-logger';

/** What a provider config node offers to the operation nodes. */
export interface ProviderConfigNode<Api> extends Node {
  provider: 'voicenter' | 'iexpbx';
  /** The API object; throws when credentials are missing. */
  api(): Api;
}

/** One HttpClient per base URL, created on first use, all closed together. */
export class ClientSet {
  private readonly clients = new Map<string, HttpClient>();
  constructor(
    private readonly node: Node,
    private readonly options: { responseTimeoutMs?: number; maxConcurrent?: number; retryAttempts?: number; retryDelayMs?: number },
  ) {}

  get(baseUrl: string): HttpClient {
    let c = this.clients.get(baseUrl);
    if (!c) {
      c = new HttpClient({
        baseUrl,
        logger: nodeLogger(this.node),
        ...(this.options.responseTimeoutMs ? { responseTimeoutMs: this.options.responseTimeoutMs } : {}),
        ...(this.options.maxConcurrent ? { maxConcurrent: this.options.maxConcurrent } : {}),
        ...(this.options.retryAttempts || this.options.retryDelayMs
          ? {
              retry: {
                attempts: this.options.retryAttempts ?? 3,
                baseDelayMs: this.options.retryDelayMs ?? 250,
                maxDelayMs: Math.max(5000, this.options.retryDelayMs ?? 0),
              },
            }
          : {}),
      });
      this.clients.set(baseUrl, c);
    }
    return c;
  }

  async close(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    await Promise.allSettled(all.map((c) => c.close()));
  }
}

export function positiveInt(v: unknown, fallback: number | undefined): number | undefined {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

/** The editor draws an operation's fields from its table: serve the tables (no secrets in them). */
export function serveOperationTables(RED: NodeAPI, provider: string, ops: readonly OperationSpec[]): void {
  const auth = (RED as unknown as { auth?: { needsPermission?: (p: string) => unknown } }).auth;
  const perm = auth?.needsPermission ? auth.needsPermission('flows.read') : undefined;
  const handler = (_req: unknown, res: { json(body: unknown): void }) => res.json(describeOperations(ops));
  const route = `/telephony/operations/${provider}`;
  const app = RED.httpAdmin as unknown as { get(path: string, ...h: unknown[]): void };
  if (perm) app.get(route, perm, handler);
  else app.get(route, handler);
}

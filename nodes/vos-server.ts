/**
 * `vos-server`: one VOS3000 web interface (`http[s]://host[:port]/external/server/`). It owns the
 * HTTP client that every `vos-api` node using it shares, and closes it on redeploy. VOS3000
 * authorises callers by source IP (external.xml, §1), so there are no credentials of its own;
 * `username`/`password` are only for a proxy with basic auth in front of it.
 */
import type { NodeAPI } from 'node-red';
import { HttpClient } from './core/http/client';
import { VosClient } from './core/providers/vos3000/client';
import { nodeLogger } from './shared/node-logger';
import { parseHeaders, type VosServerCredentials, type VosServerDef, type VosServerNode } from './shared/vos-server';

export = function (RED: NodeAPI) {
  function VosServer(this: VosServerNode, config: VosServerDef) {
    RED.nodes.createNode(this, config);
    const node = this;
    const seconds = Number(config.timeout);
    node.timeoutMs = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 30000;
    node.timeZone = config.timeZone === 'utc' ? 'utc' : 'local';
    let http: HttpClient | undefined;
    try {
      const url = new URL(String(config.url || '').trim());
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(RED._('vos-server.errors.scheme'));
      const headers = parseHeaders(config.headers);
      const user = node.credentials?.username;
      if (user) {
        const token = Buffer.from(`${user}:${node.credentials?.password ?? ''}`, 'utf8').toString('base64');
        headers.authorization = `Basic ${token}`;
      }
      http = new HttpClient({
        baseUrl: url.href,
        connectTimeoutMs: Math.min(node.timeoutMs, 10000),
        responseTimeoutMs: node.timeoutMs,
        maxConcurrent: 4,
        headers,
        logger: nodeLogger(node),
      });
      node.vos = new VosClient(http);
    } catch (err) {
      node.configError = RED._('vos-server.errors.config', { error: err instanceof Error ? err.message : String(err) });
      node.error(node.configError);
    }
    node.on('close', (_removed: boolean, done: () => void) => {
      const h = http;
      http = undefined;
      node.vos = undefined;
      if (!h) return done();
      h.close().then(done, done);
    });
  }
  RED.nodes.registerType<VosServerNode, VosServerDef, object, VosServerCredentials>('vos-server', VosServer, {
    credentials: { username: { type: 'text' }, password: { type: 'password' } },
  });
};

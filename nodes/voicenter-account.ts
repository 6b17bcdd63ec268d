import type { Node, NodeAPI, NodeDef } from 'node-red';
import { VOICENTER_DEFAULT_URLS, VoicenterApi, voicenterOperations, type VoicenterHost } from './core/providers';
import { ClientSet, positiveInt, serveOperationTables, type ProviderConfigNode } from './shared/provider-config';

interface VoicenterAccountDef extends NodeDef {
  apiUrl?: string;
  monitorUrl?: string;
  cdrUrl?: string;
  loginUrl?: string;
  timeout?: string | number;
  maxConcurrent?: string | number;
  retryAttempts?: string | number;
  retryDelay?: string | number;
}

interface VoicenterCredentials {
  code?: string;
}

export = function (RED: NodeAPI) {
  function VoicenterAccount(this: Node, config: VoicenterAccountDef) {
    RED.nodes.createNode(this, config);
    const node = this as ProviderConfigNode<VoicenterApi>;
    const creds = (): VoicenterCredentials => (this.credentials ?? {}) as VoicenterCredentials;
    const urls: Record<VoicenterHost, string> = {
      api: config.apiUrl?.trim() || VOICENTER_DEFAULT_URLS.api,
      monitor: config.monitorUrl?.trim() || VOICENTER_DEFAULT_URLS.monitor,
      cdr: config.cdrUrl?.trim() || VOICENTER_DEFAULT_URLS.cdr,
      login: config.loginUrl?.trim() || VOICENTER_DEFAULT_URLS.login,
    };
    const clients = new ClientSet(this, {
      responseTimeoutMs: positiveInt(config.timeout, undefined),
      maxConcurrent: positiveInt(config.maxConcurrent, undefined),
      retryAttempts: positiveInt(config.retryAttempts, undefined),
      retryDelayMs: positiveInt(config.retryDelay, undefined),
    });
    let api: VoicenterApi | undefined;
    node.provider = 'voicenter';
    node.api = () => {
      const code = creds().code;
      if (!code) throw new Error(RED._('voicenter-account.errors.no-code'));
      api ??= new VoicenterApi(code, (host) => clients.get(urls[host]));
      return api;
    };
    this.on('close', (_removed: boolean, done: () => void) => {
      clients.close().then(done, done);
    });
  }
  RED.nodes.registerType('voicenter-account', VoicenterAccount, {
    credentials: { code: { type: 'password' } },
  });
  serveOperationTables(RED, 'voicenter', voicenterOperations);
};

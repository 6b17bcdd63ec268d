import type { Node, NodeAPI, NodeDef } from 'node-red';
import { IexpbxApi, iexpbxOperations } from './core/providers';
import { ClientSet, positiveInt, serveOperationTables, type ProviderConfigNode } from './shared/provider-config';

interface IexpbxServerDef extends NodeDef {
  url?: string;
  timeout?: string | number;
  maxConcurrent?: string | number;
  retryAttempts?: string | number;
  retryDelay?: string | number;
}

interface IexpbxCredentials {
  username?: string;
  password?: string;
}

export = function (RED: NodeAPI) {
  function IexpbxServer(this: Node, config: IexpbxServerDef) {
    RED.nodes.createNode(this, config);
    const node = this as ProviderConfigNode<IexpbxApi>;
    const creds = (): IexpbxCredentials => (this.credentials ?? {}) as IexpbxCredentials;
    const url = (config.url ?? '').trim();
    const clients = new ClientSet(this, {
      responseTimeoutMs: positiveInt(config.timeout, undefined),
      maxConcurrent: positiveInt(config.maxConcurrent, undefined),
      retryAttempts: positiveInt(config.retryAttempts, undefined),
      retryDelayMs: positiveInt(config.retryDelay, undefined),
    });
    let api: IexpbxApi | undefined;
    node.provider = 'iexpbx';
    node.api = () => {
      if (!url) throw new Error(RED._('iexpbx-server.errors.no-url'));
      const { username, password } = creds();
      if (!username || !password) throw new Error(RED._('iexpbx-server.errors.no-credentials'));
      api ??= new IexpbxApi(username, password, clients.get(url));
      return api;
    };
    this.on('close', (_removed: boolean, done: () => void) => {
      clients.close().then(done, done);
    });
  }
  RED.nodes.registerType('iexpbx-server', IexpbxServer, {
    credentials: { username: { type: 'text' }, password: { type: 'password' } },
  });
  serveOperationTables(RED, 'iexpbx', iexpbxOperations);
};

/**
 * `vos-api`: runs one VOS3000 web-interface operation per message. The operation comes from
 * the editor or from msg.topic; parameters are the editor's fixed JSON with msg.payload merged
 * over it; they are checked against the operation table before anything is sent. A retCode of
 * 0 puts the decoded answer in msg.payload (output 1); any other retCode goes to output 2 and
 * to Catch nodes with its code and exception text.
 */
import type { NodeAPI, Node, NodeDef, NodeMessageInFlow } from 'node-red';
import { VOS_GROUPS, VOS_OPERATIONS } from './core/providers/vos3000/index';
import { VosClient } from './core/providers/vos3000/client';
import { VosRetCodeError, VosValidationError, VosProtocolError } from './core/providers/vos3000/errors';
import { HttpError } from './core/http/client';
import type { VosServerNode } from './shared/vos-server';

interface VosApiDef extends NodeDef {
  server: string;
  operation: string;
  params: string;
}

type Send = (msg: Array<NodeMessageInFlow | null>) => void;
type Done = (err?: Error) => void;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v) && !(v instanceof Date);
}

export = function (RED: NodeAPI) {
  function VosApi(this: Node, config: VosApiDef) {
    RED.nodes.createNode(this, config);
    const node = this;
    const server = RED.nodes.getNode(config.server) as VosServerNode | null;
    let fixed: Record<string, unknown> = {};
    let fixedError: string | undefined;
    try {
      const parsed: unknown = config.params && config.params.trim() ? JSON.parse(config.params) : {};
      if (!isPlainObject(parsed)) throw new Error(RED._('vos-api.errors.paramsObject'));
      fixed = parsed;
    } catch (err) {
      fixedError = RED._('vos-api.errors.params', { error: err instanceof Error ? err.message : String(err) });
    }
    let inFlight = 0;
    let closing = false;

    if (!server) node.status({ fill: 'red', shape: 'ring', text: RED._('vos-api.status.noServer') });
    else if (server.configError || fixedError) node.status({ fill: 'red', shape: 'ring', text: RED._('vos-api.status.config') });
    else node.status({});

    node.on('input', (msg: NodeMessageInFlow, send: Send, done: Done) => {
      const fail = (text: string, err: Error) => {
        node.status({ fill: 'red', shape: 'ring', text: RED._(text) });
        done(err);
      };
      if (!server || !server.vos) {
        fail('vos-api.status.noServer', new Error(server?.configError ?? RED._('vos-api.errors.noServer')));
        return;
      }
      if (fixedError) {
        fail('vos-api.status.config', new Error(fixedError));
        return;
      }
      const name = config.operation || (typeof msg.topic === 'string' ? msg.topic : '');
      let op;
      try {
        op = VosClient.operation(name);
      } catch (err) {
        fail('vos-api.status.invalid', err as Error);
        return;
      }
      const payload: unknown = msg.payload;
      if (payload !== undefined && payload !== null && payload !== '' && !isPlainObject(payload)) {
        fail('vos-api.status.invalid', new Error(RED._('vos-api.errors.payload', { operation: op.name })));
        return;
      }
      const params = { ...fixed, ...(isPlainObject(payload) ? payload : {}) };
      inFlight++;
      node.status({ fill: 'blue', shape: 'dot', text: op.name });
      const vos = server.vos;
      vos
        .call(op, params, { timeZone: server.timeZone })
        .then(
          (result) => {
            if (closing) return done();
            const out = msg as NodeMessageInFlow & { operation?: string };
            out.payload = result;
            out.operation = op.name;
            node.status({ fill: 'green', shape: 'dot', text: op.name });
            send([out, null]);
            done();
          },
          (err: unknown) => {
            if (closing) return done();
            const e = err instanceof Error ? err : new Error(String(err));
            if (err instanceof VosRetCodeError) {
              const out = msg as NodeMessageInFlow & { operation?: string; retCode?: number; exception?: string };
              out.payload = { ...err.response };
              out.operation = op.name;
              out.retCode = err.retCode;
              out.exception = err.exception;
              node.status({ fill: 'red', shape: 'dot', text: RED._('vos-api.status.retCode', { code: err.retCode }) });
              send([null, out]);
              done(e);
              return;
            }
            if (err instanceof VosValidationError) return fail('vos-api.status.invalid', e);
            if (err instanceof HttpError) {
              return fail(err.kind === 'timeout' ? 'vos-api.status.timeout' : 'vos-api.status.http', e);
            }
            if (err instanceof VosProtocolError) return fail('vos-api.status.protocol', e);
            fail('vos-api.status.http', e);
          },
        )
        .catch((err: unknown) => node.error(err))
        .finally(() => {
          inFlight--;
        });
    });

    node.on('close', (_removed: boolean, done: () => void) => {
      closing = true;
      if (inFlight > 0) node.debug(`closing with ${inFlight} VOS3000 requests in flight`);
      node.status({});
      done();
    });
  }
  RED.nodes.registerType('vos-api', VosApi);

  // The editor's operation list, built from the table so it never disagrees with the runtime.
  RED.httpAdmin.get('/vos-api/operations', RED.auth.needsPermission('vos-api.read'), (_req, res) => {
    res.json({
      groups: VOS_GROUPS.map((g) => ({
        id: g.id,
        label: g.label,
        operations: VOS_OPERATIONS.filter((o) => o.group === g.id).map((o) => ({
          name: o.name,
          section: o.section,
          title: o.title,
          required: o.request.filter((f) => f.required).map((f) => f.name),
          optional: o.request.filter((f) => !f.required).map((f) => f.name),
          atLeastOne: o.atLeastOne ?? [],
        })),
      })),
    });
  });
};

/**
 * sip-account: the config node that owns one SIP user agent (its sockets, RTP ports and
 * registration) for every sip-phone that names it. Phones register with it; the first one
 * starts the agent, the last one out stops it, and a redeploy stops it for good: BYE to calls,
 * un-REGISTER, sockets and ports freed (see nodes/sip-phone/account-runtime.ts).
 */
import * as fs from 'node:fs';
import type { NodeAPI, NodeDef } from 'node-red';
import { systemClock } from './core/clock';
import { nodeLogger } from './shared/node-logger';
import { accountOptions, type AccountCredentials, type AccountProps } from './sip-phone/account-config';
import type { SipAccountNode } from './sip-phone/account-node';
import { AccountRuntime } from './sip-phone/account-runtime';
import { CommandError } from './sip-phone/command-error';
import { UserAgent, type UserAgentOptions } from './core/sip/user-agent';

interface SipAccountDef extends NodeDef, AccountProps {}

const STOP_TIMEOUT_MS = 5000;

export = function (RED: NodeAPI): void {
  function SipAccount(this: SipAccountNode, def: SipAccountDef): void {
    RED.nodes.createNode(this, def);
    const node = this;
    node.runtime = undefined;
    node.configError = undefined;
    node.accountName = def.name || (typeof def.username === 'string' ? def.username : '');
    const logger = nodeLogger(node);
    let opts: UserAgentOptions | undefined;
    try {
      opts = accountOptions(def, node.credentials ?? {});
      if (opts.tls !== undefined) opts.tls = readTlsFiles(opts.tls);
    } catch (e) {
      node.configError = e instanceof CommandError ? tr(`sip-account.errors.${e.key}`, e.params, e.message) : e instanceof Error ? e.message : String(e);
      node.error(node.configError);
    }
    if (opts !== undefined) {
      node.runtime = new AccountRuntime(opts, {
        createUserAgent: (o) => new UserAgent(o),
        clock: systemClock,
        logger,
        subscribeMwi: def.subscribeMwi === true || def.subscribeMwi === 'true',
        stopTimeoutMs: STOP_TIMEOUT_MS,
        onError: (err) => node.error(tr('sip-account.errors.start', { error: err.message }, `the SIP user agent did not start: ${err.message}`)),
      });
    }
    node.on('close', (_removed: boolean, done: () => void) => {
      const rt = node.runtime;
      if (rt === undefined) {
        done();
        return;
      }
      rt.close().then(
        () => done(),
        (e: unknown) => {
          logger.warn(`close: ${e instanceof Error ? e.message : String(e)}`);
          done();
        },
      );
    });
  }

  /** A catalog message, or the English fallback where no catalog is loaded (test helper). */
  function tr(key: string, params: Record<string, string | number>, fallback: string): string {
    const s = RED._(key, params);
    return s === key || s === '' ? fallback : s;
  }

  /** The editor's TLS fields are file names; the agent wants the PEM text. */
  function readTlsFiles(tls: NonNullable<UserAgentOptions['tls']>): NonNullable<UserAgentOptions['tls']> {
    const out: NonNullable<UserAgentOptions['tls']> = {};
    if (tls.rejectUnauthorized !== undefined) out.rejectUnauthorized = tls.rejectUnauthorized;
    for (const k of ['ca', 'cert', 'key'] as const) {
      const v = tls[k];
      if (v === undefined) continue;
      out[k] = v.includes('-----BEGIN') ? v : fs.readFileSync(v, 'utf8');
    }
    return out;
  }

  RED.nodes.registerType<SipAccountNode, SipAccountDef, object, AccountCredentials>('sip-account', SipAccount, {
    credentials: {
      authUsername: { type: 'text' },
      password: { type: 'password' },
    },
  });
};

import type { Node, NodeAPI } from 'node-red';
import { createAuthenticator, type WebhookAuthConfig } from '../core/http/webhook/auth';
import { createWebhookHandler, type WebhookEndpointOptions } from '../core/http/webhook/handler';
import { isHttpMethod, mountRoute, normaliseUrl, type ExpressLikeApp } from '../core/http/webhook/mount';
import { nodeLogger } from './node-logger';

/** The editor properties every webhook node shares (named as the core `http in` names them). */
export interface WebhookNodeProps {
  url: string;
  method?: string;
  auth?: string;
  secretHeader?: string;
  secretQuery?: string;
  allow?: string;
  /** Body limit in kilobytes. */
  limit?: string | number;
}

export interface WebhookCredentials {
  secret?: string;
  user?: string;
  password?: string;
}

export const webhookCredentialTypes = {
  secret: { type: 'password' as const },
  user: { type: 'text' as const },
  password: { type: 'password' as const },
};

export function authConfig(p: WebhookNodeProps, c: WebhookCredentials | undefined): WebhookAuthConfig {
  switch (p.auth) {
    case 'secret':
      return { kind: 'secret', secret: c?.secret ?? '', header: p.secretHeader || 'x-webhook-secret', queryParam: p.secretQuery || 'secret' };
    case 'basic':
      return { kind: 'basic', user: c?.user ?? '', password: c?.password ?? '' };
    case 'ip':
      return { kind: 'ip', allow: p.allow ?? '' };
    default:
      return { kind: 'none' };
  }
}

/**
 * Mounts a webhook on Node-RED's HTTP server (RED.httpNode: its port, TLS and httpNodeAuth)
 * and returns the function that unmounts it; throws (with a translated message) on bad config.
 */
export function mountWebhook(
  RED: NodeAPI,
  node: Node,
  props: WebhookNodeProps,
  credentials: WebhookCredentials | undefined,
  opts: Omit<WebhookEndpointOptions, 'limit' | 'authenticate' | 'logger'>,
): () => void {
  if (!props.url) throw new Error(RED._('telephony-webhook.errors.no-url'));
  const method = (props.method || 'post').toLowerCase();
  if (!isHttpMethod(method)) throw new Error(RED._('telephony-webhook.errors.bad-method', { method }));
  const app = RED.httpNode as unknown as ExpressLikeApp | undefined;
  if (!app || typeof app.post !== 'function') throw new Error(RED._('telephony-webhook.errors.no-http'));
  const limitKb = Number(props.limit) > 0 ? Number(props.limit) : 1024;
  const handler = createWebhookHandler({
    ...opts,
    limit: limitKb * 1024,
    authenticate: createAuthenticator(authConfig(props, credentials)),
    logger: nodeLogger(node),
  });
  // The settings' httpNodeMiddleware runs before the webhook, as it does before `http in`.
  const mw = (RED.settings as unknown as { httpNodeMiddleware?: unknown }).httpNodeMiddleware;
  const before = (Array.isArray(mw) ? mw : typeof mw === 'function' ? [mw] : []).filter(
    (f): f is (...a: never[]) => void => typeof f === 'function',
  );
  return mountRoute(app, method, normaliseUrl(props.url), handler as (...a: never[]) => void, before);
}

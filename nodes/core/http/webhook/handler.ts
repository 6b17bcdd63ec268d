/**
 * One webhook endpoint's request pipeline, independent of Express and Node-RED:
 * authenticate -> read (size limit) -> parse by content -> hand to the node -> reply once.
 * Every failure is answered (401/403, 400, 413) in the caller's format; nothing is thrown out
 * of the request handler, since an exception there would reach Node-RED's HTTP server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../logger';
import type { Authenticator, AuthResult } from './auth';
import { BodyError, parseBody, readBody, type ParsedBody, type WireFormat } from './body';
import { encodeReply } from './reply';

/** What Express adds to a request, where present. */
export type WebhookHttpRequest = IncomingMessage & {
  query?: Record<string, unknown>;
  ip?: string;
  body?: unknown;
  _body?: boolean;
};

export interface WebhookCall {
  readonly parsed: ParsedBody;
  readonly query: Record<string, string>;
  readonly headers: IncomingMessage['headers'];
  readonly path: string;
  readonly remoteAddress: string | undefined;
  /** True once an answer has gone out. */
  readonly answered: boolean;
  /** Answers in the caller's format; returns false (and sends nothing) if already answered. */
  answer(value: unknown, status?: number): boolean;
}

export interface WebhookEndpointOptions {
  limit: number;
  authenticate: Authenticator;
  /** The body of an error answer in the caller's format (a Voicenter `err`, a VOS3000 `retCode`). */
  errorBody(format: WireFormat, status: number, message: string): unknown;
  onCall(call: WebhookCall): void | Promise<void>;
  onRejected?(status: number, reason: string): void;
  logger: Logger;
}

export function flattenQuery(q: unknown, url: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (q && typeof q === 'object') {
    for (const [k, v] of Object.entries(q as Record<string, unknown>)) {
      const first = Array.isArray(v) ? v[0] : v;
      if (typeof first === 'string') out[k] = first;
    }
    return out;
  }
  const qi = url ? url.indexOf('?') : -1;
  if (url && qi >= 0) for (const [k, v] of new URLSearchParams(url.slice(qi + 1))) if (!(k in out)) out[k] = v;
  return out;
}

function sniffFormat(req: IncomingMessage): WireFormat {
  const ct = String(req.headers['content-type'] ?? '');
  return /xml/i.test(ct) ? 'xmlrpc' : 'json';
}

export function createWebhookHandler(opts: WebhookEndpointOptions) {
  function send(res: ServerResponse, format: WireFormat, value: unknown, status: number, extra?: Record<string, string>) {
    if (res.headersSent || res.writableEnded) return;
    const r = encodeReply(format, value, status);
    res.statusCode = r.status;
    res.setHeader('Content-Type', r.contentType);
    res.setHeader('Content-Length', r.body.length);
    if (extra) for (const [k, v] of Object.entries(extra)) res.setHeader(k, v);
    res.end(r.body);
  }

  function reject(res: ServerResponse, format: WireFormat, status: number, reason: string, extra?: Record<string, string>) {
    opts.onRejected?.(status, reason);
    opts.logger.debug(`webhook rejected ${status}: ${reason}`);
    send(res, format, opts.errorBody(format, status, reason), status, extra);
  }

  return function handle(req: WebhookHttpRequest, res: ServerResponse): void {
    const query = flattenQuery(req.query, req.url);
    const remoteAddress = req.ip ?? req.socket?.remoteAddress;
    const auth: AuthResult = opts.authenticate({ headers: req.headers, query, remoteAddress });
    if (!auth.ok) {
      req.resume();
      reject(res, sniffFormat(req), auth.status, auth.reason, auth.wwwAuthenticate ? { 'WWW-Authenticate': auth.wwwAuthenticate } : undefined);
      return;
    }
    const bodyP: Promise<Buffer | string> =
      req._body && req.body !== undefined
        ? Promise.resolve(typeof req.body === 'string' || Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body))
        : readBody(req, opts.limit);
    bodyP
      .then((body) => parseBody(body, query))
      .then((parsed) => {
        let answered = false;
        const call: WebhookCall = {
          parsed,
          query,
          headers: req.headers,
          path: (req.url ?? '').split('?')[0],
          remoteAddress,
          get answered() {
            return answered;
          },
          answer(value: unknown, status = 200) {
            if (answered) return false;
            answered = true;
            send(res, parsed.format, value, status);
            return true;
          },
        };
        return opts.onCall(call);
      })
      .catch((err: unknown) => {
        if (err instanceof BodyError) {
          const format = err.status === 413 ? sniffFormat(req) : err.format;
          reject(res, format, err.status, err.message, err.status === 413 ? { Connection: 'close' } : undefined);
        } else {
          opts.logger.error(`webhook failed: ${err instanceof Error ? err.message : String(err)}`);
          send(res, sniffFormat(req), opts.errorBody(sniffFormat(req), 500, 'internal error'), 500);
        }
      });
  };
}

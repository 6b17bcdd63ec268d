/**
 * The one HTTP client of the provider nodes: an undici Pool per origin (keep-alive, connect and
 * response timeouts, at most `maxConcurrent` requests on the wire at once, the rest queued),
 * and retries with exponential backoff only where a retry cannot do harm:
 *  - `safe` requests (reads, idempotent admin calls) on network errors and 5xx answers;
 *  - any request whose answer the caller recognises as a rate-limit refusal (`isRateLimited`,
 *    by default HTTP 429), because a refused request was not carried out. Voicenter answers its
 *    limit with a 200 and "Request limit exceeded" in the body (Voicenter API §1, §6), so the
 *    provider code passes its own predicate.
 * A call-starting operation is never `safe` unless the user says so: repeating it after a lost
 * answer would ring someone twice.
 *
 * Status codes >= 400 reject with `HttpError{kind:'http', status, body}` (after any retries).
 * Every timer goes through the injected Clock, so tests drive timeouts and backoff without
 * sleeping.
 */
import { Pool, errors as undiciErrors } from 'undici';
import type { Dispatcher } from 'undici';
import { systemClock, type Clock, type TimerHandle } from '../clock';
import { silentLogger, type Logger } from '../logger';

export interface RetryPolicy {
  /** Total tries, the first one included (1 = never retry). */
  attempts: number;
  /** Delay before the first retry; doubles on each further retry. */
  baseDelayMs: number;
  /** Upper bound of any single delay (also caps a server's Retry-After). */
  maxDelayMs: number;
}

export interface HttpClientOptions {
  /** Scheme, host, port and optional path prefix, e.g. `https://api.voicenter.com/`. */
  baseUrl: string;
  /** Time to establish the TCP/TLS connection. Default 10000. */
  connectTimeoutMs?: number;
  /** Time from sending the request to the whole answer being read. Default 30000. */
  responseTimeoutMs?: number;
  /** Requests on the wire at once (Pool connections, no pipelining). Default 10. */
  maxConcurrent?: number;
  /** Headers sent with every request (a request's own headers win). */
  headers?: Record<string, string>;
  /** Default {attempts: 3, baseDelayMs: 250, maxDelayMs: 5000}. */
  retry?: RetryPolicy;
  clock?: Clock;
  logger?: Logger;
  /** Answers larger than this are refused (hostile or broken servers). Default 64 MiB. */
  maxResponseBytes?: number;
  /** Idle keep-alive time of pooled sockets. Default 30000. */
  keepAliveTimeoutMs?: number;
  /** Source of randomness for backoff jitter, in [0, 1). Default Math.random. */
  random?: () => number;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Joined to the base URL's path ("/a" and "a" both mean below the base). */
  path: string;
  /** Appended as a query string; `undefined` values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** May be retried on network errors and 5xx (reads and idempotent operations only). */
  safe?: boolean;
  /** Recognises a rate-limit refusal; retried with backoff even when not safe. */
  isRateLimited?: (res: HttpResponse) => boolean;
  /** Overrides the client's responseTimeoutMs for this request. */
  timeoutMs?: number;
  /** Overrides the client's retry policy for this request. */
  retry?: RetryPolicy;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text(): string;
}

export type HttpErrorKind =
  | 'timeout' // no (complete) answer within the response timeout
  | 'connect' // the connection could not be made (connect timeout, DNS, unreachable)
  | 'refused' // the server refused the connection (ECONNREFUSED)
  | 'aborted' // the connection broke while the request was in flight, or the answer was too big
  | 'http' // the server answered with a status >= 400
  | 'closed' // the client was closed before the request finished
  | 'rate-limited'; // still refused for rate limiting after every retry

export class HttpError extends Error {
  readonly kind: HttpErrorKind;
  readonly status?: number;
  readonly body?: string;
  /** The request that failed, "METHOD path" (no query: it may carry credentials). */
  readonly request?: string;
  /** How many tries were made. */
  readonly attempts?: number;

  constructor(
    kind: HttpErrorKind,
    message: string,
    extra: { status?: number; body?: string; request?: string; attempts?: number; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'HttpError';
    this.kind = kind;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.body !== undefined) this.body = extra.body;
    if (extra.request !== undefined) this.request = extra.request;
    if (extra.attempts !== undefined) this.attempts = extra.attempts;
  }
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 250, maxDelayMs: 5000 };
/** The part of an error body kept in HttpError.body and messages. */
const ERROR_BODY_CHARS = 2048;

function makeResponse(status: number, headers: Record<string, string | string[] | undefined>, body: Buffer): HttpResponse {
  return { status, headers, body, text: () => body.toString('utf8') };
}

function errorCode(err: unknown): string | undefined {
  if (err && typeof err === 'object' && 'code' in err) {
    const c = (err as { code: unknown }).code;
    return typeof c === 'string' ? c : undefined;
  }
  return undefined;
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3), as milliseconds from now. */
function retryAfterMs(res: HttpResponse, wallNow: number): number | undefined {
  const h = res.headers['retry-after'];
  const v = Array.isArray(h) ? h[0] : h;
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - wallNow);
}

export function buildQuery(query: HttpRequest['query']): string {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    p.append(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export class HttpClient {
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly connectTimeoutMs: number;
  private readonly responseTimeoutMs: number;
  private readonly headers: Record<string, string>;
  private readonly retry: RetryPolicy;
  private readonly maxResponseBytes: number;
  private readonly random: () => number;
  private closed = false;
  /** Everything that must stop when the client closes: in-flight requests and backoff waits. */
  private readonly cancellers = new Set<() => void>();
  readonly origin: string;

  constructor(o: HttpClientOptions) {
    const url = new URL(o.baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new HttpError('connect', `unsupported URL scheme ${url.protocol} in ${url.origin}`);
    }
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.clock = o.clock ?? systemClock;
    this.logger = o.logger ?? silentLogger;
    this.connectTimeoutMs = o.connectTimeoutMs ?? 10000;
    this.responseTimeoutMs = o.responseTimeoutMs ?? 30000;
    this.headers = { ...(o.headers ?? {}) };
    this.retry = o.retry ?? DEFAULT_RETRY;
    this.maxResponseBytes = o.maxResponseBytes ?? 64 * 1024 * 1024;
    this.random = o.random ?? Math.random;
    this.pool = new Pool(this.origin, {
      connections: Math.max(1, o.maxConcurrent ?? 10),
      pipelining: 1,
      connectTimeout: this.connectTimeoutMs,
      // Backstops only: the Clock-driven timer below is the one that normally fires first.
      headersTimeout: this.responseTimeoutMs + 1000,
      bodyTimeout: this.responseTimeoutMs + 1000,
      keepAliveTimeout: o.keepAliveTimeoutMs ?? 30000,
    });
    // A Pool emits connection errors; without a listener nothing else needs them.
    this.pool.on('connectionError', () => {});
  }

  /** The full path and query a request goes to (useful for logs and tests). */
  pathFor(r: Pick<HttpRequest, 'path' | 'query'>): string {
    const rel = r.path.replace(/^\/+/, '');
    return `${this.basePath}/${rel}${buildQuery(r.query)}`;
  }

  async request(r: HttpRequest): Promise<HttpResponse> {
    const label = `${r.method} ${this.basePath}/${r.path.replace(/^\/+/, '')}`;
    if (this.closed) throw new HttpError('closed', `${label}: the HTTP client is closed`, { request: label });
    const policy = r.retry ?? this.retry;
    const attempts = Math.max(1, Math.floor(policy.attempts));
    for (let attempt = 1; ; attempt++) {
      let res: HttpResponse | undefined;
      let failure: HttpError | undefined;
      try {
        res = await this.once(r, label, attempt);
      } catch (err) {
        failure = err instanceof HttpError ? err : new HttpError('aborted', `${label}: ${String(err)}`, { cause: err, request: label });
      }
      if (this.closed) {
        throw failure?.kind === 'closed' ? failure : new HttpError('closed', `${label}: the HTTP client was closed`, { request: label, attempts: attempt });
      }
      if (res) {
        const limited = res.status === 429 || (r.isRateLimited !== undefined && r.isRateLimited(res));
        if (limited) {
          if (attempt < attempts) {
            const wait = this.backoff(policy, attempt, retryAfterMs(res, this.clock.wallNow()));
            this.logger.debug(`${label}: rate limited (HTTP ${res.status}), retry ${attempt}/${attempts - 1} in ${wait} ms`);
            await this.sleep(wait, label);
            continue;
          }
          throw new HttpError('rate-limited', `${label}: refused by the server's rate limit after ${attempt} tries`, {
            status: res.status,
            body: res.text().slice(0, ERROR_BODY_CHARS),
            request: label,
            attempts: attempt,
          });
        }
        if (res.status >= 500 && r.safe && attempt < attempts) {
          const wait = this.backoff(policy, attempt, undefined);
          this.logger.debug(`${label}: HTTP ${res.status}, retry ${attempt}/${attempts - 1} in ${wait} ms`);
          await this.sleep(wait, label);
          continue;
        }
        if (res.status >= 400) {
          const body = res.text().slice(0, ERROR_BODY_CHARS);
          throw new HttpError('http', `${label}: HTTP ${res.status}${body ? `: ${body.slice(0, 200)}` : ''}`, {
            status: res.status,
            body,
            request: label,
            attempts: attempt,
          });
        }
        return res;
      }
      const f = failure as HttpError;
      if (r.safe && attempt < attempts && f.kind !== 'closed') {
        const wait = this.backoff(policy, attempt, undefined);
        this.logger.debug(`${label}: ${f.kind} (${f.message}), retry ${attempt}/${attempts - 1} in ${wait} ms`);
        await this.sleep(wait, label);
        continue;
      }
      throw f;
    }
  }

  /** Stops everything: in-flight requests and pending retries reject with kind 'closed'. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const cancel of [...this.cancellers]) cancel();
    this.cancellers.clear();
    try {
      await this.pool.destroy();
    } catch {
      // Destroying an already destroyed pool is not an error worth reporting on close.
    }
  }

  /** Exponential backoff with equal jitter: half fixed, half random, never above maxDelayMs. */
  private backoff(p: RetryPolicy, attempt: number, serverHint: number | undefined): number {
    const exp = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (attempt - 1));
    const jittered = Math.round(exp / 2 + (exp / 2) * this.random());
    return serverHint !== undefined ? Math.min(p.maxDelayMs, Math.max(serverHint, jittered)) : jittered;
  }

  private sleep(ms: number, label: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let handle: TimerHandle | undefined = undefined;
      const cancel = () => {
        this.clock.clearTimeout(handle);
        this.cancellers.delete(cancel);
        reject(new HttpError('closed', `${label}: the HTTP client was closed during a retry wait`, { request: label }));
      };
      handle = this.clock.setTimeout(() => {
        this.cancellers.delete(cancel);
        resolve();
      }, ms);
      this.cancellers.add(cancel);
    });
  }

  private async once(r: HttpRequest, label: string, attempt: number): Promise<HttpResponse> {
    const timeoutMs = r.timeoutMs ?? this.responseTimeoutMs;
    const ac = new AbortController();
    let why: 'timeout' | 'closed' | 'toolarge' | undefined;
    const timer = this.clock.setTimeout(() => {
      why = 'timeout';
      ac.abort();
    }, timeoutMs);
    const cancel = () => {
      why = 'closed';
      ac.abort();
    };
    this.cancellers.add(cancel);
    const headers: Record<string, string> = { ...this.headers, ...(r.headers ?? {}) };
    const opts: Dispatcher.RequestOptions = {
      origin: this.origin,
      path: this.pathFor(r),
      method: r.method,
      headers,
      signal: ac.signal,
      headersTimeout: timeoutMs + 1000,
      bodyTimeout: timeoutMs + 1000,
    };
    if (r.body !== undefined) opts.body = r.body;
    try {
      const res = await this.pool.request(opts);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        const b = chunk as Buffer;
        size += b.length;
        if (size > this.maxResponseBytes) {
          why = 'toolarge';
          ac.abort();
          break;
        }
        chunks.push(b);
      }
      if (why === 'toolarge') {
        throw new HttpError('aborted', `${label}: answer larger than ${this.maxResponseBytes} bytes`, { request: label, attempts: attempt });
      }
      return makeResponse(res.statusCode, res.headers, Buffer.concat(chunks));
    } catch (err) {
      if (err instanceof HttpError) throw err;
      throw this.classify(err, why, label, timeoutMs, attempt);
    } finally {
      this.clock.clearTimeout(timer);
      this.cancellers.delete(cancel);
    }
  }

  private classify(err: unknown, why: string | undefined, label: string, timeoutMs: number, attempt: number): HttpError {
    const extra = { cause: err, request: label, attempts: attempt };
    if (why === 'timeout') return new HttpError('timeout', `${label}: no answer within ${timeoutMs} ms`, extra);
    if (why === 'closed' || this.closed) return new HttpError('closed', `${label}: the HTTP client was closed`, extra);
    const code = errorCode(err);
    const detail = err instanceof Error ? err.message : String(err);
    switch (code) {
      case 'ECONNREFUSED':
        return new HttpError('refused', `${label}: connection refused by ${this.origin}`, extra);
      case 'UND_ERR_CONNECT_TIMEOUT':
        return new HttpError('connect', `${label}: could not connect to ${this.origin} within ${this.connectTimeoutMs} ms`, extra);
      case 'UND_ERR_HEADERS_TIMEOUT':
      case 'UND_ERR_BODY_TIMEOUT':
        return new HttpError('timeout', `${label}: no answer within ${timeoutMs} ms`, extra);
      case 'UND_ERR_CLOSED':
      case 'UND_ERR_DESTROYED':
        return new HttpError('closed', `${label}: the HTTP client was closed`, extra);
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
      case 'ETIMEDOUT':
        return new HttpError('connect', `${label}: could not connect to ${this.origin} (${code})`, extra);
      default:
        if (err instanceof undiciErrors.UndiciError || code === 'ECONNRESET' || code === 'EPIPE') {
          return new HttpError('aborted', `${label}: the connection broke (${code ?? detail})`, extra);
        }
        return new HttpError('aborted', `${label}: ${detail}`, extra);
    }
  }
}

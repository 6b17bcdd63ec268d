/**
 * Voicenter operations end to end: table -> validate -> encode (GET / POST form / JSON) ->
 * HttpClient -> decode (XML-RPC, JSON, JS literal) -> {ok, code, message, data}.
 * Hosts (each its own HttpClient, i.e. its own pool): `api` (click2call, dialer), `monitor`
 * (§7, §8), `cdr` (call log §3), `login` (§10).
 */
import type { HttpClient, HttpRequest, HttpResponse } from '../../http/client';
import { DecodeError, decodeAnswer, getCI, isRecord, numberish } from '../../http/decode';
import {
  formEncode,
  toPairs,
  validate,
  ValidationError,
  type OperationSpec,
  type ParamValue,
  type ValidatedRequest,
  type WireEncoding,
  coerce,
} from '../operation';
import type { ProviderOutcome, ProviderResult, ResultCode } from '../result';
import { voicenterCallLog } from './calllog';
import { voicenterClick2Call } from './click2call';
import { BULK_ITEM, voicenterDialer } from './dialer';
import { LOGIN_STATUS, voicenterLogin } from './login';
import { voicenterMonitor } from './monitor';

export type VoicenterHost = 'api' | 'monitor' | 'cdr' | 'login';

/** The documented base URLs (§1.1, §3, §7, §10). */
export const VOICENTER_DEFAULT_URLS: Record<VoicenterHost, string> = {
  api: 'https://api.voicenter.co.il',
  monitor: 'https://monitor.voicenter.co.il',
  cdr: 'https://api1.voicenter.co.il',
  login: 'http://betaapi.voicenter.co.il',
};

export const voicenterOperations: readonly OperationSpec[] = [
  ...voicenterClick2Call,
  ...voicenterDialer,
  ...voicenterCallLog,
  ...voicenterMonitor,
  ...voicenterLogin,
];

export function voicenterOperation(name: string): OperationSpec | undefined {
  return voicenterOperations.find((o) => o.name.toLowerCase() === name.toLowerCase());
}

/** Voicenter refuses over-eager clients with "Request limit exceeded" (§3 error 1), HTTP 200. */
export function voicenterRateLimited(res: HttpResponse): boolean {
  // A byte search first, so ordinary answers are not scanned by a regular expression.
  return res.body.length < 4096 && (res.body.includes('xceeded') || res.body.includes('XCEEDED')) && /request limit exceeded/i.test(res.text());
}

const JSON_HEADERS: Record<string, string> = Object.freeze({
  'content-type': 'application/json; charset=utf-8',
  accept: 'application/json, text/javascript, */*',
}) as Record<string, string>;
const FORM_HEADERS: Record<string, string> = Object.freeze({
  'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
}) as Record<string, string>;

export interface RunOptions {
  /** Wire encoding; the operation's first documented one when not given. */
  encoding?: WireEncoding;
  /** The user explicitly allows retrying an operation that starts calls. */
  retryUnsafe?: boolean;
  timeoutMs?: number;
  /** AddCallsBulk: items per request (default 500). */
  bulkSize?: number;
}

export class VoicenterApi {
  constructor(
    private readonly code: string,
    private readonly client: (host: VoicenterHost) => HttpClient,
  ) {}

  /** Validates and runs one operation; rejects with ValidationError before sending anything. */
  async run(opName: string, input: Record<string, unknown>, options: RunOptions = {}): Promise<ProviderOutcome> {
    const op = voicenterOperation(opName);
    if (!op) throw new ValidationError(opName, [{ param: 'operation', problem: 'enum', message: `unknown Voicenter operation "${opName}"` }]);
    if (op.name === 'AddCallsBulk') return this.addCallsBulk(op, input, options);
    const v = validate(op, this.withConfig(op, input));
    const encoding = this.encodingFor(op, options.encoding);
    const res = await this.client(op.host as VoicenterHost).request(this.buildRequest(v, encoding, options));
    return this.decode(op, res, v);
  }

  private withConfig(op: OperationSpec, input: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...input };
    for (const p of op.params) if (p.fromConfig) out[p.name] = this.code;
    return out;
  }

  private encodingFor(op: OperationSpec, wanted: WireEncoding | undefined): WireEncoding {
    if (wanted && op.encodings.includes(wanted)) return wanted;
    return op.encodings[0] as WireEncoding;
  }

  buildRequest(v: ValidatedRequest, encoding: WireEncoding, options: RunOptions = {}): HttpRequest {
    const op = v.op;
    // Built as one literal (no spreads): this runs once per dialer call (bench/dialer.bench.js).
    const req: HttpRequest = {
      method: 'POST',
      path: op.path,
      safe: op.safe || (options.retryUnsafe === true && op.startsCall === true),
      isRateLimited: voicenterRateLimited,
    };
    if (options.timeoutMs) req.timeoutMs = options.timeoutMs;
    if (encoding === 'JSON') {
      req.headers = JSON_HEADERS;
      req.body = JSON.stringify(jsonBody(v));
      return req;
    }
    const qs = formEncode(toPairs(flatParams(v), v.custom));
    if (encoding === 'GET') {
      // Repeated keys (phones=…&phones=…) do not fit a record: encode them into the path.
      req.method = 'GET';
      if (qs) req.path = `${op.path}?${qs}`;
      return req;
    }
    req.headers = FORM_HEADERS;
    req.body = qs;
    return req;
  }

  private async decode(op: OperationSpec, res: HttpResponse, v?: ValidatedRequest): Promise<ProviderOutcome> {
    const text = res.text();
    if (op.name === 'GetCallLog' && v?.params['format'] === 'HTML') {
      return { result: { ok: true, code: 0, message: 'OK', data: text }, raw: text };
    }
    let raw: unknown;
    try {
      raw = await decodeAnswer(text);
    } catch (err) {
      if (err instanceof DecodeError) throw new DecodeError(`Voicenter ${op.name}: ${err.message}`, text);
      throw err;
    }
    return { result: normalise(op, raw), raw };
  }

  /** §6.11: JSON only; a large list is split into requests of `bulkSize`, results merged. */
  private async addCallsBulk(op: OperationSpec, input: Record<string, unknown>, options: RunOptions): Promise<ProviderOutcome> {
    const v = validate(op, input);
    const calls = v.params['Calls'] as unknown[];
    const defaultCampaign = v.params['Campaign'];
    const items = calls.map((c, i) => bulkItem(c, i, defaultCampaign));
    const size = Math.max(1, Math.floor(options.bulkSize ?? 500));
    const batches: { from: number; to: number; ok: boolean; code: ResultCode; message: string }[] = [];
    const raws: unknown[] = [];
    for (let from = 0; from < items.length; from += size) {
      const chunk = items.slice(from, from + size);
      const res = await this.client('api').request({
        method: 'POST',
        path: op.path,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(chunk),
        safe: options.retryUnsafe === true,
        isRateLimited: voicenterRateLimited,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
      const out = await this.decode(op, res);
      raws.push(out.raw);
      batches.push({ from, to: from + chunk.length - 1, ok: out.result.ok, code: out.result.code, message: out.result.message });
      // Stop at the first refused batch: later ones would likely fail the same way, and the
      // flow learns exactly which items were not added.
      if (!out.result.ok) break;
    }
    const failed = batches.find((b) => !b.ok);
    const added = batches.filter((b) => b.ok).reduce((n, b) => n + (b.to - b.from + 1), 0);
    const result: ProviderResult = {
      ok: !failed,
      code: failed ? failed.code : 0,
      message: failed ? `${failed.message} (items ${failed.from}-${failed.to})` : 'OK',
      data: { total: items.length, added, notSent: items.length - added - (failed ? failed.to - failed.from + 1 : 0), batches },
    };
    return { result, raw: raws };
  }
}

/** The JSON body: parameters, `CustomData` for var_* (§6.1), structures rebuilt as documented. */
function jsonBody(v: ValidatedRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const p = v.params;
  switch (v.op.name) {
    case 'GetCallLog': {
      // §3 JSON example: {code, format, fields, search: {fromdate, todate, phones, ...}}.
      body['code'] = p['code'];
      body['format'] = p['format'];
      if (p['fields']) body['fields'] = p['fields'];
      const search: Record<string, unknown> = {};
      for (const k of ['fromdate', 'todate', 'phones', 'extensions', 'IdentityCriteria']) {
        if (p[k] !== undefined) search[k] = k.endsWith('date') ? voicenterTime(p[k] as ParamValue) : p[k];
      }
      body['search'] = search;
      return body;
    }
    case 'ConfigureIvrCampaign': {
      body['Campaign'] = p['Campaign'];
      const strategy: Record<string, unknown> = { ...((p['ConcurrentStrategy'] as Record<string, unknown> | undefined) ?? {}) };
      if (p['setMaxCalls'] !== undefined) strategy['setMaxCalls'] = p['setMaxCalls'];
      if (Object.keys(strategy).length) body['ConcurrentStrategy'] = strategy;
      if (p['RepresentativeList'] !== undefined) body['RepresentativeList'] = p['RepresentativeList'];
      return body;
    }
    default:
      for (const [k, val] of Object.entries(p)) body[k] = val instanceof Date ? voicenterTime(val) : val;
      if (Object.keys(v.custom).length) body['CustomData'] = { ...v.custom };
      return body;
  }
}

/** GET/POST parameters: search keys flattened (§3 GET example uses `extension=`). */
function flatParams(v: ValidatedRequest): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [k, val] of Object.entries(v.params)) {
    if (v.op.name === 'GetCallLog' && k === 'extensions') out['extension'] = val;
    else if (v.op.name === 'GetCallLog' && k.endsWith('date')) out[k] = voicenterTime(val);
    else if (v.op.name === 'ConfigureIvrCampaign' && k === 'ConcurrentStrategy') out[k] = JSON.stringify(val);
    else out[k] = val;
  }
  return out;
}

/** §3 dates: `2014-11-18T16:31`, local time; text is sent as the user wrote it. */
export function voicenterTime(v: ParamValue): string {
  if (!(v instanceof Date)) return String(v);
  const z = (n: number) => String(n).padStart(2, '0');
  return `${v.getFullYear()}-${z(v.getMonth() + 1)}-${z(v.getDate())}T${z(v.getHours())}:${z(v.getMinutes())}`;
}

function bulkItem(c: unknown, index: number, defaultCampaign: ParamValue | undefined): Record<string, unknown> {
  if (!isRecord(c)) {
    throw new ValidationError('AddCallsBulk', [{ param: `Calls[${index}]`, problem: 'type', message: `Calls[${index}]: expected an object` }]);
  }
  const item: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  const problems: { param: string; problem: 'missing' | 'type'; message: string }[] = [];
  const lower = new Map(Object.keys(c).map((k) => [k.toLowerCase(), k]));
  for (const spec of BULK_ITEM) {
    let key: string | undefined;
    for (const n of [spec.name, ...(spec.aliases ?? [])]) {
      key = lower.get(n.toLowerCase());
      if (key) break;
    }
    const raw = key !== undefined ? c[key] : spec.name === 'Campaign' ? defaultCampaign : undefined;
    if (raw === undefined || raw === null || raw === '') {
      if (spec.required) problems.push({ param: `Calls[${index}].${spec.name}`, problem: 'missing', message: `Calls[${index}].${spec.name} is required` });
      continue;
    }
    const r = coerce(spec, raw);
    if (r.ok) item[spec.name] = r.value;
    else problems.push({ param: `Calls[${index}].${spec.name}`, problem: 'type', message: `Calls[${index}].${spec.name}: ${r.why}` });
  }
  for (const [k, val] of Object.entries(c)) {
    if (k.toLowerCase().startsWith('var_')) custom[k] = val;
    else if (k.toLowerCase() === 'customdata' && isRecord(val)) Object.assign(custom, val);
  }
  if (problems.length) throw new ValidationError('AddCallsBulk', problems);
  if (Object.keys(custom).length) item['CustomData'] = custom;
  return item;
}

function text(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

/** One vendor answer into {ok, code, message, data}; each API family names its fields its own way. */
export function normalise(op: OperationSpec, raw: unknown): ProviderResult {
  if (!isRecord(raw)) throw new DecodeError(`Voicenter ${op.name}: expected an object in the answer`, JSON.stringify(raw) ?? '');
  if ('faultCode' in raw || 'faultString' in raw) {
    return { ok: false, code: numberish(raw['faultCode']) as ResultCode, message: text(raw['faultString']), data: null };
  }
  const meaning = (c: ResultCode) => op.errors?.[String(c)] ?? '';
  const pick = (codeKey: string, msgKey: string, data: (o: Record<string, unknown>) => unknown): ProviderResult => {
    const c = getCI(raw, codeKey);
    if (c === undefined) throw new DecodeError(`Voicenter ${op.name}: the answer has no ${codeKey}`, JSON.stringify(raw));
    const code = numberish(c) as ResultCode;
    const ok = code === 0;
    const message = text(getCI(raw, msgKey)) || meaning(code);
    return { ok, code, message, data: data(raw) };
  };
  switch (op.host) {
    case 'monitor': {
      return pick('ERR', 'DESC', (o) => {
        const rest: Record<string, unknown> = {};
        for (const [k, val] of Object.entries(o)) if (!['ERR', 'DESC'].includes(k.toUpperCase())) rest[k] = val;
        return rest;
      });
    }
    case 'cdr':
      return pick('ERROR_NUMBER', 'ERROR_DESCRIPTION', (o) => getCI(o, 'CDR_LIST') ?? []);
    case 'login': {
      // §10: Status 1 = ok; StatusError is a string carrying numbers.
      const s = getCI(raw, 'Status');
      if (s === undefined) throw new DecodeError(`Voicenter ${op.name}: the answer has no Status`, JSON.stringify(raw));
      const code = numberish(s) as ResultCode;
      const statusError = getCI(raw, 'StatusError');
      const message = text(getCI(raw, 'StatusErrorMessage')) || LOGIN_STATUS[String(code) as keyof typeof LOGIN_STATUS] || '';
      return { ok: code === 1, code, message, data: { status: code, statusError: numberish(statusError) ?? null } };
    }
    default:
      if (op.path.includes('click2call')) {
        return pick('ERRORCODE', 'ERRORMESSAGE', (o) => ({ callId: text(getCI(o, 'CALLID')) }));
      }
      return pick('ErrorCode', 'Description', (o) => getCI(o, 'Data') ?? null);
  }
}

/** The call-log fetch for `cdr-in` polling: one request, the CDR list or a ProviderError. */
export async function fetchVoicenterCallLog(
  api: VoicenterApi,
  query: { fromdate: Date | string; todate: Date | string; phones?: string[]; extensions?: string[]; fields?: string[]; IdentityCriteria?: string },
  options: RunOptions = {},
): Promise<ProviderOutcome<unknown[]>> {
  const out = await api.run('GetCallLog', { ...query }, options);
  const list = Array.isArray(out.result.data) ? out.result.data : [];
  return { result: { ...out.result, data: list }, raw: out.raw };
}

/**
 * iexpbx operations end to end. Credentials travel in the query string (the only way the API
 * offers), so request paths are never logged by this module.
 */
import type { HttpClient, HttpResponse } from '../../http/client';
import { DecodeError, getCI, isRecord, parseDuration, parseJsonTolerant, unwrapSingleton } from '../../http/decode';
import { formEncode, toPairs, validate, ValidationError, type ParamValue } from '../operation';
import type { ProviderOutcome, ProviderResult } from '../result';
import { iexpbxOperation } from './operations';

export interface IexpbxRunOptions {
  retryUnsafe?: boolean;
  timeoutMs?: number;
}

export interface IexpbxCdr {
  id: string;
  calldate: string;
  /** calldate "03.09.2019 12:30:38" read as local time, ISO 8601; undefined if unreadable. */
  time: string | undefined;
  calltype: string;
  src: string;
  dst: string;
  duration: string;
  /** "85,6972" (decimal comma) as seconds. */
  durationSeconds: number | undefined;
  disposition: string;
  queue: string;
  record: boolean;
  /** Custom data of IVR calls; the example calls it `userfield`, the definitions `uf`. */
  userfield: string | undefined;
}

export class IexpbxApi {
  constructor(
    private readonly username: string,
    private readonly password: string,
    private readonly client: HttpClient,
  ) {}

  async run(opName: string, input: Record<string, unknown>, options: IexpbxRunOptions = {}): Promise<ProviderOutcome> {
    const op = iexpbxOperation(opName);
    if (!op) throw new ValidationError(opName, [{ param: 'operation', problem: 'enum', message: `unknown iexpbx operation "${opName}"` }]);
    const v = validate(op, { ...input, username: this.username, password: this.password });
    const params: Record<string, ParamValue> = {};
    for (const [k, val] of Object.entries(v.params)) {
      if ((k === 'date1' || k === 'date2') && op.name === 'cdr') params[k] = iexpbxTime(val);
      else if (k === 'uf' && op.name === 'cdr') {
        if (val === true) params[k] = 'yes';
      } else if (k === 'file' && Array.isArray(val)) params[k] = val.join('|');
      else params[k] = val;
    }
    const qs = formEncode(toPairs(params));
    const res = await this.client.request({
      method: 'GET',
      path: `${op.path}?${qs}`,
      safe: op.safe || (options.retryUnsafe === true && op.startsCall === true),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    if (op.name === 'record') return decodeRecording(res);
    if (op.name === 'phonedirectory') return decodeDirectory(res);
    return decodeResult(op.name, res);
  }
}

/** ddMMyyyyHHmm (the document writes hh, but its sample 1500 is a 24-hour time). */
export function iexpbxTime(v: ParamValue): string {
  let d: Date;
  if (v instanceof Date) d = v;
  else if (typeof v === 'string' && /^\d{12}$/.test(v)) return v;
  else if (typeof v === 'string' || typeof v === 'number') d = new Date(v);
  else return String(v);
  if (Number.isNaN(d.getTime())) return String(v);
  const z = (n: number) => String(n).padStart(2, '0');
  return `${z(d.getDate())}${z(d.getMonth() + 1)}${d.getFullYear()}${z(d.getHours())}${z(d.getMinutes())}`;
}

function truthy(v: unknown): boolean {
  return v === true || v === 1 || (typeof v === 'string' && ['true', '1', 'yes'].includes(v.trim().toLowerCase()));
}

const FAILURE_WORDS = /\b(error|fail(ed|ure)?|invalid|denied|unauthori[sz]ed|wrong|not found)\b/i;

/** {success, count, data} (in its one-element array), or an undocumented plain answer. */
export function decodeResult(operation: string, res: HttpResponse): ProviderOutcome {
  const text = res.text().trim();
  let raw: unknown;
  try {
    raw = parseJsonTolerant(text);
  } catch (err) {
    // The call-starting and hang-up results are undocumented: plain text is taken at its word.
    const looksJson = text.startsWith('[') || text.startsWith('{');
    if (looksJson || !text || operation === 'activecalls' || operation === 'cdr' || operation === 'users' || operation === 'queues') {
      if (err instanceof DecodeError) throw new DecodeError(`iexpbx ${operation}: ${err.message}`, text);
      throw err;
    }
    const ok = !FAILURE_WORDS.test(text);
    return { result: { ok, code: ok ? 0 : 1, message: text.slice(0, 200), data: text }, raw: text };
  }
  const top = unwrapSingleton(raw);
  if (!isRecord(top) || getCI(top, 'success') === undefined) {
    if (['hangupcall', 'callnumber', 'callivr', 'callback'].includes(operation)) {
      return { result: { ok: true, code: 0, message: 'OK', data: top }, raw };
    }
    throw new DecodeError(`iexpbx ${operation}: the answer has no "success" field`, text);
  }
  const ok = truthy(getCI(top, 'success'));
  const message = String(getCI(top, 'message', 'msg', 'error', 'description') ?? (ok ? 'OK' : 'failed'));
  let data = getCI(top, 'data') ?? [];
  if (Array.isArray(data) && operation === 'cdr') data = data.map(normaliseCdr);
  if (Array.isArray(data) && operation === 'activecalls') {
    data = data.map((c) => (isRecord(c) ? { ...c, durationSeconds: parseDuration(c['duration']) } : c));
  }
  const result: ProviderResult = { ok, code: ok ? 0 : 1, message, data };
  return { result, raw };
}

/** "03.09.2019 12:30:38" -> local time as ISO 8601. */
function iexpbxDate(s: unknown): string | undefined {
  if (typeof s !== 'string') return undefined;
  const m = /^(\d{2})\.(\d{2})\.(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s.trim());
  if (!m) return undefined;
  const d = new Date(Number(m[3]), Number(m[2]) - 1, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function normaliseCdr(c: unknown): IexpbxCdr | unknown {
  if (!isRecord(c)) return c;
  const s = (k: string) => (c[k] === undefined || c[k] === null ? '' : String(c[k]));
  const uf = c['userfield'] ?? c['uf'];
  return {
    id: s('id'),
    calldate: s('calldate'),
    time: iexpbxDate(c['calldate']),
    calltype: s('calltype'),
    src: s('src'),
    dst: s('dst'),
    duration: s('duration'),
    durationSeconds: parseDuration(c['duration']),
    disposition: s('disposition'),
    queue: s('queue'),
    record: truthy(c['record']),
    userfield: uf === undefined || uf === null ? undefined : String(uf),
  };
}

/** A recording is audio (GSM); a JSON or empty answer is the server saying no. */
function decodeRecording(res: HttpResponse): ProviderOutcome {
  const ct = String(res.headers['content-type'] ?? '');
  const head = res.body.subarray(0, 1).toString('latin1');
  if (/json|text\/html/i.test(ct) || head === '[' || head === '{' || res.body.length === 0) {
    if (res.body.length === 0) return { result: { ok: false, code: 1, message: 'empty recording', data: null }, raw: '' };
    try {
      return decodeResult('record', res);
    } catch {
      return { result: { ok: false, code: 1, message: res.text().slice(0, 200), data: null }, raw: res.text() };
    }
  }
  return { result: { ok: true, code: 0, message: 'OK', data: res.body }, raw: res.body };
}

/**
 * The phone book is "XML" but the printed sample lost its markup (AMBIGUITIES 20): accept XML
 * (leaf elements grouped into entries) and plain lines (name, number, name, number…).
 */
export function decodeDirectory(res: HttpResponse): ProviderOutcome {
  const text = res.text();
  const entries: Record<string, string>[] = [];
  if (/<[A-Za-z]/.test(text)) {
    let cur: Record<string, string> = {};
    const re = /<([A-Za-z_][\w.-]*)[^>]*>([^<]*)<\/\1\s*>/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const key = (m[1] as string).toLowerCase();
      const val = decodeEntities((m[2] as string).trim());
      if (key in cur) {
        entries.push(cur);
        cur = {};
      }
      cur[key] = val;
    }
    if (Object.keys(cur).length) entries.push(cur);
  } else {
    const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    for (let i = 0; i + 1 < lines.length; i += 2) entries.push({ name: lines[i] as string, number: lines[i + 1] as string });
  }
  return { result: { ok: true, code: 0, message: 'OK', data: entries }, raw: text };
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** The CDR fetch for `cdr-in` polling. */
export async function fetchIexpbxCdr(
  api: IexpbxApi,
  query: { date1: Date | string; date2: Date | string; number?: string; uf?: boolean },
  options: IexpbxRunOptions = {},
): Promise<ProviderOutcome<IexpbxCdr[]>> {
  const out = await api.run('cdr', { ...query }, options);
  const list = Array.isArray(out.result.data) ? (out.result.data as IexpbxCdr[]) : [];
  return { result: { ...out.result, data: list }, raw: out.raw };
}

/**
 * Webhook bodies: read with a size limit, recognised by their content rather than their
 * Content-Type (VOS3000 posts JSON as `text/html;charset=UTF-8`, VOS3000 doc §1), and parsed
 * into one shape whatever the wire format was.
 */
import type { Readable } from 'node:stream';
import { parseMethodCall, XmlRpcParseError } from '../xmlrpc-codec';
import { isStruct, type XmlRpcValue } from '../xmlrpc-value';
import { parseJsonTolerant } from './json-tolerant';

/** How the caller spoke, so the reply goes back the same way. */
export type WireFormat = 'xmlrpc' | 'json' | 'form' | 'query';

export interface ParsedBody {
  format: WireFormat;
  /** XML-RPC methodName, or METHOD of a Voicenter JSON envelope `{METHOD, DATA}`. */
  method?: string;
  /** The record: the first XML-RPC param, the envelope's DATA, the JSON body, the form fields. */
  data: unknown;
  /** The whole XML-RPC param list or JSON body, for `msg.raw`. */
  raw: unknown;
}

export class BodyError extends Error {
  override readonly name = 'BodyError';
  constructor(
    message: string,
    /** HTTP status to answer with: 400 malformed, 413 too large. */
    readonly status: 400 | 413,
    /** The format the caller seemed to use, to answer in it. */
    readonly format: WireFormat,
  ) {
    super(message);
  }
}

/** Reads a request body into one Buffer, refusing more than `limit` bytes. */
export function readBody(req: Readable & { headers?: Record<string, unknown> }, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers?.['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume(); // drain, so the connection can carry the 413
      reject(new BodyError(`body of ${declared} bytes exceeds the limit of ${limit}`, 413, 'json'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer | string) => {
      if (failed) return;
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += b.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(new BodyError(`body exceeds the limit of ${limit} bytes`, 413, 'json'));
        return;
      }
      chunks.push(b);
    });
    req.on('end', () => {
      if (!failed) resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    });
    req.on('error', (err: Error) => {
      if (!failed) {
        failed = true;
        reject(err);
      }
    });
  });
}

const doctypeRe = /<!(DOCTYPE|ENTITY)/i;

/**
 * Parses a body by what it looks like: `<` is XML-RPC, `{`/`[` JSON, anything else a form;
 * an empty body is the query string alone (iexpbx's webhooks are GETs with parameters).
 */
export function parseBody(
  body: Buffer | string,
  query: Record<string, string>,
): ParsedBody | Promise<ParsedBody> {
  let text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  const first = text[i];
  if (first === undefined) {
    return { format: 'query', data: { ...query }, raw: { ...query } };
  }
  if (first === '<') {
    // No DTD at all: entity expansion (billion laughs) and external entities (XXE) both need
    // one, and XML-RPC never uses one.
    if (doctypeRe.test(text)) throw new BodyError('DOCTYPE and ENTITY declarations are not accepted', 400, 'xmlrpc');
    const call = parseMethodCall(text);
    if (call instanceof Promise) {
      return call.then(fromCall, (err: unknown) => {
        throw new BodyError(err instanceof XmlRpcParseError ? err.message : String(err), 400, 'xmlrpc');
      });
    }
    return fromCall(call);
  }
  if (first === '{' || first === '[') {
    let value: unknown;
    try {
      value = parseJsonTolerant(text);
    } catch (err) {
      throw new BodyError(`malformed JSON: ${(err as Error).message}`, 400, 'json');
    }
    if (isRecord(value) && typeof value.METHOD === 'string' && 'DATA' in value) {
      return { format: 'json', method: value.METHOD, data: value.DATA, raw: value };
    }
    return { format: 'json', data: value, raw: value };
  }
  const form = Object.fromEntries(new URLSearchParams(text));
  const merged: Record<string, string> = { ...query, ...form };
  return { format: 'form', data: merged, raw: merged };
}

function fromCall(call: { methodName: string; params: XmlRpcValue[] }): ParsedBody {
  const first = call.params[0];
  return {
    format: 'xmlrpc',
    method: call.methodName.trim(),
    data: call.params.length === 1 ? first : call.params,
    raw: isStruct(first) && call.params.length === 1 ? first : call.params,
  };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
